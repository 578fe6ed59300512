"""The dashboard figures are selectors that return numbers only: the steering group's færdigbehandlede
sengedage per municipality, its share of notifications sent on time, and the steering group's figures of
issue 10 (``discharge/figures.py``: notices per rule, preparation time given, discharges earlier than agreed)."""

from datetime import date
from typing import Any

import time_machine

from admissions.models import Course
from discharge.figures import (
    discharges_earlier_than_agreed,
    notice_obligations_per_rule,
    preparation_time_given,
)
from discharge.selectors import finished_bed_days_for_cluster, notification_on_time_share
from discharge.services import (
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    finished_treatment_record,
)
from sundhedsaftale.deadlines.models import RuleSetAdoption
from tests.factories import member, organisation_get
from tests.factories.discharge import local


def test_cluster_bed_days_are_numbers_per_municipality_of_the_cluster(
    course_admitted_16_november: Course, make_course: Any, ward: Any
) -> None:
    finished_treatment_record(
        course=course_admitted_16_november,
        finished_on=date(2026, 11, 18),
        doctor_name="Overlæge Hansen",
        acting_user=ward,
        today=date(2026, 11, 22),
    )
    randers = make_course(admitted_at=local(2026, 11, 2, 8), municipality=organisation_get("730"))
    finished_treatment_record(
        course=randers,
        finished_on=date(2026, 11, 16),
        doctor_name="Hansen",
        acting_user=ward,
        today=date(2026, 11, 22),
    )

    figures = finished_bed_days_for_cluster(
        cluster=organisation_get("klynge-aarhus"),
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        today=date(2026, 11, 22),
    )

    assert figures == {"Aarhus": 4, "Samsø": 0}  # Randers belongs to another cluster


def test_on_time_share_counts_the_cluster_notifications_in_the_period(make_course: Any, ward: Any) -> None:
    for sent_at in (local(2026, 12, 21, 14), local(2026, 12, 23, 9)):  # due Tue 22 Dec: on time, late
        plan = discharge_plan_save(
            course=make_course(admitted_at=local(2026, 11, 16, 10)),
            functional_ability="reduced",
            need="home_care",
            planned_date=date(2026, 12, 29),
            acting_user=ward,
        )
        discharge_notification_send(plan=plan, acting_user=ward, at=sent_at)

    aarhus = organisation_get("klynge-aarhus")
    after = local(2027, 1, 10, 12)
    december = notification_on_time_share(
        cluster=aarhus, start=date(2026, 12, 1), end=date(2026, 12, 31), now=after
    )
    assert (december["total"], december["on_time"], december["percent"]) == (2, 1, 50)
    assert december["never_sent"] == 0
    # both fell due on 22 December
    due_day = notification_on_time_share(
        cluster=aarhus, start=date(2026, 12, 22), end=date(2026, 12, 22), now=after
    )
    assert (due_day["total"], due_day["on_time"]) == (2, 1)
    quiet = notification_on_time_share(
        cluster=aarhus, start=date(2026, 12, 28), end=date(2026, 12, 28), now=after
    )
    assert (quiet["total"], quiet["on_time"], quiet["percent"]) == (0, 0, None)
    assert (
        notification_on_time_share(
            cluster=organisation_get("klynge-randers"), start=date(2026, 12, 1), end=date(2026, 12, 31)
        )["total"]
        == 0
    )


def test_the_steering_group_sees_notices_per_rule_the_preparation_time_and_early_discharges(
    make_course: Any, ward: Any
) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning"; 000 (2021): "Fælles forberedelsestid". Two home-care
    discharges on Tuesday 29 December (due Tuesday 22 December): one notified Monday 21 December, one never. The
    first municipality got 4 working days (22, 23, 28, 29 December; 24-27 closed), the second none. A
    Randers-cluster discharge on the 2021 set came a day before the agreed time."""
    notified, silent = (make_course(admitted_at=local(2026, 11, 16, 10)) for _ in range(2))
    plans = [
        discharge_plan_save(
            course=course,
            functional_ability="reduced",
            need="home_care",
            planned_date=date(2026, 12, 29),
            acting_user=ward,
        )
        for course in (notified, silent)
    ]
    discharge_notification_send(plan=plans[0], acting_user=ward, at=local(2026, 12, 21, 14))
    with time_machine.travel(local(2026, 12, 29, 11), tick=False):
        for course in (notified, silent):
            discharge_notice_send(course=course, discharged_at=local(2026, 12, 29, 10), acting_user=ward)

    RuleSetAdoption.objects.create(
        cluster=organisation_get("klynge-randers"), rule_set="2021", adopted_on=date(2021, 6, 1)
    )
    randers_ward = member("ward_staff", "RHR-MED")
    randers = make_course(
        admitted_at=local(2026, 11, 16, 10),
        municipality=organisation_get("730"),
        at="RHR-MED",
    )
    discharge_plan_save(
        course=randers,
        functional_ability="reduced",
        need="home_care",
        planned_date=date(2026, 12, 17),
        agreed_date=date(2026, 12, 17),
        acting_user=randers_ward,
    )
    with time_machine.travel(local(2026, 12, 16, 15), tick=False):
        discharge_notice_send(course=randers, discharged_at=local(2026, 12, 16, 14), acting_user=randers_ward)

    start, end = date(2026, 12, 1), date(2026, 12, 31)
    per_rule = notice_obligations_per_rule(start=start, end=end, cluster=organisation_get("klynge-aarhus"))
    assert per_rule["discharge.home_care"] == {
        "total": 2,
        "on_time": 1,
        "late": 0,
        "never_sent": 1,
        "percent": 50,
    }
    assert per_rule["discharge.housing"]["total"] == 0
    on_2021 = notice_obligations_per_rule(start=start, end=end, municipality=organisation_get("730"))
    assert on_2021["discharge.home_care"]["total"] == 0  # on the 2021 set there is no notice deadline to miss

    prepared = preparation_time_given(start=start, end=end, cluster=organisation_get("klynge-aarhus"))
    assert prepared == {
        "discharges": 2,
        "never_notified": 1,
        "median_working_days": 2.0,
        "by_working_days": {0: 1, 4: 1},
    }
    assert (
        preparation_time_given(start=start, end=end, hospital=organisation_get("RHR"))["never_notified"] == 1
    )

    assert discharges_earlier_than_agreed(start=start, end=end) == {
        "total": 1,
        "earlier_than_agreed": 1,
        "percent_earlier": 100,
    }
    assert (
        discharges_earlier_than_agreed(start=start, end=end, cluster=organisation_get("klynge-aarhus"))[
            "total"
        ]
        == 0
    )
