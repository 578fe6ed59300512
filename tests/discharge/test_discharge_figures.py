"""The dashboard figures are selectors that return numbers only: the steering group's færdigbehandlede
sengedage per municipality and its share of notifications sent on time."""

from datetime import date
from typing import Any

from admissions.models import Course
from discharge.selectors import finished_bed_days_for_cluster, notification_on_time_share
from discharge.services import discharge_notification_send, discharge_plan_save, finished_treatment_record
from tests.factories import organisation_get
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
    assert notification_on_time_share(cluster=aarhus, start=date(2026, 12, 1), end=date(2026, 12, 31)) == {
        "total": 2,
        "on_time": 1,
        "percent": 50,
    }
    assert notification_on_time_share(cluster=aarhus, start=date(2026, 12, 22), end=date(2026, 12, 22)) == {
        "total": 0,
        "on_time": 0,
        "percent": None,
    }
    assert (
        notification_on_time_share(
            cluster=organisation_get("klynge-randers"), start=date(2026, 12, 1), end=date(2026, 12, 31)
        )["total"]
        == 0
    )
