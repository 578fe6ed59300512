"""Every API list costs the same number of SQL queries at 5 rows a page as at 50 (no query per row).

The walk takes every list route of the one API router, asks it as each demo role that may read it, at
``page_size=5`` and ``page_size=50``, and compares the queries. A list only proves something when the larger
page holds more rows than the smaller, so the demo is loaded and a dozen more Aarhus citizens are admitted at
AUH-ORT (each with an open discharge deadline and its alerts); the core lists must be among the ones that
grew, and every list that grew must cost the same.
"""

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from sundhedsaftale.api.urls import router
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, CourseFactory, member
from tests.factories.deadlines import AlertFactory, home_care_deadline

pytestmark = pytest.mark.django_db

ROLES = (("ward_staff", "AUH-ORT"), ("visitation", "751"), ("integration", "AUH"), ("integration", "751"))
EXTRA_COURSES = 12
#: the lists the region's load reads most; each must have grown past five rows for some role
CORE = {"citizens", "courses", "admissions", "deadlines", "alerts"}


def more_rows() -> None:
    """A dozen admitted Aarhus citizens at AUH-ORT, each with a home-care deadline and its two alerts."""
    ward, aarhus = Organisation.objects.get(code="AUH-ORT"), Organisation.objects.get(code="751")
    for number in range(EXTRA_COURSES):
        course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(name=f"Sidetal {number}"))
        deadline = home_care_deadline(course=course, discharge_on=timezone.localdate() + timedelta(days=3))
        for organisation in (ward, aarhus):
            AlertFactory.create(deadline=deadline, organisation=organisation)


def list_prefixes() -> list[str]:
    """The router's prefixes that have a list route (``<prefix>/``)."""
    return sorted(prefix for prefix, viewset, _ in router.registry if hasattr(viewset, "list"))


def measure(client: APIClient, url: str, size: int) -> tuple[int, int, int]:
    """(status, rows on the page, queries) of one GET of the list at ``size`` rows a page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": size})
    body: Any = response.json() if response.status_code == 200 else None
    rows = len(body["results"]) if isinstance(body, dict) and isinstance(body.get("results"), list) else -1
    return response.status_code, rows, len(queries.captured_queries)


def test_every_api_list_costs_the_same_at_5_and_at_50_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUNDHEDSAFTALE_DEMO_PASSWORD", raising=False)
    call_command("load_demo_data", stdout=io.StringIO())
    more_rows()
    grew: set[str] = set()
    unequal = []
    for role, code in ROLES:
        client = APIClient()
        client.force_login(member(role, code))
        for prefix in list_prefixes():
            url = f"/api/v1/{prefix}/"
            measure(client, url, 5)  # the first request warms the per-process caches (content types)
            status5, rows5, queries5 = measure(client, url, 5)
            status50, rows50, queries50 = measure(client, url, 50)
            assert status5 == status50, (url, role, status5, status50)
            assert status5 < 500, (url, role, status5)
            if rows50 <= rows5 or rows5 < 5:
                continue  # the larger page holds no more rows: nothing to compare
            grew.add(prefix)
            if queries5 != queries50:
                unequal.append(
                    f"{url} as {role} at {code}: {queries5} queries for {rows5} rows, {queries50} for {rows50}"
                )
    assert not unequal, "a query per row:\n" + "\n".join(unequal)
    assert grew >= CORE, (
        f"these lists never held more than five rows, so they were not compared: {CORE - grew}"
    )
