"""The rehab API: plans with versions, sending, receipts, contacts, courses, capacity notices; OpenAPI."""

import pytest
import yaml

from rehab.models import PlanType
from tests.factories import member
from tests.factories.rehab import plan_written


def test_write_finalise_send_receive_and_contact_through_the_api(
    api_client, course_discharged_before_easter, therapist, visitator
):
    api_client.force_authenticate(therapist)
    plan = api_client.post("/api/v1/rehab/plans/", {"course": course_discharged_before_easter.pk}).json()
    url = f"/api/v1/rehab/plans/{plan['id']}/"
    draft = api_client.patch(
        url + "draft/",
        {
            "plan_type": "ZZ0175X",
            "diagnosis_code": "s72.0",
            "outpatient_control": "dont",
        },
    )
    assert draft.status_code == 400  # an unknown choice is refused with a clear field error
    draft = api_client.patch(
        url + "draft/",
        {
            "plan_type": "ZZ0175X",
            "diagnosis_code": "s72.0",
            "diagnosis_text": "Brud på lårbenshals",
            "outpatient_control": "no",
            "need_activity": "Gang",
            "author_name": "Anna Berg",
            "interventions": [{"code": "BLHA", "text": "Gangtræning"}],
            "measurements": [{"test": "TUG", "date": "2026-03-30", "score": "18 s"}],
        },
    )
    assert draft.status_code == 200, draft.json()
    assert draft.json()["versions"][0]["measurements"] == [
        {"test": "TUG", "date": "2026-03-30", "score": "18 s"}
    ]
    assert api_client.post(url + "finalise/").json()["versions"][0]["state"] == "final"
    assert api_client.patch(url + "draft/", {"health_state": "x"}).status_code == 409
    sent = api_client.post(url + "send/", {"consent_municipality": True, "consent_gp": False}).json()
    municipal = next(d for d in sent if d["recipient"] == "municipality")
    api_client.force_authenticate(visitator)
    received = api_client.post(f"/api/v1/rehab/deliveries/{municipal['id']}/receive/").json()
    assert received["received_at"]
    contact = api_client.post(
        f"/api/v1/rehab/deliveries/{municipal['id']}/contact/",
        {
            "contacted_at": received["received_at"],
            "method": "phone",
            "contacted_by_name": "Bo Lind",
            "offer_place": "Sundhedscenter",
            "offer_provider": "municipality",
            "offer_form": "team",
        },
    )
    assert contact.status_code == 201, contact.json()
    assert api_client.get("/api/v1/rehab/contacts/").json()["results"][0]["delivery"] == municipal["id"]


def test_plan_export_is_structured_after_annex_3_2(api_client, course_discharged_before_easter, therapist):
    plan = plan_written(
        course=course_discharged_before_easter, author=therapist, plan_type=PlanType.SPECIALISED
    )
    api_client.force_authenticate(therapist)
    export = api_client.get(f"/api/v1/rehab/plans/{plan.pk}/export/").json()
    version = export["versions"][0]
    assert version["type"] == {
        "sks": "ZZ0175Y",
        "label": "Specialiseret genoptræning (ZZ0175Y)",
        "specialised_reason": "interdisciplinary",
    }
    assert version["diagnosis"]["icd10"] == "S72.0"
    assert set(version["rehab_need"]) == {"body_functions", "activity_participation", "environment"}
    assert [c["role"] for c in version["contacts"]] == [
        "author",
        "municipal_visitation",
        "training_therapist",
    ]
    assert version["recipients"]["hospital"]["code"] == "AUH"


def test_foreign_plan_is_404_in_the_api(api_client, course_discharged_before_easter, therapist):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    api_client.force_authenticate(member("visitation", "730"))
    assert api_client.get(f"/api/v1/rehab/plans/{plan.pk}/").status_code == 404
    assert api_client.get("/api/v1/rehab/plans/").json()["results"] == []


def test_capacity_notices_are_visible_to_sender_and_receiver_only(api_client, db):
    sender = member("visitation", "751")
    api_client.force_authenticate(sender)
    created = api_client.post(
        "/api/v1/rehab/capacity-notices/",
        {
            "kind": "taking_home",
            "sender": "751",
            "receiver": "AUH",
            "description": "Hjemtagning af knætræning",
            "effective_on": "2099-01-01",
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["is_short_notice"] is False
    api_client.force_authenticate(member("ward_staff", "AUH-ORT"))
    assert len(api_client.get("/api/v1/rehab/capacity-notices/").json()["results"]) == 1
    api_client.force_authenticate(member("visitation", "730"))
    assert api_client.get("/api/v1/rehab/capacity-notices/").json()["results"] == []
    assert api_client.get(f"/api/v1/rehab/capacity-notices/{created.json()['id']}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/rehab/plans/",
        "/api/v1/rehab/deliveries/{id}/contact/",
        "/api/v1/rehab/courses/",
        "/api/v1/rehab/capacity-notices/",
        "/api/v1/rehab/advance-notices/",
        "/api/v1/rehab/contacts/",
    ],
)
def test_openapi_documents_the_rehab_resources(client, db, path):
    client.force_login(member("ward_staff", "AUH-ORT"))
    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert path in schema["paths"]


def test_rehab_course_records_provider_and_waiting_time(
    api_client, course_discharged_before_easter, therapist, visitator
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    api_client.force_authenticate(therapist)
    api_client.post(f"/api/v1/rehab/plans/{plan.pk}/send/", {"consent_municipality": True})
    api_client.force_authenticate(visitator)
    created = api_client.post(
        "/api/v1/rehab/courses/",
        {
            "plan": plan.pk,
            "level": "general",
            "provider_kind": "private_physio",
            "provider_name": "Fysio Nord",
            "started_on": "2026-04-22",
            "healing_days": 14,
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["waiting_days"] == 7  # 1 April → 22 April = 21 days, minus 14 days healing
    ended = api_client.post(f"/api/v1/rehab/courses/{created.json()['id']}/end/", {"ended_on": "2026-06-01"})
    assert ended.json()["ended_on"] == "2026-06-01"


@pytest.mark.parametrize("action", ["receive", "contact", "forward", "decline"])
def test_acting_on_the_citizens_own_copy_is_a_clear_400(
    api_client, course_discharged_before_easter, therapist, visitator, action
):
    # given a sent plan and the citizen's copy, which the citizen's municipality can see
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    api_client.force_authenticate(therapist)
    sent = api_client.post(f"/api/v1/rehab/plans/{plan.pk}/send/", {"consent_municipality": True}).json()
    copy = next(row for row in sent if row["recipient"] == "citizen")
    api_client.force_authenticate(visitator)
    body = {
        "contact": {
            "contacted_at": "2026-04-02T10:00:00+02:00",
            "method": "phone",
            "contacted_by_name": "Bo",
        },
        "forward": {"to": "746", "consent": True},
        "decline": {"reason": "Ingen plads"},
    }.get(action, {})

    # when the municipality acts on it
    response = api_client.post(f"/api/v1/rehab/deliveries/{copy['id']}/{action}/", body, format="json")

    # then it is refused with a Danish message, not a server error
    assert response.status_code == 400
    assert "Borgerens eget eksemplar" in str(response.json())
