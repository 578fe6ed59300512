"""The end of a course is admissions' (``course_discharge``, ``course_record_death``, ``course_cancel``): discharge
closes the stay and leave, resumes the paused home care and keeps the hospital's sight for the follow-up window;
a cancelled course (registered in error) ends the hospital's sight at once and cancels only the deadlines still
pending — a breach stays on record. Cancellation is the hospital's, on the page and in the API."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from admissions.models import Course, CourseEvent, HomeCareService, InformationRequest
from admissions.services import course_cancel, course_discharge, leave_start
from sundhedsaftale.citizens.models import CareRelation
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from tests.factories.admissions import HomeCareServiceFactory
from tests.factories.citizens import CourseFactory
from tests.factories.deadlines import DeadlineFactory
from tests.factories.discharge import DischargePlanFactory

pytestmark = pytest.mark.django_db


def _hospital_relation(course: Course) -> CareRelation:
    return CareRelation.objects.get(source=f"course:{course.pk}", kind=CareRelation.Kind.ADMITTED)


def _paused_home_care(course: Course) -> HomeCareService:
    return HomeCareServiceFactory.create(
        citizen=course.citizen,
        status=HomeCareService.Status.PAUSED,
        paused_at=course.admitted_at,
        paused_by_course=course,
    )


def _deadline_on(subject: Any, course: Course, **fields: Any) -> Deadline:
    return DeadlineFactory.create(
        course=course,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        **fields,
    )


def test_discharge_closes_stay_and_leave_resumes_home_care_and_keeps_sight_for_the_window(
    admitted_course: Course, ward: User
) -> None:
    leave_start(course=admitted_course, started_at=timezone.now() - timedelta(hours=1), acting_user=ward)
    home_care = _paused_home_care(admitted_course)
    at = timezone.now() - timedelta(minutes=10)

    course_discharge(course=admitted_course, at=at, acting_user=ward)

    admitted_course.refresh_from_db()
    assert (admitted_course.state, admitted_course.discharged_at) == (Course.State.DISCHARGED, at)
    assert list(admitted_course.stays.values_list("ended_at", flat=True)) == [at]
    assert list(admitted_course.leaves.values_list("ended_at", flat=True)) == [at]
    home_care.refresh_from_db()
    assert (home_care.status, home_care.resumed_at) == (HomeCareService.Status.ACTIVE, at)
    window = timedelta(days=settings.CARE_RELATION_DAYS_AFTER_COURSE)
    assert _hospital_relation(admitted_course).ends_at == at + window


def test_discharge_before_the_open_leave_is_refused_and_nothing_is_saved(
    admitted_course: Course, ward: User
) -> None:
    leave_start(course=admitted_course, started_at=timezone.now() - timedelta(hours=1), acting_user=ward)

    with pytest.raises(DomainError) as error:
        course_discharge(
            course=admitted_course, at=timezone.now() - timedelta(hours=1, minutes=30), acting_user=ward
        )

    assert (error.value.field, error.value.code) == ("discharged_at", "before_leave")
    admitted_course.refresh_from_db()
    assert admitted_course.state == Course.State.ON_LEAVE and admitted_course.discharged_at is None
    assert _hospital_relation(admitted_course).ends_at is None


def test_discharge_is_the_hospitals(admitted_course: Course, visitator: User) -> None:
    with pytest.raises(DomainError) as error:
        course_discharge(course=admitted_course, at=timezone.now(), acting_user=visitator)

    assert error.value.status_code == 403
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.ADMITTED


def test_cancel_ends_the_hospitals_sight_at_once_and_resumes_home_care(
    admitted_course: Course, ward: User
) -> None:
    home_care = _paused_home_care(admitted_course)

    course_cancel(course=admitted_course, reason="Registreret på den forkerte borger", acting_user=ward)

    admitted_course.refresh_from_db()
    assert admitted_course.state == Course.State.CANCELLED and admitted_course.discharged_at is None
    assert admitted_course.stays.filter(ended_at__isnull=True).count() == 0
    relation = _hospital_relation(admitted_course)
    assert relation.ends_at is not None and relation.ends_at <= timezone.now()
    assert not Course.objects.visible_to(_actor(ward)).filter(pk=admitted_course.pk).exists()
    home_care.refresh_from_db()
    assert home_care.status == HomeCareService.Status.ACTIVE
    assert admitted_course.events.filter(
        kind=CourseEvent.Kind.OTHER, text__contains="Registreret på den forkerte borger"
    ).exists()


def test_cancel_cancels_the_pending_deadlines_of_the_course_and_never_a_breach(
    admitted_course: Course, ward: User
) -> None:
    plan = DischargePlanFactory.create(course=admitted_course)
    pending_plan = _deadline_on(plan, admitted_course)
    request = InformationRequest.objects.create(
        course=admitted_course,
        sender=admitted_course.department,
        recipient=admitted_course.citizen.municipality,
        question="Hvilken hjælp har borgeren?",
        sent_at=timezone.now() - timedelta(days=2),
    )
    due = timezone.now() - timedelta(days=1)
    breached = _deadline_on(
        request,
        admitted_course,
        rule_code="admission.info_reply",
        due_at=due,
        warn_at=due - timedelta(hours=2),
        state=Deadline.State.BREACHED,
        breached_at=due,
    )
    earlier_course = CourseFactory.create(
        citizen=admitted_course.citizen,
        state=Course.State.DISCHARGED,
        admitted_at=admitted_course.admitted_at - timedelta(days=60),
        discharged_at=admitted_course.admitted_at - timedelta(days=50),
    )
    other_course = _deadline_on(earlier_course, earlier_course)

    course_cancel(course=admitted_course, reason="Indlæggelsen blev ikke til noget", acting_user=ward)

    pending_plan.refresh_from_db()
    breached.refresh_from_db()
    other_course.refresh_from_db()
    assert pending_plan.state == Deadline.State.CANCELLED
    assert "Indlæggelsen blev ikke til noget" in pending_plan.cancel_reason
    assert (breached.state, breached.breached_at) == (Deadline.State.BREACHED, due)
    assert other_course.state == Deadline.State.PENDING


def test_cancel_needs_a_reason_and_an_open_course(admitted_course: Course, ward: User) -> None:
    with pytest.raises(DomainError) as error:
        course_cancel(course=admitted_course, reason="  ", acting_user=ward)
    assert error.value.field == "reason"
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.ADMITTED

    course_discharge(course=admitted_course, at=timezone.now(), acting_user=ward)
    with pytest.raises(DomainError) as error:
        course_cancel(course=Course.objects.get(pk=admitted_course.pk), reason="Fejl", acting_user=ward)
    assert error.value.code == "course_closed"


def test_the_ward_cancels_through_the_api(api_client: Any, admitted_course: Course, ward: User) -> None:
    api_client.force_authenticate(ward)

    response = api_client.post(
        f"/api/v1/courses/{admitted_course.pk}/cancel/", {"reason": "Registreret ved en fejl"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "cancelled"
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.CANCELLED


@pytest.mark.parametrize(
    ("who", "status"), [("visitator", 403), ("foreign_visitator", 404)], ids=["own-municipality", "foreign"]
)
def test_a_municipality_cannot_cancel_through_the_api(
    api_client: Any, admitted_course: Course, request: Any, who: str, status: int
) -> None:
    api_client.force_authenticate(request.getfixturevalue(who))

    response = api_client.post(
        f"/api/v1/courses/{admitted_course.pk}/cancel/", {"reason": "Fejl"}, format="json"
    )

    assert response.status_code == status
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.ADMITTED


@pytest.mark.parametrize("htmx", [pytest.param(False, id="plain-form"), pytest.param(True, id="htmx")])
def test_the_ward_cancels_on_the_course_page(
    client: Any, admitted_course: Course, ward: User, htmx: bool
) -> None:
    client.force_login(ward)
    page = client.get(f"/forloeb/{admitted_course.pk}/").content.decode()
    assert "Annullér forløbet" in page and "Årsag" in page
    headers = {"HX-Request": "true"} if htmx else {}

    response = client.post(
        f"/forloeb/{admitted_course.pk}/annuller/", {"reason": "Forkert borger"}, headers=headers
    )

    if htmx:
        assert response.status_code == 204 and response["HX-Redirect"] == "/"
    else:
        assert response.status_code == 302 and response["Location"] == "/"
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.CANCELLED
    assert (
        client.get(f"/forloeb/{admitted_course.pk}/").status_code == 404
    )  # the ward's sight ended with the course


def test_a_missing_reason_is_shown_in_danish_on_the_page(
    client: Any, admitted_course: Course, ward: User
) -> None:
    client.force_login(ward)

    response = client.post(f"/forloeb/{admitted_course.pk}/annuller/", {"reason": ""})

    assert response.status_code == 400
    assert "Angiv årsagen til annulleringen." in response.content.decode()
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.ADMITTED


@pytest.mark.parametrize(
    ("who", "status"), [("visitator", 403), ("foreign_visitator", 404)], ids=["own-municipality", "foreign"]
)
def test_a_municipality_cannot_cancel_on_the_page(
    client: Any, admitted_course: Course, request: Any, who: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(who))

    page = client.get(f"/forloeb/{admitted_course.pk}/")
    response = client.post(f"/forloeb/{admitted_course.pk}/annuller/", {"reason": "Fejl"})

    assert "Annullér forløbet" not in page.content.decode()
    assert response.status_code == status
    assert Course.objects.get(pk=admitted_course.pk).state == Course.State.ADMITTED


def _actor(user: User) -> Any:
    from sundhedsaftale.organisations.actor import actor_for

    return actor_for(user=user)
