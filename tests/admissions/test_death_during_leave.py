"""A death dated before the open leave began is refused with a Danish reason (form error, 400 JSON), not a
database error that rolls the whole request back as a 500."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from admissions.models import Course, LeavePeriod
from admissions.services import course_record_death, leave_start
from sundhedsaftale.errors import DomainError

pytestmark = pytest.mark.django_db

MESSAGE = "Dødstidspunktet kan ikke ligge før orloven begyndte"


@pytest.fixture
def on_leave(admit: Any, ward: Any) -> Course:
    course: Course = admit(admitted_at=timezone.now() - timedelta(hours=5))
    leave_start(course=course, started_at=timezone.now() - timedelta(hours=1), acting_user=ward)
    return course


def _unchanged(course: Course) -> bool:
    course.refresh_from_db()
    leave = LeavePeriod.objects.get(course=course)
    return (
        course.state == Course.State.ON_LEAVE
        and leave.ended_at is None
        and course.citizen.deceased_at is None
    )


def test_a_death_before_the_open_leave_began_is_refused_in_danish(on_leave: Course, ward: Any) -> None:
    with pytest.raises(DomainError) as raised:
        course_record_death(course=on_leave, died_at=timezone.now() - timedelta(hours=2), acting_user=ward)

    assert raised.value.field == "died_at"
    assert raised.value.message.startswith(MESSAGE)
    assert _unchanged(on_leave)


def test_a_death_during_the_leave_ends_it(on_leave: Course, ward: Any) -> None:
    died_at = timezone.now() - timedelta(minutes=30)

    course_record_death(course=on_leave, died_at=died_at, acting_user=ward)

    assert LeavePeriod.objects.get(course=on_leave).ended_at == died_at


def test_the_death_form_shows_the_reason(client: Any, on_leave: Course, ward: Any) -> None:
    client.force_login(ward)
    at = timezone.localtime(timezone.now() - timedelta(hours=2)).strftime("%d.%m.%Y %H.%M")

    response = client.post(f"/forloeb/{on_leave.pk}/doedsfald/", {"at": at})

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert _unchanged(on_leave)


def test_the_death_api_answers_400_json(api_client: Any, on_leave: Course, ward: Any) -> None:
    api_client.force_authenticate(ward)

    response = api_client.post(
        f"/api/v1/courses/{on_leave.pk}/death/",
        {"at": (timezone.now() - timedelta(hours=2)).isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith(MESSAGE)
    assert _unchanged(on_leave)
