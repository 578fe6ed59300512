"""The engine's write use-cases: ensure (idempotent, recomputes in place), meet (late counts), cancel.

Worked example used throughout: a course at AUH-ORT with a planned discharge on Tuesday 22 April 2025,
the day after Easter Monday. "3 working days before" skips 21 April (2. påskedag), the weekend,
18 April (Langfredag) and 17 April (Skærtorsdag): Wed 16 (1), Tue 15 (2), Mon 14 (3). Due at the end of
Monday 14 April; the warning starts 08:00 on the working day before, Friday 11 April.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from admissions.models import Course
from sundhedsaftale.deadlines.models import Alert, CalendarConventions, ClosedDay, Deadline, RuleSetAdoption
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.deadlines.services import deadline_cancel, deadline_ensure, deadline_meet
from sundhedsaftale.workdays import TZ
from tests.factories import CourseFactory, organisation_get
from tests.factories.deadlines import AlertFactory, home_care_deadline

pytestmark = pytest.mark.django_db

EASTER_DISCHARGE = date(2025, 4, 22)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ)


@pytest.fixture
def course_planned_home_after_easter_2025() -> Course:
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        return CourseFactory.create(at="AUH-ORT")


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_ensure_computes_the_deadline_from_the_catalogue(
    course_planned_home_after_easter_2025: Course,
) -> None:
    deadline = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    assert deadline.rule_set == "2008"
    assert deadline.due_date == date(2025, 4, 14)
    assert deadline.due_at == local(2025, 4, 14, 23, 59, 59)
    assert deadline.warn_at == local(2025, 4, 11, 8)
    assert deadline.responsible.code == "AUH-ORT"
    assert deadline.counterpart is not None and deadline.counterpart.code == "751"
    assert deadline.citizen == course_planned_home_after_easter_2025.citizen
    assert deadline.title == "Varsling ved behov for hjemmepleje og omfattende sygepleje"


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_ensure_twice_keeps_one_deadline(course_planned_home_after_easter_2025: Course) -> None:
    first = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    second = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    assert second.pk == first.pk
    assert Deadline.objects.for_subject(course_planned_home_after_easter_2025).count() == 1


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_ensure_with_an_unchanged_anchor_writes_nothing(
    course_planned_home_after_easter_2025: Course,
) -> None:
    home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    with CaptureQueriesContext(connection) as queries:
        home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_moving_the_anchor_recomputes_in_place(course_planned_home_after_easter_2025: Course) -> None:
    first = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    # Tuesday 29 April: Mon 28 (1), Fri 25 (2), Thu 24 (3).
    moved = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=date(2025, 4, 29))

    assert moved.pk == first.pk
    assert Deadline.objects.for_subject(course_planned_home_after_easter_2025).count() == 1
    moved.refresh_from_db()
    assert moved.due_date == date(2025, 4, 24)
    assert moved.warn_at == local(2025, 4, 23, 8)


def test_a_later_anchor_never_reopens_a_breached_deadline(
    course_planned_home_after_easter_2025: Course,
) -> None:
    """DOMAIN.md, deadline states: "a postponement never turns a breach back into pending". The breach keeps
    the due time it was breached at, and its alert stays."""
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        deadline = home_care_deadline(
            course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE
        )
    Deadline.objects.filter(pk=deadline.pk).update(
        state=Deadline.State.BREACHED, breached_at=local(2025, 4, 15), warned_at=local(2025, 4, 11, 8)
    )
    AlertFactory.create(deadline=deadline, kind=Alert.Kind.BREACH)

    with time_machine.travel(local(2025, 4, 15, 10), tick=False):
        postponed = home_care_deadline(
            course=course_planned_home_after_easter_2025, discharge_on=date(2025, 4, 29)
        )

    assert postponed.pk == deadline.pk
    assert postponed.state == Deadline.State.BREACHED
    assert postponed.breached_at == local(2025, 4, 15)
    assert postponed.due_date == date(2025, 4, 14)
    assert Alert.objects.filter(deadline=deadline, kind=Alert.Kind.BREACH).count() == 1


def test_cancel_leaves_an_obligation_already_due_to_the_scan_which_records_the_breach(
    course_planned_home_after_easter_2025: Course,
) -> None:
    """DOMAIN.md: "Cancellation only when the obligation becomes moot (death, transfer, cancelled course) and
    only while pending: a breach is never erased". Due Monday 14 April and unmet, the obligation is not moot on
    the 15th: the scan records the breach."""
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        deadline = home_care_deadline(
            course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE
        )

    with time_machine.travel(local(2025, 4, 15, 10), tick=False):
        assert deadline_cancel(subject=course_planned_home_after_easter_2025, reason="Borgeren er død") == 0
        scan_due(now=timezone.now())

    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.BREACHED


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_cancel_closes_the_open_deadline_and_settles_its_alerts(
    course_planned_home_after_easter_2025: Course,
) -> None:
    deadline = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)
    alert = AlertFactory.create(deadline=deadline)

    cancelled = deadline_cancel(subject=course_planned_home_after_easter_2025, reason="Udskrivning aflyst")

    deadline.refresh_from_db()
    alert.refresh_from_db()
    assert cancelled == 1
    assert deadline.state == Deadline.State.CANCELLED
    assert deadline.cancel_reason == "Udskrivning aflyst"
    assert alert.acknowledged_at is not None
    # A new plan after a cancellation is a new deadline; the cancelled one stays as history.
    again = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=date(2025, 4, 29))
    assert again.pk != deadline.pk
    assert Deadline.objects.for_subject(course_planned_home_after_easter_2025).open().count() == 1


def test_met_in_time_is_met_and_not_late(course_planned_home_after_easter_2025: Course) -> None:
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    met = deadline_meet(
        subject=course_planned_home_after_easter_2025,
        rule_code="discharge.home_care",
        at=local(2025, 4, 14, 15),
        event="Varsel sendt",
    )

    assert met is not None
    assert met.state == Deadline.State.MET
    assert met.met_late is False
    assert met.breached_at is None
    assert met.met_event == "Varsel sendt"


def test_met_after_the_due_time_counts_as_a_breach(course_planned_home_after_easter_2025: Course) -> None:
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        deadline = home_care_deadline(
            course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE
        )
    alert = AlertFactory.create(deadline=deadline, kind=Alert.Kind.WARNING)

    met = deadline_meet(
        subject=course_planned_home_after_easter_2025,
        rule_code="discharge.home_care",
        at=local(2025, 4, 15, 9),
        event="Varsel",
    )

    alert.refresh_from_db()
    assert met is not None
    assert met.state == Deadline.State.MET
    assert met.met_late is True
    assert met.breached_at == local(2025, 4, 14, 23, 59, 59)
    assert alert.acknowledged_at == local(2025, 4, 15, 9)
    assert (
        deadline_meet(
            subject=course_planned_home_after_easter_2025, rule_code="discharge.home_care", event="igen"
        )
        is None
    )


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_the_rule_set_adopted_by_the_cluster_decides(course_planned_home_after_easter_2025: Course) -> None:
    """000 (2021): "faste tidsfrister fjernes": in a cluster on the 2021 set the 2008 notice rules are guidance
    only, so the engine has no binding home-care deadline to create; the other rules carry on in the 2021 set."""
    cluster = organisation_get("klynge-aarhus")
    RuleSetAdoption.objects.create(cluster=cluster, rule_set="2021", adopted_on=date(2022, 1, 1))

    with pytest.raises(KeyError):
        home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)
    hospital_rule = deadline_ensure(
        subject=course_planned_home_after_easter_2025,
        rule_code="rehab.plan_by_discharge",
        anchor=EASTER_DISCHARGE,
        responsible=course_planned_home_after_easter_2025.department,
        citizen=course_planned_home_after_easter_2025.citizen,
    )
    assert hospital_rule.rule_set == "2021"


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_an_organisations_closed_day_is_not_a_working_day(
    course_planned_home_after_easter_2025: Course,
) -> None:
    ClosedDay.objects.create(
        organisation=course_planned_home_after_easter_2025.department,
        day=date(2025, 4, 16),
        reason="Flytning",
    )

    deadline = home_care_deadline(course=course_planned_home_after_easter_2025, discharge_on=EASTER_DISCHARGE)

    assert deadline.due_date == date(2025, 4, 11)


@time_machine.travel(local(2025, 4, 1, 9), tick=False)
def test_ensure_with_a_date_time_anchor_and_an_explicit_rule_set(
    course_planned_home_after_easter_2025: Course,
) -> None:
    deadline = deadline_ensure(
        subject=course_planned_home_after_easter_2025,
        rule_code="admission.info_reply",
        anchor=local(2025, 3, 29, 10),
        responsible=organisation_get("751"),
        citizen=course_planned_home_after_easter_2025.citizen,
        rule_set="2008",
    )

    # 24 hours of elapsed time across the spring DST change: 10:00 CET + 24 h = 11:00 CEST.
    assert deadline.due_at == local(2025, 3, 30, 11)
    assert deadline.anchor_is_date is False


@time_machine.travel(local(2025, 12, 1, 9), tick=False)
def test_a_region_that_opens_christmas_eve_gets_a_later_notice_deadline() -> None:
    course = CourseFactory.create(at="AUH-ORT")
    christmas_discharge = date(2025, 12, 29)  # Monday after Christmas
    # 3 working days before, Christmas Eve closed: Tue 23 (1), Mon 22 (2), Fri 19 (3).
    assert home_care_deadline(course=course, discharge_on=christmas_discharge).due_date == date(2025, 12, 19)

    CalendarConventions.objects.create(region=organisation_get("1082"), christmas_eve_closed=False)
    deadline = home_care_deadline(course=course, discharge_on=christmas_discharge)

    # Christmas Eve open: Wed 24 (1), Tue 23 (2), Mon 22 (3).
    assert deadline.due_date == date(2025, 12, 22)


@time_machine.travel(local(2025, 12, 1, 9), tick=False)
def test_a_region_that_does_not_move_deadlines_keeps_a_due_date_on_a_sunday() -> None:
    course = CourseFactory.create(at="AUH-ORT")
    CalendarConventions.objects.create(region=organisation_get("1082"), move_off_closed_days=False)

    deadline = deadline_ensure(
        subject=course,
        rule_code="psychiatry.gp_letter",
        anchor=date(2025, 12, 7),
        responsible=course.department,
        citizen=course.citizen,
        rule_set="2008",
    )

    assert deadline.due_date == date(2025, 12, 14)
    assert deadline.due_date.weekday() == 6
