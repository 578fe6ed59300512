#!/usr/bin/env python
"""Stop Redis for 30 s under load: the web keeps answering, and afterwards every due alert exists once.

Usage (from the repository root; a Redis of the script's own on ``--redis-port``, gunicorn on ``--port``):

    .venv/bin/python bench/faults/redis_stop.py --database-url postgres://postgres@127.0.0.1:5432/sa_faults

The production shape on loopback: gunicorn with 2 workers, a Celery worker and beat, all on the one Redis
(cache, throttles and broker). Four clients loop over pages that need no Redis (the dashboard, the alert
inbox, the rule catalogue, /healthz) and the API (token clients; the throttles fail open without the cache).
Deadlines fall due before, during and after the outage. Redis is shut down for ``--outage`` seconds (its
append-only file kept, as a restarted server would have it) and started again.

Checks: no request without a 2xx/3xx answer, in any phase; after Redis returns, every due deadline has
exactly one breach alert per organisation, all of them notified, within ``--settle`` seconds.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.faults.load import Answer, Load, api_token, describe, session_login
from bench.faults.stack import (
    FaultFailed,
    RedisServer,
    Stack,
    is_up,
    own_redis_and_database,
    run,
    wait_until,
)


def main() -> list[str]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sa_faults")
    parser.add_argument("--redis-port", type=int, default=6392)
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--deadlines", type=int, default=300)
    parser.add_argument("--outage", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=120.0)
    args = parser.parse_args()

    stack = Stack(database_url=args.database_url, redis_url="", name="redis")
    try:
        redis_server = own_redis_and_database(
            stack, redis_port=args.redis_port, database_url=args.database_url
        )
        return _run(stack, args, redis_server)
    except FaultFailed:
        print(stack.logs(), file=sys.stderr)
        raise
    finally:
        stack.close()


def _run(stack: Stack, args: argparse.Namespace, redis_server: RedisServer) -> list[str]:
    import django

    django.setup()
    from django.utils import timezone

    from sundhedsaftale.deadlines.models import Alert, Deadline
    from sundhedsaftale.ops.models import Heartbeat
    from sundhedsaftale.ops.tasks import beat_tick
    from tests.factories import TEST_PASSWORD, CitizenFactory, member
    from tests.factories.deadlines import DeadlineFactory

    base = f"http://127.0.0.1:{args.port}"
    CitizenFactory.reset_sequence(int(time.time()))  # new CPR numbers beside those of earlier runs
    Alert.objects.all().delete()
    Deadline.objects.all().delete()
    user = member("ward_staff", "AUH-ORT")

    stack.gunicorn(args.port)
    stack.worker("faults-redis-worker", concurrency=2)
    stack.beat()
    Heartbeat.objects.all().delete()
    beat_tick.apply_async()
    wait_until(Heartbeat.objects.exists, what="the worker's first task", timeout=180, every=0.5)
    wait_until(lambda: is_up(f"{base}/healthz"), what="gunicorn", timeout=120, every=0.5)

    # the deadlines (their times are set once the load runs): due from 10 s before the outage to 10 s after it
    later = timezone.now() + timedelta(days=30)
    created = [DeadlineFactory.create(due_at=later).pk for _ in range(args.deadlines)]
    expected = {
        (pk, "breach", org)
        for pk, responsible, counterpart in Deadline.objects.values_list(
            "pk", "responsible_id", "counterpart_id"
        )
        for org in ((responsible,) if counterpart is None else (responsible, counterpart))
    }

    sessions = [session_login(base, user.username, TEST_PASSWORD) for _ in range(3)]
    token = api_token(base, user.username, TEST_PASSWORD)
    pages = itertools.cycle(["/", "/advarsler/", "/frister/", "/healthz"])

    def request(index: int):
        if index == 3:
            return "api", sessions[0].get(
                f"{base}/api/v1/organisations/", headers={"Authorization": f"Token {token}"}, timeout=30
            )
        path = next(pages)
        return path, sessions[index].get(f"{base}{path}", timeout=30, allow_redirects=False)

    load = Load(request, clients=4).start()
    outage_starts = timezone.now() + timedelta(seconds=15)
    span = args.outage + 20
    for i, pk in enumerate(created):
        due_at = outage_starts + timedelta(seconds=-10 + span * i / args.deadlines)
        Deadline.objects.filter(pk=pk).update(
            due_at=due_at, due_date=timezone.localdate(due_at), warn_at=due_at - timedelta(minutes=10)
        )
    time.sleep(max(0.0, (outage_starts - timezone.now()).total_seconds()))
    down_at = time.monotonic()
    redis_server.stop()
    time.sleep(args.outage)
    redis_server.start()
    up_at = time.monotonic()
    time.sleep(15)
    answers = load.stop()

    before = [a for a in answers if a.at < down_at]
    during = [a for a in answers if down_at <= a.at < up_at]
    after = [a for a in answers if a.at >= up_at]
    bad = [a for a in answers if not 200 <= a.status < 400]
    if not during:
        raise FaultFailed("no request was made while Redis was down")

    def settled() -> bool:
        return (
            not Deadline.objects.filter(state=Deadline.State.PENDING).exists()
            and Alert.objects.filter(kind=Alert.Kind.BREACH).count() >= len(expected)
            and not Alert.objects.filter(notified_at__isnull=True).exists()
        )

    try:
        wait_until(settled, what="every due deadline alerted and notified", timeout=args.settle, every=1)
        waited = time.monotonic() - up_at
    except FaultFailed:
        waited = -1.0
    per_key = Counter(Alert.objects.values_list("deadline_id", "kind", "organisation_id"))
    breaches = {key for key in per_key if key[1] == "breach"}
    doubled = [key for key, n in per_key.items() if n > 1]
    summary = [
        f"Redis :{args.redis_port} down {up_at - down_at:.0f} s under load; gunicorn -w 2 :{args.port}, worker, beat",
        describe(before, "before the outage"),
        describe(during, "Redis down      "),
        describe(after, "after it returned"),
        "by page while down: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(a.what for a in during).items())),
        f"breach alerts: {len(expected)} expected for {args.deadlines} deadlines, {len(breaches)} found, "
        f"{len(doubled)} doubled; all alerted and notified {waited:.0f} s after Redis returned",
    ]
    if bad:
        raise FaultFailed("\n".join([*summary, f"{len(bad)} failed requests, e.g. {_examples(bad)}"]))
    if waited < 0 or breaches != expected or doubled:
        raise FaultFailed("\n".join([*summary, "the alerts after the outage are not exactly the due ones"]))
    return summary


def _examples(bad: list[Answer]) -> str:
    return ", ".join(f"{a.what} {a.status}" for a in bad[:5])


if __name__ == "__main__":
    run(main)
