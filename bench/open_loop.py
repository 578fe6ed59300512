#!/usr/bin/env python
"""Open-loop load at a constant rate against a running server: latency, throughput and errors per endpoint.

Usage (from the repository root, with the production shape running and the plan of ``bench/load_setup.py``):

    .venv/bin/python bench/open_loop.py --base-url http://127.0.0.1:8765 --plan var/bench/plan.json \
        --rate 50 --seconds 60 --out var/bench/open_loop.md

Open loop: request k of a phase is *due* at ``start + k / rate`` and is handed to a pool of sender threads at
that moment whether or not the earlier ones have been answered (a slow server does not slow the generator down,
as closed-loop clients would: no coordinated omission). Latency is measured from the moment the request was due,
so time a request waited for a free sender counts too. Each phase runs one endpoint at ``--rate`` for
``--seconds`` (after ``--warmup`` unmeasured seconds) with ``/healthz`` beside it at ``--beside-rate``; the
generator's lag (how late a request left its scheduler) and the achieved rate are recorded, so a generator that
cannot keep up is visible. Then all endpoints together at ``--rate`` in all for ``--sustained-seconds`` (the
mix held for five minutes), and a short closed-loop capacity probe (``--clients`` back to back for
``--capacity-seconds``) gives each endpoint's throughput beside ``/healthz``'s.

Prints, and writes to ``--out``, a Markdown table per part.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import http.client
import json
import os
import queue
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_bench import Client, hammer, percentile

SENDERS = 96
#: after a phase's last request is due, how long its answers are waited for; the rest count as errors
DRAIN_SECONDS = 15
#: a request unanswered this long counts as an error. Not shorter than gunicorn's own timeout: a request the
#: generator gives up on stays in gunicorn's queue, and a sender that sent another would pile up work the server
#: still does after the phase (the first full run, 6 December, swamped the server that way). So the server never
#: holds more than SENDERS requests of the generator's.
REQUEST_TIMEOUT = 120
#: how long a phase waits, after its last answer was due, for the requests still in flight before the next phase
SETTLE_SECONDS = 60
API_PAGE = 50


@dataclass
class Endpoint:
    title: str
    who: str
    client: Client
    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)
    target_p95_ms: float | None = None

    def path(self, k: int) -> str:
        return self.paths[k % len(self.paths)]


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)  # from due to answered, seconds
    service: list[float] = field(default_factory=list)  # from sent to answered
    lags: list[float] = field(default_factory=list)  # from due to sent
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    sent: int = 0
    first_sent: float = 0.0
    last_sent: float = 0.0


class Senders:
    """A pool of threads, each with its own connection per endpoint (the endpoint's cookies copied)."""

    def __init__(self, size: int) -> None:
        self.jobs: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(size)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        own: dict[int, Client] = {}
        while True:
            job = self.jobs.get()
            if job is None:
                return
            endpoint, path, due, outcome, measured = job
            client = own.get(id(endpoint))
            if client is None:
                client = own[id(endpoint)] = Client(endpoint.client.port)
                client.cookies = dict(endpoint.client.cookies)
            with self.lock:
                self.in_flight += 1
            sent = time.perf_counter()
            client.connection.timeout = REQUEST_TIMEOUT
            try:
                status, _ = client.request("GET", path, extra=endpoint.headers)
            except (http.client.HTTPException, OSError):
                status = 0
            done = time.perf_counter()
            with self.lock:
                self.in_flight -= 1
            if not measured:
                continue
            with self.lock:
                outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
                outcome.sent += 1
                outcome.first_sent = min(outcome.first_sent or sent, sent)
                outcome.last_sent = max(outcome.last_sent, sent)
                outcome.lags.append(sent - due)
                if status == 200:
                    outcome.latencies.append(done - due)
                    outcome.service.append(done - sent)
                else:
                    outcome.errors += 1

    def stop(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)


def run_phase(
    senders: Senders, streams: list[tuple[Endpoint, float]], seconds: float, warmup: float
) -> list[Outcome]:
    """Fire every stream (endpoint, rate) at its fixed rate for warmup + seconds; wait for the answers."""
    outcomes = [Outcome() for _ in streams]
    start = time.perf_counter() + 0.2
    measure_from = start + warmup
    stop = measure_from + seconds
    schedule = []  # (due, stream index, k) merged over the streams
    for index, (_endpoint, rate) in enumerate(streams):
        for k in count():
            due = start + k / rate
            if due >= stop:
                break
            schedule.append((due, index, k))
    schedule.sort()
    for due, index, k in schedule:
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        endpoint = streams[index][0]
        senders.jobs.put((endpoint, endpoint.path(k), due, outcomes[index], due >= measure_from))
    bound = time.monotonic() + DRAIN_SECONDS
    expected = [
        sum(1 for due, i, _ in schedule if i == index and due >= measure_from)
        for index in range(len(streams))
    ]
    while time.monotonic() < bound and any(o.sent < n for o, n in zip(outcomes, expected, strict=True)):
        time.sleep(0.1)
    with senders.jobs.mutex:  # what was never sent stays unsent: the next phase starts on a quiet server
        senders.jobs.queue.clear()
    with senders.lock:
        outcomes = copy.deepcopy(outcomes)  # late answers no longer count
    settle = time.monotonic() + SETTLE_SECONDS
    while senders.in_flight and time.monotonic() < settle:
        time.sleep(0.2)
    for outcome, n in zip(outcomes, expected, strict=True):
        missing = n - outcome.sent
        if missing > 0:  # not answered (or never sent) within the bound: errors
            outcome.errors += missing
            outcome.statuses[-1] = missing
    return outcomes


def quiet(client: Client, bound: float = 60) -> None:
    """Wait (at most ``bound`` s) until the server answers ``/healthz`` within half a second: requests that the
    generator gave up on may still be queued in gunicorn, and must not be counted against the next endpoint."""
    stop = time.monotonic() + bound
    while time.monotonic() < stop:
        started = time.perf_counter()
        with contextlib.suppress(http.client.HTTPException, OSError):
            client.request("GET", "/healthz")
        if time.perf_counter() - started < 0.5:
            return
        time.sleep(0.5)


def ms(values: list[float], share: float) -> str:
    return f"{percentile(values, share) * 1000:.0f}" if values else "–"


def row(title: str, who: str, rate: float, seconds: float, outcome: Outcome, target: float | None) -> str:
    span = (outcome.last_sent - outcome.first_sent) or 1.0
    sent_rate = (outcome.sent - 1) / span if outcome.sent > 1 else 0.0
    ok = len(outcome.latencies)
    p95 = percentile(outcome.latencies, 0.95) * 1000 if ok else float("inf")
    verdict = "" if target is None else (" ✅" if p95 <= target and outcome.errors == 0 else " ❌")
    lag = percentile(outcome.lags, 0.99) * 1000 if outcome.lags else 0.0
    others = {s: n for s, n in outcome.statuses.items() if s != 200}
    return (
        f"| {title} | {who} | {rate:.4g}/s | {sent_rate:.1f}/s | {ok / seconds:.1f}/s | {ms(outcome.latencies, 0.5)} "
        f"| {ms(outcome.latencies, 0.95)}{verdict} | {ms(outcome.latencies, 0.99)} | {ms(outcome.service, 0.95)} "
        f"| {lag:.0f} | {outcome.errors}{' ' + str(others) if others else ''} |"
    )


def endpoints(port: int, plan: dict, password: str) -> tuple[Endpoint, list[Endpoint]]:
    loop = plan["open_loop"]
    anonymous = Client(port)
    board = Client(port)
    board.login(loop["board_user"], password)
    record = Client(port)
    record.login(loop["record_user"], password)
    api = Client(port)
    token = {"Authorization": f"Token {loop['api_token']}", "Accept": "application/json"}
    healthz = Endpoint("`/healthz`", "anonymous", anonymous, ["/healthz"])
    measured = [
        Endpoint(
            "ward board `/afdeling/tavle/`",
            f"{loop['board_user']} (AUH-ORT)",
            board,
            ["/afdeling/tavle/"],
            target_p95_ms=100,
        ),
    ]
    for name in ("citizens", "courses", "deadlines", "alerts"):
        measured.append(
            Endpoint(
                f"`/api/v1/{name}/?page_size={API_PAGE}`",
                "bench.rest (token, 751)",
                api,
                [f"/api/v1/{name}/?page_size={API_PAGE}"],
                token,
                target_p95_ms=100,
            )
        )
    measured.append(
        Endpoint(
            "citizen record `/borgere/<id>/` (+ access-log write)",
            f"{loop['record_user']} (751)",
            record,
            [f"/borgere/{pk}/" for pk in loop["citizens"]],
            target_p95_ms=50,
        )
    )
    return healthz, measured


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--plan", default="var/bench/plan.json")
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--beside-rate", type=float, default=5, help="/healthz beside each endpoint")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument(
        "--sustained-seconds",
        type=float,
        default=300,
        help="then all endpoints together at --rate in all (an equal share each) for this long; 0: skip",
    )
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--capacity-seconds", type=float, default=10)
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    port = urlsplit(args.base_url).port or 80
    plan = json.loads(Path(args.plan).read_text())
    healthz, measured = endpoints(port, plan, plan["password"])
    for endpoint in measured:  # every session and token works before anything is measured
        status, _ = endpoint.client.request("GET", endpoint.path(0), extra=endpoint.headers)
        if status != 200:
            raise SystemExit(f"{endpoint.title} as {endpoint.who} answered {status}")

    lines = [
        f"Open loop: each endpoint alone at {args.rate:g} req/s for {args.seconds:g} s ({args.warmup:g} s warm-up "
        f"not counted), `/healthz` beside it at {args.beside_rate:g} req/s; latency from the moment each request "
        f"was due. Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}.",
        "",
        "| endpoint | as | target rate | sent | answered 200 | p50 ms | p95 ms | p99 ms | p95 service ms "
        "| generator lag p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    senders = Senders(SENDERS)
    try:
        for endpoint in [healthz, *measured]:
            quiet(healthz.client)
            streams = [(endpoint, args.rate)] + (
                [(healthz, args.beside_rate)] if endpoint is not healthz else []
            )
            outcomes = run_phase(senders, streams, args.seconds, args.warmup)
            lines.append(
                row(
                    endpoint.title, endpoint.who, args.rate, args.seconds, outcomes[0], endpoint.target_p95_ms
                )
            )
            if len(outcomes) > 1:
                lines.append(
                    row(
                        "  ↳ `/healthz` beside",
                        "anonymous",
                        args.beside_rate,
                        args.seconds,
                        outcomes[1],
                        None,
                    )
                )
            print(lines[-2 if len(outcomes) > 1 else -1], flush=True)
        if args.sustained_seconds:
            lines += sustained(senders, healthz, measured, args)
    finally:
        senders.stop()

    lines += [
        "",
        f"Capacity (closed loop): {args.clients} clients back to back, {args.capacity_seconds:g} s each. "
        "Target: list throughput ≥ 0.10 × `/healthz`'s.",
        "",
        "| endpoint | req/s | × `/healthz` | p50 ms | p95 ms | non-200 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    trivial = 0.0
    for endpoint in [healthz, *measured]:
        quiet(healthz.client)
        clients = [Client(port) for _ in range(args.clients)]
        for client in clients:
            client.cookies = dict(endpoint.client.cookies)
        result = hammer_endpoint(clients, endpoint, args.capacity_seconds)
        rate = len(result.latencies) / args.capacity_seconds
        if endpoint is healthz:
            trivial = rate
        ratio = rate / trivial if trivial else 0.0
        verdict = "" if endpoint is healthz or not trivial else (" ✅" if ratio >= 0.10 else " ❌")
        p50 = statistics.median(result.latencies) * 1000 if result.latencies else float("nan")
        lines.append(
            f"| {endpoint.title} | {rate:.1f} | {ratio:.2f}{verdict} | {p50:.0f} | {ms(result.latencies, 0.95)} "
            f"| {result.errors} |"
        )
        print(lines[-1], flush=True)
    lines.append(f"\nLoad average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}.")
    text = "\n".join(lines)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")


def sustained(
    senders: Senders, healthz: Endpoint, measured: list[Endpoint], args: argparse.Namespace
) -> list[str]:
    """The mix held: every measured endpoint at once, ``--rate`` requests/s in all (an equal share each), for
    ``--sustained-seconds``, ``/healthz`` beside; a row per endpoint."""
    share = args.rate / len(measured)
    lines = [
        "",
        f"Sustained mix: all {len(measured)} endpoints together at {args.rate:g} req/s in all ({share:.1f}/s each) "
        f"for {args.sustained_seconds:g} s ({args.warmup:g} s warm-up not counted), `/healthz` beside at "
        f"{args.beside_rate:g} req/s.",
        "",
        "| endpoint | as | target rate | sent | answered 200 | p50 ms | p95 ms | p99 ms | p95 service ms "
        "| generator lag p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    quiet(healthz.client)
    streams = [(endpoint, share) for endpoint in measured] + [(healthz, args.beside_rate)]
    outcomes = run_phase(senders, streams, args.sustained_seconds, args.warmup)
    for (endpoint, rate), outcome in zip(streams, outcomes, strict=True):
        lines.append(
            row(endpoint.title, endpoint.who, rate, args.sustained_seconds, outcome, endpoint.target_p95_ms)
        )
        print(lines[-1], flush=True)
    return lines


def hammer_endpoint(clients: list[Client], endpoint: Endpoint, seconds: float):
    """``scale_bench.hammer`` with the endpoint's headers (the token) and rotating paths."""
    if not endpoint.headers and len(endpoint.paths) == 1:
        return hammer(clients, endpoint.paths[0], seconds, warmup=1)
    for client in clients:
        original = client.request
        counter = count()

        def request(method: str, path: str, body=None, extra=None, _original=original, _counter=counter):
            return _original(
                method, endpoint.path(next(_counter)), body, {**endpoint.headers, **(extra or {})}
            )

        client.request = request  # type: ignore[method-assign]
    return hammer(clients, endpoint.paths[0], seconds, warmup=1)


if __name__ == "__main__":
    main()
