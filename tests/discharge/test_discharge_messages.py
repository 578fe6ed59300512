"""At discharge: the notice ends the course and resumes home care, the report and the epikrise go to their
recipients, the municipality replies, and sudden changes reach the contact person."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from admissions.models import Course, HomeCareService
from admissions.services.course import course_admit
from discharge.models import DischargeLetter, DischargeNotice, MunicipalReply, SuddenChange
from discharge.services import (
    discharge_letter_send,
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    discharge_report_send,
    municipal_reply_send,
    sudden_change_acknowledge,
    sudden_change_report,
)
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.actor import actor_for
from tests.factories import CitizenFactory, organisation_get
from tests.factories.admissions import HomeCareServiceFactory
from tests.factories.discharge import local


def test_discharge_before_admission_is_refused_and_nothing_is_saved(
    course_admitted_16_november: Course, ward: Any
) -> None:
    with pytest.raises(DomainError) as error:
        discharge_notice_send(
            course=course_admitted_16_november, discharged_at=local(2026, 11, 15, 9), acting_user=ward
        )

    assert error.value.field == "discharged_at"
    assert error.value.message == "Udskrivningen kan ikke ligge før indlæggelsen (16.11.2026 kl. 10.00)."
    course_admitted_16_november.refresh_from_db()
    assert (course_admitted_16_november.state, course_admitted_16_november.discharged_at) == (
        "admitted",
        None,
    )
    assert not DischargeNotice.objects.exists()


def test_discharge_notice_ends_the_course_and_resumes_home_care(ward: Any, practice: Any) -> None:
    citizen: Citizen = CitizenFactory.create(gp_practice=practice)
    service: HomeCareService = HomeCareServiceFactory.create(citizen=citizen)
    course = course_admit(
        cpr=citizen.cpr,
        name=citizen.name,
        municipality=citizen.municipality,
        gp_practice=practice,
        kind="acute",
        department=organisation_get("AUH-ORT"),
        admitted_at=timezone.now() - timedelta(days=3),
        acting_user=ward,
    )
    service.refresh_from_db()
    assert service.status == HomeCareService.Status.PAUSED
    discharged_at = timezone.now() - timedelta(hours=1)

    notice = discharge_notice_send(
        course=course,
        discharged_at=discharged_at,
        destination="Eget hjem",
        medication_changed=True,
        dose_dispensing_cancelled=True,
        aids_handed_out="Rollator",
        acting_user=ward,
    )

    course.refresh_from_db()
    service.refresh_from_db()
    assert (course.state, course.discharged_at) == ("discharged", discharged_at)
    assert (service.status, service.resumed_at) == (HomeCareService.Status.ACTIVE, discharged_at)
    assert (notice.municipality, notice.aids_handed_out) == (citizen.municipality, "Rollator")


def test_a_second_discharge_notice_is_a_conflict(course_admitted_16_november: Course, ward: Any) -> None:
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    with pytest.raises(Conflict):
        discharge_notice_send(
            course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 12), acting_user=ward
        )


def test_dose_dispensing_is_only_cancelled_when_medication_changed(
    course_admitted_16_november: Course, ward: Any
) -> None:
    with pytest.raises(DomainError) as error:
        discharge_notice_send(
            course=course_admitted_16_november,
            discharged_at=local(2026, 11, 20, 11),
            dose_dispensing_cancelled=True,
            acting_user=ward,
        )

    assert error.value.field == "dose_dispensing_cancelled"
    assert Course.objects.get(pk=course_admitted_16_november.pk).state == "admitted"


def test_discharge_report_goes_to_the_home_municipality(
    course_admitted_16_november: Course, ward: Any, give_consent: Any
) -> None:
    give_consent(course_admitted_16_november, ward)
    report = discharge_report_send(
        course=course_admitted_16_november,
        functional_level="Går med rollator",
        nursing="Hjælp til bad",
        acting_user=ward,
    )

    assert report.municipality == course_admitted_16_november.citizen.municipality


def test_epikrise_goes_to_the_gp(
    course_admitted_16_november: Course, ward: Any, practice: Any, give_consent: Any
) -> None:
    give_consent(course_admitted_16_november, ward)
    letter = discharge_letter_send(
        course=course_admitted_16_november,
        summary="Pneumoni, behandlet.",
        medication_changed=True,
        medication="Penicillin",
        dose_dispensing_cancelled=True,
        acting_user=ward,
    )

    assert letter.gp_practice == practice
    assert DischargeLetter.objects.visible_to(actor_for(user=ward)).count() == 1


def test_epikrise_needs_a_gp(make_course: Any, ward: Any) -> None:
    course = make_course(admitted_at=local(2026, 11, 16, 10), gp_practice=None)

    with pytest.raises(DomainError) as error:
        discharge_letter_send(course=course, summary="Tekst", acting_user=ward)

    assert error.value.code == "no_gp"


def test_municipal_reply_answers_the_latest_notification(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    plan = discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=local(2026, 12, 29).date(),
        acting_user=ward,
    )
    notification = discharge_notification_send(plan=plan, acting_user=ward)

    reply = municipal_reply_send(
        course=course_admitted_16_november,
        answer="needs_time",
        reason="Plejebolig først klar 4. januar",
        ready_on=local(2027, 1, 4).date(),
        acting_user=visitator,
    )

    assert (reply.notification, reply.notice, reply.municipality) == (
        notification,
        None,
        course_admitted_16_november.citizen.municipality,
    )
    assert list(MunicipalReply.objects.visible_to(actor_for(user=ward))) == [reply]


def test_needing_more_time_needs_a_reason(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    with pytest.raises(DomainError) as error:
        municipal_reply_send(
            course=course_admitted_16_november, answer="needs_time", reason=" ", acting_user=visitator
        )

    assert (error.value.field, error.value.message) == (
        "reason",
        "Angiv en begrundelse, når kommunen har brug for mere tid.",
    )


def test_only_the_home_municipality_replies(
    course_admitted_16_november: Course, ward: Any, foreign_visitator: Any
) -> None:
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    with pytest.raises(DomainError) as error:
        municipal_reply_send(
            course=course_admitted_16_november, answer="ready", acting_user=foreign_visitator
        )
    assert error.value.status_code == 403
    with pytest.raises(DomainError):
        municipal_reply_send(course=course_admitted_16_november, answer="ready", acting_user=ward)


def test_a_reply_needs_something_to_reply_to(course_admitted_16_november: Course, visitator: Any) -> None:
    with pytest.raises(DomainError) as error:
        municipal_reply_send(course=course_admitted_16_november, answer="ready", acting_user=visitator)

    assert error.value.code == "nothing_to_reply"


def test_sudden_change_notifies_the_contact_person_at_once(
    course_admitted_16_november: Course, visitator: Any, ward: Any
) -> None:
    change = sudden_change_report(
        course=course_admitted_16_november,
        kind="family",
        description="Ægtefællen er indlagt akut",
        occurred_at=timezone.now() - timedelta(minutes=5),
        acting_user=visitator,
    )

    assert (change.contact_name, change.contact_phone) == ("Karen Sygeplejerske", "7846 0000")
    assert change.notified_at is not None and change.acknowledged_at is None
    assert change.reported_by_org == course_admitted_16_november.citizen.municipality
    assert course_admitted_16_november.events.filter(kind="contact_notified").exists()

    sudden_change_acknowledge(change=change, acting_user=ward)
    assert SuddenChange.objects.get().acknowledged_at is not None


def test_death_ends_the_course_and_its_notification_deadline(
    course_admitted_16_november: Course, ward: Any
) -> None:
    # a discharge a month ahead: the notice is not yet due, so the death makes it moot (an overdue one would be
    # left for the scan to record as missed)
    plan = discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=timezone.localdate() + timedelta(days=30),
        acting_user=ward,
    )

    sudden_change_report(
        course=course_admitted_16_november,
        kind="death",
        description="Død i nattevagten",
        occurred_at=timezone.now() - timedelta(hours=1),
        acting_user=ward,
    )

    course_admitted_16_november.refresh_from_db()
    assert course_admitted_16_november.state == "deceased"
    assert course_admitted_16_november.citizen.deceased_at is not None
    from sundhedsaftale.deadlines.models import Deadline

    assert Deadline.objects.for_subject(plan).get().state == "cancelled"


def test_an_early_discharge_settles_the_notice_as_a_breach_and_cancels_only_the_moot_reply(
    make_course: Any, ward: Any, practice: Any
) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning." The anchor is the discharge: a citizen discharged
    before the municipality was notified is a breach, never a cancelled deadline. The GP's 24-hour reply to
    the ward's question is moot once the citizen has left (not yet due: cancelled)."""
    # given a course with a pending notification deadline and an open 24-hour information request
    from admissions.services import consent_record, information_request_send
    from discharge.selectors import plan_deadline
    from sundhedsaftale.deadlines.models import Deadline
    from sundhedsaftale.workdays import local_date

    # a planned admission: the 24-hour reply deadline belongs to those (section 1.2.3.1)
    course = make_course(admitted_at=timezone.now() - timedelta(days=3), kind="planned")
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(days=2),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    request = information_request_send(
        course=course, recipient=practice, question="Medicin?", acting_user=ward
    )
    plan = discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=local_date(timezone.now()) + timedelta(days=20),
        acting_user=ward,
    )

    # when the citizen is discharged early, without notice
    discharge_notice_send(course=course, discharged_at=timezone.now(), acting_user=ward)

    # then the notice obligation is a breach of record, the moot reply is cancelled
    deadline = plan_deadline(plan=plan)
    assert deadline is not None and deadline.state == "breached"
    assert Deadline.objects.for_subject(request).get().state == "cancelled"


