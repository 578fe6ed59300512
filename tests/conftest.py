"""Shared fixtures: settings for tests, markers that skip with a reason, reference data, users, Playwright.

The test database is built by the migrations, so it holds the reference data of
``clusters/0002_reference_data``: region 1082, the clusters (``klynge-aarhus`` ...), the hospital units
(AUH, RHR, RHV, RHS, RHH, HEV) with departments (``AUH-ORT`` ...) and the 19 municipalities by kommunekode.
"""

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import LazySettings
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from sundhedsaftale.celery import app as celery_app
from sundhedsaftale.organisations.models import Organisation
from tests.factories import PracticeFactory, member

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- the clock -------------------------------------------------------------------------------------
# ``SUNDHEDSAFTALE_TEST_CLOCK=2026-12-24T00:30`` (local time, Europe/Copenhagen, unless it has an offset) runs
# the whole suite with the clock started at that moment and ticking: ``make test-clocks`` runs it at the
# hours where a test that leans on the wall clock breaks. Tests that freeze time themselves still can.
TEST_CLOCK = "SUNDHEDSAFTALE_TEST_CLOCK"
LOCAL = ZoneInfo("Europe/Copenhagen")
_clock: Any = None


def clock_moment() -> datetime | None:
    """The moment ``SUNDHEDSAFTALE_TEST_CLOCK`` names, or None when the suite runs on the real clock."""
    value = os.environ.get(TEST_CLOCK, "").strip()
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL)


def pytest_configure(config: pytest.Config) -> None:
    """Move the clock before collection, so that a module's import-time ``date.today()`` sees it too."""
    global _clock
    moment = clock_moment()
    if moment is not None and _clock is None:
        # In UTC: a ZoneInfo destination would make time-machine change the process's TZ as well.
        _clock = time_machine.travel(moment.astimezone(UTC), tick=True)
        _clock.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _clock
    if _clock is not None:
        _clock.stop()
        _clock = None


def pytest_report_header(config: pytest.Config) -> str | None:
    moment = clock_moment()
    return f"test clock: {moment.isoformat()} ({TEST_CLOCK}), ticking" if moment else None


# --- markers ---------------------------------------------------------------------------------------
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip, with a visible reason, what this machine cannot run."""
    from django.db import connection

    moment = clock_moment()
    other_clock = (
        f"its other process (a browser, a Celery worker) runs on the real clock, not {TEST_CLOCK}={moment}"
        if moment
        else None
    )
    skips = {
        "postgres": None if connection.vendor == "postgresql" else "needs PostgreSQL (set DATABASE_URL)",
        "redis": None if os.environ.get("REDIS_URL") else "needs Redis (set REDIS_URL)",
        "browser": None
        if CHROMIUM.exists()
        else f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)",
        "wall_clock": other_clock,
    }
    for item in items:
        if other_clock and item.get_closest_marker("browser"):  # the browser's cookies live in real time
            item.add_marker(pytest.mark.skip(reason=other_clock))
            continue
        for marker, reason in skips.items():
            if reason and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


# --- settings for every test -----------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _test_settings(request: pytest.FixtureRequest, settings: LazySettings) -> Iterator[None]:
    """Run Celery tasks in-process, hash passwords cheaply and start each test with an empty cache.

    The cache is a private in-memory one (throttle counters and axes must not leak between tests, and a
    test must never flush a real Redis); tests marked ``redis`` keep the configured broker and cache.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if request.node.get_closest_marker("redis"):
        yield
        return
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sundhedsaftale-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


# --- reference data --------------------------------------------------------------------------------
@pytest.fixture
def organisation(db: None) -> Callable[[str], Organisation]:
    """Look an organisation up by its code: ``organisation("AUH-ORT")``."""

    def get(code: str) -> Organisation:
        return Organisation.objects.select_related("parent", "cluster").get(code=code)

    return get


@pytest.fixture
def region(organisation: Callable[[str], Organisation]) -> Organisation:
    return organisation("1082")


@pytest.fixture
def municipality(organisation: Callable[[str], Organisation]) -> Callable[..., Organisation]:
    """A municipality by kommunekode: ``municipality("730")``; Aarhus (751) without an argument."""

    def get(code: str = "751") -> Organisation:
        found = organisation(code)
        assert found.kind == Organisation.Kind.MUNICIPALITY, f"{code} is not a municipality"
        return found

    return get


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """The reference data again after a transactional test flushed the tables (loading is idempotent)."""
    from sundhedsaftale.organisations.reference_data import reference_data_load

    reference_data_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The migrations ship every cluster on the 2021 agreement (``deadlines/0004``). The tests start from a
    region that has adopted nothing, so they judge by the 2008 agreement's fixed deadlines unless a test adopts
    a set itself (``RuleSetAdoption.objects.create``, or ``rule_set_adoptions_load()`` for the shipped data:
    tests/discharge/test_discharge_2021_agreement.py)."""
    from sundhedsaftale.deadlines.models import RuleSetAdoption

    with django_db_blocker.unblock():
        RuleSetAdoption.objects.all().delete()


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request: pytest.FixtureRequest) -> None:
    """A transactional test (``transaction=True``, ``transactional_db``, ``live_server``) empties every table
    when it ends, so the next one would miss what the migrations loaded: load it again before each."""
    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker and marker.kwargs.get("transaction")
    ):
        request.getfixturevalue("reference_data")


# --- people and clients ----------------------------------------------------------------------------
@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    """A user who is a member in a role: ``make_member("visitation", "730")``."""
    return member


@pytest.fixture
def ward(db: None) -> User:
    """A ward nurse at AUH-ORT (Aarhus University Hospital, orthopaedics)."""
    return member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")


@pytest.fixture
def visitator(db: None) -> User:
    """A visitator in Aarhus (751), the default citizen's municipality."""
    return member("visitation", "751", first_name="Mette", last_name="Visitator")


@pytest.fixture
def practice(db: None) -> Organisation:
    """The default citizen's GP practice."""
    practice: Organisation = PracticeFactory.create()
    return practice


@pytest.fixture
def gp(practice: Organisation) -> User:
    return member("gp", practice.code, first_name="Jens", last_name="Læge")


@pytest.fixture
def foreign_visitator(db: None) -> User:
    """A visitator in Randers (730): not the citizen's municipality."""
    return member("visitation", "730")


@pytest.fixture
def foreign_gp(db: None) -> User:
    """A GP of another practice."""
    other: Organisation = PracticeFactory.create()
    return member("gp", other.code)


@pytest.fixture
def foreign_ward(db: None) -> User:
    """A ward at Randers hospital (RHR-KIR): another hospital unit."""
    return member("ward_staff", "RHR-KIR")


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


# --- the browser -----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright, headless, with nothing phoning home."""
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to run in it
    # unless told that it is safe (the loop only talks to the browser).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any, reference_data: None) -> Iterator[Any]:
    """A fresh browser page whose relative URLs go to the live server (``page.goto("/kontakter/")``)."""
    from django.urls import get_resolver

    # The live server runs in this process: load the URLconf (and the PDF library it imports) here, not inside
    # the first page's 15-second timeout on a loaded machine.
    get_resolver().check()
    context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def _login(page: Any, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


@pytest.fixture
def login() -> Callable[[Any, str, str], None]:
    """``login(page, username, password)``: log in through the real form, as a person would."""
    return _login
