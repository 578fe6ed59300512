"""Query counts of the deadline lists: the inbox, the timeline and the API lists cost the same for 1 row or 12.

Each bound is the count measured for one row; a query per row (an N+1) breaks it as soon as there are more.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Alert
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.deadlines import AlertFactory, DeadlineFactory

pytestmark = pytest.mark.django_db
ROWS = [pytest.param(1, id="one-row"), pytest.param(12, id="twelve-rows")]


def alerts_at_auh_ort(rows: int) -> Citizen:
    """``rows`` deadlines of one Aarhus citizen at AUH-ORT, awaited by Aarhus (751), each with a warning or a
    breach to both; returns the citizen."""
    citizen = CitizenFactory.create()
    for number in range(rows):
        deadline = DeadlineFactory.create(course=CourseFactory.create(at="AUH-ORT", citizen=citizen))
        kind = Alert.Kind.WARNING if number % 2 else Alert.Kind.BREACH
        AlertFactory.create(deadline=deadline, kind=kind)
        AlertFactory.create(deadline=deadline, kind=kind, organisation=organisation_get("751"))
    return citizen


def session_client(cls: Callable[[], Any], role: str, code: str) -> Any:
    """A client logged in by session: every request loads the user (and its memberships) afresh."""
    client = cls()
    client.force_login(member(role, code))
    return client


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("htmx", [pytest.param(False, id="page"), pytest.param(True, id="htmx-rows")])
@pytest.mark.parametrize(
    ("role", "code", "bound"),
    [
        # session, user, memberships, the pager's count, the alerts, the access log, the header's count, + the
        # hospital unit's departments, asked once per request (a department's staff act as a party for the unit)
        pytest.param("ward_staff", "AUH-ORT", 8, id="department"),
        pytest.param("ward_staff", "AUH", 8, id="hospital"),
        pytest.param("visitation", "751", 7, id="municipality"),
    ],
)
def test_the_alert_inbox_costs_the_same_for_many_alerts(
    rows: int, htmx: bool, role: str, code: str, bound: int, django_assert_max_num_queries: Any
) -> None:
    alerts_at_auh_ort(rows)
    client = session_client(Client, role, code)
    headers = {"HX-Request": "true"} if htmx else {}

    with django_assert_max_num_queries(bound):
        response = client.get("/advarsler/", headers=headers)

    assert response.status_code == 200
    assert response.content.decode().count('class="app-alert ') == rows


@pytest.mark.parametrize("rows", ROWS)
def test_the_citizen_timeline_costs_the_same_for_many_deadlines(
    rows: int, django_assert_max_num_queries: Any
) -> None:
    citizen = alerts_at_auh_ort(rows)
    client = session_client(Client, "ward_staff", "AUH-ORT")

    # session, user, memberships, the hospital unit's departments, the citizen, the deadlines, the access log,
    # the header's count
    with django_assert_max_num_queries(8):
        response = client.get(f"/frister/borger/{citizen.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count('<li class="urgency-') == rows


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("path", ["/api/v1/deadlines/", "/api/v1/alerts/"])
def test_the_deadline_and_alert_api_lists_cost_the_same_for_many_rows(
    rows: int, path: str, django_assert_max_num_queries: Any
) -> None:
    alerts_at_auh_ort(rows)
    DeadlineFactory.create(
        course=CourseFactory.create(at="AUH-ORT"), counterpart=organisation_get("730")
    )  # one more deadline, without alerts
    client = session_client(APIClient, "ward_staff", "AUH-ORT")

    # session, user, memberships, the hospital unit's departments, the page, the access log
    with django_assert_max_num_queries(6):
        response = client.get(path)

    assert response.status_code == 200
    assert len(response.json()["results"]) == rows + (1 if "deadlines" in path else 0)
