"""Every action on the course page works as a plain form (a redirect back to the page) and by htmx (the page's
fragment and an ``HX-Trigger``); a refused action shows the service's Danish reason and saves nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from admissions.models import Consent, Course, CourseEvent, InformationRequest, Message, Stay
from tests.factories import organisation_get
from tests.factories.admissions import ConsentFactory

pytestmark = pytest.mark.django_db


def _local(**delta: float) -> str:
    return timezone.localtime(timezone.now() - timedelta(**delta)).strftime("%d.%m.%Y %H.%M")


def _form(action: str, course: Course, practice: Any) -> dict[str, Any]:
    return {
        "samtykke": {"given_by": "citizen", "given_at": _local(minutes=5), "to_municipality": "on"},
        "forespoergsel": {
            "recipient": practice.pk,
            "question": "Hvilken medicin?",
            "author_phone": "78450000",
        },
        "korrespondance": {
            "category": "nursing",
            "recipient": organisation_get("751").pk,
            "body": "Tryksår på hælen.",
            "author_phone": "78450000",
        },
        "overflytning": {"department": organisation_get("AUH-NEU").pk, "at": _local(minutes=5)},
        "orlov": {"at": _local(minutes=5), "note": "Weekend hjemme"},
        "doedsfald": {"at": _local(minutes=5)},
    }[action]


def _done(action: str, course: Course) -> bool:
    course.refresh_from_db()
    return {
        "samtykke": Consent.objects.filter(course=course, to_gp=False).exists(),
        "forespoergsel": InformationRequest.objects.filter(course=course).exists(),
        "korrespondance": Message.objects.filter(course=course).exists(),
        "overflytning": Stay.objects.filter(course=course, department__code="AUH-NEU").exists(),
        "orlov": course.state == Course.State.ON_LEAVE,
        "doedsfald": course.state == Course.State.DECEASED,
    }[action]


ACTIONS = ["samtykke", "forespoergsel", "korrespondance", "overflytning", "orlov", "doedsfald"]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("htmx", [pytest.param(False, id="plain-form"), pytest.param(True, id="htmx")])
def test_each_course_action_works_with_and_without_javascript(
    client: Any, admitted_course: Course, ward: User, practice: Any, action: str, htmx: bool
) -> None:
    ConsentFactory.create(
        course=admitted_course,
        given_at=admitted_course.admitted_at + timedelta(minutes=1),
        to_municipality=True,
    )
    client.force_login(ward)
    headers = {"HX-Request": "true"} if htmx else {}

    response = client.post(
        f"/forloeb/{admitted_course.pk}/{action}/", _form(action, admitted_course, practice), headers=headers
    )

    if htmx:
        assert response.status_code == 200 and response["HX-Trigger"] == "course-changed"
        assert response.content.decode().lstrip().startswith('<div id="course-body">')
    else:
        assert response.status_code == 302 and response["Location"] == f"/forloeb/{admitted_course.pk}/"
    assert _done(action, admitted_course)


def test_a_refused_action_shows_the_danish_reason_in_the_form_and_saves_nothing(
    client: Any, admitted_course: Course, ward: User
) -> None:
    client.force_login(ward)
    events = CourseEvent.objects.count()

    response = client.post(
        f"/forloeb/{admitted_course.pk}/overflytning/",
        {"department": admitted_course.department_id, "at": _local(minutes=5)},
    )

    assert response.status_code == 400
    assert "Borgeren er allerede på denne afdeling." in response.content.decode()
    assert Stay.objects.filter(course=admitted_course).count() == 1 and CourseEvent.objects.count() == events
