"""The discharge API: the same services as the screens (the same deadline), scoped by the visibility rule,
clear 4xx bodies, and every read access-logged."""

from typing import Any

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from admissions.models import Course
from discharge.models import DischargePlan
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Deadline
from tests.factories.discharge import local

PLAN = {"functional_ability": "reduced", "need": "special_aids", "planned_date": "2027-01-05"}


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_plan_gets_the_same_deadline_as_the_ui(make_course: Any, ward: Any, client: Client) -> None:
    by_ui = make_course(admitted_at=local(2026, 11, 16, 10))
    by_api = make_course(admitted_at=local(2026, 11, 16, 10))
    client.force_login(ward)

    client.post(f"/forloeb/{by_ui.pk}/udskrivning/plan/", {**PLAN, "action": "save"})
    response = api(ward).post("/api/v1/discharge-plans/", {"course": by_api.pk, **PLAN}, format="json")

    assert response.status_code == 201, response.json()
    ui = Deadline.objects.for_subject(DischargePlan.objects.get(course=by_ui)).get()
    via_api = Deadline.objects.for_subject(DischargePlan.objects.get(course=by_api)).get()
    assert (ui.rule_code, ui.rule_set, ui.due_at, ui.warn_at) == (
        via_api.rule_code,
        via_api.rule_set,
        via_api.due_at,
        via_api.warn_at,
    )
    body = response.json()
    assert body["deadline"]["due_date"] == "2026-12-23"
    assert body["deadline"]["rule_code"] == "discharge.special_aids"


def test_api_update_moves_the_date_in_place(course_admitted_16_november: Course, ward: Any) -> None:
    client = api(ward)
    created = client.post(
        "/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, **PLAN}, format="json"
    ).json()

    response = client.put(
        f"/api/v1/discharge-plans/{created['id']}/",
        {**PLAN, "planned_date": "2027-01-07", "reason": "Venter på lift"},
        format="json",
    )

    body = response.json()
    assert response.status_code == 200
    assert body["deadline"]["id"] == created["deadline"]["id"]
    assert body["deadline"]["due_date"] == "2026-12-29"  # 5 working days before Thu 7 Jan
    assert body["date_changes"][0]["text"] == "Udskrivningsdatoen er flyttet fra 05.01.2027 til 07.01.2027"


