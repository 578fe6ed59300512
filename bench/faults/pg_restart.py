#!/usr/bin/env python
"""Restart PostgreSQL under load: errors only inside the restart window, no acknowledged write lost.

Usage (as root, from the repository root; a PostgreSQL cluster of the script's own is created on ``--pg-port``
with ``pg_createcluster``, filled from ``--source-url`` and dropped at the end):

    .venv/bin/python bench/faults/pg_restart.py

The production shape on loopback: gunicorn with 2 workers (``CONN_MAX_AGE`` 60, ``CONN_HEALTH_CHECKS`` on),
a Celery worker and beat on a Redis of the script's own. Two writer clients post messages on a course through
the API (``POST /api/v1/messages/``) and record every one answered 201; a reader loops over /healthz and the
course list. PostgreSQL is restarted (``pg_ctlcluster restart -m fast``) in the middle.

Checks: every request outside the restart window (from the restart's start to ``--grace`` seconds after the
server accepts connections again) answered 2xx; every acknowledged message exists afterwards, with its text;
the Celery worker runs tasks again after the restart.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.faults.load import Load, api_token, describe
from bench.faults.stack import FaultFailed, Stack, is_up, prepare_database, run, wait_until

CLUSTER = "faults"


def _version() -> str:
    versions = sorted(os.listdir("/usr/lib/postgresql"), key=int)
    return versions[-1]


def _pg_ready(port: int) -> bool:
    return (
        subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)], check=False).returncode == 0
    )


def create_cluster(version: str, port: int, source_url: str) -> str:
    """A cluster of our own on ``port`` (trust on loopback), with a copy of the source database."""
    subprocess.run(["pg_dropcluster", "--stop", version, CLUSTER], capture_output=True, check=False)
    subprocess.run(
        ["pg_createcluster", version, CLUSTER, "-p", str(port), "--", "--auth-host=trust"], check=True
    )
    subprocess.run(["pg_ctlcluster", version, CLUSTER, "start"], check=True)
    wait_until(lambda: _pg_ready(port), what="the cluster to start", timeout=60)
    url = f"postgres://postgres@127.0.0.1:{port}/sa_faults"
    subprocess.run(
        ["psql", f"postgres://postgres@127.0.0.1:{port}/postgres", "-qc", "CREATE DATABASE sa_faults"],
        check=True,
    )
    dump = subprocess.Popen(["pg_dump", "--no-owner", source_url], stdout=subprocess.PIPE)
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", url], stdin=dump.stdout, stdout=subprocess.DEVNULL, check=True
    )
    dump.wait()
    return url


def main() -> list[str]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source-url", default="postgres://postgres@127.0.0.1:5432/sa_faults")
    parser.add_argument("--pg-port", type=int, default=5441)
    parser.add_argument("--redis-port", type=int, default=6393)
    parser.add_argument("--port", type=int, default=8772)
    parser.add_argument("--before", type=float, default=20.0, help="seconds of load before the restart")
    parser.add_argument("--after", type=float, default=20.0, help="seconds of load after it")
    parser.add_argument("--grace", type=float, default=3.0)
    args = parser.parse_args()

    if os.geteuid() != 0:
        raise FaultFailed("run as root: the script creates its own PostgreSQL cluster (pg_createcluster)")
    prepare_database(args.source_url)
    version = _version()
    stack = Stack(database_url="", redis_url="", name="pg")
    try:
        url = create_cluster(version, args.pg_port, args.source_url)
        stack.database_url = url
        redis_server = stack.redis(args.redis_port)
        stack.redis_url = redis_server.url
        os.environ.update(
            DATABASE_URL=url,
            REDIS_URL=redis_server.url,
            CELERY_BROKER_URL=redis_server.url,
            CELERY_TASK_ALWAYS_EAGER="0",
            DJANGO_SETTINGS_MODULE="sundhedsaftale.settings",
        )
        return _run(stack, args, version)
    except FaultFailed:
        print(stack.logs(), file=sys.stderr)
        raise
    finally:
        stack.close()
        subprocess.run(["pg_dropcluster", "--stop", version, CLUSTER], check=False)


def _run(stack: Stack, args: argparse.Namespace, version: str) -> list[str]:
    import django

    django.setup()
    from django.db import close_old_connections
    from django.utils import timezone

    from admissions.models import Message
    from admissions.services import consent_record
    from sundhedsaftale.ops.models import Heartbeat
    from sundhedsaftale.ops.tasks import beat_tick
    from sundhedsaftale.organisations.models import Organisation
    from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member

    base = f"http://127.0.0.1:{args.port}"
    CitizenFactory.reset_sequence(int(time.time()))  # new CPR numbers beside those of earlier runs
    ward = member("ward_staff", "AUH-ORT")
    citizen = CitizenFactory.create(municipality=Organisation.objects.get(code="751"))
    course = CourseFactory.create(citizen=citizen, at="AUH-ORT")
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=False,
        acting_user=ward,
    )
    stack.gunicorn(args.port)
    stack.worker("faults-pg-worker", concurrency=2)
    stack.beat()
    Heartbeat.objects.all().delete()
    beat_tick.apply_async()
    wait_until(Heartbeat.objects.exists, what="the worker's first task", timeout=180, every=0.5)
    wait_until(lambda: is_up(f"{base}/healthz"), what="gunicorn", timeout=120, every=0.5)
    token = api_token(base, ward.username, TEST_PASSWORD)
    headers = {"Authorization": f"Token {token}"}

    import requests

    acknowledged: dict[int, str] = {}
    lock = threading.Lock()
    refused: list[str] = []
    numbers = itertools.count(1)
    reads = itertools.cycle(["/healthz", "/api/v1/courses/?page_size=50"])

    def request(index: int):
        if index == 2:
            path = next(reads)
            return path, requests.get(f"{base}{path}", headers=headers, timeout=30)
        body = f"Fejltest {next(numbers)}: trykaflastning"
        answer = requests.post(
            f"{base}/api/v1/messages/",
            json={
                "course": course.pk,
                "category": "nursing",
                "recipient": "751",
                "body": body,
                "author_phone": "78450000",
            },
            headers=headers,
            timeout=30,
        )
        if answer.status_code == 201:
            with lock:
                acknowledged[int(answer.json()["id"])] = body
        elif answer.status_code == 400 and not refused:
            refused.append(answer.text[:300])
        return "POST messages", answer

    load = Load(request, clients=3).start()
    time.sleep(args.before)
    restart_at = time.monotonic()
    subprocess.run(["pg_ctlcluster", version, CLUSTER, "restart", "-m", "fast"], check=True)
    wait_until(lambda: _pg_ready(args.pg_port), what="PostgreSQL after the restart", timeout=60)
    ready_at = time.monotonic()
    restarted = timezone.now()
    time.sleep(args.after)
    answers = load.stop()

    window_end = ready_at + args.grace
    outside = [a for a in answers if a.at + a.seconds < restart_at or a.at > window_end]
    inside = [a for a in answers if a not in outside]
    bad_outside = [a for a in outside if not 200 <= a.status < 300]
    close_old_connections()
    stored = dict(Message.objects.filter(pk__in=acknowledged).values_list("pk", "body"))
    lost = [pk for pk, body in acknowledged.items() if stored.get(pk) != body]
    beat_tick.apply_async()
    try:
        wait_until(
            lambda: Heartbeat.objects.filter(at__gt=restarted).exists(),
            what="the worker to run a task after the restart",
            timeout=90,
            every=0.5,
        )
        worker_back = "the worker ran a task after the restart"
    except FaultFailed:
        worker_back = "THE WORKER RAN NO TASK AFTER THE RESTART"
    summary = [
        f"PostgreSQL {version} cluster :{args.pg_port} restarted (fast) under load; down "
        f"{ready_at - restart_at:.1f} s; gunicorn -w 2 :{args.port}, worker, beat",
        describe(outside, "outside the restart window"),
        describe(inside, f"inside it (+{args.grace:.0f} s)"),
        f"acknowledged writes (201): {len(acknowledged)}, found afterwards: {len(acknowledged) - len(lost)}, "
        f"lost: {len(lost)}; {worker_back}",
    ]
    if bad_outside or lost or worker_back.startswith("THE"):
        examples = ", ".join(f"{a.what} {a.status} at +{a.at - restart_at:.1f} s" for a in bad_outside[:5])
        raise FaultFailed("\n".join([*summary, f"failures outside the window: {examples}", *refused]))
    return summary


if __name__ == "__main__":
    run(main)
