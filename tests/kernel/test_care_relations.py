"""Access follows a current care relation (Sundhedsloven § 42 a): who may see a citizen is data — admitted at
a hospital, resident in a municipality, listed with a GP, receiving a plan, a look-up for a stated purpose —
each with its start and end, and every reader can see why."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from admissions.services import course_care_relations_end
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.citizens.models import CareRelation
from sundhedsaftale.citizens.services import citizen_relations_sync
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_hospital_loses_sight_of_a_citizen_30_days_after_the_course_ended() -> None:
    # given a citizen discharged from AUH today, and ward staff at AUH
    course = CourseFactory.create(at="AUH-ORT")
    discharged = timezone.now()
    course.discharged_at, course.state = discharged, "discharged"
    course.save(update_fields=["discharged_at", "state"])
    course_care_relations_end(course=course, at=discharged)
    staff = member("ward_staff", "AUH-ORT")
    url = f"/borgere/{course.citizen_id}/"
    # when the citizen page is opened within the window, it shows (logged in that day: a session lasts a shift)
    with time_machine.travel(discharged + timedelta(days=29), tick=False):
        assert _client(staff).get(url).status_code == 200
    # then 31 days after the discharge the hospital no longer has a care relation: 404 as for a stranger
    with time_machine.travel(discharged + timedelta(days=31), tick=False):
        ward = _client(staff)
        assert ward.get(url).status_code == 404
        assert ward.get(f"/api/v1/citizens/{course.citizen_id}/").status_code == 404


def test_the_window_after_the_course_is_configurable(settings: object) -> None:
    # given a region that keeps the hospital's relation 7 days after the course
    settings.CARE_RELATION_DAYS_AFTER_COURSE = 7  # type: ignore[attr-defined]
    course = CourseFactory.create(at="AUH-ORT")
    ended = timezone.now()
    # when the course ends
    course_care_relations_end(course=course, at=ended)
    # then the relation ends 7 days later
    relation = CareRelation.objects.get(source=f"course:{course.pk}")
    assert relation.ends_at == ended + timedelta(days=7)


def test_a_move_hands_the_citizen_from_the_old_municipality_to_the_new() -> None:
    # given a citizen living in Aarhus, and visitation officers in Aarhus and Randers
    citizen = CitizenFactory.create(municipality=organisation_get("751"))
    aarhus, randers = _client(member("visitation", "751")), _client(member("visitation", "730"))
    url = f"/borgere/{citizen.pk}/"
    assert (aarhus.get(url).status_code, randers.get(url).status_code) == (200, 404)
    # when the citizen moves to Randers (an explicit master-data change)
    citizen.municipality = organisation_get("730")
    citizen.save(update_fields=["municipality"])
    citizen_relations_sync(citizen=citizen)
    # then Randers sees the citizen and Aarhus no longer does
    assert (aarhus.get(url).status_code, randers.get(url).status_code) == (404, 200)


def test_the_api_citizen_detail_says_why_the_reader_may_see_the_citizen() -> None:
    # given a citizen admitted at AUH, and a REST client acting for AUH
    course = CourseFactory.create(at="AUH-ORT")
    client = _client(member("integration", "AUH"))
    # when the citizen detail is read
    body = client.get(f"/api/v1/citizens/{course.citizen_id}/").json()
    # then access_basis names the hospital's relation with its start
    assert [(b["kind"], b["organisation"]) for b in body["access_basis"]] == [("admitted", "AUH")]
    assert body["access_basis"][0]["starts_at"]


def test_the_citizen_page_shows_why_i_can_see_the_citizen() -> None:
    # given a citizen living in Aarhus, read by Aarhus' visitation
    citizen = CitizenFactory.create(municipality=organisation_get("751"))
    page = _client(member("visitation", "751")).get(f"/borgere/{citizen.pk}/").content.decode()
    # then the page answers "Hvorfor kan jeg se borgeren?" with the municipality of residence
    assert "Hvorfor kan jeg se borgeren?" in page
    assert "Bopælskommune – Aarhus Kommune" in page


def test_the_region_reads_a_citizen_only_by_a_look_up_for_a_stated_purpose() -> None:
    # given a citizen and a regional administrator
    citizen = CitizenFactory.create()
    admin = member("regional_admin")
    client = _client(admin)
    # when the administrator opens the citizen directly, it is refused as for anyone without a relation
    assert client.get(f"/borgere/{citizen.pk}/").status_code == 404
    # and a look-up without a reference is refused in Danish
    refused = client.post("/borgere/opslag/", {"cpr": citizen.cpr, "purpose": "complaint", "reference": ""})
    assert "Dette felt er påkrævet" in refused.content.decode() or "reference" in refused.content.decode()
    # when it looks the citizen up for a complaint with the case's reference
    response = client.post(
        "/borgere/opslag/", {"cpr": citizen.cpr, "purpose": "complaint", "reference": "Klage 2026-0042"}
    )
    # then it is sent to the citizen page, which now shows, with the purpose as the basis
    assert response.status_code == 302 and response["Location"] == f"/borgere/{citizen.pk}/"
    page = client.get(f"/borgere/{citizen.pk}/").content.decode()
    assert "Klagesag: Klage 2026-0042" in page
    # and the look-up is in the access log with its purpose and the membership that read
    row = AccessLog.objects.get(citizen_id=citizen.pk, action="lookup")
    assert row.purpose == "Klagesag: Klage 2026-0042"
    assert row.membership_id == admin.memberships.get().pk
    # and the relation ends after the configured hours (logged in again: a session lasts one shift too)
    with time_machine.travel(timezone.now() + timedelta(hours=9), tick=False):
        assert _client(admin).get(f"/borgere/{citizen.pk}/").status_code == 404


def test_only_the_region_may_look_up_for_a_purpose() -> None:
    # given a citizen living in Randers and a visitation officer in Aarhus
    citizen = CitizenFactory.create(municipality=organisation_get("730"))
    client = _client(member("visitation", "751"))
    # when the officer tries the purpose look-up
    response = client.post("/borgere/opslag/", {"cpr": citizen.cpr, "purpose": "complaint", "reference": "x"})
    # then it is refused and the citizen stays out of sight
    assert response.status_code == 403
    assert client.get(f"/borgere/{citizen.pk}/").status_code == 404
