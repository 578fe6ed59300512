#!/usr/bin/env python
"""kill -9 Celery workers while 1,000 deadlines fall due: every breach alert exists exactly once.

Usage (from the repository root; the database is created if missing and migrated, its deadlines and alerts
are deleted first; a Redis of the script's own is started on ``--redis-port`` and stopped at the end):

    .venv/bin/python bench/faults/worker_kill.py --database-url postgres://postgres@127.0.0.1:5432/sa_faults

The production shape: two prefork workers and the real beat (its 30-second deadline scan) on the Redis broker,
``acks_late`` and ``reject_on_worker_lost``, a 600-second visibility timeout. The deadlines fall due evenly
over ``--window`` seconds; every ``--every`` seconds a worker is killed with SIGKILL and a fresh one started:

- mid-scan, pool child: the alert table is locked so that the scan stops inside its transaction at the INSERT,
  then the pool process running it is killed (its parent requeues the message: reject_on_worker_lost);
- mid-scan, whole worker: the same, but the worker and its children die together (a lost machine): the
  message stays unacknowledged until the visibility timeout and the next beat scan must catch the deadlines;
- at random: a whole worker, whatever it is doing.

Then: every due deadline is breached, and has exactly one breach alert per organisation (the ward responsible
and, when there is one, the municipality waiting: ``deadlines/scan.py``), every alert is notified, and no
warning or escalation is doubled. Finally the unacknowledged messages of the dead workers are aged past the
visibility timeout and redelivered to a fresh worker: the end state does not change.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.faults.stack import FaultFailed, Stack, own_redis_and_database, run, wait_until

UNACKED, UNACKED_INDEX = "unacked", "unacked_index"  # kombu's Redis keys for delivered, unacked messages


def main() -> list[str]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sa_faults")
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--deadlines", type=int, default=1000)
    parser.add_argument(
        "--window", type=float, default=60.0, help="seconds over which the deadlines fall due"
    )
    parser.add_argument("--every", type=float, default=7.0, help="seconds between two kills")
    args = parser.parse_args()

    stack = Stack(database_url=args.database_url, redis_url="", name="kill")
    try:
        own_redis_and_database(stack, redis_port=args.redis_port, database_url=args.database_url)
        return _run(stack, args)
    except FaultFailed:
        print(stack.logs(), file=sys.stderr)
        raise
    finally:
        stack.close()


def _run(stack: Stack, args: argparse.Namespace) -> list[str]:
    import django

    django.setup()
    import psycopg
    import redis
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from admissions.models import Course
    from sundhedsaftale.deadlines.models import Alert, Deadline
    from sundhedsaftale.deadlines.tasks import scan_deadlines
    from sundhedsaftale.ops.models import Heartbeat
    from sundhedsaftale.ops.tasks import beat_tick
    from sundhedsaftale.organisations.models import Organisation

    broker: Any = redis.Redis.from_url(stack.redis_url)  # replies are bytes
    rng = random.Random(17)

    # --- the production shape ------------------------------------------------------------------------
    generation = 0

    def new_worker() -> str:
        nonlocal generation
        generation += 1
        name = f"faults-worker-{generation}"
        stack.worker(name)
        return name

    workers = [new_worker(), new_worker()]
    stack.beat()

    # --- wait until a worker runs tasks (a beat tick's heartbeat), then seed --------------------------
    Heartbeat.objects.all().delete()
    beat_tick.apply_async()
    ready = wait_until(
        Heartbeat.objects.exists, what="a worker to run its first task", timeout=180, every=0.5
    )

    # --- the deadlines: due evenly over the window, a fifth of them without a counterpart ---------------
    Alert.objects.all().delete()
    Deadline.objects.all().delete()
    departments = list(Organisation.objects.filter(kind="department").values_list("pk", flat=True))
    municipalities = list(Organisation.objects.filter(kind="municipality").values_list("pk", flat=True))
    subject_type = ContentType.objects.get_for_model(Course)
    start = timezone.now() + timedelta(seconds=5)
    rows = []
    for i in range(args.deadlines):
        due_at = start + timedelta(seconds=args.window * i / args.deadlines)
        rows.append(
            Deadline(
                subject_type=subject_type,
                subject_id=i + 1,
                rule_code="discharge.home_care",
                rule_set="2021",
                responsible_id=rng.choice(departments),
                counterpart_id=rng.choice(municipalities) if i % 5 else None,
                anchor_at=due_at - timedelta(days=3),
                due_date=timezone.localdate(due_at),
                due_at=due_at,
                warn_at=due_at - timedelta(minutes=10),  # already passed: warnings go out before the breaches
            )
        )
    Deadline.objects.bulk_create(rows, batch_size=1000)
    expected = {
        (pk, "breach", org)
        for pk, responsible, counterpart in Deadline.objects.values_list(
            "pk", "responsible_id", "counterpart_id"
        )
        for org in ((responsible,) if counterpart is None else (responsible, counterpart))
    }
    ends = start + timedelta(seconds=args.window)

    def waiting_on_alerts() -> str | None:
        """The application name of a worker whose connection waits for the lock on the alert table."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.application_name FROM pg_stat_activity AS a JOIN pg_locks AS l ON l.pid = a.pid "
                "WHERE a.application_name LIKE 'faults-worker-%%' AND NOT l.granted AND l.relation = %s::regclass "
                "AND a.query LIKE 'INSERT INTO%%'",
                [Alert._meta.db_table],
            )
            row = cursor.fetchone()
            return row[0] if row else None

    db = connection.settings_dict
    kills: Counter[str] = Counter()
    mid_transaction = 0
    kinds = ["child", "whole", "random"]
    while timezone.now() < ends + timedelta(seconds=args.every / 2):
        time.sleep(args.every)
        kind = kinds[sum(kills.values()) % len(kinds)]
        if kind == "random":
            victim = rng.choice(workers)
            stack.kill(victim)
        else:
            blocker = psycopg.connect(
                dbname=db["NAME"], user=db["USER"] or None, password=db["PASSWORD"] or None,
                host=db["HOST"] or None, port=db["PORT"] or None,
            )  # fmt: skip
            try:
                blocker.execute(f"LOCK TABLE {Alert._meta.db_table} IN EXCLUSIVE MODE")
                scan_deadlines.apply_async()  # a tick now, besides the beat's
                try:
                    wait_until(
                        lambda: waiting_on_alerts() is not None, what="a scan to reach its INSERT", timeout=15
                    )
                except FaultFailed:
                    # nothing due at this moment (no INSERT to stop at): count it as a random kill instead
                    kind = "random"
                    victim = rng.choice(workers)
                    stack.kill(victim)
                else:
                    victim = waiting_on_alerts() or ""
                    mid_transaction += 1
                    if kind == "child":
                        for pid in stack.children(victim):
                            os.kill(pid, signal.SIGKILL)
                    else:
                        stack.kill(victim)
            finally:
                blocker.rollback()
                blocker.close()
        kills[kind] += 1
        if not stack.alive(victim):
            workers[workers.index(victim)] = new_worker()

    # --- every breach exactly once, within a beat tick or two of the last deadline ---------------------
    def all_breached() -> bool:
        return (
            not Deadline.objects.filter(state=Deadline.State.PENDING).exists()
            and Alert.objects.filter(kind=Alert.Kind.BREACH).count() >= len(expected)
            and not Alert.objects.filter(notified_at__isnull=True).exists()
        )

    settled = wait_until(
        all_breached, what="every deadline to be breached and notified", timeout=120, every=1
    )
    last_due_to_settled = (timezone.now() - ends).total_seconds()

    def check(when: str) -> Counter[tuple[int, str, int]]:
        per_key = Counter(Alert.objects.values_list("deadline_id", "kind", "organisation_id"))
        breaches = {key for key in per_key if key[1] == "breach"}
        doubled = [key for key, n in per_key.items() if n > 1]
        if doubled:
            raise FaultFailed(f"{when}: {len(doubled)} alerts doubled, e.g. {doubled[:3]}")
        if breaches != expected:
            raise FaultFailed(
                f"{when}: {len(expected - breaches)} breach alerts missing, {len(breaches - expected)} unexpected"
            )
        if Alert.objects.filter(kind=Alert.Kind.ESCALATION).exists():
            raise FaultFailed(f"{when}: escalations raised on the day of the breach")
        return per_key

    check("after the kills")
    time.sleep(35)  # one more beat tick of the scan: nothing may change
    per_key = check("one beat tick later")

    # --- the dead workers' unacknowledged messages, redelivered: still the same end state ----------------
    unacked = broker.hlen(UNACKED)
    for tag in broker.zrange(UNACKED_INDEX, 0, -1):
        broker.zadd(UNACKED_INDEX, {tag: 0})  # older than any visibility timeout
    for victim in workers:
        stack.kill(victim, signal.SIGTERM)
    workers = [new_worker()]
    wait_until(
        lambda: broker.hlen(UNACKED) == 0 and broker.llen("celery") == 0,
        what="the unacknowledged messages to be redelivered and acknowledged",
        timeout=90,
        every=0.5,
    )
    time.sleep(2)
    per_key = check("after the redelivery")

    warnings = sum(1 for key in per_key if key[1] == "warning")
    return [
        f"deadlines {args.deadlines}, due over {args.window:.0f} s; 2 prefork workers + beat on Redis "
        f":{args.redis_port} (first task run {ready:.0f} s after the start)",
        f"kill -9: {sum(kills.values())} ({kills['child']} pool child mid-scan, {kills['whole']} whole worker "
        f"mid-scan, {kills['random']} whole worker at random); {mid_transaction} inside the scan's transaction",
        f"breach alerts: {len(expected)} expected (one per deadline and organisation: "
        f"{args.deadlines} responsible + {len(expected) - args.deadlines} counterparts), {len(expected)} found, "
        f"0 doubled; warnings {warnings}, each once; escalations 0",
        f"all breached and notified {last_due_to_settled:.0f} s after the last deadline fell due "
        f"(waited {settled:.0f} s after the kills); {unacked} unacknowledged messages of dead workers "
        f"redelivered afterwards: nothing changed",
    ]


if __name__ == "__main__":
    run(main)
