"""Rules of the discharge services that each refuse bad input with a Danish message on the right field and save
nothing: dates outside the course, a closed course, the medication rules of the epikrise, a conference without
outcome, a reply to another course's notification and a sudden change in the future."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from admissions.models import Course
from discharge.models import DischargeConference, DischargeLetter, DischargePlan, MunicipalReply, SuddenChange
from discharge.services import (
    discharge_conference_record_outcome,
    discharge_conference_schedule,
    discharge_letter_send,
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    municipal_reply_send,
    sudden_change_report,
)
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from tests.factories.discharge import local

PLAN: dict[str, Any] = {
    "functional_ability": "reduced",
    "need": "home_care",
    "planned_date": date(2026, 12, 29),
}
SIMPLE: dict[str, Any] = {
    "functional_ability": "unchanged",
    "need": "simple_nursing",
    "planned_date": date(2026, 12, 10),
}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({**SIMPLE, "nursing_service_date": date(2026, 12, 9)}, "nursing_service_date"),
        ({**PLAN, "agreed_date": date(2026, 11, 13)}, "agreed_date"),
        ({**PLAN, "functional_ability": "better"}, "functional_ability"),
    ],
    ids=["nursing-before-discharge", "agreed-before-admission", "unknown-ability"],
)
def test_more_bad_plans_are_refused(
    course_admitted_16_november: Course, ward: Any, values: dict, field: str
) -> None:
    with pytest.raises(DomainError) as error:
        discharge_plan_save(course=course_admitted_16_november, acting_user=ward, **values)

    assert error.value.field == field
    assert not DischargePlan.objects.exists() and not Deadline.objects.exists()


def test_a_discharged_course_is_not_planned_again(course_admitted_16_november: Course, ward: Any) -> None:
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    with pytest.raises(DomainError) as error:
        discharge_plan_save(
            course=Course.objects.get(pk=course_admitted_16_november.pk), acting_user=ward, **PLAN
        )

    assert (error.value.code, error.value.message) == ("course_closed", "Forløbet er afsluttet (Udskrevet).")
    assert not DischargePlan.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"medication_changed": True, "medication": " "}, "medication"),
        ({"dose_dispensing_cancelled": True}, "dose_dispensing_cancelled"),
        ({"summary": " "}, "summary"),
    ],
    ids=["changed-medication-not-given", "dose-dispensing-without-change", "empty"],
)
def test_bad_epikriser_are_refused(
    course_admitted_16_november: Course,
    ward: Any,
    give_consent: Callable[..., Course],
    values: dict,
    field: str,
) -> None:
    give_consent(course_admitted_16_november, ward)
    fields: dict[str, Any] = {"summary": "Pneumoni"}
    fields.update(values)

    with pytest.raises(DomainError) as error:
        discharge_letter_send(course=course_admitted_16_november, acting_user=ward, **fields)

    assert error.value.field == field
    assert not DischargeLetter.objects.exists()


def test_a_conference_outcome_must_be_written(course_admitted_16_november: Course, ward: Any) -> None:
    conference = discharge_conference_schedule(
        course=course_admitted_16_november,
        kind="conference",
        scheduled_at=local(2026, 11, 24, 10),
        participants="Afdeling",
        acting_user=ward,
    )

    with pytest.raises(DomainError) as error:
        discharge_conference_record_outcome(conference=conference, outcome=" ", acting_user=ward)

    assert error.value.field == "outcome"
    assert DischargeConference.objects.get().held is False


def test_a_reply_to_another_courses_notification_is_refused(
    make_course: Callable[..., Course], ward: Any, visitator: Any
) -> None:
    first, second = (make_course(admitted_at=local(2026, 11, 16, 10)) for _ in range(2))
    notification = discharge_notification_send(
        plan=discharge_plan_save(course=first, acting_user=ward, **PLAN), acting_user=ward
    )

    with pytest.raises(DomainError) as error:
        municipal_reply_send(course=second, answer="ready", notification=notification, acting_user=visitator)

    assert error.value.field == "notification"
    assert not MunicipalReply.objects.exists()


def test_a_sudden_change_in_the_future_is_refused(
    course_admitted_16_november: Course, visitator: Any
) -> None:
    with pytest.raises(DomainError) as error:
        sudden_change_report(
            course=course_admitted_16_november,
            kind="condition",
            description="Faldet",
            occurred_at=timezone.now() + timedelta(hours=2),
            acting_user=visitator,
        )

    assert (error.value.field, error.value.message) == ("occurred_at", "Tidspunktet ligger i fremtiden.")
    assert not SuddenChange.objects.exists()
