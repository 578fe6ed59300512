#!/usr/bin/env python
"""Benchmark a burst of MedCom HospitalNotifications on PostgreSQL: 1,000 admissions (STIN) posted one after the
other to ``POST /api/v1/fhir/hospital-notification`` through the whole stack (token authentication, parsing,
validation with fhir.resources, the course admitted through admissions' services, the inbound log), beside a
trivial request (``GET /healthz``) measured in the same run.

Usage (from the repository root; a throwaway database ``test_<name>`` is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sundhedsaftale .venv/bin/python bench/medcom_bench.py

Prints p50, p95 and max per message and the total time of the burst; the target is p95 <= 200 ms.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import json
import os
import platform
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")
os.environ.setdefault("API_USER_RATE", "1000000/min")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from admissions.models import Course  # noqa: E402
from medcom.demo import example_receivers_register  # noqa: E402
from medcom.models import InboundMessage  # noqa: E402
from sundhedsaftale.access.tokens import token_issue  # noqa: E402
from sundhedsaftale.organisations.services import member_create  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "medcom" / "data" / "hospitalnotification" / "HospitalNotification_Ex_STIN_A.json"
URL = "/api/v1/fhir/hospital-notification"


def bundles(count: int) -> list[str]:
    """``count`` admissions of different citizens, each with its own message and episode-of-care id."""
    template = json.loads(EXAMPLE.read_text())
    out = []
    for i in range(count):
        bundle = copy.deepcopy(template)
        message_id = str(uuid.uuid4())
        for entry in bundle["entry"]:
            resource = entry["resource"]
            kind = resource["resourceType"]
            if kind == "MessageHeader":
                old_id, resource["id"] = resource["id"], message_id
                entry["fullUrl"] = entry["fullUrl"].replace(old_id, message_id)
            elif kind == "Patient":
                resource["identifier"][0]["value"] = f"0101{50 + i // 9000:02d}{1000 + i % 9000:04d}"
            elif kind == "Encounter":
                resource["episodeOfCare"][0]["identifier"]["value"] = str(uuid.uuid4())
            elif kind == "Provenance":
                resource["target"] = [{"reference": f"MessageHeader/{message_id}"}]
        out.append(json.dumps(bundle))
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:<46} n={len(ms):>5}  p50 {statistics.median(ms):7.1f} ms  p95 {percentile(ms, 0.95):7.1f} ms  "
        f"max {max(ms):7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=1_000)
    parser.add_argument("--profile", action="store_true", help="print where the burst's time goes (cProfile)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/medcom_bench.py needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        from django.core.management import call_command

        call_command("load_reference_data", verbosity=0)
        example_receivers_register()
        user = member_create(
            username="eoj-aarhus", password=uuid.uuid4().hex, organisation_code="751", role="integration"
        )
        client = Client(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
        payloads = bundles(args.messages)
        client.get("/healthz")  # warm-up: connection, caches, the FHIR models' first validation
        trivial, posted = [], []
        profiler = cProfile.Profile() if args.profile else None
        if profiler is not None:
            profiler.enable()
        started = time.perf_counter()
        for body in payloads:
            before = time.perf_counter()
            response = client.post(URL, data=body, content_type="application/fhir+json")
            posted.append(time.perf_counter() - before)
            assert response.status_code == 200, response.content[:500]
            before = time.perf_counter()
            client.get("/healthz")
            trivial.append(time.perf_counter() - before)
        total = time.perf_counter() - started - sum(trivial)
        if profiler is not None:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        assert Course.objects.count() >= args.messages
        assert InboundMessage.objects.filter(outcome="applied").count() == args.messages
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        print(
            f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
            f"Python {platform.python_version()} · PostgreSQL {server}"
        )
        print(summary("GET /healthz (trivial request)", trivial))
        print(summary("POST hospital-notification (STIN, admitted)", posted))
        print(
            f"burst of {args.messages} notifications: {total:.1f} s in all ({args.messages / total:.1f} per second)"
        )
    finally:
        teardown_databases(old_config, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
