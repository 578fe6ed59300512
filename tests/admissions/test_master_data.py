"""Admitting a citizen who is already registered uses the stored master data (name, home municipality, GP,
address, phone): submitted data that differ are refused until the change is asked for explicitly, and then
the change is audited with who, when, why and before/after."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import Course, CourseEvent
from admissions.services import citizen_update_master_data
from sundhedsaftale.citizens.models import Citizen, CitizenMasterDataChange
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, PracticeFactory, organisation_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(practice: Organisation) -> Citizen:
    citizen: Citizen = CitizenFactory.create(name="Else Testesen", gp_practice=practice, phone="86 00 00 00")
    return citizen


def _when(**delta: float) -> str:
    return timezone.localtime(timezone.now() - timedelta(**delta)).strftime("%d.%m.%Y %H.%M")


def test_admitting_a_known_citizen_with_blank_master_data_uses_the_stored_data(admit, citizen) -> None:
    course = admit(cpr=citizen.cpr, name="", gp_practice=None)

    citizen.refresh_from_db()
    assert course.citizen == citizen
    assert (citizen.name, citizen.municipality.code) == ("Else Testesen", "751")
    assert not CitizenMasterDataChange.objects.exists()


def test_admitting_a_known_citizen_with_other_master_data_is_refused_and_changes_nothing(
    admit, citizen
) -> None:
    randers, other_gp = organisation_get("730"), PracticeFactory.create()

    with pytest.raises(Conflict) as raised:
        admit(cpr=citizen.cpr, name="Else Anden", municipality=randers, gp_practice=other_gp)

    assert raised.value.code == "master_data_differs"
    assert set(raised.value.differences) == {"name", "municipality", "gp_practice"}  # type: ignore[attr-defined]
    assert "Opdatér borgerens stamdata" in raised.value.message
    citizen.refresh_from_db()
    assert (citizen.name, citizen.municipality.code, citizen.gp_practice_id) == (
        "Else Testesen",
        "751",
        citizen.gp_practice_id,
    )
    assert not Course.objects.exists() and not CitizenMasterDataChange.objects.exists()


def test_an_explicit_update_at_admission_changes_the_data_and_audits_it(admit, citizen, ward) -> None:
    randers = organisation_get("730")

    course = admit(
        cpr=citizen.cpr,
        name="Else Testesen",
        municipality=randers,
        update_master_data=True,
        master_data_reason="Flyttet til Randers",
    )

    citizen.refresh_from_db()
    assert citizen.municipality == randers
    change = CitizenMasterDataChange.objects.get()
    assert (change.citizen, change.changed_by, change.reason) == (citizen, ward, "Flyttet til Randers")
    assert change.changes == {"municipality": {"before": organisation_get("751").name, "after": randers.name}}
    assert course.events.filter(kind=CourseEvent.Kind.OTHER, text__contains="Stamdata").exists()


def test_the_master_data_service_needs_a_reason_and_audits_the_change(citizen, ward) -> None:
    with pytest.raises(DomainError) as raised:
        citizen_update_master_data(citizen=citizen, name="Else Jensen", acting_user=ward, reason=" ")
    assert raised.value.field == "reason"

    citizen_update_master_data(citizen=citizen, name="Else Jensen", acting_user=ward, reason="Navneskift")

    citizen.refresh_from_db()
    assert citizen.name == "Else Jensen"
    change = CitizenMasterDataChange.objects.get()
    assert change.changes["name"] == {"before": "Else Testesen", "after": "Else Jensen"}


def test_the_api_names_the_differing_fields_in_a_409_until_the_client_asks_for_the_update(
    api_client, ward, citizen
) -> None:
    api_client.force_authenticate(ward)
    payload = {
        "cpr": citizen.cpr,
        "name": "Else Anden",
        "municipality": "730",
        "kind": "acute",
        "department": "AUH-ORT",
        "admitted_at": (timezone.now() - timedelta(hours=1)).isoformat(),
    }

    refused = api_client.post("/api/v1/admissions/", payload, format="json")

    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "master_data_differs"
    assert set(body["errors"]) == {"name", "municipality"}
    assert "Else Testesen" not in str(body)  # the stored data are not told to the caller
    assert not Course.objects.exists()

    accepted = api_client.post("/api/v1/admissions/", {**payload, "update_master_data": True}, format="json")

    assert accepted.status_code == 201, accepted.json()
    citizen.refresh_from_db()
    assert (citizen.name, citizen.municipality.code) == ("Else Anden", "730")
    assert CitizenMasterDataChange.objects.get().changed_by == ward


def test_the_admit_form_shows_the_difference_and_updates_only_when_confirmed(client, ward, citizen) -> None:
    client.force_login(ward)
    data = {
        "cpr": citizen.cpr,
        "name": "Else Anden",
        "municipality": organisation_get("751").pk,
        "gp_code": citizen.gp_practice.code,
        "kind": "acute",
        "department": organisation_get("AUH-ORT").pk,
        "admitted_at": _when(hours=1),
    }

    refused = client.post("/indlaeggelse/ny/", data)

    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Else Anden" in page and "Opdatér borgerens stamdata" in page
    assert not Course.objects.exists()

    confirmed = client.post("/indlaeggelse/ny/", {**data, "update_master_data": "on"})

    assert confirmed.status_code == 302
    citizen.refresh_from_db()
    assert citizen.name == "Else Anden"
    assert CitizenMasterDataChange.objects.get().changed_by == ward


@pytest.mark.parametrize(
    "admitted_at",
    [
        pytest.param("01.01.0001 10:00", id="year-1"),
        pytest.param("01.01.0042 10:00", id="year-42"),
        pytest.param("1869-12-31T10:00", id="before-1870"),
    ],
)
def test_an_implausible_admission_date_is_refused_in_the_form(client, ward, admitted_at) -> None:
    client.force_login(ward)

    response = client.post(
        "/indlaeggelse/ny/",
        {
            "cpr": "0101901234",
            "name": "Else Testesen",
            "municipality": organisation_get("751").pk,
            "kind": "acute",
            "department": organisation_get("AUH-ORT").pk,
            "admitted_at": admitted_at,
        },
    )

    assert response.status_code == 400
    assert "ikke troværdig" in response.content.decode()
    assert not Course.objects.exists()


def test_an_admission_before_the_citizens_birth_is_refused(admit) -> None:
    with pytest.raises(DomainError) as raised:
        admit(cpr="0101901123", admitted_at=timezone.now().replace(year=1980))  # born 1990

    assert raised.value.field == "admitted_at"
    assert not Citizen.objects.exists()
