"""Consent, contact person, leave, transfer, death, the admission report and the 24-hour information request."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from admissions.models import AdmissionReport, Course, CourseEvent, HomeCareService, InformationRequest
from admissions.selectors import course_consents_to
from admissions.services import (
    admission_report_request,
    admission_report_submit,
    consent_record,
    consent_withdraw,
    course_record_death,
    course_set_contact_person,
    course_transfer,
    information_request_reply,
    information_request_send,
    leave_end,
    leave_start,
)
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.errors import Conflict, DomainError
from tests.factories import member, organisation_get
from tests.factories.admissions import HomeCareServiceFactory

pytestmark = pytest.mark.django_db


def _consent(course, ward, **scope):
    values = {"to_municipality": True, "to_gp": True, **scope}
    return consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=5),
        acting_user=ward,
        **values,
    )


def test_consent_scope_and_withdrawal(admitted_course, ward):
    assert not course_consents_to(course=admitted_course, party="municipality")
    consent = _consent(admitted_course, ward, to_gp=False)
    assert course_consents_to(course=admitted_course, party="municipality")
    assert not course_consents_to(course=admitted_course, party="gp")

    consent_withdraw(consent=consent, acting_user=ward)

    assert not course_consents_to(course=admitted_course, party="municipality")
    assert course_consents_to(
        course=admitted_course, party="municipality", at=consent.given_at + timedelta(seconds=1)
    )
    with pytest.raises(Conflict):
        consent_withdraw(consent=consent, acting_user=ward)
    assert admitted_course.events.filter(kind=CourseEvent.Kind.CONSENT_WITHDRAWN).count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        pytest.param({"given_by": "neighbour"}, "given_by", id="unknown-giver"),
        pytest.param({"given_by": "relative"}, "given_by_name", id="relative-without-name"),
        pytest.param({"to_municipality": False, "to_gp": False}, "to_municipality", id="no-scope"),
    ],
)
def test_bad_consent_is_rejected(admitted_course, ward, values, field):
    args = {"given_by": "citizen", "to_municipality": True, "to_gp": True, **values}
    with pytest.raises(DomainError) as error:
        consent_record(course=admitted_course, given_at=timezone.now(), acting_user=ward, **args)
    assert error.value.field == field
    assert not admitted_course.consents.exists()


def test_only_the_hospital_records_consent(admitted_course, visitator):
    with pytest.raises(DomainError):
        consent_record(
            course=admitted_course,
            given_by="citizen",
            given_at=timezone.now(),
            to_municipality=True,
            to_gp=False,
            acting_user=visitator,
        )


def test_contact_person_leave_and_transfer(admitted_course, ward):
    course_set_contact_person(
        course=admitted_course, name="Karen Jensen", role="Sygeplejerske", phone="78450000", acting_user=ward
    )
    start = timezone.now() - timedelta(hours=1)
    leave_start(course=admitted_course, started_at=start, acting_user=ward, note="Weekend hjemme")
    admitted_course.refresh_from_db()
    assert admitted_course.state == Course.State.ON_LEAVE
    with pytest.raises(DomainError):
        leave_end(course=admitted_course, ended_at=start - timedelta(hours=1), acting_user=ward)
    leave_end(course=admitted_course, ended_at=start + timedelta(minutes=30), acting_user=ward)
    admitted_course.refresh_from_db()
    assert admitted_course.state == Course.State.ADMITTED

    hospital_nurse = member("ward_staff", "AUH")
    stay = course_transfer(
        course=admitted_course,
        department=organisation_get("RHR-MED"),
        at=timezone.now(),
        acting_user=hospital_nurse,
    )

    admitted_course.refresh_from_db()
    assert (admitted_course.hospital.code, admitted_course.department.code) == ("RHR", "RHR-MED")
    assert (
        admitted_course.stays.count() == 2
        and admitted_course.stays.filter(ended_at__isnull=True).get() == stay
    )
    kinds = list(admitted_course.events.values_list("kind", flat=True))
    assert {"contact_person", "leave_started", "leave_ended", "transferred"} <= set(kinds)


def test_transfer_to_same_department_is_rejected(admitted_course, ward):
    with pytest.raises(DomainError) as error:
        course_transfer(
            course=admitted_course, department=admitted_course.department, at=timezone.now(), acting_user=ward
        )
    assert error.value.field == "department"


def test_death_ends_course_marks_citizen_and_notifies_contact_person(admitted_course, ward):
    service = HomeCareServiceFactory.create(
        citizen=admitted_course.citizen,
        status="paused",
        paused_at=admitted_course.admitted_at,
        paused_by_course=admitted_course,
    )
    course_set_contact_person(
        course=admitted_course, name="Karen Jensen", role="Sygeplejerske", phone="78450000", acting_user=ward
    )
    died_at = timezone.now() - timedelta(minutes=10)

    course_record_death(course=admitted_course, died_at=died_at, acting_user=ward)

    admitted_course.refresh_from_db()
    admitted_course.citizen.refresh_from_db()
    service.refresh_from_db()
    assert admitted_course.state == Course.State.DECEASED
    assert admitted_course.citizen.deceased_at == died_at
    assert service.status == HomeCareService.Status.ENDED
    notified = admitted_course.events.get(kind=CourseEvent.Kind.CONTACT_NOTIFIED)
    assert "Karen Jensen" in notified.text
    assert not admitted_course.stays.filter(ended_at__isnull=True).exists()


def test_admission_report_requested_by_ward_and_submitted_by_municipality(admitted_course, ward, visitator):
    report = admission_report_request(course=admitted_course, acting_user=ward)
    assert report.state == AdmissionReport.State.REQUESTED
    assert admission_report_request(course=admitted_course, acting_user=ward).pk == report.pk

    with pytest.raises(DomainError):
        admission_report_submit(course=admitted_course, acting_user=ward, functional_level="Selvhjulpen")
    with pytest.raises(DomainError) as error:
        admission_report_submit(course=admitted_course, acting_user=visitator, functional_level=" ")
    assert error.value.field == "functional_level"

    admission_report_submit(
        course=admitted_course,
        acting_user=visitator,
        functional_level="Går med rollator",
        home_care_received="Morgenhjælp",
        medication="Furix 40 mg",
        dose_dispensed=True,
        aids="Rollator",
        relatives="Datter",
        contact="Tlf. 87130000",
    )

    report.refresh_from_db()
    assert report.state == AdmissionReport.State.SUBMITTED
    assert report.dose_dispensed and report.submitted_by == visitator
    with pytest.raises(Conflict):
        admission_report_request(course=admitted_course, acting_user=ward)


def test_report_from_another_municipality_is_rejected(admitted_course, foreign_visitator):
    with pytest.raises(DomainError):
        admission_report_submit(course=admitted_course, acting_user=foreign_visitator, functional_level="x")
    assert not AdmissionReport.objects.exists()


def test_information_request_needs_consent_and_a_related_recipient(admitted_course, ward, practice):
    with pytest.raises(DomainError) as error:
        information_request_send(
            course=admitted_course, recipient=practice, question="Medicinliste?", acting_user=ward
        )
    assert error.value.code == "no_consent"
    _consent(admitted_course, ward)
    with pytest.raises(DomainError) as error:
        information_request_send(
            course=admitted_course, recipient=organisation_get("730"), question="?", acting_user=ward
        )
    assert error.value.code == "unrelated_recipient"
    assert not InformationRequest.objects.exists() and not Deadline.objects.exists()


def test_information_request_answered_within_24_hours_meets_the_deadline(planned_course, ward, gp, practice):
    _consent(planned_course, ward)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        request = information_request_send(
            course=planned_course,
            recipient=practice,
            question="Hvilken medicin får borgeren?",
            acting_user=ward,
        )
        deadline = Deadline.objects.for_subject(request).get()
        assert deadline.rule_code == "admission.info_reply"
        assert deadline.due_at == request.sent_at + timedelta(hours=24)
        assert (deadline.responsible, deadline.counterpart) == (practice, organisation_get("AUH-ORT"))

        clock.shift(timedelta(hours=20))
        information_request_reply(request=request, reply="Furix 40 mg dagligt.", acting_user=gp)
        clock.shift(timedelta(hours=10))
        scan_due(now=timezone.now())

    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.MET and not deadline.met_late
    assert not Alert.objects.filter(deadline=deadline, kind=Alert.Kind.BREACH).exists()
    request.refresh_from_db()
    assert request.state == InformationRequest.State.ANSWERED


def test_information_request_unanswered_after_24_hours_is_breached(planned_course, ward, visitator):
    _consent(planned_course, ward)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        request = information_request_send(
            course=planned_course,
            recipient=organisation_get("751"),
            question="Hvor meget hjemmepleje?",
            acting_user=ward,
        )
        clock.shift(timedelta(hours=24, minutes=1))
        result = scan_due(now=timezone.now())
        assert result.breached == 1
        deadline = Deadline.objects.for_subject(request).get()
        assert deadline.state == Deadline.State.BREACHED
        assert set(Alert.objects.filter(deadline=deadline).values_list("organisation__code", flat=True)) == {
            "751",
            "AUH-ORT",
        }

        information_request_reply(request=request, reply="Tre besøg dagligt.", acting_user=visitator)

    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.MET and deadline.met_late


def test_only_the_recipient_answers(admitted_course, ward, visitator, practice, gp):
    _consent(admitted_course, ward)
    request = information_request_send(
        course=admitted_course, recipient=practice, question="?", acting_user=ward
    )
    with pytest.raises(DomainError):
        information_request_reply(request=request, reply="Svar", acting_user=visitator)
    information_request_reply(request=request, reply="Svar", acting_user=gp)
    with pytest.raises(Conflict):
        information_request_reply(request=request, reply="Igen", acting_user=gp)
