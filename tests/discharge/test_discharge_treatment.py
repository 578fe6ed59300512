"""Finished treatment (færdigbehandlet) on any day in somatic care (a weekday in child psychiatry), the færdigbehandlede sengedage it starts counting, and
discharge conferences."""

from datetime import date
from typing import Any

import pytest

from admissions.models import Course
from discharge.models import DischargeConference, FinishedTreatment
from discharge.selectors import finished_bed_days_by_municipality, finished_bed_days_for_course
from discharge.services import (
    discharge_conference_record_outcome,
    discharge_conference_schedule,
    discharge_notice_send,
    discharge_plan_save,
    finished_treatment_record,
)
from sundhedsaftale.errors import DomainError
from tests.factories import member, organisation_get
from tests.factories.discharge import local

TODAY = date(2026, 11, 22)  # a Sunday


def finish(course: Course, user: Any, finished_on: date, today: date = TODAY) -> FinishedTreatment:
    return finished_treatment_record(
        course=course, finished_on=finished_on, doctor_name="Overlæge Hansen", acting_user=user, today=today
    )


def test_a_saturday_finished_treatment_is_accepted_in_somatic_care(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """004: færdigbehandlet "når patienten ud fra en lægelig vurdering kan udskrives": a medical assessment, on
    any day in somatic care. Saturday 21 November counts, and so do the sengedage from it."""
    finished = finish(course_admitted_16_november, ward, date(2026, 11, 21), today=date(2026, 11, 23))

    assert finished.finished_on == date(2026, 11, 21)


@pytest.mark.parametrize(
    ("day", "weekday"),
    [(date(2026, 11, 21), "lørdag"), (date(2026, 11, 22), "søndag")],
    ids=["saturday", "sunday"],
)
def test_a_weekend_finished_treatment_is_refused_in_child_and_adolescent_psychiatry(
    make_course: Any, day: date, weekday: str
) -> None:
    """l. 7559 (child and adolescent psychiatry): "Færdigbehandlingsdagen skal være en hverdag, mandag – fredag"."""
    course = make_course(admitted_at=local(2026, 11, 16, 10), at="AUH-BUP")

    with pytest.raises(DomainError) as error:
        finish(course, member("ward_staff", "AUH-BUP"), day)

    assert error.value.field == "finished_on"
    assert error.value.message == (
        f"Færdigbehandlingsdatoen skal være en hverdag (mandag–fredag); {day:%d.%m.%Y} er en {weekday}."
    )
    assert not FinishedTreatment.objects.exists()


def test_finished_treatment_in_the_future_beyond_the_planned_discharge_is_refused(
    course_admitted_16_november: Course, ward: Any
) -> None:
    discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=date(2026, 12, 1),
        acting_user=ward,
    )

    with pytest.raises(DomainError) as error:
        finish(course_admitted_16_november, ward, date(2026, 12, 2))

    assert error.value.code == "future" and "01.12.2026" in error.value.message
    assert finish(course_admitted_16_november, ward, date(2026, 11, 30)).finished_on == date(
        2026, 11, 30
    )  # up to the plan is fine


def test_finished_treatment_in_the_future_without_a_plan_is_refused(
    course_admitted_16_november: Course, ward: Any
) -> None:
    with pytest.raises(DomainError):
        finish(course_admitted_16_november, ward, date(2026, 11, 23))


def test_finished_treatment_before_admission_is_refused(
    course_admitted_16_november: Course, ward: Any
) -> None:
    with pytest.raises(DomainError) as error:
        finish(course_admitted_16_november, ward, date(2026, 11, 13))

    assert "før indlæggelsen" in error.value.message


def test_only_the_hospital_records_finished_treatment(
    course_admitted_16_november: Course, visitator: Any
) -> None:
    with pytest.raises(DomainError) as error:
        finish(course_admitted_16_november, visitator, date(2026, 11, 18))

    assert error.value.status_code == 403


def test_each_day_after_finished_treatment_counts_until_today(
    course_admitted_16_november: Course, ward: Any
) -> None:
    finish(course_admitted_16_november, ward, date(2026, 11, 18))  # Wednesday

    # Thu 19, Fri 20, Sat 21, Sun 22
    assert finished_bed_days_for_course(course=course_admitted_16_november, today=TODAY) == 4


def test_the_count_stops_at_discharge(course_admitted_16_november: Course, ward: Any) -> None:
    finish(course_admitted_16_november, ward, date(2026, 11, 18))
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    course_admitted_16_november.refresh_from_db()
    assert (
        finished_bed_days_for_course(course=course_admitted_16_november, today=date(2026, 12, 31)) == 2
    )  # Thu 19, Fri 20


def test_correcting_the_date_keeps_one_record(course_admitted_16_november: Course, ward: Any) -> None:
    finish(course_admitted_16_november, ward, date(2026, 11, 18))
    finish(course_admitted_16_november, ward, date(2026, 11, 19))

    assert list(FinishedTreatment.objects.values_list("finished_on", flat=True)) == [date(2026, 11, 19)]


def test_bed_days_per_municipality_and_period(
    course_admitted_16_november: Course, make_course: Any, ward: Any
) -> None:
    finish(course_admitted_16_november, ward, date(2026, 11, 18))  # Aarhus: 19..22 Nov so far
    randers = make_course(admitted_at=local(2026, 11, 2, 8), municipality=organisation_get("730"))
    finish(randers, ward, date(2026, 11, 16))
    discharge_notice_send(
        course=randers, discharged_at=local(2026, 11, 19, 12), acting_user=ward
    )  # 17, 18, 19

    whole_month = finished_bed_days_by_municipality(
        start=date(2026, 11, 1), end=date(2026, 11, 30), today=TODAY
    )
    first_half = finished_bed_days_by_municipality(
        start=date(2026, 11, 1), end=date(2026, 11, 18), today=TODAY
    )

    assert {m.code: n for m, n in whole_month.items()} == {"751": 4, "730": 3}
    assert {m.code: n for m, n in first_half.items()} == {"730": 2}


def test_conference_is_scheduled_and_its_outcome_recorded(
    course_admitted_16_november: Course, ward: Any
) -> None:
    conference = discharge_conference_schedule(
        course=course_admitted_16_november,
        kind="home_visit",
        scheduled_at=local(2026, 11, 24, 10),
        location="Borgerens hjem",
        participants="Borger, datter, ergoterapeut, visitator",
        acting_user=ward,
    )

    discharge_conference_record_outcome(
        conference=conference, outcome="Badebænk og rollator bestilt", acting_user=ward
    )

    conference.refresh_from_db()
    assert (conference.held, conference.outcome, conference.get_kind_display()) == (
        True,
        "Badebænk og rollator bestilt",
        "Hjemmebesøg",
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"participants": " "}, "participants"),
        ({"scheduled_at": local(2026, 11, 1, 10)}, "scheduled_at"),
        ({"kind": "party"}, "kind"),
    ],
    ids=["no-participants", "before-admission", "unknown-kind"],
)
def test_bad_conferences_are_refused(
    course_admitted_16_november: Course, ward: Any, values: dict, field: str
) -> None:
    fields: dict[str, Any] = {
        "kind": "phone",
        "scheduled_at": local(2026, 11, 24, 10),
        "participants": "Afdeling",
    }
    fields.update(values)

    with pytest.raises(DomainError) as error:
        discharge_conference_schedule(course=course_admitted_16_november, acting_user=ward, **fields)

    assert error.value.field == field
    assert not DischargeConference.objects.exists()
