"""Waiting time (agreement 3.3), the pulled plan deadline, capacity notices and advance notices."""

from datetime import date

import pytest

from admissions.models import Course
from rehab.models import RehabCourse
from rehab.selectors import rehab_waiting_days
from rehab.services import advance_notice_send, capacity_notice_create, plan_create
from rehab.tasks import sync_plan_deadlines
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from tests.factories import member
from tests.factories.rehab import course_at, local, plan_written


@pytest.mark.parametrize(
    ("started_on", "healing_days", "expected"),
    [
        pytest.param(date(2026, 4, 15), 0, 14, id="two-weeks-no-healing"),
        pytest.param(date(2026, 5, 13), 35, 7, id="five-weeks-healing-not-counted"),
        pytest.param(date(2026, 4, 20), 35, 0, id="started-within-healing-is-zero"),
        pytest.param(date(2026, 4, 1), 0, 0, id="same-day"),
    ],
)
def test_waiting_time_is_discharge_to_start_minus_healing(
    course_discharged_before_easter, therapist, started_on, healing_days, expected
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    rehab_course = RehabCourse.objects.create(
        plan=plan,
        level="general",
        provider_kind="municipality",
        started_on=started_on,
        healing_days=healing_days,
    )
    assert rehab_waiting_days(rehab_course=rehab_course) == expected


def test_waiting_time_uses_the_plans_discharge_date_before_the_course_is_discharged(therapist):
    course = course_at(admitted_at=local(2026, 3, 25, 8))
    plan = plan_written(course=course, author=therapist, discharge_date=date(2026, 4, 2))
    rehab_course = RehabCourse.objects.create(
        plan=plan, level="general", provider_kind="municipality", started_on=date(2026, 4, 12)
    )
    assert rehab_waiting_days(rehab_course=rehab_course) == 10


def test_no_plan_deadline_until_a_discharge_date_is_known_then_the_task_pulls_it(therapist):
    # given an admitted course without a planned discharge date
    course = course_at(admitted_at=local(2026, 3, 25, 8))
    plan = plan_create(course=course, acting_user=therapist)
    assert not Deadline.objects.for_subject(plan).exists()
    # when the course is discharged lower down and the periodic task runs
    Course.objects.filter(pk=course.pk).update(discharged_at=local(2026, 3, 30, 14), state="discharged")
    assert sync_plan_deadlines() == 1
    deadline = Deadline.objects.for_subject(plan).get()
    assert deadline.due_at == local(2026, 3, 30, 14)
    # and a later change recomputes the same deadline in place, never a second one
    Course.objects.filter(pk=course.pk).update(discharged_at=local(2026, 3, 31, 9))
    sync_plan_deadlines()
    assert Deadline.objects.for_subject(plan).get().due_at == local(2026, 3, 31, 9)


def test_planned_discharge_date_from_the_discharge_app_is_the_anchor(therapist):
    from discharge.models import DischargePlan

    # given a course whose discharge is planned for Friday 3 April (the discharge app's plan)
    course = course_at(admitted_at=local(2026, 3, 25, 8))
    discharge = DischargePlan.objects.create(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=date(2026, 4, 3),
        rule_code="discharge.home_care",
        rule_set="2008",
    )
    plan = plan_create(course=course, acting_user=therapist)
    assert Deadline.objects.for_subject(plan).get().due_date == date(2026, 4, 3)
    # when the discharge app moves the date, the periodic task pulls it into the same deadline
    DischargePlan.objects.filter(pk=discharge.pk).update(planned_date=date(2026, 4, 8))
    sync_plan_deadlines()
    assert Deadline.objects.for_subject(plan).get().due_date == date(2026, 4, 8)


@pytest.mark.parametrize(
    ("announced", "short"),
    [
        pytest.param(local(2026, 6, 30, 10), False, id="six-months-before"),
        pytest.param(local(2026, 7, 2, 10), True, id="too-late"),
    ],
)
def test_capacity_notice_flags_short_notice(db, announced, short):
    # 1 January 2027 - 6 months = 1 July 2026 (a Wednesday, a working day)
    region_admin = member("regional_admin", "1082")
    from sundhedsaftale.organisations.models import Organisation

    notice = capacity_notice_create(
        kind="activity_increase",
        sender=Organisation.objects.get(code="1082"),
        receiver=Organisation.objects.get(code="751"),
        description="Flere hofteoperationer på AUH",
        effective_on=date(2027, 1, 1),
        acting_user=region_admin,
        announced_at=announced,
    )
    assert notice.notice_due_on == date(2026, 7, 1)
    assert notice.is_short_notice is short
    deadline = Deadline.objects.for_subject(notice).get()
    assert deadline.citizen_id is None and deadline.met_late is short


def test_a_municipality_announces_taking_tasks_home_but_not_activity_increases(db, visitator):
    from sundhedsaftale.organisations.models import Organisation

    aarhus, auh = Organisation.objects.get(code="751"), Organisation.objects.get(code="AUH")
    with pytest.raises(DomainError):
        capacity_notice_create(
            kind="activity_increase",
            sender=aarhus,
            receiver=auh,
            description="x",
            effective_on=date(2027, 1, 1),
            acting_user=visitator,
        )
    notice = capacity_notice_create(
        kind="taking_home",
        sender=aarhus,
        receiver=auh,
        description="Hjemtagning af knætræning",
        effective_on=date(2027, 1, 1),
        acting_user=visitator,
    )
    assert notice.sender == aarhus


def test_advance_notice_goes_to_the_municipality_and_the_therapy_department(
    course_discharged_before_easter, therapist
):
    notice = advance_notice_send(
        course=course_discharged_before_easter,
        acting_user=therapist,
        diagnosis_code="m16.1",
        operation_type="Hoftealloplastik",
        operation_date=date(2026, 3, 26),
        expected_discharge=date(2026, 3, 29),
    )
    assert (notice.municipality.code, notice.therapy_department.code, notice.diagnosis_code) == (
        "751",
        "AUH",
        "M16.1",
    )