@time_machine.travel(local(2026, 11, 20, 15), tick=False)  # a Friday afternoon: the 12:00 warning is past
def test_discharge_keeps_a_deadline_that_was_already_due(make_course: Any, ward: Any) -> None:
    from discharge.selectors import plan_deadline
    from sundhedsaftale.deadlines.models import Deadline
    from sundhedsaftale.workdays import local_date

    course = make_course(admitted_at=timezone.now() - timedelta(days=3))
    plan = discharge_plan_save(
        course=course,
        functional_ability="unchanged",
        need="simple_nursing",
        planned_date=local_date(timezone.now()),
        acting_user=ward,
    )
    Deadline.objects.update(due_at=timezone.now() - timedelta(hours=2))  # missed before discharge

    discharge_notice_send(course=course, discharged_at=timezone.now() - timedelta(hours=1), acting_user=ward)

    assert plan_deadline(plan=plan).state in ("pending", "breached")  # type: ignore[union-attr]


def test_discharge_ends_the_open_stay_and_leave(course_admitted_16_november: Course, ward: Any) -> None:
    from admissions.services import leave_start

    leave_start(course=course_admitted_16_november, started_at=local(2026, 11, 19, 9), acting_user=ward)

    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    assert list(course_admitted_16_november.stays.values_list("ended_at", flat=True)) == [
        local(2026, 11, 20, 11)
    ]
    assert list(course_admitted_16_november.leaves.values_list("ended_at", flat=True)) == [
        local(2026, 11, 20, 11)
    ]
    assert Course.objects.get(pk=course_admitted_16_november.pk).state == "discharged"


def test_discharge_before_the_current_stay_is_refused_and_nothing_is_saved(
    course_admitted_16_november: Course, ward: Any
) -> None:
    from admissions.services import course_transfer

    course_transfer(
        course=course_admitted_16_november,
        department=organisation_get("AUH-GER"),
        at=local(2026, 11, 19, 9),
        acting_user=ward,
    )

    with pytest.raises(DomainError) as error:
        discharge_notice_send(
            course=Course.objects.get(pk=course_admitted_16_november.pk),
            discharged_at=local(2026, 11, 18, 11),
            acting_user=ward,
        )

    assert (error.value.field, error.value.code) == ("discharged_at", "before_stay")
    assert "19.11.2026 kl. 09.00" in error.value.message
    assert Course.objects.get(pk=course_admitted_16_november.pk).state == "admitted"
    assert not DischargeNotice.objects.exists()
    assert course_admitted_16_november.stays.filter(ended_at__isnull=True).count() == 1
