"""Each key figure's definition on hand-made data: the numbers a steering group reads on its dashboard."""

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from admissions.models import Course
from clusters.keyfigures.catalogue import BY_CODE
from clusters.keyfigures.periods import period_parse
from clusters.keyfigures.refresh import keyfigures_rebuild
from clusters.keyfigures.sources import month_of
from clusters.models import FigureCell
from clusters.selectors import figure_view
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.models import Organisation
from tests.factories.citizens import CitizenFactory, CourseFactory
from tests.factories.deadlines import DeadlineFactory
from tests.factories.discharge import FinishedTreatmentFactory, local
from tests.factories.organisations import organisation_get

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)


def _cells(figure: str, **filters: object) -> dict[tuple[str, date], int]:
    rows = FigureCell.objects.filter(figure=figure, level=FigureCell.Level.MUNICIPALITY, **filters)
    return {(row.key, row.month): row.value for row in rows}


def test_an_acute_admission_within_30_days_of_a_discharge_from_another_hospital_is_a_readmission() -> None:
    citizen = CitizenFactory()
    CourseFactory(
        citizen=citizen,
        at="AUH-ORT",
        state=Course.State.DISCHARGED,
        admitted_at=local(2026, 9, 20),
        discharged_at=local(2026, 9, 28, 12),
    )
    CourseFactory(citizen=citizen, at="RHR-MED", kind=Course.Kind.ACUTE, admitted_at=local(2026, 10, 27, 23))
    # planned admissions and admissions after more than 30 days are not readmissions
    CourseFactory(citizen=citizen, at="RHR-MED", kind=Course.Kind.PLANNED, admitted_at=local(2026, 10, 1))
    other = CitizenFactory()
    CourseFactory(
        citizen=other,
        state=Course.State.DISCHARGED,
        admitted_at=local(2026, 8, 1),
        discharged_at=local(2026, 8, 5),
    )
    CourseFactory(citizen=other, admitted_at=local(2026, 9, 5))

    keyfigures_rebuild(first=date(2026, 8, 1), last=date(2026, 10, 1), today=TODAY)

    assert _cells("readmissions") == {("", date(2026, 10, 1)): 1}
    readmission = FigureCell.objects.get(figure="readmissions", level=FigureCell.Level.DEPARTMENT)
    assert readmission.hospital == organisation_get("RHR")
    assert _cells("admissions", month=date(2026, 10, 1)) == {
        ("acute", date(2026, 10, 1)): 1,
        ("planned", date(2026, 10, 1)): 1,
    }


def test_faerdigbehandlede_sengedage_are_split_over_the_months_they_fall_in() -> None:
    course = CourseFactory(
        state=Course.State.DISCHARGED, admitted_at=local(2026, 10, 20), discharged_at=local(2026, 11, 3, 10)
    )
    # finished on 28 October: 29, 30, 31 October and 1, 2, 3 November
    FinishedTreatmentFactory(course=course, finished_on=date(2026, 10, 28))
    still_admitted = CourseFactory(admitted_at=local(2026, 11, 20))
    FinishedTreatmentFactory(course=still_admitted, finished_on=date(2026, 11, 30))

    keyfigures_rebuild(first=date(2026, 10, 1), last=date(2026, 12, 1), today=TODAY)

    assert _cells("finished_bed_days") == {
        ("", date(2026, 10, 1)): 3,
        ("", date(2026, 11, 1)): 3,
        ("", date(2026, 12, 1)): 6,  # 1 December to today, 6 December
    }