def test_foreign_rows_are_404(
    course_admitted_16_november: Course, ward: Any, foreign_visitator: Any, foreign_ward: Any
) -> None:
    created = (
        api(ward)
        .post("/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, **PLAN}, format="json")
        .json()
    )

    assert api(foreign_visitator).get(f"/api/v1/discharge-plans/{created['id']}/").status_code == 404
    assert api(foreign_visitator).get("/api/v1/discharge-plans/").json()["results"] == []
    response = api(foreign_ward).post(
        "/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, **PLAN}, format="json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke fundet.", "code": "not_found", "errors": {}}


def test_a_saturday_finished_treatment_is_accepted_in_somatic_care(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """004: færdigbehandlet "når patienten ud fra en lægelig vurdering kan udskrives", on any day in somatic care."""
    response = api(ward).post(
        "/api/v1/finished-treatments/",
        {"course": course_admitted_16_november.pk, "finished_on": "2026-11-21", "doctor_name": "Hansen"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["finished_on"] == "2026-11-21"


def test_discharge_before_admission_is_a_400(course_admitted_16_november: Course, ward: Any) -> None:
    response = api(ward).post(
        "/api/v1/discharge-notices/",
        {"course": course_admitted_16_november.pk, "discharged_at": "2026-11-15T09:00:00+01:00"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "before_admission"
    assert Course.objects.get(pk=course_admitted_16_november.pk).state == "admitted"


def test_shape_errors_are_400_with_the_field(course_admitted_16_november: Course, ward: Any) -> None:
    response = api(ward).post(
        "/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, "need": "spa"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"need", "planned_date", "functional_ability"}


@time_machine.travel(local(2026, 11, 20, 10), tick=False)  # weeks before PLAN's planned date
def test_the_municipality_may_not_plan_but_may_reply(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    response = api(visitator).post(
        "/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, **PLAN}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_a_party"

    api(ward).post(
        "/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, **PLAN}, format="json"
    )
    notified = api(ward).post(
        "/api/v1/discharge-notifications/",
        {"course": course_admitted_16_november.pk, "text": "Hjælpemidler"},
        format="json",
    )
    assert notified.status_code == 201 and notified.json()["on_time"] is True
    reply = api(visitator).post(
        "/api/v1/municipal-replies/",
        {"course": course_admitted_16_november.pk, "answer": "ready"},
        format="json",
    )
    assert reply.status_code == 201
    assert reply.json()["notification"] == notified.json()["id"]
    assert [
        r["answer"]
        for r in api(ward)
        .get(f"/api/v1/municipal-replies/?course={course_admitted_16_november.pk}")
        .json()["results"]
    ] == ["ready"]


def test_epikriser_are_visible_to_the_gp_only(
    course_admitted_16_november: Course, ward: Any, gp: Any, foreign_gp: Any, give_consent: Any
) -> None:
    give_consent(course_admitted_16_november, ward)
    created = api(ward).post(
        "/api/v1/discharge-letters/",
        {"course": course_admitted_16_november.pk, "summary": "Pneumoni", "medication_changed": False},
        format="json",
    )
    assert created.status_code == 201

    assert [x["summary"] for x in api(gp).get("/api/v1/discharge-letters/").json()["results"]] == ["Pneumoni"]
    assert api(foreign_gp).get(f"/api/v1/discharge-letters/{created.json()['id']}/").status_code == 404


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        (
            "/api/v1/discharge-conferences/",
            {
                "conference_kind": "phone",
                "scheduled_at": "2026-11-24T10:00:00+01:00",
                "participants": "Afdeling og visitator",
            },
        ),
        ("/api/v1/discharge-reports/", {"functional_level": "Rollator", "nursing": "Bad"}),
        (
            "/api/v1/sudden-changes/",
            {"change_kind": "condition", "description": "Faldet", "occurred_at": "2026-11-20T09:00:00+01:00"},
        ),
    ],
    ids=["conference", "report", "sudden-change"],
)
def test_create_and_read_back(
    course_admitted_16_november: Course, ward: Any, path: str, payload: dict, give_consent: Any
) -> None:
    give_consent(course_admitted_16_november, ward)
    created = api(ward).post(path, {"course": course_admitted_16_november.pk, **payload}, format="json")

    assert created.status_code == 201, created.json()
    assert api(ward).get(f"{path}{created.json()['id']}/").json()["id"] == created.json()["id"]


def test_api_reads_are_access_logged(course_admitted_16_november: Course, ward: Any) -> None:
    created = (
        api(ward)
        .post("/api/v1/discharge-plans/", {"course": course_admitted_16_november.pk, **PLAN}, format="json")
        .json()
    )
    AccessLog.objects.all().delete()

    api(ward).get(f"/api/v1/discharge-plans/{created['id']}/")

    assert list(AccessLog.objects.values_list("citizen_id", flat=True)) == [
        course_admitted_16_november.citizen_id
    ]


def test_the_schema_documents_the_discharge_resources(client: Client) -> None:
    schema = client.get("/api/schema/").content.decode()

    for path in ("/api/v1/discharge-plans/", "/api/v1/finished-treatments/", "/api/v1/municipal-replies/"):
        assert path in schema


def test_the_municipality_does_not_read_the_epikrise(
    course_admitted_16_november: Course, ward: Any, visitator: Any, give_consent: Any
) -> None:
    give_consent(course_admitted_16_november, ward)
    created = api(ward).post(
        "/api/v1/discharge-letters/",
        {"course": course_admitted_16_november.pk, "summary": "Pneumoni"},
        format="json",
    )

    assert api(visitator).get("/api/v1/discharge-letters/").json()["results"] == []
    assert api(visitator).get(f"/api/v1/discharge-letters/{created.json()['id']}/").status_code == 404


def test_an_epikrise_without_consent_is_a_400_and_nothing_is_saved(
    course_admitted_16_november: Course, ward: Any
) -> None:
    response = api(ward).post(
        "/api/v1/discharge-letters/",
        {"course": course_admitted_16_november.pk, "summary": "Pneumoni"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "no_consent"
    assert "samtykke" in response.json()["detail"]
    assert not course_admitted_16_november.discharge_letters.exists()


def test_an_error_in_one_need_names_its_place_in_the_list(
    course_admitted_16_november: Course, ward: Any
) -> None:
    response = api(ward).post(
        "/api/v1/discharge-plans/",
        {"course": course_admitted_16_november.pk, **PLAN, "needs": ["special_aids", "spa"]},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["needs[1]"]  # one flat name per field, as the schema's Error promises
    assert all(isinstance(message, str) for message in errors["needs[1]"])
    assert not DischargePlan.objects.filter(course=course_admitted_16_november).exists()
