"""The load test's mix of people and REST clients (locust, headless, bounded by ``--run-time``).

Run by ``bench/run-all`` against the production shape; alone (from the repository root):

    BENCH_PLAN=var/bench/plan.json .venv/bin/locust -f bench/locustfile.py --headless \
        --host http://127.0.0.1:8765 --users 200 --spawn-rate 2 --run-time 10m --csv var/bench/locust

Users and their work come from the plan ``bench/load_setup.py`` writes (every user exists in the seeded data):

* ward staff (``bench.ward.NNN``): the ward board, a course page and its discharge page, the discharge notice
  form; each discharges its own two reserved courses (POST of the notice, the form's values as rendered);
* municipal officers (``bench.kommune.NNN``): the inbox, the course page of a discharged resident, the reply
  form, and a reply (POST);
* steering groups (``bench.styregruppe.NNN``): the key figures ``/noegletal/``;
* REST clients (``bench.api.NNN``, an API token each): the list endpoints at 50 rows and a detail from a list.

People log in through ``/login/`` with the CSRF token of the form. Each simulated user says its own address in
``X-Forwarded-For`` (the server runs with ``DJANGO_NUM_PROXIES=1``, as behind the TLS proxy), so the log-in
throttle counts per person, as in production. Think time ``BENCH_WAIT_MIN``-``BENCH_WAIT_MAX`` seconds
(default 2-8) between a user's steps. Any answer other than 2xx/3xx, or a page without what it must show, is a
failure.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ.get("BENCH_PLAN", "var/bench/plan.json")).read_text())
WAIT = between(float(os.environ.get("BENCH_WAIT_MIN", "2")), float(os.environ.get("BENCH_WAIT_MAX", "8")))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUT = re.compile(r"<input\b[^>]*>", re.S)
ATTRIBUTE = re.compile(r'\b(name|value|type)="([^"]*)"')
API_LISTS = ("citizens", "courses", "deadlines", "alerts")
_lock = threading.Lock()
_next: dict[str, itertools.count] = {}
_addresses = itertools.count(1)


def take(kind: str) -> dict:
    """The next entry of the plan for this kind of user (each simulated user is a different person)."""
    with _lock:
        counter = _next.setdefault(kind, itertools.count())
        entries = PLAN[kind]
        return entries[next(counter) % len(entries)]


def form_values(page: str) -> dict[str, str]:
    """The text and hidden inputs of a page as rendered (what a person submits without changing them)."""
    values = {}
    for tag in INPUT.findall(page):
        attributes = dict(ATTRIBUTE.findall(tag))
        if attributes.get("name") and attributes.get("type", "text") not in ("checkbox", "radio", "submit"):
            values[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return values


class Person(HttpUser):
    abstract = True
    wait_time = WAIT
    kind = ""

    def on_start(self) -> None:
        number = next(_addresses)
        self.client.headers["X-Forwarded-For"] = (
            f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        )
        self.entry = take(self.kind)
        page = self.client.get("/login/", name="/login/ (form)")
        token = CSRF.search(page.text)
        with self.client.post(
            "/login/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.entry["username"],
                "password": PLAN["password"],
            },
            name="/login/ (post)",
            catch_response=True,
        ) as answer:
            if "sessionid" not in self.client.cookies:
                answer.failure(f"log-in of {self.entry['username']} failed ({answer.status_code})")

    def post_form(self, path: str, name: str, extra: dict[str, str]) -> None:
        """GET the form, POST its values as rendered with ``extra``; a form shown again (400) is a failure."""
        page = self.client.get(path, name=f"{name} (form)")
        values = {**form_values(page.text), **extra}
        with self.client.post(path, data=values, name=f"{name} (post)", catch_response=True) as answer:
            if answer.status_code >= 400:
                answer.failure(f"{name}: {answer.status_code}")


class WardStaff(Person):
    weight = 80
    kind = "ward"

    @task(5)
    def board(self) -> None:
        self.client.get("/afdeling/tavle/", name="ward board")

    @task(3)
    def course(self) -> None:
        pk = random.choice(self.entry["courses"])
        self.client.get(f"/forloeb/{pk}/", name="course page")
        self.client.get(f"/forloeb/{pk}/udskrivning/", name="course discharge page")

    @task(1)
    def discharge(self) -> None:
        if self.entry["discharge"]:  # this user's own reserved course: nobody else discharges it
            pk = self.entry["discharge"].pop()
            reason = "Bænktest: udskrives efter aftale med kommunen."
            self.post_form(
                f"/forloeb/{pk}/udskrivning/advis/", "discharge notice", {"early_discharge_reason": reason}
            )
        else:
            pk = random.choice(self.entry["courses"])
            self.client.get(f"/forloeb/{pk}/udskrivning/advis/", name="discharge notice (form)")


class MunicipalOfficer(Person):
    weight = 60
    kind = "municipal"

    @task(5)
    def inbox(self) -> None:
        self.client.get("/kommune/indbakke/", name="municipal inbox")

    @task(3)
    def course(self) -> None:
        if self.entry["courses"]:
            self.client.get(f"/forloeb/{random.choice(self.entry['courses'])}/", name="course page")

    @task(1)
    def reply(self) -> None:
        if self.entry["courses"]:
            pk = random.choice(self.entry["courses"])
            self.post_form(
                f"/forloeb/{pk}/udskrivning/svar/",
                "municipal reply",
                {"answer": "ready", "reason": "", "ready_on": "", "author_phone": "86 00 00 00"},
            )


class SteeringGroup(Person):
    weight = 10
    kind = "steering"

    @task
    def key_figures(self) -> None:
        self.client.get("/noegletal/", name="key figures")


class RestClient(HttpUser):
    weight = 50
    wait_time = WAIT

    def on_start(self) -> None:
        self.entry = take("rest")
        self.client.headers["Authorization"] = f"Token {self.entry['token']}"
        self.client.headers["Accept"] = "application/json"

    @task
    def list_and_detail(self) -> None:
        name = random.choice(API_LISTS)
        answer = self.client.get(f"/api/v1/{name}/?page_size=50", name=f"/api/v1/{name}/ (50)")
        rows = answer.json().get("results", []) if answer.ok else []
        if rows and "id" in rows[0]:
            self.client.get(f"/api/v1/{name}/{random.choice(rows)['id']}/", name=f"/api/v1/{name}/<id>/")
