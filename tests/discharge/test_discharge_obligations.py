"""Obligations are never erased (issue 10): the notice obligations of a plan are settled met or breached against
the actual discharge, a breach survives everything, a plan holds several needs, and the figures count the notices
never sent. Dates are checked by hand against the Danish calendar (Monday 16 November 2026 is the admission)."""

from datetime import date
from typing import Any

import time_machine
from django.utils import timezone

from admissions.models import Course
from discharge.models import DischargeNotice
from discharge.selectors import notification_on_time_share, plan_deadline, plan_obligations, ward_board
from discharge.services import (
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    sudden_change_report,
)
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.deadlines.services import deadline_cancel
from sundhedsaftale.organisations.actor import actor_for
from tests.factories import organisation_get
from tests.factories.discharge import local


def _home_care_plan(course: Course, ward: Any, planned: date, **extra: Any) -> Any:
    return discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=planned,
        acting_user=ward,
        **extra,
    )


def _breach_alert_organisations(deadline: Deadline) -> set[str]:
    return set(
        Alert.objects.filter(deadline=deadline, kind=Alert.Kind.BREACH).values_list(
            "organisation__code", flat=True
        )
    )


@time_machine.travel(local(2026, 11, 20, 12), tick=False)  # Friday
def test_an_early_discharge_without_notice_is_a_breach_with_alerts_for_the_ward_and_the_municipality(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning." The anchor is the discharge: discharged on Friday
    20 November without any notice, the notice was due Tuesday 17 November (3 working days before) and was
    never sent. That is a breach of record, with the discharge as its anchor, and both sides are alerted."""
    plan = _home_care_plan(course_admitted_16_november, ward, date(2026, 12, 29))

    discharge_notice_send(
        course=course_admitted_16_november,
        discharged_at=local(2026, 11, 20, 11),
        early_discharge_reason="Borgeren ønskede selv at komme hjem",
        acting_user=ward,
    )

    deadline = Deadline.objects.for_subject(plan).get()  # one row, never a cancelled one plus a new one
    assert deadline.state == Deadline.State.BREACHED
    assert deadline.anchor_at == local(2026, 11, 20)
    assert deadline.due_at == deadline.breached_at == local(2026, 11, 17, 23, 59, 59)
    assert _breach_alert_organisations(deadline) == {"AUH-ORT", "751"}
    assert DischargeNotice.objects.get().early_discharge_reason == "Borgeren ønskede selv at komme hjem"


@time_machine.travel(local(2026, 11, 20, 12), tick=False)
def test_a_notice_early_enough_for_the_actual_discharge_is_met(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning." Notified Monday 16 November, discharged Friday
    20 November: due Tuesday 17 November, so the notice was in time for the actual discharge."""
    plan = _home_care_plan(course_admitted_16_november, ward, date(2026, 11, 20))
    discharge_notification_send(plan=plan, acting_user=ward, at=local(2026, 11, 16, 14))

    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    deadline = Deadline.objects.for_subject(plan).get()
    assert (deadline.state, deadline.met_late, deadline.breached_at) == ("met", False, None)
    assert not Alert.objects.filter(kind=Alert.Kind.BREACH).exists()


def test_a_postponement_never_reopens_a_breach(course_admitted_16_november: Course, ward: Any) -> None:
    """DOMAIN.md after l. 1530 ("Varsling senest 3 hverdage før udskrivning"): the notice for Tuesday 29 December
    was due Tuesday 22 December and missed. Postponing the discharge to 5 January does not turn the breach
    back into pending; a notice sent afterwards is met late, the breach stays in the record."""
    with time_machine.travel(local(2026, 12, 23, 10), tick=False):
        plan = _home_care_plan(course_admitted_16_november, ward, date(2026, 12, 29))
        scan_due(now=timezone.now())
        assert plan_deadline(plan=plan).state == Deadline.State.BREACHED  # type: ignore[union-attr]

        _home_care_plan(course_admitted_16_november, ward, date(2027, 1, 5), reason="Afventer plejebolig")

        deadline = Deadline.objects.for_subject(plan).get()
        assert deadline.state == Deadline.State.BREACHED
        assert deadline.due_at == local(2026, 12, 22, 23, 59, 59)
        assert deadline.breached_at == local(2026, 12, 23, 10)  # when the scan found it missed

        discharge_notification_send(plan=plan, acting_user=ward)
        deadline.refresh_from_db()
        assert (deadline.state, deadline.met_late) == ("met", True)
        assert deadline.breached_at == local(2026, 12, 23, 10)


def test_a_date_moved_earlier_re_judges_the_notice_already_sent(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning." Notified Monday 14 December at 10:00 for 5 January.
    Moved to Thursday 17 December the notice is still early enough (due Monday 14 December); moved to Wednesday
    16 December it is not (due Friday 11 December): a breach at its new due moment, with both alerts."""
    with time_machine.travel(local(2026, 12, 14, 10), tick=False):
        plan = _home_care_plan(course_admitted_16_november, ward, date(2027, 1, 5))
        discharge_notification_send(plan=plan, acting_user=ward)

    with time_machine.travel(local(2026, 12, 15, 10), tick=False):
        _home_care_plan(course_admitted_16_november, ward, date(2026, 12, 17), reason="Hurtigere bedring")
        deadline = Deadline.objects.for_subject(plan).get()
        assert (deadline.state, deadline.met_late, deadline.due_at) == (
            "met",
            False,
            local(2026, 12, 14, 23, 59, 59),
        )

        _home_care_plan(course_admitted_16_november, ward, date(2026, 12, 16), reason="Hurtigere bedring")
        deadline.refresh_from_db()
        assert (deadline.state, deadline.met_late) == ("met", True)
        assert deadline.breached_at == local(2026, 12, 11, 23, 59, 59)
        assert _breach_alert_organisations(deadline) == {"AUH-ORT", "751"}


@time_machine.travel(local(2026, 12, 14, 10), tick=False)
def test_a_plan_with_three_needs_has_three_deadlines_and_the_board_shows_the_earliest(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """l. 1530-1543 apply together: "Varsling senest 3 hverdage før udskrivning" (home care), "senest 5 hverdage"
    (special aids), "senest 14 dage før udskrivning" (housing). For Tuesday 5 January 2027: 29 December,
    23 December (Christmas and New Year closed) and 22 December. The board shows the earliest."""
    plan = _home_care_plan(
        course_admitted_16_november, ward, date(2027, 1, 5), needs=["special_aids", "housing"]
    )

    due = {d.rule_code: d.due_at for d in Deadline.objects.for_subject(plan)}
    assert due == {
        "discharge.home_care": local(2026, 12, 29, 23, 59, 59),
        "discharge.special_aids": local(2026, 12, 23, 23, 59, 59),
        "discharge.housing": local(2026, 12, 22, 23, 59, 59),
    }
    assert plan.all_needs == ["home_care", "special_aids", "housing"]
    assert plan_deadline(plan=plan).rule_code == "discharge.housing"  # type: ignore[union-attr]
    rows = ward_board(
        actor=actor_for(user=ward),
        organisation=organisation_get("AUH-ORT"),
        today=date(2026, 12, 14),
        now=timezone.now(),
    )
    row = next(r for r in rows if r.course.pk == course_admitted_16_november.pk)
    assert row.next_deadline is not None and row.next_deadline.rule_code == "discharge.housing"
    assert [line.label for line in row.lines] == ["Afventer", "Afventer", "Afventer"]

    discharge_notification_send(plan=plan, acting_user=ward)

    assert {d.state for d in plan_obligations(plan=plan)} == {"met"}


def test_the_on_time_share_counts_the_notices_never_sent(make_course: Any, ward: Any) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning." Two discharges planned for Tuesday 29 December,
    both due Tuesday 22 December: one notified on Monday 21 December, one never. One of two on time is 50 %,
    not the 100 % of counting sent notices only."""
    plans = [
        _home_care_plan(make_course(admitted_at=local(2026, 11, 16, 10)), ward, date(2026, 12, 29))
        for _ in range(2)
    ]
    discharge_notification_send(plan=plans[0], acting_user=ward, at=local(2026, 12, 21, 14))

    share = notification_on_time_share(
        cluster=organisation_get("klynge-aarhus"),
        start=date(2026, 12, 1),
        end=date(2026, 12, 31),
        now=local(2027, 1, 10, 12),
    )

    assert (share["total"], share["on_time"], share["percent"], share["never_sent"]) == (2, 1, 50, 1)


def test_a_breach_is_never_cancelled_not_even_by_the_death_of_the_citizen(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """DOMAIN.md on l. 1530: "an obligation is cancelled only when the course ends without discharge to the
    municipality (death, transfer to another hospital, cancellation), and a breach is never cancelled"."""
    with time_machine.travel(local(2026, 12, 23, 10), tick=False):
        plan = _home_care_plan(course_admitted_16_november, ward, date(2026, 12, 29))
        scan_due(now=timezone.now())

        assert deadline_cancel(subject=plan, reason="Forsøg") == 0
        sudden_change_report(
            course=course_admitted_16_november,
            kind="death",
            description="Død i nattevagten",
            occurred_at=local(2026, 12, 23, 3),
            acting_user=ward,
        )

        assert Deadline.objects.for_subject(plan).get().state == Deadline.State.BREACHED
