#!/usr/bin/env python
"""Measure the ward board and the citizen search at the region's scale, beside /healthz, in one run.

Usage (from the repository root, on a database filled by ``bench/region_data.py``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sa_bench REDIS_URL=redis://127.0.0.1:6379/13 \
        .venv/bin/python bench/scale_bench.py --seconds 30 --clients 4

Starts gunicorn (``--workers`` 2, ``sundhedsaftale.wsgi``) on 127.0.0.1 only, with the production settings
(``DJANGO_DEBUG=0``, ``DJANGO_HTTPS=1``, a generated ``DJANGO_SECRET_KEY``, ``EMAIL_HOST`` set; the clients say
``X-Forwarded-Proto: https`` as the TLS proxy would, so ``DJANGO_SSL_REDIRECT=0``). Each of ``--clients``
threads logs in once (its own session) and requests one URL back to back for ``--seconds``; then the next URL.
Prints a Markdown table of throughput and p50/p95 per URL, and the SQL time of the header's alert count
(``alert_count_unacknowledged``, timed in-process through Django's connection, plus EXPLAIN ANALYZE).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

HOST = "127.0.0.1"
COOKIE = re.compile(r"^([^=;\s]+)=([^;]*)")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


class Client:
    """One browser: a keep-alive connection and its cookies (sent by hand: the cookies are ``Secure``)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None, extra: dict | None = None) -> tuple:
        headers = {
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(extra or {}),
        }
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and (match := COOKIE.match(value)):
                self.cookies[match.group(1)] = match.group(2)
        return response.status, data

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/login/")
        token = CSRF_INPUT.search(page.decode())
        if status != 200 or token is None:
            raise SystemExit(f"GET /login/ answered {status} without a CSRF token")
        body = urlencode({"csrfmiddlewaretoken": token.group(1), "username": username, "password": password})
        status, _ = self.request(
            "POST",
            "/login/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{HOST}:{self.port}/login/",
                "Origin": f"https://{HOST}:{self.port}",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"log-in of {username} failed ({status})")


def hammer(clients: list[Client], path: str, seconds: float, warmup: float) -> Result:
    """Every client requests ``path`` back to back until the time is up (after an unmeasured warm-up)."""
    result = Result()
    lock = threading.Lock()
    start = time.perf_counter() + warmup
    stop = start + seconds

    def run(client: Client) -> None:
        while (now := time.perf_counter()) < stop:
            try:
                status, _ = client.request("GET", path)
            except (http.client.HTTPException, OSError):
                status = 0
            elapsed = time.perf_counter() - now
            if now < start:
                continue
            with lock:
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == 200:
                    result.latencies.append(elapsed)
                else:
                    result.errors += 1

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sundhedsaftale.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="1",
        DJANGO_SSL_REDIRECT="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        EMAIL_HOST="smtp.bench.invalid",
        API_USER_RATE="100000/min",
        AXES_FAILURE_LIMIT="1000",
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "sundhedsaftale.wsgi:application",
            *("-b", f"{HOST}:{port}", "-w", str(workers), "--timeout", "120", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection(HOST, port, timeout=5)
            probe.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https", "Host": f"{HOST}:{port}"})
            if probe.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.send_signal(signal.SIGTERM)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def header_sql(runs: int) -> list[tuple[str, float, float, float]]:
    """Time ``alert_count_unacknowledged`` in-process (SQL only, from Django's query log) per bench user."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from region_data import BENCH_USERS

    from sundhedsaftale.deadlines.selectors import alert_count_unacknowledged
    from sundhedsaftale.organisations.actor import actor_for

    rows = []
    for username, code, _ in BENCH_USERS:
        actor = actor_for(user=get_user_model().objects.get(username=username))
        timings = []
        count = 0
        for _ in range(runs):
            reset_queries()
            started = time.perf_counter()  # the query's round trip (Django's own log rounds to 1 ms)
            count = alert_count_unacknowledged(actor=actor)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            alert_count_unacknowledged(actor=actor)
        sql = queries.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ANALYZE {sql}")
            plan = [row[0] for row in cursor.fetchall()]
        executed = next((line for line in plan if line.startswith("Execution Time")), "")
        print(
            f"\nheader alert count, {username} at {code} ({count} unacknowledged):\n  {sql}", file=sys.stderr
        )
        print("  " + "\n  ".join(plan), file=sys.stderr)
        rows.append(
            (
                f"{username} ({code}), {count} alerts; {executed}",
                statistics.median(timings),
                percentile(timings, 0.95),
                max(timings),
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--name", default="Madsen", help="the name part searched for")
    parser.add_argument("--cpr", default="150375", help="the CPR prefix searched for")
    parser.add_argument("--header-runs", type=int, default=200)
    args = parser.parse_args()

    from region_data import BENCH_PASSWORD

    header = header_sql(args.header_runs)
    server = start_server(args.port, args.workers)
    try:
        sessions = {}
        for username in ("bench.ward", "bench.visitation"):
            clients = [Client(args.port) for _ in range(args.clients)]
            for client in clients:
                client.login(username, BENCH_PASSWORD)
            sessions[username] = clients
        anonymous = [Client(args.port) for _ in range(args.clients)]
        plan = [
            ("`/healthz`", "anonymous", anonymous, "/healthz"),
            (
                "ward board `/afdeling/tavle/`",
                "bench.ward (AUH-ORT)",
                sessions["bench.ward"],
                "/afdeling/tavle/",
            ),
            (
                f"search `/borgere/?q={args.name}`",
                "bench.visitation (751)",
                sessions["bench.visitation"],
                f"/borgere/?q={args.name}",
            ),
            (
                f"search `/borgere/?q={args.cpr}`",
                "bench.visitation (751)",
                sessions["bench.visitation"],
                f"/borgere/?q={args.cpr}",
            ),
            (
                f"search `/borgere/?q={args.name}`",
                "bench.ward (AUH-ORT)",
                sessions["bench.ward"],
                f"/borgere/?q={args.name}",
            ),
            ("`/healthz` (again, after)", "anonymous", anonymous, "/healthz"),
        ]
        lines = [
            f"{args.clients} concurrent clients, {args.seconds:g} s each, gunicorn {args.workers} workers; "
            f"load average before: {os.getloadavg()[0]:.1f}",
            "",
            "| URL | as | requests | req/s | p50 | p95 | non-200 |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for title, who, clients, path in plan:
            result = hammer(clients, path, args.seconds, args.warmup)
            done = len(result.latencies)
            p50 = statistics.median(result.latencies) * 1000 if done else float("nan")
            p95 = percentile(result.latencies, 0.95) * 1000 if done else float("nan")
            lines.append(
                f"| {title} | {who} | {done:,} | {done / args.seconds:.1f} | {p50:.0f} ms | {p95:.0f} ms "
                f"| {result.errors} |"
            )
            print(lines[-1], file=sys.stderr, flush=True)
        lines.append(f"\nload average after: {os.getloadavg()[0]:.1f}\n")
        lines += [
            "| header: alert count SQL | median | p95 | max |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| {who} | {p50:.2f} ms | {p95:.2f} ms | {top:.2f} ms |" for who, p50, p95, top in header]
        print("\n".join(lines))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
