"""The psychiatry API (start, inform, plans; bad input is a 4xx with a Danish message) and the compliance
figures per rule for the key figures (issue 15)."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from psychiatry.figures import rule_compliance
from psychiatry.models import PsychiatricCourse
from psychiatry.services import course_inform
from psychiatry.services import obligations as ob
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.organisations.models import Organisation
from tests.psychiatry.conftest import GOOD_FRIDAY, admission_at, local

pytestmark = pytest.mark.django_db


def test_the_api_starts_a_course_and_informs_the_municipality(
    api_client: APIClient, citizen: Any, psychiatrist: User, clock: Any
) -> None:
    admission = admission_at(citizen, GOOD_FRIDAY)
    api_client.force_authenticate(psychiatrist)
    created = api_client.post(
        "/api/v1/psychiatry/courses/", {"admission": admission.pk, "consent": "citizen"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["kind"] == "adult" and created.json()["legal_status"] == "voluntary"
    informed = api_client.post(
        f"/api/v1/psychiatry/courses/{pk}/inform/", {"party": "municipality"}, format="json"
    )
    assert informed.status_code == 200 and informed.json()["recipient"] == "751"
    again = api_client.post(
        "/api/v1/psychiatry/courses/", {"admission": admission.pk, "consent": "citizen"}, format="json"
    )
    assert again.status_code == 409


def test_bad_input_is_a_4xx_never_a_500(
    api_client: APIClient, course: PsychiatricCourse, psychiatrist: User
) -> None:
    api_client.force_authenticate(psychiatrist)
    base = f"/api/v1/psychiatry/courses/{course.pk}"
    assert api_client.post(f"{base}/inform/", {"party": "naboen"}, format="json").status_code == 400
    assert (
        api_client.post(f"{base}/discharge-time/", {"agreed_at": "snart"}, format="json").status_code == 400
    )
    refused = api_client.post(f"{base}/complete/", {}, format="json")
    assert refused.status_code == 400 and "børn i familien" in refused.content.decode()
    plan = api_client.post(
        "/api/v1/psychiatry/treatment-plans/",
        {"course": course.pk, "goals": "x" * 5000, "handed_to_patient": True},
        format="json",
    )
    assert plan.status_code == 400


def test_the_municipality_writes_its_action_plan_only_once_informed(
    api_client: APIClient, course: PsychiatricCourse, psychiatrist: User, visitator: User
) -> None:
    api_client.force_authenticate(visitator)
    body = {"course": course.pk, "social_offers": "Bostøtte to gange om ugen"}
    assert api_client.post("/api/v1/psychiatry/action-plans/", body, format="json").status_code == 400
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    created = api_client.post("/api/v1/psychiatry/action-plans/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["author_organisation"] == "751"


def test_compliance_per_rule_counts_met_breached_and_pending(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    clock.move_to(local(2026, 4, 7, 9))
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    scan_due(now=local(2026, 4, 8, 9))  # the GP was not told by Tuesday
    figures = rule_compliance(start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert figures[ob.MUNICIPALITY_INFORMED] == {"met": 1, "breached": 0, "met_late": 0, "pending": 0}
    assert figures[ob.GP_INFORMED]["breached"] == 1
    assert figures[ob.TREATMENT_PLAN]["pending"] == 1
    assert figures[ob.GP_LETTER] == {"met": 0, "breached": 0, "met_late": 0, "pending": 0}
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    randers = Organisation.objects.get(kind="municipality", code="730")
    assert (
        rule_compliance(start=date(2026, 4, 1), end=date(2026, 4, 30), organisations=[aarhus])[
            ob.MUNICIPALITY_INFORMED
        ]["met"]
        == 1
    )
    assert (
        rule_compliance(start=date(2026, 4, 1), end=date(2026, 4, 30), organisations=[randers])[
            ob.MUNICIPALITY_INFORMED
        ]["met"]
        == 0
    )
    assert rule_compliance(start=date(2026, 5, 1), end=date(2026, 5, 31))[ob.TREATMENT_PLAN]["pending"] == 0