def test_an_unsent_notice_counts_as_missed_and_a_cancelled_one_nowhere() -> None:
    DeadlineFactory(
        state=Deadline.State.MET,
        due_at=local(2026, 11, 10, 23),
        met_at=local(2026, 11, 9, 10),
        met_late=False,
    )
    DeadlineFactory(
        state=Deadline.State.BREACHED, due_at=local(2026, 11, 12, 23), breached_at=local(2026, 11, 12, 23)
    )
    DeadlineFactory(
        state=Deadline.State.MET,
        due_at=local(2026, 10, 30, 23),
        breached_at=local(2026, 10, 30, 23),
        met_at=local(2026, 11, 2, 9),
        met_late=True,
    )
    DeadlineFactory(state=Deadline.State.CANCELLED, due_at=local(2026, 11, 20, 23))

    keyfigures_rebuild(first=date(2026, 10, 1), last=date(2026, 11, 1), today=TODAY)

    assert _cells("obligations_met") == {("discharge.home_care", date(2026, 11, 1)): 1}
    assert _cells("obligations_missed") == {
        ("discharge.home_care", date(2026, 10, 1)): 1,  # met late: missed in the month it fell due
        ("discharge.home_care", date(2026, 11, 1)): 1,
    }


def test_the_dashboard_shows_small_counts_as_under_five_also_when_derivable_from_the_total() -> None:
    aarhus, samso = organisation_get("751"), organisation_get("741")
    for _ in range(7):
        CourseFactory(citizen=CitizenFactory(municipality=aarhus), admitted_at=local(2026, 3, 2))
    for _ in range(3):
        CourseFactory(citizen=CitizenFactory(municipality=samso), admitted_at=local(2026, 3, 3))
    keyfigures_rebuild(first=date(2026, 1, 1), last=date(2026, 6, 1), today=TODAY)
    cluster = aarhus.cluster
    assert cluster is not None and samso.cluster == cluster

    view = figure_view(BY_CODE["admissions"], cluster, period_parse("2026-H1"))

    assert view.headline.value == 10
    breakdown = {row.label: row.value for row in view.breakdown}
    # Samsø's 3 is hidden, and so is Aarhus's 7, or 10 − 7 would give Samsø away
    assert breakdown == {"Aarhus": "<5", "Samsø": "<5"}
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    assert [comparison.unit for comparison in view.comparisons] == [region]


def test_preparation_time_counts_working_days_from_the_first_notice_and_zero_without_one() -> None:
    from discharge.models import DischargeNotification
    from tests.factories.discharge import DischargePlanFactory

    notified = CourseFactory.create(
        state=Course.State.DISCHARGED, admitted_at=local(2026, 11, 2), discharged_at=local(2026, 11, 13, 11)
    )
    plan = DischargePlanFactory.create(course=notified, planned_date=date(2026, 11, 13))
    # the first notice on Monday 9 November: 4 working days to Friday the 13th
    for sent in (local(2026, 11, 9, 10), local(2026, 11, 11, 10)):
        DischargeNotification.objects.create(
            plan=plan,
            course=notified,
            municipality=notified.citizen.municipality,
            planned_date=plan.planned_date,
            need=plan.need,
            sent_at=sent,
            on_time=True,
        )
    never = CourseFactory.create(
        state=Course.State.DISCHARGED, admitted_at=local(2026, 11, 2), discharged_at=local(2026, 11, 20, 11)
    )
    DischargePlanFactory.create(course=never, planned_date=date(2026, 11, 20))

    keyfigures_rebuild(first=date(2026, 11, 1), last=date(2026, 11, 1), today=TODAY)

    assert _cells("preparation_days") == {("4", date(2026, 11, 1)): 1, ("0", date(2026, 11, 1)): 1}


def test_referrals_to_smoking_cessation_count_by_status_in_the_month_sent(make_member: Any) -> None:
    from tests.factories.prevention import referral_made

    course = CourseFactory.create(admitted_at=local(2026, 11, 2))
    referral_made(course=course, by=make_member("ward_staff", "AUH-ORT"))

    keyfigures_rebuild(first=date(2026, 11, 1), last=date(2026, 12, 1), today=TODAY)

    month = month_of(timezone.localdate())
    assert _cells("prevention_referrals") == {("sent", month): 1}
    assert _cells("smoking_referrals") == {("sent", month): 1}
