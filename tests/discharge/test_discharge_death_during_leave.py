"""A death reported as a sudden change, dated before the citizen's open leave began, is refused with a Danish
reason on the time field (form error, 400 JSON) and nothing is saved — not a database error and a 500."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from admissions.models import Course, LeavePeriod
from admissions.services import leave_start
from discharge.models import SuddenChange
from discharge.services import sudden_change_report
from sundhedsaftale.errors import DomainError

pytestmark = pytest.mark.django_db

MESSAGE = "Dødstidspunktet kan ikke ligge før orloven begyndte"


@pytest.fixture
def on_leave(make_course: Any, ward: Any) -> Course:
    course: Course = make_course(admitted_at=timezone.now() - timedelta(days=2))
    leave_start(course=course, started_at=timezone.now() - timedelta(hours=3), acting_user=ward)
    return course


def _nothing_saved(course: Course) -> bool:
    course.refresh_from_db()
    leave = LeavePeriod.objects.get(course=course)
    return (
        course.state == Course.State.ON_LEAVE and leave.ended_at is None and not SuddenChange.objects.exists()
    )


def test_a_reported_death_before_the_leave_is_refused_on_the_time_field(on_leave: Course, ward: Any) -> None:
    with pytest.raises(DomainError) as raised:
        sudden_change_report(
            course=on_leave,
            kind="death",
            description="Fundet død",
            occurred_at=timezone.now() - timedelta(hours=5),
            acting_user=ward,
        )

    assert raised.value.field == "occurred_at"
    assert raised.value.message.startswith(MESSAGE)
    assert _nothing_saved(on_leave)


def test_the_sudden_change_form_shows_the_reason(on_leave: Course, ward: Any) -> None:
    client = Client()
    client.force_login(ward)
    at = timezone.localtime(timezone.now() - timedelta(hours=5)).strftime("%d.%m.%Y %H.%M")

    response = client.post(
        f"/forloeb/{on_leave.pk}/udskrivning/aendring/",
        {"kind": "death", "description": "Fundet død", "occurred_at": at},
    )

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert _nothing_saved(on_leave)


def test_the_sudden_change_api_answers_400_json(on_leave: Course, ward: Any) -> None:
    client = APIClient()
    client.force_authenticate(ward)

    response = client.post(
        "/api/v1/sudden-changes/",
        {
            "course": on_leave.pk,
            "change_kind": "death",
            "description": "Fundet død",
            "occurred_at": (timezone.now() - timedelta(hours=5)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["occurred_at"][0].startswith(MESSAGE)
    assert _nothing_saved(on_leave)
