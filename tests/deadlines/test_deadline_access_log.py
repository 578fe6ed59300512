"""The access log on the deadline endpoints: the alert inbox and the deadline and alert APIs write one row
per citizen they show, from the reading organisation, and nothing for what they do not show; and what
people do with an alert is audited."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Alert
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.deadlines import AlertFactory, DeadlineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizens() -> dict[str, Citizen]:
    """Anna (two deadlines) and Bent of Aarhus at AUH-ORT, and Else of Randers at RHR-MED; every deadline
    has a breach alert to its department and to the citizen's municipality."""
    named = {
        "Anna": CitizenFactory.create(name="Anna Logsen"),
        "Bent": CitizenFactory.create(name="Bent Logsen"),
        "Else": CitizenFactory.create(name="Else Fremmed", municipality=organisation_get("730")),
    }
    for key, department in (
        ("Anna", "AUH-ORT"),
        ("Anna", "AUH-ORT"),
        ("Bent", "AUH-ORT"),
        ("Else", "RHR-MED"),
    ):
        citizen = named[key]
        deadline = DeadlineFactory.create(
            course=CourseFactory.create(at=department, citizen=citizen), counterpart=citizen.municipality
        )
        for organisation in (deadline.responsible, citizen.municipality):
            AlertFactory.create(deadline=deadline, organisation=organisation, kind=Alert.Kind.BREACH)
    return named


def html(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def logged(user: Any) -> list[int]:
    return sorted(AccessLog.objects.filter(user_id=user.pk).values_list("citizen_id", flat=True))


READS: list[Any] = [
    pytest.param(html, "/advarsler/", id="inbox"),
    pytest.param(html, "/advarsler/?kind=breach&rule=discharge.home_care", id="inbox-filtered"),
    pytest.param(api, "/api/v1/deadlines/", id="api-deadlines"),
    pytest.param(api, "/api/v1/alerts/", id="api-alerts"),
]


@pytest.mark.parametrize(("client", "url"), READS)
def test_a_list_logs_each_citizen_it_shows_once(
    client: Callable[[Any], Any], url: str, citizens: dict[str, Citizen]
) -> None:
    # given Aarhus visitation, who sees Anna (twice) and Bent but not Else
    user = member("visitation", "751")
    # when the list is read once
    response = client(user).get(url)
    # then Anna and Bent have one row each, from Aarhus
    assert response.status_code == 200
    assert logged(user) == sorted([citizens["Anna"].pk, citizens["Bent"].pk])
    assert set(AccessLog.objects.filter(user_id=user.pk).values_list("organisation__code", flat=True)) == {
        "751"
    }


@pytest.mark.parametrize(("client", "url"), READS)
def test_a_steering_group_reads_no_citizen_and_nothing_is_logged(
    client: Callable[[Any], Any], url: str, citizens: dict[str, Citizen]
) -> None:
    user = member("steering_group", "klynge-aarhus")

    response = client(user).get(url)

    assert response.status_code == 200
    assert "Logsen" not in response.content.decode()
    assert logged(user) == []


def test_the_api_detail_of_one_alert_logs_its_citizen(citizens: dict[str, Citizen]) -> None:
    user = member("ward_staff", "AUH-ORT")
    alert = Alert.objects.get(deadline__citizen=citizens["Bent"], organisation__code="AUH-ORT")

    response = api(user).get(f"/api/v1/alerts/{alert.pk}/")

    assert response.status_code == 200
    assert logged(user) == [citizens["Bent"].pk]


def test_acknowledging_with_htmx_logs_the_citizen_of_the_row_shown(citizens: dict[str, Citizen]) -> None:
    user = member("ward_staff", "AUH-ORT")
    alert = Alert.objects.get(deadline__citizen=citizens["Bent"], organisation__code="AUH-ORT")

    response = html(user).post(f"/advarsler/{alert.pk}/kvitter/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Bent Logsen" in response.content.decode()
    assert logged(user) == [citizens["Bent"].pk]


def test_acknowledging_without_javascript_shows_and_logs_nothing(citizens: dict[str, Citizen]) -> None:
    user = member("ward_staff", "AUH-ORT")
    alert = Alert.objects.get(deadline__citizen=citizens["Bent"], organisation__code="AUH-ORT")

    response = html(user).post(f"/advarsler/{alert.pk}/kvitter/")

    assert response.status_code == 302
    assert logged(user) == []


def test_acknowledging_an_alert_is_audited_with_who_and_when(citizens: dict[str, Citizen]) -> None:
    from auditlog.models import LogEntry

    user = member("ward_staff", "AUH-ORT")
    alert = Alert.objects.get(deadline__citizen=citizens["Bent"], organisation__code="AUH-ORT")

    html(user).post(f"/advarsler/{alert.pk}/kvitter/")

    update = LogEntry.objects.get_for_object(alert).get(action=LogEntry.Action.UPDATE)
    assert update.actor == user
    assert update.changes_dict["acknowledged_at"][0] == "None"
    assert set(update.changes_dict) == {"acknowledged_at", "acknowledged_by"}
