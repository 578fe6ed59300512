"""Load for the fault scripts: client threads that loop over requests until told to stop, and record every
answer (when it was sent, how long it took, its status; 0 for no answer at all)."""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Answer:
    at: float  # time.monotonic() when the request was sent
    seconds: float
    status: int  # 0: no answer (refused, reset, timed out)
    what: str


def session_login(base: str, username: str, password: str) -> requests.Session:
    """A browser-like session logged in through the login form."""
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=30)
    match = CSRF.search(page.text)
    if not match:
        raise RuntimeError(f"no CSRF token on the login page ({page.status_code})")
    answer = session.post(
        f"{base}/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)},
        headers={"Referer": f"{base}/login/"},
        timeout=30,
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"the login failed ({answer.status_code})")
    return session


def api_token(base: str, username: str, password: str) -> str:
    answer = requests.post(
        f"{base}/api/v1/auth/token/", data={"username": username, "password": password}, timeout=30
    )
    answer.raise_for_status()
    return str(answer.json()["token"])


class Load:
    """``clients`` threads, each calling ``request(session_index)`` in a loop until ``stop()``."""

    def __init__(self, request: Callable[[int], tuple[str, requests.Response | None]], clients: int) -> None:
        self.request = request
        self.answers: list[Answer] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._loop, args=(i,), daemon=True) for i in range(clients)]

    def start(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> list[Answer]:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return self.answers

    def _loop(self, index: int) -> None:
        while not self.stopping.is_set():
            sent = time.monotonic()
            try:
                what, response = self.request(index)
                status = response.status_code if response is not None else 0
            except requests.RequestException as error:
                what, status = type(error).__name__, 0
            with self.lock:
                self.answers.append(Answer(sent, time.monotonic() - sent, status, what))
            time.sleep(0.02)


def p95(seconds: list[float]) -> float:
    if len(seconds) < 2:
        return seconds[0] if seconds else 0.0
    return statistics.quantiles(seconds, n=20)[18]


def describe(answers: list[Answer], label: str) -> str:
    bad = [a for a in answers if not 200 <= a.status < 400]
    statuses: dict[int, int] = {}
    for a in bad:
        statuses[a.status] = statuses.get(a.status, 0) + 1
    return (
        f"{label}: {len(answers)} requests, {len(bad)} not 2xx/3xx {statuses or ''}, "
        f"p95 {p95([a.seconds for a in answers]) * 1000:.0f} ms, max {max((a.seconds for a in answers), default=0) * 1000:.0f} ms"
    )
