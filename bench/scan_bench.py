#!/usr/bin/env python
"""Benchmark one tick of the deadline scan on PostgreSQL: 50,000 open deadlines, 1,000 of them due.

Usage (from the repository root; a throwaway database ``test_<name>`` is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sundhedsaftale .venv/bin/python bench/scan_bench.py

Prints the median and spread of one tick (``scan_due`` with the production batch size), of draining
all due deadlines, and of a trivial ``SELECT 1`` round trip measured in the same run. Between runs the
due deadlines are reset to pending and the alerts deleted (then VACUUM ANALYZE), so every run starts
from the same state.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from admissions.models import Course  # noqa: E402
from sundhedsaftale.deadlines.models import Alert, Deadline  # noqa: E402
from sundhedsaftale.deadlines.scan import BATCH_SIZE, scan_due  # noqa: E402
from sundhedsaftale.organisations.models import Organisation  # noqa: E402

NOW = datetime(2025, 4, 15, 8, 0, tzinfo=UTC)


def populate(open_count: int, due_count: int, old_alerts: int) -> list[int]:
    """Insert the deadlines (and some acknowledged history); return the ids of the due ones."""
    rng = random.Random(42)
    subject_type = ContentType.objects.get_for_model(Course)
    departments = list(Organisation.objects.filter(kind="department").values_list("pk", flat=True))
    municipalities = list(Organisation.objects.filter(kind="municipality").values_list("pk", flat=True))
    rows = []
    for i in range(open_count):
        if i < due_count:
            due_at = NOW - timedelta(seconds=rng.randint(1, 3600))
        else:
            due_at = NOW + timedelta(days=2, seconds=rng.randint(0, 60 * 86400))
        rows.append(
            Deadline(
                subject_type=subject_type,
                subject_id=i + 1,
                rule_code="discharge.home_care",
                rule_set="2008",
                responsible_id=rng.choice(departments),
                counterpart_id=rng.choice(municipalities),
                anchor_at=due_at + timedelta(days=3),
                due_date=due_at.date(),
                due_at=due_at,
                warn_at=due_at - timedelta(days=1),
                state=Deadline.State.PENDING,
                created_at=NOW,
            )
        )
    Deadline.objects.bulk_create(rows, batch_size=5000)
    due_ids = list(Deadline.objects.filter(due_at__lte=NOW).values_list("pk", flat=True))
    # History: met deadlines whose breach alerts were acknowledged long ago (the escalation phase reads them).
    history = Deadline.objects.bulk_create(
        [
            Deadline(
                subject_type=subject_type,
                subject_id=10_000_000 + i,
                rule_code="discharge.home_care",
                rule_set="2008",
                responsible_id=rng.choice(departments),
                anchor_at=NOW - timedelta(days=30),
                due_date=(NOW - timedelta(days=33)).date(),
                due_at=NOW - timedelta(days=33),
                warn_at=NOW - timedelta(days=34),
                state=Deadline.State.MET,
                met_at=NOW - timedelta(days=32),
                created_at=NOW - timedelta(days=40),
            )
            for i in range(old_alerts)
        ],
        batch_size=5000,
    )
    Alert.objects.bulk_create(
        [
            Alert(
                deadline=d,
                kind=Alert.Kind.BREACH,
                organisation_id=d.responsible_id,
                created_at=NOW - timedelta(days=33),
                acknowledged_at=NOW - timedelta(days=32),
            )
            for d in history
        ],
        batch_size=5000,
    )
    return due_ids


def reset(due_ids: list[int]) -> None:
    Alert.objects.filter(created_at__gte=NOW - timedelta(days=1)).delete()
    Deadline.objects.filter(pk__in=due_ids).update(
        state=Deadline.State.PENDING, warned_at=None, breached_at=None
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE deadlines_deadline")
        cursor.execute("VACUUM ANALYZE deadlines_alert")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def select_one() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def drain() -> None:
    while scan_due(now=NOW).more(BATCH_SIZE):
        pass


def summary(name: str, samples: list[float]) -> str:
    return (
        f"{name:<44} median {statistics.median(samples):8.2f} ms   "
        f"min {min(samples):8.2f}   max {max(samples):8.2f}   (n={len(samples)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--open", type=int, default=50_000, help="open deadlines (default 50,000)")
    parser.add_argument("--due", type=int, default=1_000, help="of which due (default 1,000)")
    parser.add_argument("--history", type=int, default=20_000, help="old acknowledged breach alerts")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/scan_bench.py needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        started = time.perf_counter()
        due_ids = populate(args.open, args.due, args.history)
        print(
            f"populated {Deadline.objects.count():,} deadlines ({len(due_ids):,} due) and "
            f"{Alert.objects.count():,} alerts in {time.perf_counter() - started:.1f} s"
        )
        reset(due_ids)
        scan_due(now=NOW)  # warm-up: connection, query compilation, caches
        tick, tick_big, drained, trivial = [], [], [], []
        for _ in range(args.runs):
            reset(due_ids)
            trivial.extend(timed(select_one) for _ in range(20))
            tick.append(timed(lambda: scan_due(now=NOW)))
            reset(due_ids)
            tick_big.append(timed(lambda: scan_due(now=NOW, batch_size=args.due)))
            reset(due_ids)
            drained.append(timed(drain))
            assert Alert.objects.filter(kind=Alert.Kind.BREACH, created_at=NOW).count() == 2 * len(due_ids)
        reset(due_ids)
        idle = [timed(lambda: scan_due(now=NOW - timedelta(days=2))) for _ in range(args.runs)]
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        print(
            f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
            f"Python {platform.python_version()} · PostgreSQL {server}"
        )
        print(summary("SELECT 1 (round trip)", trivial))
        print(summary(f"one tick (batch {BATCH_SIZE}: {BATCH_SIZE} breaches)", tick))
        print(summary(f"one tick (batch {args.due}: all due at once)", tick_big))
        print(summary(f"drain all {len(due_ids)} due (ticks until empty)", drained))
        print(summary("idle tick (nothing due)", idle))
    finally:
        teardown_databases(old_config, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
