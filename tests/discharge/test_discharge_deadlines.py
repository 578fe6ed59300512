"""Planning a discharge: each need category gets its notification deadline (dates checked by hand against the
Danish calendar, around Christmas 2026), moved dates and the notification (the 2021 agreement:
test_discharge_2021_agreement.py)."""

from datetime import date
from typing import Any

import pytest

from admissions.models import Course
from discharge.models import DischargeDateChange, DischargeNotification, DischargePlan
from discharge.selectors import plan_deadline
from discharge.services import discharge_notification_send, discharge_plan_save
from sundhedsaftale.deadlines.models import Deadline, RuleSetAdoption
from sundhedsaftale.errors import DomainError
from tests.factories import organisation_get
from tests.factories.discharge import local


def plan(course: Course, user: Any, **values: Any) -> DischargePlan:
    fields: dict[str, Any] = {
        "functional_ability": "reduced",
        "need": "home_care",
        "planned_date": date(2026, 12, 29),
    }
    fields.update(values)
    return discharge_plan_save(course=course, acting_user=user, **fields)


# Christmas 2026: 24 Dec (Thu) closed, 25 Dec (Fri) Juledag, 26/27 weekend, 31 Dec (Thu) closed, 1 Jan (Fri).
@pytest.mark.parametrize(
    ("ability", "need", "planned", "extra", "rule_code", "due_at"),
    [
        # 1.2.1: 13:00 on the day of the nursing service (the discharge day unless given).
        (
            "unchanged",
            "simple_nursing",
            date(2026, 12, 10),
            {},
            "discharge.same_day",
            local(2026, 12, 10, 13),
        ),
        # same-day clock deadlines never move, not even on Juledag
        (
            "unchanged",
            "simple_nursing",
            date(2026, 12, 23),
            {"nursing_service_date": date(2026, 12, 25)},
            "discharge.same_day",
            local(2026, 12, 25, 13),
        ),
        # 1.2.2: 3 working days before Tue 29 Dec: Mon 28, (24-27 closed), Wed 23, Tue 22.
        (
            "reduced",
            "home_care",
            date(2026, 12, 29),
            {},
            "discharge.home_care",
            local(2026, 12, 22, 23, 59, 59),
        ),
        # 1.2.3: 5 working days before Tue 5 Jan: Mon 4, (1 Jan, 31 Dec closed) 30, 29, 28, (24-27) Wed 23.
        (
            "reduced",
            "special_aids",
            date(2027, 1, 5),
            {},
            "discharge.special_aids",
            local(2026, 12, 23, 23, 59, 59),
        ),
        # 1.2.4, l. 1543 "senest 14 dage før udskrivning": days, not working days. 14 calendar days before
        # Thu 7 Jan is Thu 24 Dec; that the offices are closed does not move it.
        ("reduced", "housing", date(2027, 1, 7), {}, "discharge.housing", local(2026, 12, 24, 23, 59, 59)),
    ],
    ids=[
        "same-day",
        "same-day-on-juledag",
        "home-care-3-working-days",
        "special-aids-5-working-days",
        "housing-14-calendar-days-not-moved",
    ],
)
def test_each_need_gets_its_deadline(
    course_admitted_16_november: Course,
    ward: Any,
    ability: str,
    need: str,
    planned: date,
    extra: dict,
    rule_code: str,
    due_at: Any,
) -> None:
    saved = plan(
        course_admitted_16_november,
        ward,
        functional_ability=ability,
        need=need,
        planned_date=planned,
        **extra,
    )

    deadline = Deadline.objects.for_subject(saved).get()
    assert (deadline.rule_code, deadline.rule_set, deadline.state) == (rule_code, "2008", "pending")
    assert deadline.due_at == due_at
    assert deadline.responsible == course_admitted_16_november.department
    assert deadline.counterpart == course_admitted_16_november.citizen.municipality
    assert deadline.citizen == course_admitted_16_november.citizen


def test_same_day_warns_at_noon(course_admitted_16_november: Course, ward: Any) -> None:
    saved = plan(
        course_admitted_16_november,
        ward,
        functional_ability="unchanged",
        need="simple_nursing",
        planned_date=date(2026, 12, 10),
    )

    assert Deadline.objects.for_subject(saved).get().warn_at == local(2026, 12, 10, 12)


def test_other_clusters_keep_the_2008_rules(make_course: Any, ward: Any) -> None:
    RuleSetAdoption.objects.create(
        cluster=organisation_get("klynge-randers"), rule_set="2021", adopted_on=date(2021, 6, 1)
    )
    course = make_course(admitted_at=local(2026, 11, 16, 10))

    assert plan(course, ward).rule_set == "2008"


