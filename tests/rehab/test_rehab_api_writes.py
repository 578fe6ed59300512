"""Writes through the rehab API: a foreign id answers like an unknown one, and every answer showing a citizen's
data is in the access log (Sundhedsloven § 42 a), a create as much as a read."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from admissions.models import Course
from sundhedsaftale.access.models import AccessLog
from tests.factories import CitizenFactory, member, organisation_get
from tests.factories.rehab import course_at, plan_written

UNKNOWN = 999999


@pytest.fixture
def foreign_course(db: None) -> Course:
    """A Randers citizen admitted at Randers hospital: AUH and Aarhus see nothing of it."""
    citizen = CitizenFactory.create(name="Else Fremmed", municipality=organisation_get("730"))
    return course_at(at="RHR-KIR", citizen=citizen)


def _same_answer(client: APIClient, path: str, field: str, foreign: int, values: dict[str, object]) -> None:
    to_foreign = client.post(path, {**values, field: foreign}, format="json")
    to_unknown = client.post(path, {**values, field: UNKNOWN}, format="json")
    assert to_foreign.status_code == to_unknown.status_code == 400
    assert to_foreign.json() == client.post(path, {**values, field: foreign}, format="json").json()
    assert str(to_foreign.json()).replace(str(foreign), "ID") == str(to_unknown.json()).replace(
        str(UNKNOWN), "ID"
    )


def test_a_foreign_course_in_an_advance_notice_answers_like_an_unknown_one(
    api_client: APIClient, therapist: User, foreign_course: Course
) -> None:
    # given a therapist at AUH and a course at Randers they may not see
    api_client.force_authenticate(therapist)
    # when they send an advance notice on it, and on a course that does not exist
    # then both answers are the same 400 (no answer reveals that the foreign course exists)
    _same_answer(
        api_client, "/api/v1/rehab/advance-notices/", "course", foreign_course.pk, {"diagnosis_code": "M16.1"}
    )


def test_a_foreign_plan_in_a_rehab_course_answers_like_an_unknown_one(
    api_client: APIClient, visitator: User, foreign_course: Course
) -> None:
    # given a plan written at Randers for a Randers citizen, and a visitator in Aarhus
    plan = plan_written(course=foreign_course, author=member("ward_staff", "RHR-KIR"))
    api_client.force_authenticate(visitator)
    # when they register a rehab course on it, and on a plan that does not exist
    # then both answers are the same 400
    values: dict[str, object] = {
        "level": "general",
        "provider_kind": "private_physio",
        "started_on": "2026-04-22",
    }
    _same_answer(api_client, "/api/v1/rehab/courses/", "plan", plan.pk, values)


def test_sending_an_advance_notice_is_in_the_access_log(
    api_client: APIClient, therapist: User, course_discharged_before_easter: Course
) -> None:
    # given a therapist at the course's department
    api_client.force_authenticate(therapist)
    # when they send an advance notice, which answers with the citizen's id and diagnosis
    sent = api_client.post(
        "/api/v1/rehab/advance-notices/",
        {"course": course_discharged_before_easter.pk, "diagnosis_code": "M16.1"},
        format="json",
    )
    # then the answer is logged as a read of that citizen by that user
    assert sent.status_code == 201, sent.json()
    assert sent.json()["citizen"] == course_discharged_before_easter.citizen_id
    assert list(AccessLog.objects.values_list("user_id", "citizen_id")) == [
        (therapist.pk, course_discharged_before_easter.citizen_id)
    ]


def test_starting_a_rehab_course_is_in_the_access_log(
    api_client: APIClient, course_discharged_before_easter: Course, therapist: User, visitator: User
) -> None:
    # given a plan sent to the municipality
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    api_client.force_authenticate(therapist)
    api_client.post(f"/api/v1/rehab/plans/{plan.pk}/send/", {"consent_municipality": True})
    AccessLog.objects.all().delete()
    # when the visitator registers the start of the rehab course
    api_client.force_authenticate(visitator)
    started = api_client.post(
        "/api/v1/rehab/courses/",
        {"plan": plan.pk, "level": "general", "provider_kind": "private_physio", "started_on": "2026-04-22"},
        format="json",
    )
    # then the answer is logged as the visitator's read of the citizen
    assert started.status_code == 201, started.json()
    assert list(AccessLog.objects.values_list("user_id", "citizen_id")) == [
        (visitator.pk, course_discharged_before_easter.citizen_id)
    ]
