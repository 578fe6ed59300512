"""The aids API on the one router: the responsibility decision, needs with deliver, loans with their slip PDF,
disputes up the ladder; foreign rows are 404, bad input a Danish 4xx, every read access-logged."""

import io

from django.contrib.auth.models import User
from pypdf import PdfReader
from rest_framework.test import APIClient

from admissions.models import Course
from aids import services
from aids.models import AidType
from sundhedsaftale.access.models import AccessLog


def _as(api_client: APIClient, user: User) -> APIClient:
    api_client.force_authenticate(user)
    return api_client


def test_the_responsibility_is_answered_with_the_clause(api_client: APIClient, ward: User) -> None:
    client = _as(api_client, ward)

    answer = client.get("/api/v1/aids/responsibility/", {"situation": "specialised_rehab"}).json()
    private = client.get(
        "/api/v1/aids/responsibility/", {"situation": "hospital_treatment", "treated_at": "private"}
    ).json()
    unknown = client.get(
        "/api/v1/aids/responsibility/", {"situation": "implanted", "known_at_hospital": "false"}
    ).json()

    assert (answer["delivers"], answer["pays"]) == ("hospital", "municipality")
    assert "Hospitalerne har leveringsforpligtelsen" in answer["reason"]
    assert private["delivers"] == "private_hospital"
    assert unknown["delivers"] == "none"


def test_an_unknown_situation_is_a_400_listing_the_valid_codes(api_client: APIClient, ward: User) -> None:
    response = _as(api_client, ward).get("/api/v1/aids/responsibility/", {"situation": "teleport"})

    assert response.status_code == 400
    assert "general_rehab" in response.content.decode()
    assert "hospice_treatment_tool" in response.content.decode()


def test_a_need_is_created_delivered_and_hidden_from_a_foreign_municipality(
    api_client: APIClient, course: Course, ward: User, visitator: User, foreign_visitator: User
) -> None:
    created = _as(api_client, ward).post(
        "/api/v1/aids/needs/",
        {
            "course": course.pk,
            "aid_type": "rollator",
            "situation": "general_rehab",
            "needed_from": str(course.discharge_plan.planned_date),
            "lasting": False,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    need = created.json()
    assert (need["delivers"], need["pays"]) == ("municipality", "municipality")
    assert need["reason"].startswith("Kommunen leverer, fordi")

    refused = api_client.post(f"/api/v1/aids/needs/{need['id']}/deliver/", {}, format="json")
    assert refused.status_code == 403

    delivered = _as(api_client, visitator).post(
        f"/api/v1/aids/needs/{need['id']}/deliver/", {}, format="json"
    )
    assert delivered.json()["state"] == "delivered"
    assert AccessLog.objects.filter(user=visitator, citizen_id=course.citizen_id).exists()

    assert _as(api_client, foreign_visitator).get(f"/api/v1/aids/needs/{need['id']}/").status_code == 404


def test_a_loans_whole_life_with_its_slip(
    api_client: APIClient, course: Course, rollator: AidType, ward: User, depot_worker: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    client = _as(api_client, depot_worker)

    loan = client.post(
        "/api/v1/aids/loans/",
        {
            "need": need.pk,
            "item_number": "R-77",
            "contact_name": "Bo Depot",
            "contact_phone": "87131313",
            "instruction_given": True,
        },
        format="json",
    ).json()
    slip = client.get(f"/api/v1/aids/loans/{loan['id']}/slip.pdf/")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(slip.content)).pages)
    returned = client.post(f"/api/v1/aids/loans/{loan['id']}/return/", {"kind": "collected"}, format="json")
    need.refresh_from_db()

    assert need.state == "delivered"
    assert "R-77" in text and "Bo Depot" in text and "Inger Aidsen" in text
    assert returned.json()["return_kind"] == "collected"
    again = client.post(f"/api/v1/aids/loans/{loan['id']}/return/", {}, format="json")
    assert again.status_code == 409


def test_a_dispute_through_the_ladder(
    api_client: APIClient, course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    client = _as(api_client, visitator)

    dispute = client.post(
        "/api/v1/aids/disputes/", {"need": need.pk, "question": "Specialiseret?"}, format="json"
    ).json()
    assert dispute["level"] == "local"
    for to, decision in [("council", "Uenige lokalt"), ("social_board", "Uenige i rådet")]:
        dispute = client.post(
            f"/api/v1/aids/disputes/{dispute['id']}/escalate/",
            {"decision": decision, "to": to},
            format="json",
        ).json()
    assert dispute["level"] == "social_board"
    skipped = client.post(
        f"/api/v1/aids/disputes/{dispute['id']}/escalate/", {"decision": "x", "to": "council"}, format="json"
    )
    assert skipped.status_code == 400

    decided = client.post(
        f"/api/v1/aids/disputes/{dispute['id']}/decide/",
        {"outcome": "hospital", "decision": "Led i sygehusbehandling", "pays_afterwards": "hospital"},
        format="json",
    ).json()

    assert (decided["state"], decided["outcome"], decided["pays_afterwards"]) == (
        "decided",
        "hospital",
        "hospital",
    )
    assert [step["level"] for step in decided["steps"]] == ["local", "council", "social_board"]
