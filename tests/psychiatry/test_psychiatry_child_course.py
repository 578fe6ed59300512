"""A child and adolescent psychiatric course: referral and visitation, the outpatient contact within 3 months
of the referral, the municipality told 14 days before the planned end (with consent), the discharge statement
and the finished-treatment day on a weekday."""

from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User

from psychiatry.models import Notice, PsychiatricCourse, Referral
from psychiatry.services import (
    end_notice_send,
    finished_treatment_record,
    planned_end_set,
    referral_receive,
    referral_visitate,
    statement_write,
    treatment_start,
    waitlist_contact_needed_now,
    waitlist_contact_offer,
)
from psychiatry.services import obligations as ob
from psychiatry.services.child import STATEMENT_FIELDS
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from tests.psychiatry.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(child_psychiatrist: User, practice: Organisation) -> Any:
    with time_machine.travel(local(2026, 2, 2, 10), tick=False) as traveller:
        referral = referral_receive(
            cpr="0101201234",
            name="Alma Demo Berg",
            municipality=Organisation.objects.get(kind="municipality", code="751"),
            gp_practice=practice,
            department=Organisation.objects.get(code="AUH-BUP"),
            referred_on=date(2026, 2, 2),
            purpose="Udredning for angst",
            family_view="Forældrene ønsker hjælp til skolegangen.",
            acting_user=child_psychiatrist,
        )
        yield referral, traveller


def _waitlist(referral: Referral) -> Deadline:
    return Deadline.objects.for_subject(referral).get(rule_code=ob.WAITLIST_CONTACT)


def test_a_referral_to_adult_psychiatry_is_refused(child_psychiatrist: User, psychiatrist: User) -> None:
    with pytest.raises(DomainError):
        referral_receive(
            cpr="0101201234",
            name="Alma Demo Berg",
            municipality=Organisation.objects.get(kind="municipality", code="751"),
            department=Organisation.objects.get(code="AUH-PSY"),
            referred_on=date(2026, 2, 2),
            purpose="Udredning",
            acting_user=psychiatrist,
        )


def test_waiting_list_the_contact_is_due_three_months_after_the_referral(
    referral: Any, child_psychiatrist: User
) -> None:
    row, clock = referral
    assert row.course.state == PsychiatricCourse.State.REFERRED
    # 3 months after 2 February is Saturday 2 May: the engine moves the day to Monday 4 May.
    assert _waitlist(row).due_date == date(2026, 5, 4)
    with pytest.raises(DomainError) as no_reason:
        referral_visitate(referral=row, outcome=Referral.Outcome.REJECTED, acting_user=child_psychiatrist)
    assert no_reason.value.field == "rejection_reason"
    referral_visitate(
        referral=row,
        outcome=Referral.Outcome.WAITLIST,
        expected_start_on=date(2026, 6, 15),
        acting_user=child_psychiatrist,
    )
    # The visitation already shows treatment will not start within 3 months: offer the contact now.
    assert waitlist_contact_needed_now(row)
    clock.move_to(local(2026, 2, 20, 10))
    waitlist_contact_offer(referral=row, acting_user=child_psychiatrist)
    deadline = _waitlist(row)
    assert deadline.state == Deadline.State.MET and not deadline.met_late
    assert not waitlist_contact_needed_now(row)


def test_acute_visitation_makes_the_waiting_list_contact_moot(
    referral: Any, child_psychiatrist: User
) -> None:
    row, _clock = referral
    referral_visitate(referral=row, outcome=Referral.Outcome.ACUTE, acting_user=child_psychiatrist)
    row.course.refresh_from_db()
    assert row.course.state == PsychiatricCourse.State.ACTIVE
    assert _waitlist(row).state == Deadline.State.CANCELLED


def test_end_notice_fourteen_days_before_the_planned_end_with_consent(
    referral: Any, child_psychiatrist: User
) -> None:
    row, clock = referral
    referral_visitate(referral=row, outcome=Referral.Outcome.SUBACUTE, acting_user=child_psychiatrist)
    course = row.course
    planned_end_set(
        course=course, planned_end_on=date(2026, 6, 30), consent=True, acting_user=child_psychiatrist
    )
    notice_deadline = Deadline.objects.for_subject(course).get(rule_code=ob.END_NOTICE)
    assert notice_deadline.due_date == date(2026, 6, 16)
    clock.move_to(local(2026, 6, 10, 9))
    notice = end_notice_send(course=course, acting_user=child_psychiatrist)
    assert notice.recipient.code == "751" and "30.06.2026" in notice.text
    notice_deadline.refresh_from_db()
    assert notice_deadline.state == Deadline.State.MET


def test_without_consent_the_municipality_is_not_told(referral: Any, child_psychiatrist: User) -> None:
    row, _clock = referral
    treatment_start(course=row.course, acting_user=child_psychiatrist)
    planned_end_set(
        course=row.course, planned_end_on=date(2026, 6, 30), consent=False, acting_user=child_psychiatrist
    )
    with pytest.raises(DomainError) as refused:
        end_notice_send(course=row.course, acting_user=child_psychiatrist)
    assert refused.value.code == "consent_missing"
    assert not Notice.objects.filter(kind=Notice.Kind.END_NOTICE).exists()


def test_the_statement_needs_every_point_and_the_finished_day_is_a_weekday(
    referral: Any, child_psychiatrist: User
) -> None:
    row, _clock = referral
    course = row.course
    answers = {name: f"Svar på {name}" for name in STATEMENT_FIELDS}
    with pytest.raises(DomainError) as missing:
        statement_write(course=course, acting_user=child_psychiatrist, **{**answers, "diagnosis": " "})
    assert missing.value.field == "diagnosis"
    statement = statement_write(course=course, acting_user=child_psychiatrist, **answers)
    assert statement.family_view == "Svar på family_view"
    with pytest.raises(DomainError) as saturday:
        finished_treatment_record(course=course, on=date(2026, 3, 7), acting_user=child_psychiatrist)
    assert saturday.value.code == "not_weekday"
    # Skærtorsdag is a public holiday but a weekday: the agreement's own definition (mandag – fredag) holds.
    finished_treatment_record(course=course, on=date(2026, 4, 2), acting_user=child_psychiatrist)
    course.refresh_from_db()
    assert course.finished_treatment_on == date(2026, 4, 2)
