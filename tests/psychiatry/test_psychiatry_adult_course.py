"""An adult psychiatric course from admission to the GP letter: who is informed by when, the treatment plan
within seven calendar days, the unplanned discharge alert, the coordination plan, and the GP letter within
7 days; the children-in-the-family assessment blocks completion."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User

from psychiatry.models import CarePlan, Notice, PsychiatricCourse
from psychiatry.services import (
    care_plan_save,
    child_assessment_record,
    course_complete,
    course_inform,
    course_unplanned_discharge,
    course_update,
    discharge_time_agree,
    gp_letter_send,
    treatment_plan_write,
)
from psychiatry.services import obligations as ob
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.errors import DomainError
from sundhedsaftale.workdays import local_date
from tests.psychiatry.conftest import local

pytestmark = pytest.mark.django_db


def _deadline(course: PsychiatricCourse, rule: str) -> Deadline:
    return Deadline.objects.for_subject(course).get(rule_code=rule)


def test_an_admission_on_good_friday_must_be_reported_to_municipality_and_gp_by_tuesday_after_easter(
    course: PsychiatricCourse,
) -> None:
    # Langfredag, påskelørdag, påskedag and 2. påskedag are not working days: the first one is Tuesday 7 April.
    municipality = _deadline(course, ob.MUNICIPALITY_INFORMED)
    gp = _deadline(course, ob.GP_INFORMED)
    assert municipality.due_date == gp.due_date == date(2026, 4, 7)
    assert municipality.counterpart == course.citizen.municipality
    assert gp.counterpart == course.citizen.gp_practice
    # The treatment plan: seven calendar days, not moved off a closed day.
    assert _deadline(course, ob.TREATMENT_PLAN).due_date == date(2026, 4, 10)


def test_informing_the_municipality_meets_its_deadline_and_not_the_gps(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    clock.move_to(local(2026, 4, 7, 9))
    notice = course_inform(course=course, party="municipality", acting_user=psychiatrist)
    assert notice.recipient == course.citizen.municipality
    assert _deadline(course, ob.MUNICIPALITY_INFORMED).state == Deadline.State.MET
    assert _deadline(course, ob.GP_INFORMED).state == Deadline.State.PENDING


def test_the_gp_informed_on_wednesday_is_late(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    clock.move_to(local(2026, 4, 8, 9))
    course_inform(course=course, party="gp", acting_user=psychiatrist)
    gp = _deadline(course, ob.GP_INFORMED)
    assert gp.met_at is not None and gp.met_late


def test_without_consent_nobody_is_informed(course: PsychiatricCourse, psychiatrist: User) -> None:
    course_update(
        course=course,
        legal_status=PsychiatricCourse.LegalStatus.INVOLUNTARY,
        consent=PsychiatricCourse.Consent.NOT_ASKED,
        acting_user=psychiatrist,
    )
    with pytest.raises(DomainError) as refused:
        course_inform(course=course, party="municipality", acting_user=psychiatrist)
    assert refused.value.code == "consent_missing"
    assert not Notice.objects.exists()


def test_a_refused_consent_makes_informing_moot(course: PsychiatricCourse, psychiatrist: User) -> None:
    course_update(
        course=course,
        legal_status=PsychiatricCourse.LegalStatus.VOLUNTARY,
        consent=PsychiatricCourse.Consent.REFUSED,
        acting_user=psychiatrist,
    )
    assert _deadline(course, ob.MUNICIPALITY_INFORMED).state == Deadline.State.CANCELLED
    assert _deadline(course, ob.GP_INFORMED).state == Deadline.State.CANCELLED
    assert _deadline(course, ob.TREATMENT_PLAN).state == Deadline.State.PENDING


def test_a_substitute_consent_needs_the_substitutes_name(
    course: PsychiatricCourse, psychiatrist: User
) -> None:
    with pytest.raises(DomainError) as refused:
        course_update(
            course=course,
            legal_status=PsychiatricCourse.LegalStatus.VOLUNTARY,
            consent=PsychiatricCourse.Consent.SUBSTITUTE,
            acting_user=psychiatrist,
        )
    assert refused.value.field == "consent_by"


def test_the_treatment_plan_on_day_seven_is_on_time_and_is_handed_out_or_objected(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    clock.move_to(local(2026, 4, 10, 15))
    with pytest.raises(DomainError):
        treatment_plan_write(
            course=course, goals="Ro og søvn", handed_to_patient=False, acting_user=psychiatrist
        )
    treatment_plan_write(course=course, goals="Ro og søvn", handed_to_patient=True, acting_user=psychiatrist)
    plan = _deadline(course, ob.TREATMENT_PLAN)
    assert plan.state == Deadline.State.MET and not plan.met_late


def test_a_treatment_plan_not_written_in_a_week_is_breached(course: PsychiatricCourse, clock: Any) -> None:
    clock.move_to(local(2026, 4, 11, 9))
    scan_due(now=local(2026, 4, 11, 9))
    assert _deadline(course, ob.TREATMENT_PLAN).state == Deadline.State.BREACHED


def test_everyone_informed_hears_of_the_agreed_discharge_time_and_its_change(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    course_inform(course=course, party="gp", acting_user=psychiatrist)
    discharge_time_agree(course=course, agreed_at=local(2026, 4, 14, 10), acting_user=psychiatrist)
    with pytest.raises(DomainError) as no_reason:
        discharge_time_agree(course=course, agreed_at=local(2026, 4, 15, 10), acting_user=psychiatrist)
    assert no_reason.value.field == "reason"
    discharge_time_agree(
        course=course,
        agreed_at=local(2026, 4, 15, 10),
        reason="Bostøtten kan først dagen efter",
        acting_user=psychiatrist,
    )
    changes = Notice.objects.filter(course=course, kind=Notice.Kind.DISCHARGE_TIME)
    assert changes.count() == 4
    assert {n.recipient for n in changes} == {course.citizen.municipality, course.citizen.gp_practice}
    assert "Bostøtten kan først dagen efter" in changes.first().text  # type: ignore[union-attr]


def test_a_course_cannot_be_completed_before_children_in_the_family_are_assessed(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    clock.move_to(local(2026, 4, 14, 10))
    with pytest.raises(DomainError) as refused:
        course_complete(course=course, acting_user=psychiatrist)
    assert refused.value.code == "child_assessment_missing"
    with pytest.raises(DomainError) as no_situation:
        child_assessment_record(
            course=course, has_children=True, children="2 (4 og 9 år)", acting_user=psychiatrist
        )
    assert no_situation.value.field == "situation"
    child_assessment_record(
        course=course,
        has_children=True,
        children="2 (4 og 9 år)",
        situation="Bor hos faren under indlæggelsen.",
        concern_reported=True,
        concern_reported_on=date(2026, 4, 13),
        acting_user=psychiatrist,
    )
    ended = course_complete(course=course, acting_user=psychiatrist)
    assert ended.state == PsychiatricCourse.State.ENDED
    assert ended.admission is not None
    ended.admission.refresh_from_db()
    assert ended.admission.state == "discharged"
    assert _deadline(course, ob.GP_LETTER).due_date == date(2026, 4, 21)


def test_unplanned_discharge_alerts_the_municipality_then_coordination_plan_and_gp_letter(
    course: PsychiatricCourse, psychiatrist: User, clock: Any
) -> None:
    clock.move_to(local(2026, 4, 9, 16))
    child_assessment_record(course=course, has_children=False, acting_user=psychiatrist)
    with pytest.raises(DomainError) as silent:
        course_unplanned_discharge(course=course, relatives_informed="  ", acting_user=psychiatrist)
    assert silent.value.field == "relatives_informed"
    course_unplanned_discharge(
        course=course,
        relatives_informed="Datteren er ringet op, som patienten ønskede.",
        at=local(2026, 4, 9, 15, 30),
        acting_user=psychiatrist,
    )
    course.refresh_from_db()
    assert course.end_kind == PsychiatricCourse.EndKind.UNPLANNED
    alert = Notice.objects.get(course=course, kind=Notice.Kind.UNPLANNED)
    assert alert.recipient == course.citizen.municipality and alert.read_at is None
    assert "09.04.2026 kl. 15.30" in alert.text
    # The treatment plan was due the next day: the obligation ends with the course.
    assert _deadline(course, ob.TREATMENT_PLAN).state == Deadline.State.CANCELLED

    plan = care_plan_save(
        course=course,
        kind=CarePlan.Kind.COORDINATION_PLAN,
        acting_user=psychiatrist,
        treatment_offers="Opsøgende kontakt fra distriktspsykiatrien",
        social_offers="Bostøtte dagligt",
        follow_up_on=date(2026, 4, 23),
    )
    assert plan.author_organisation == course.department and not plan.patient_participates

    letter = _deadline(course, ob.GP_LETTER)
    assert letter.due_date == date(2026, 4, 16) and letter.state == Deadline.State.PENDING
    clock.move_to(local(2026, 4, 14, 9))
    gp_letter_send(course=course, text="Patienten forlod afdelingen 9. april.", acting_user=psychiatrist)
    letter.refresh_from_db()
    assert letter.state == Deadline.State.MET and not letter.met_late


def test_the_gp_letter_is_sent_only_after_the_end(course: PsychiatricCourse, psychiatrist: User) -> None:
    with pytest.raises(DomainError):
        gp_letter_send(course=course, text="For tidligt", acting_user=psychiatrist)


def test_local_date_of_the_fixture(course: PsychiatricCourse) -> None:
    assert course.started_at is not None
    assert local_date(course.started_at) == date(2026, 4, 3)
    assert course.started_at + timedelta(days=7) == local(2026, 4, 10, 10)
