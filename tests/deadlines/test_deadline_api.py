"""/api/v1/deadlines/ and /api/v1/alerts/: scoped by the visibility rule, filtered, access-logged."""

from datetime import datetime

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from rest_framework.test import APIClient

from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.workdays import TZ
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.deadlines import AlertFactory, DeadlineFactory

pytestmark = pytest.mark.django_db


def client_for(user: AbstractUser) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def aarhus_deadline() -> Deadline:
    """At AUH-ORT for a citizen of Aarhus: seen by AUH staff and Aarhus visitation."""
    return DeadlineFactory.create(
        course=CourseFactory.create(at="AUH-ORT"), due_at=datetime(2025, 4, 14, 23, 59, 59, tzinfo=TZ)
    )


@pytest.fixture
def randers_deadline() -> Deadline:
    """At RHR-MED for a citizen of Randers: foreign to AUH and to Aarhus."""
    course = CourseFactory.create(
        at="RHR-MED", citizen=CitizenFactory.create(municipality=organisation_get("730"))
    )
    return DeadlineFactory.create(
        course=course, counterpart=organisation_get("730"), due_at=datetime(2025, 5, 2, 23, 59, 59, tzinfo=TZ)
    )


def ids(response_json: dict) -> set[int]:
    return {row["id"] for row in response_json["results"]}


def looked_up(admin: AbstractUser, *deadlines: Deadline) -> AbstractUser:
    """The regional admin after a purpose look-up (POST /borgere/opslag/) of each deadline's citizen: the
    region has no care relation of its own and reads a citizen only for a stated purpose."""
    client = Client()
    client.force_login(admin)  # type: ignore[arg-type]
    for deadline in deadlines:
        assert deadline.citizen is not None
        response = client.post(
            "/borgere/opslag/",
            {"cpr": deadline.citizen.cpr, "purpose": "complaint", "reference": "Klage 2026-0001"},
        )
        assert response.status_code == 302
    return admin


@pytest.mark.parametrize(
    ("role", "code", "sees"),
    [
        pytest.param("ward_staff", "AUH-ORT", {"aarhus"}, id="ward-aarhus"),
        pytest.param("visitation", "751", {"aarhus"}, id="visitation-aarhus"),
        pytest.param("visitation", "730", {"randers"}, id="visitation-randers"),
        pytest.param("steering_group", "klynge-aarhus", set(), id="steering-group-sees-no-citizen"),
        # the region reads no citizen without a purpose look-up (test_the_region_sees_the_deadlines_it_looked_up)
        pytest.param("regional_admin", "1082", set(), id="region"),
    ],
)
def test_deadlines_are_scoped_by_the_visibility_rule(
    role: str, code: str, sees: set[str], aarhus_deadline: Deadline, randers_deadline: Deadline
) -> None:
    named = {"aarhus": aarhus_deadline.pk, "randers": randers_deadline.pk}

    response = client_for(member(role, code)).get("/api/v1/deadlines/")

    assert response.status_code == 200
    assert ids(response.json()) == {named[n] for n in sees}


def test_the_region_sees_the_deadlines_of_the_citizens_it_looked_up(
    aarhus_deadline: Deadline, randers_deadline: Deadline
) -> None:
    # given a regional admin who looked the Randers citizen up for a complaint
    admin = looked_up(member("regional_admin", "1082"), randers_deadline)
    # when the deadlines are listed, then only that citizen's deadline is shown
    assert ids(client_for(admin).get("/api/v1/deadlines/").json()) == {randers_deadline.pk}


def test_a_deadline_without_a_citizen_is_seen_by_its_organisations(aarhus_deadline: Deadline) -> None:
    Deadline.objects.filter(pk=aarhus_deadline.pk).update(citizen=None)

    assert ids(client_for(member("ward_staff", "AUH-ORT")).get("/api/v1/deadlines/").json()) == {
        aarhus_deadline.pk
    }
    assert ids(client_for(member("visitation", "730")).get("/api/v1/deadlines/").json()) == set()


def test_deadline_filters(aarhus_deadline: Deadline, randers_deadline: Deadline) -> None:
    client = client_for(looked_up(member("regional_admin", "1082"), aarhus_deadline, randers_deadline))

    assert ids(client.get("/api/v1/deadlines/?organisation=730").json()) == {randers_deadline.pk}
    assert ids(client.get("/api/v1/deadlines/?organisation=AUH-ORT").json()) == {aarhus_deadline.pk}
    assert ids(client.get("/api/v1/deadlines/?due_before=2025-04-20T00:00:00%2B02:00").json()) == {
        aarhus_deadline.pk
    }
    assert ids(client.get("/api/v1/deadlines/?due_after=2025-04-20T00:00:00%2B02:00").json()) == {
        randers_deadline.pk
    }
    assert ids(client.get("/api/v1/deadlines/?rule=discharge.housing").json()) == set()
    assert ids(client.get("/api/v1/deadlines/?state=pending").json()) == {
        aarhus_deadline.pk,
        randers_deadline.pk,
    }
    assert client.get("/api/v1/deadlines/?state=nonsense").status_code == 400


