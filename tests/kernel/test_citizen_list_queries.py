"""Query counts of the citizen lists the visibility rule guards: the search page and the citizen API cost the
same for one citizen or many. Each bound is the count measured for one citizen."""

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member

pytestmark = pytest.mark.django_db
ROWS = [pytest.param(1, id="one-citizen"), pytest.param(12, id="twelve-citizens")]


def citizens_of_aarhus(count: int) -> None:
    """``count`` Aarhus citizens named "Testborger ...", each with a GP and a course at AUH-ORT."""
    for number in range(count):
        citizen = CitizenFactory.create(name=f"Testborger {number}", gp_practice=PracticeFactory.create())
        CourseFactory.create(at="AUH-ORT", citizen=citizen)


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("role", ["visitation", "ward_staff"])
def test_the_citizen_search_costs_the_same_for_many_hits(
    rows: int, role: str, django_assert_max_num_queries: Any
) -> None:
    citizens_of_aarhus(rows)
    client = Client()
    client.force_login(member(role, "751" if role == "visitation" else "AUH-ORT"))

    # session, user, memberships, the hits, the access log, the header's alert count; ward staff + the hospital
    # unit's departments (once per request: a department's staff act as a party for the whole unit)
    with django_assert_max_num_queries(7 if role == "ward_staff" else 6):
        response = client.get("/borgere/", {"q": "Testborger"})

    assert response.status_code == 200
    assert response.content.decode().count("Testborger ") >= rows


@pytest.mark.parametrize("rows", ROWS)
def test_the_citizen_api_list_costs_the_same_for_many_citizens(
    rows: int, django_assert_max_num_queries: Any
) -> None:
    citizens_of_aarhus(rows)
    client = APIClient()
    client.force_login(member("visitation", "751"))

    # session, user, memberships, the page, the access log
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/citizens/")

    assert response.status_code == 200
    assert len(response.json()["results"]) == rows