def test_moving_the_date_recomputes_the_same_deadline_and_tells_the_municipality(
    course_admitted_16_november: Course, ward: Any
) -> None:
    saved = plan(course_admitted_16_november, ward, planned_date=date(2026, 12, 29))
    first = Deadline.objects.for_subject(saved).get()

    plan(course_admitted_16_november, ward, planned_date=date(2027, 1, 5), reason="Afventer plejebolig")

    deadline = Deadline.objects.for_subject(saved).get()  # still exactly one row
    assert deadline.pk == first.pk
    assert deadline.due_at == local(2026, 12, 29, 23, 59, 59)  # 3 working days before Tue 5 Jan
    change = DischargeDateChange.objects.get()
    assert change.text == "Udskrivningsdatoen er flyttet fra 29.12.2026 til 05.01.2027"
    assert (change.municipality, change.reason) == (
        course_admitted_16_november.citizen.municipality,
        "Afventer plejebolig",
    )
    assert (change.old_due_at, change.new_due_at) == (local(2026, 12, 22, 23, 59, 59), deadline.due_at)


def test_changing_the_need_replaces_the_rule(course_admitted_16_november: Course, ward: Any) -> None:
    saved = plan(course_admitted_16_november, ward, need="home_care", planned_date=date(2027, 1, 7))

    plan(course_admitted_16_november, ward, need="housing", planned_date=date(2027, 1, 7))

    states = dict(Deadline.objects.for_subject(saved).values_list("rule_code", "state"))
    assert states == {"discharge.home_care": "cancelled", "discharge.housing": "pending"}


def test_saving_the_same_plan_twice_keeps_one_deadline(
    course_admitted_16_november: Course, ward: Any
) -> None:
    plan(course_admitted_16_november, ward)
    plan(course_admitted_16_november, ward)

    assert Deadline.objects.count() == 1
    assert not DischargeDateChange.objects.exists()


@pytest.mark.parametrize(
    ("sent_at", "on_time"),
    [(local(2026, 12, 21, 14), True), (local(2026, 12, 23, 9), False)],
    ids=["on-time", "late"],
)
def test_sending_the_notification_meets_the_deadline(
    course_admitted_16_november: Course, ward: Any, sent_at: Any, on_time: bool
) -> None:
    saved = plan(course_admitted_16_november, ward, planned_date=date(2026, 12, 29))  # due Tue 22 Dec

    notification = discharge_notification_send(
        plan=saved, text="Hjemmepleje fra udskrivningsdagen", acting_user=ward, at=sent_at
    )

    deadline = Deadline.objects.for_subject(saved).get()
    assert (deadline.state, deadline.met_at, deadline.met_late) == ("met", sent_at, not on_time)
    assert notification.on_time is on_time
    assert notification.municipality == course_admitted_16_november.citizen.municipality


def test_a_date_moved_after_notification_does_not_reopen_the_deadline(
    course_admitted_16_november: Course, ward: Any
) -> None:
    saved = plan(course_admitted_16_november, ward, planned_date=date(2026, 12, 29))
    discharge_notification_send(plan=saved, acting_user=ward, at=local(2026, 12, 21, 14))

    plan(course_admitted_16_november, ward, planned_date=date(2027, 1, 5))

    assert list(Deadline.objects.for_subject(saved).values_list("state", flat=True)) == ["met"]
    assert plan_deadline(plan=saved).state == "met"  # type: ignore[union-attr]
    assert DischargeDateChange.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"planned_date": date(2026, 11, 15)}, "planned_date"),  # before the admission
        ({"functional_ability": "unchanged"}, "need"),  # home care belongs to reduced ability
        ({"agreed_date": date(2026, 11, 10)}, "agreed_date"),  # before the admission
        ({"nursing_service_date": date(2026, 12, 29)}, "nursing_service_date"),  # only for simple nursing
    ],
    ids=["before-admission", "ability-need-mismatch", "agreed-before-admission", "nursing-date-not-simple"],
)
def test_bad_plans_are_refused_with_a_danish_message(
    course_admitted_16_november: Course, ward: Any, values: dict, field: str
) -> None:
    with pytest.raises(DomainError) as error:
        plan(course_admitted_16_november, ward, **values)

    assert error.value.field == field
    assert not DischargePlan.objects.exists() and not Deadline.objects.exists()


def test_only_the_hospital_plans(course_admitted_16_november: Course, visitator: Any) -> None:
    with pytest.raises(DomainError) as error:
        plan(course_admitted_16_november, visitator)

    assert error.value.status_code == 403


def test_notification_without_open_deadline_still_records_lateness(
    course_admitted_16_november: Course, ward: Any
) -> None:
    saved = plan(course_admitted_16_november, ward, planned_date=date(2026, 12, 29))
    discharge_notification_send(plan=saved, acting_user=ward, at=local(2026, 12, 21, 14))

    again = discharge_notification_send(plan=saved, acting_user=ward, at=local(2026, 12, 28, 9))

    assert again.on_time is False
    assert DischargeNotification.objects.count() == 2


def test_plan_writes_are_audited(course_admitted_16_november: Course, ward: Any) -> None:
    from auditlog.models import LogEntry

    saved = plan(course_admitted_16_november, ward, planned_date=date(2026, 12, 29))
    plan(course_admitted_16_november, ward, planned_date=date(2027, 1, 5))

    entries = LogEntry.objects.get_for_object(saved)
    assert entries.count() == 2
    assert "planned_date" in entries.first().changes_dict