def test_deadline_rows_show_local_times_and_codes(aarhus_deadline: Deadline) -> None:
    row = client_for(member("visitation", "751")).get(f"/api/v1/deadlines/{aarhus_deadline.pk}/").json()

    assert row["rule"] == "discharge.home_care"
    assert row["due_at"] == "2025-04-14T23:59:59+02:00"
    assert row["responsible"] == "AUH-ORT"
    assert row["counterpart"] == "751"
    assert row["subject_type"] == "admissions.course"


def test_reading_deadlines_is_access_logged(aarhus_deadline: Deadline) -> None:
    user = member("visitation", "751")

    client_for(user).get("/api/v1/deadlines/")

    assert AccessLog.objects.filter(user=user, citizen=aarhus_deadline.citizen, action="api").exists()


def test_alerts_are_those_addressed_to_the_users_organisations(
    aarhus_deadline: Deadline, randers_deadline: Deadline
) -> None:
    to_ward = AlertFactory.create(deadline=aarhus_deadline, organisation=organisation_get("AUH-ORT"))
    to_aarhus = AlertFactory.create(deadline=aarhus_deadline, organisation=organisation_get("751"))
    AlertFactory.create(deadline=randers_deadline, organisation=organisation_get("730"))

    assert ids(client_for(member("ward_staff", "AUH-ORT")).get("/api/v1/alerts/").json()) == {to_ward.pk}
    assert ids(client_for(member("ward_staff", "AUH")).get("/api/v1/alerts/").json()) == {to_ward.pk}
    assert ids(client_for(member("visitation", "751")).get("/api/v1/alerts/").json()) == {to_aarhus.pk}


def test_alert_filters(aarhus_deadline: Deadline) -> None:
    warning = AlertFactory.create(deadline=aarhus_deadline, organisation=organisation_get("751"))
    breach = AlertFactory.create(
        deadline=aarhus_deadline, organisation=organisation_get("751"), kind=Alert.Kind.BREACH
    )
    client = client_for(member("visitation", "751"))
    client.post(f"/api/v1/alerts/{warning.pk}/acknowledge/")

    assert ids(client.get("/api/v1/alerts/?state=unacknowledged").json()) == {breach.pk}
    assert ids(client.get("/api/v1/alerts/?state=acknowledged").json()) == {warning.pk}
    assert ids(client.get("/api/v1/alerts/?kind=breach").json()) == {breach.pk}
    assert ids(client.get("/api/v1/alerts/?rule=discharge.home_care&organisation=751").json()) == {
        warning.pk,
        breach.pk,
    }
    assert ids(client.get("/api/v1/alerts/?due_after=2025-04-15T00:00:00%2B02:00").json()) == set()


def test_acknowledge_an_alert(aarhus_deadline: Deadline) -> None:
    alert = AlertFactory.create(deadline=aarhus_deadline, organisation=organisation_get("751"))
    user = member("visitation", "751")

    response = client_for(user).post(f"/api/v1/alerts/{alert.pk}/acknowledge/")

    assert response.status_code == 200
    assert response.json()["acknowledged_by"] == user.username
    alert.refresh_from_db()
    assert alert.acknowledged_by == user


@pytest.mark.parametrize(
    ("role", "code"),
    [
        pytest.param("visitation", "730", id="other-municipality"),
        pytest.param("ward_staff", "AUH-ORT", id="same-citizen-other-recipient"),
        pytest.param("steering_group", "klynge-aarhus", id="steering-group"),
    ],
)
def test_acknowledging_a_foreign_alert_is_404(role: str, code: str, aarhus_deadline: Deadline) -> None:
    alert = AlertFactory.create(deadline=aarhus_deadline, organisation=organisation_get("751"))

    response = client_for(member(role, code)).post(f"/api/v1/alerts/{alert.pk}/acknowledge/")

    assert response.status_code == 404
    assert response.json()["detail"]
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_anonymous_users_get_no_deadlines_or_alerts() -> None:
    for url in ("/api/v1/deadlines/", "/api/v1/alerts/"):
        response = APIClient().get(url)
        assert response.status_code in {401, 403}  # refused, whichever authentication answers first
        assert "results" not in response.json()
