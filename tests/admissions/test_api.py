"""The admissions API: scoped by the visibility rule (foreign rows are 404), writes through the services,
and every error a JSON body with a Danish ``detail``."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from admissions.models import AdmissionNotice, Course, InformationRequest
from admissions.services import consent_record
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Deadline
from tests.admissions.conftest import new_cpr
from tests.factories import member

pytestmark = pytest.mark.django_db


def _admission(**overrides):
    return {
        "cpr": new_cpr(),
        "name": "Else Testesen",
        "municipality": "751",
        "kind": "planned",
        "department": "AUH-ORT",
        "admitted_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "episode_of_care_id": "EOC-42",
        **overrides,
    }


def test_ward_admits_through_the_api_and_the_municipality_sees_the_course(api_client, ward, visitator):
    api_client.force_authenticate(ward)
    response = api_client.post("/api/v1/admissions/", _admission(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["state"], body["department"], body["citizen"]["municipality"]) == (
        "planned",
        "admitted",
        "AUH-ORT",
        "751",
    )
    assert AdmissionNotice.objects.filter(course_id=body["id"]).exists()

    api_client.force_authenticate(visitator)
    listed = api_client.get("/api/v1/courses/").json()["results"]
    assert [c["id"] for c in listed] == [body["id"]]
    assert AccessLog.objects.filter(user=visitator, action="api", citizen_id=body["citizen"]["id"]).exists()


def test_duplicate_admission_is_409_with_a_danish_detail_and_nothing_saved(api_client, ward):
    api_client.force_authenticate(ward)
    payload = _admission()
    assert api_client.post("/api/v1/admissions/", payload, format="json").status_code == 201

    response = api_client.post("/api/v1/admissions/", {**payload, "name": "Andet Navn"}, format="json")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate_admission" and "allerede" in body["detail"]
    assert "episode_of_care_id" in body["errors"]
    assert Course.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"cpr": "999999-9999"}, "cpr", id="bad-cpr"),
        pytest.param({"department": "NOPE"}, "department", id="unknown-department"),
        pytest.param({"kind": "weekend"}, "kind", id="unknown-kind"),
    ],
)
def test_bad_admission_input_is_400_with_the_field(api_client, ward, overrides, field):
    api_client.force_authenticate(ward)
    response = api_client.post("/api/v1/admissions/", _admission(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"] and response.json()["detail"]
    assert not Course.objects.exists()


def test_foreign_course_and_its_records_are_404(api_client, admitted_course, ward, foreign_visitator):
    consent = consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=False,
        acting_user=ward,
    )
    api_client.force_authenticate(foreign_visitator)

    for url in (f"/api/v1/courses/{admitted_course.pk}/", f"/api/v1/consents/{consent.pk}/"):
        response = api_client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"]
    assert api_client.get("/api/v1/courses/").json()["results"] == []
    response = api_client.post(
        f"/api/v1/courses/{admitted_course.pk}/contact-person/", {"name": "X", "phone": "1"}
    )
    assert response.status_code == 404


def test_information_request_round_trip(api_client, planned_course, ward, gp, practice):
    # a planned admission: the one kind whose information requests carry the 24-hour reply deadline (1.2.3.1)
    admitted_course = planned_course
    api_client.force_authenticate(ward)
    payload = {"course": admitted_course.pk, "recipient": practice.code, "question": "Medicinliste?"}

    refused = api_client.post("/api/v1/information-requests/", payload, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "no_consent"

    consent = api_client.post(
        "/api/v1/consents/",
        {
            "course": admitted_course.pk,
            "given_by": "citizen",
            "given_at": timezone.now().isoformat(),
            "to_gp": True,
        },
        format="json",
    )
    assert consent.status_code == 201, consent.json()
    sent = api_client.post("/api/v1/information-requests/", payload, format="json")
    assert sent.status_code == 201
    info_id = sent.json()["id"]

    api_client.force_authenticate(gp)
    assert [r["id"] for r in api_client.get("/api/v1/information-requests/").json()["results"]] == [info_id]
    empty = api_client.post(f"/api/v1/information-requests/{info_id}/reply/", {"reply": ""}, format="json")
    assert empty.status_code == 400 and "reply" in empty.json()["errors"]
    answered = api_client.post(
        f"/api/v1/information-requests/{info_id}/reply/", {"reply": "Furix"}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    assert Deadline.objects.for_subject(InformationRequest.objects.get()).get().state == "met"


def test_admission_report_request_and_submit(api_client, admitted_course, ward, visitator):
    api_client.force_authenticate(ward)
    assert (
        api_client.post(
            "/api/v1/admission-reports/", {"course": admitted_course.pk}, format="json"
        ).status_code
        == 201
    )
    wrong_party = api_client.post(
        "/api/v1/admission-reports/submit/",
        {"course": admitted_course.pk, "functional_level": "x"},
        format="json",
    )
    assert wrong_party.status_code == 403 and wrong_party.json()["code"] == "not_a_party"

    api_client.force_authenticate(visitator)
    response = api_client.post(
        "/api/v1/admission-reports/submit/",
        {
            "course": admitted_course.pk,
            "functional_level": "Selvhjulpen",
            "medication": "Panodil",
            "dose_dispensed": True,
        },
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["dose_dispensed"]) == ("submitted", True)


def test_messages_to_unrelated_org_400_and_attachment_checks(
    api_client, admitted_course, ward, visitator, settings
):
    consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    api_client.force_authenticate(ward)
    base = {
        "course": admitted_course.pk,
        "category": "medicine",
        "body": "Ny dosis.",
        "author_phone": "78450000",
    }

    unrelated = api_client.post("/api/v1/messages/", {**base, "recipient": "730"}, format="json")
    assert unrelated.status_code == 400 and unrelated.json()["errors"]["recipient"]

    created = api_client.post("/api/v1/messages/", {**base, "recipient": "751"}, format="json")
    assert created.status_code == 201
    message_id = created.json()["id"]
    url = f"/api/v1/messages/{message_id}/attachments/"
    fake = SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf")
    assert api_client.post(url, {"file": fake}, format="multipart").status_code == 415
    settings.ATTACHMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("x.pdf", b"%PDF-1.4 " + b"0" * 100, "application/pdf")
    assert api_client.post(url, {"file": big}, format="multipart").status_code == 413
    settings.ATTACHMENT_MAX_BYTES = 10_000
    ok = api_client.post(
        url, {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 ok", "application/pdf")}, format="multipart"
    )
    assert ok.status_code == 201 and ok.json()["content_type"] == "application/pdf"

    api_client.force_authenticate(visitator)
    read = api_client.post(f"/api/v1/messages/{message_id}/read/")
    assert read.status_code == 200 and sorted(read.json()["read_by"]) == ["751", "AUH-ORT"]
    reply = api_client.post(
        f"/api/v1/messages/{message_id}/reply/", {"body": "Modtaget", "author_phone": "1"}, format="json"
    )
    assert reply.status_code == 201 and reply.json()["previous"] == message_id


def test_unauthenticated_api_is_refused(api_client):
    response = api_client.get("/api/v1/courses/")
    assert response.status_code in (401, 403) and response.json()["detail"]


@pytest.mark.parametrize(
    ("role", "code", "sees"),
    [
        pytest.param("ward_staff", "AUH-ORT", True, id="ward-of-the-course"),
        pytest.param("ward_staff", "AUH", True, id="hospital-of-the-course"),
        pytest.param("ward_staff", "RHR-MED", False, id="ward-at-another-hospital"),
        pytest.param("visitation", "751", True, id="home-municipality"),
        pytest.param("visitation", "730", False, id="other-municipality"),
        pytest.param("gp", None, False, id="other-gp"),
        pytest.param("steering_group", "klynge-aarhus", False, id="steering-group"),
        pytest.param("regional_admin", "1082", False, id="regional-admin-without-a-look-up"),
    ],
)
def test_every_role_sees_exactly_its_own_courses_and_records(
    api_client, admitted_course, ward, role, code, sees
):
    consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    api_client.force_authenticate(member(role, code))

    for resource in ("courses", "admissions", "consents"):
        rows = api_client.get(f"/api/v1/{resource}/").json()["results"]
        assert bool(rows) is sees, resource


def test_the_region_reads_the_course_in_the_api_only_after_a_purpose_look_up(
    api_client, client, admitted_course, ward
):
    # given a course with a consent, and a regional administrator who sees none of it
    consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    admin = member("regional_admin", "1082")
    api_client.force_authenticate(admin)
    assert api_client.get("/api/v1/courses/").json()["results"] == []
    # when the administrator looks the citizen up for a complaint with the case's reference
    client.force_login(admin)
    looked_up = client.post(
        "/borgere/opslag/",
        {"cpr": admitted_course.citizen.cpr, "purpose": "complaint", "reference": "Klage 2026-0042"},
    )
    assert looked_up.status_code == 302
    # then the API shows the citizen's course and its records
    for resource in ("courses", "admissions", "consents"):
        assert api_client.get(f"/api/v1/{resource}/").json()["results"], resource


def test_the_citizens_gp_sees_the_course(api_client, admitted_course, gp):
    api_client.force_authenticate(gp)
    assert [c["id"] for c in api_client.get("/api/v1/courses/").json()["results"]] == [admitted_course.pk]
