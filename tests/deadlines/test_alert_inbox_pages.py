"""The alert inbox a page at a time, its filters kept on the pager's links, bad filter values ignored, and htmx
swapping the list with its pager."""

from typing import Any

import pytest
from django.test import Client

from sundhedsaftale.deadlines.models import Alert
from tests.factories import CitizenFactory, CourseFactory, member
from tests.factories.deadlines import AlertFactory, DeadlineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse_with_55_alerts() -> Any:
    """A ward nurse at AUH-ORT whose department has 55 breach alerts, one per citizen."""
    nurse = member("ward_staff", "AUH-ORT")
    for n in range(55):
        citizen = CitizenFactory.create(name=f"Alarm Borger {n:02d}")
        deadline = DeadlineFactory.create(course=CourseFactory.create(at="AUH-ORT", citizen=citizen))
        AlertFactory.create(deadline=deadline, organisation=deadline.responsible, kind=Alert.Kind.BREACH)
    return nurse


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_alerts_are_paged_and_the_pager_keeps_the_filter(nurse_with_55_alerts: Any) -> None:
    client = as_user(nurse_with_55_alerts)

    first = client.get("/advarsler/?kind=breach").content.decode()
    second = client.get("/advarsler/?kind=breach&side=2").content.decode()

    assert first.count("Alarm Borger") == 50 and "Side 1 af 2 (55 i alt)" in first
    assert "state=unacknowledged&amp;kind=breach&amp;side=2" in first
    assert second.count("Alarm Borger") == 5


@pytest.mark.parametrize(
    "query",
    ["state=nonsense", "kind=nonsense", "rule=no.such.rule", "side=x", "side=99"],
    ids=["state", "kind", "rule", "page-not-a-number", "page-past-the-end"],
)
def test_bad_filter_values_are_ignored(nurse_with_55_alerts: Any, query: str) -> None:
    response = as_user(nurse_with_55_alerts).get(f"/advarsler/?{query}")

    assert response.status_code == 200 and "Alarm Borger" in response.content.decode()


def test_htmx_gets_the_list_with_its_pager(nurse_with_55_alerts: Any) -> None:
    html = as_user(nurse_with_55_alerts).get("/advarsler/", headers={"HX-Request": "true"}).content.decode()

    assert html.lstrip().startswith('<div id="alert-list"') and "Næste side" in html and "<h1>" not in html
