"""Applying a received HospitalNotification to the citizen's course, through admissions' and discharge's services:
admission, leave start and end, discharge, death, correction and cancellation — and nothing that would run the
course backwards when messages arrive out of order."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.services import (
    course_admit,
    course_cancel,
    course_record_death,
    course_transfer,
    leave_end,
    leave_start,
)
from admissions.services.corrections import course_correct_start
from discharge.services.closing import course_close_as_discharged
from medcom.fhir.bundle import MessageInvalid
from medcom.fhir.codes import Correction, Event
from medcom.fhir.notification import HospitalNotification, hospital_notification_read
from medcom.models import InboundMessage
from medcom.services.inbound import Received, Result, inbound_apply, inbound_receive, inbound_reprocess
from medcom.services.parties import (
    hospital_side_user,
    hospital_user,
    receiving_municipality,
    sender_department,
)
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.models import Organisation

OPEN = (Course.State.ADMITTED, Course.State.ON_LEAVE)
Outcome = InboundMessage.Outcome


def hospital_notification_receive(*, data: Any, acting_user: User) -> Received:
    """Receive a HospitalNotification Bundle (``POST /api/v1/fhir/hospital-notification``); see ``inbound_receive``."""
    return inbound_receive(
        kind=InboundMessage.Kind.HOSPITAL_NOTIFICATION,
        data=data,
        acting_user=acting_user,
        read=hospital_notification_read,
        apply=hospital_notification_apply,
    )


def hospital_notification_reprocess(*, row: InboundMessage) -> InboundMessage:
    return inbound_reprocess(row=row, read=hospital_notification_read, apply=hospital_notification_apply)


def _course_of(notification: HospitalNotification, citizen: Citizen | None) -> Course | None:
    """The course the message is about: by its episode-of-care identifiers, else through the message it follows."""
    if citizen is None:
        return None
    course = (
        Course.objects.select_related("citizen", "hospital", "department")
        .filter(citizen=citizen, episode_of_care_id__in=notification.episode_ids)
        .order_by("-admitted_at")
        .first()
    )
    if course is None and notification.previous_id:
        previous = (
            InboundMessage.objects.filter(
                message_id=notification.previous_id,
                citizen=citizen,
                course__isnull=False,
                duplicate_of__isnull=True,
            )
            .select_related("course")
            .order_by("-received_at")
            .first()
        )
        course = previous.course if previous is not None else None
    return course


def hospital_notification_apply(
    notification: HospitalNotification, receiver: Organisation, row: InboundMessage
) -> Result:
    """Apply the message's event to the course and return what it did (the caller logs it)."""
    citizen = (
        Citizen.objects.select_related("municipality", "gp_practice").filter(cpr=notification.cpr).first()
    )
    course = _course_of(notification, citizen)
    result = Result(
        outcome=Outcome.APPLIED,
        detail="",
        citizen=citizen,
        course=course,
        occurred_at=notification.moment,
        episode_of_care_id=notification.episode_of_care_id,
    )
    if notification.correction == Correction.CANCELLATION:
        return _cancel(notification, course, result)
    if notification.correction == Correction.REVISION and notification.event in (Event.STIN, Event.STAA):
        return _correct(notification, course, result)
    if notification.event in (Event.STIN, Event.STAA):
        result = _admit(notification, receiver, citizen, course, result)
        if result.outcome == Outcome.APPLIED and result.course is not None:
            _waiting_apply(notification, row)
        return result
    if notification.event == Event.MORS and course is None:  # a death is the first we hear (MORS_J)
        return _admit(notification, receiver, citizen, None, result)
    if course is None:
        result.outcome = Outcome.NO_CASE
        result.detail = _("Intet forløb for borgeren og forløbs-id'et; meddelelsen er registreret.")
        return result
    result.sender = sender_department(party=notification.service_provider, course=course)
    if course.state not in OPEN:
        return _stale(result, course)
    user = hospital_side_user(course)
    if notification.event == Event.MORS:
        course_record_death(course=course, died_at=notification.moment, acting_user=user)
        result.detail = _("Borgerens død er registreret.")
    elif notification.event == Event.SLHJ:
        course_close_as_discharged(course=course, at=notification.moment, acting_user=user)
        result.detail = _("Borgeren er udskrevet.")
    elif notification.event == Event.STOR:
        if course.state == Course.State.ON_LEAVE or _later_applied(course, notification.moment):
            return _stale(result, course)
        leave_start(course=course, started_at=notification.moment, acting_user=user)
        result.detail = _("Orlov begyndt.")
    elif notification.event == Event.SLOR:
        if course.state != Course.State.ON_LEAVE:
            return _stale(result, course)
        leave_end(course=course, ended_at=notification.moment, acting_user=user)
        result.detail = _("Orlov slut.")
    if notification.correction == Correction.REVISION:
        result.detail += " " + _("(rettelse)")
    return result


def _waiting_apply(notification: HospitalNotification, row: InboundMessage) -> None:
    """Messages about this stay that came before its admission (a leave or discharge delivered first) had no
    course to attach to; now it exists they are applied, in the order their events happened."""
    waiting = InboundMessage.objects.filter(
        kind=InboundMessage.Kind.HOSPITAL_NOTIFICATION,
        outcome=Outcome.NO_CASE,
        sender_sor=row.sender_sor,
        episode_of_care_id__in=notification.episode_ids,
        duplicate_of__isnull=True,
        receiver__isnull=False,
    ).exclude(pk=row.pk)
    for early in waiting.select_related("receiver").order_by("occurred_at", "received_at"):
        try:
            parsed = hospital_notification_read(early.bundle)
        except MessageInvalid:
            continue
        if parsed.cpr != notification.cpr or parsed.event in (Event.STIN, Event.STAA):
            continue
        early.attempts += 1
        assert early.receiver is not None
        inbound_apply(row=early, parsed=parsed, receiver=early.receiver, apply=hospital_notification_apply)


def _later_applied(course: Course, moment: datetime) -> bool:
    """Whether a message about a later moment of the course has been applied already."""
    return InboundMessage.objects.filter(
        course=course, outcome=Outcome.APPLIED, occurred_at__gt=moment, duplicate_of__isnull=True
    ).exists()


def _stale(result: Result, course: Course) -> Result:
    result.outcome = Outcome.STALE
    result.detail = _(
        "Meddelelsen kom efter en senere hændelse (forløbet er %(state)s); den ændrer ikke forløbet."
    ) % {"state": course.get_state_display().lower()}
    return result


def _admit(
    notification: HospitalNotification,
    receiver: Organisation,
    citizen: Citizen | None,
    course: Course | None,
    result: Result,
) -> Result:
    if course is not None:
        if course.state not in OPEN:  # a late STIN after the discharge does not reopen the stay (TEK_STIN_B)
            result.sender = sender_department(party=notification.service_provider, course=course)
            return _stale(result, course)
        department = sender_department(party=notification.service_provider)
        result.sender = department
        if department.pk != course.department_id:
            # the same episode admitted at another department or hospital (STIN_B2, STIN_C2): the course moves
            course_transfer(
                course=course,
                department=department,
                at=notification.started_at,
                acting_user=hospital_side_user(course),
            )
            result.detail = _("Borgeren er nu indlagt på %(department)s; forløbet er overflyttet.") % {
                "department": department
            }
            return result
        # STIN after STAA on the same episode: the acute ambulant contact became an admission (STIN_E)
        result.detail = _("Opholdet er allerede registreret; %(event)s noteret.") % {
            "event": notification.label
        }
        return result
    department = sender_department(party=notification.service_provider)
    result.sender = department
    current = (
        Course.objects.filter(citizen=citizen).open().select_related("hospital").first() if citizen else None
    )
    if current is not None:
        if current.department_id == department.pk:
            result.outcome, result.course = Outcome.NOTED, current
            result.detail = _("Borgeren er allerede indlagt på afdelingen under et andet forløbs-id.")
            return result
        # admitted elsewhere while our course is open (STIN_B2, STIN_C2): the course moves with the citizen
        course_transfer(
            course=current,
            department=department,
            at=notification.started_at,
            acting_user=hospital_side_user(current),
        )
        result.course = current
        result.detail = _("Borgeren er nu indlagt på %(department)s; forløbet er overflyttet.") % {
            "department": department
        }
        return result
    municipality = citizen.municipality if citizen is not None else receiving_municipality(receiver)
    if municipality is None:
        result.outcome = Outcome.NO_CASE
        result.detail = _("Modtageren hører ikke til en kommune; borgeren er ukendt.")
        return result
    assert department.parent is not None
    course = course_admit(
        cpr=notification.cpr,
        name=citizen.name if citizen is not None else (notification.name or _("Ukendt navn")),
        municipality=municipality,
        gp_practice=citizen.gp_practice if citizen is not None else None,
        address=citizen.address if citizen is not None else "",
        phone=citizen.phone if citizen is not None else "",
        kind=Course.Kind.ACUTE if notification.encounter_class == "EMER" else Course.Kind.PLANNED,
        department=department,
        admitted_at=notification.started_at,
        episode_of_care_id=notification.episode_of_care_id[:80],
        acting_user=hospital_user(department.parent),
    )
    result.course, result.citizen = course, course.citizen
    result.occurred_at = notification.started_at
    result.detail = (
        _("Borgeren er indlagt.")
        if citizen is not None
        else _("Borgeren var ukendt og er oprettet; borgeren er indlagt.")
    )
    if notification.event == Event.MORS:
        course_record_death(
            course=course, died_at=notification.moment, acting_user=hospital_user(department.parent)
        )
        result.occurred_at = notification.moment
        result.detail += " " + _("Borgerens død er registreret.")
    return result


def _correct(notification: HospitalNotification, course: Course | None, result: Result) -> Result:
    if course is None:
        result.outcome = Outcome.NO_CASE
        result.detail = _("Rettelsen gælder et forløb, der ikke findes.")
        return result
    department = sender_department(party=notification.service_provider, course=course)
    result.sender = department
    if course.state == Course.State.CANCELLED:
        return _stale(result, course)
    course_correct_start(
        course=course,
        admitted_at=notification.started_at,
        department=department,
        reason=_("rettelse fra hospitalet (%(event)s)") % {"event": notification.label},
        acting_user=hospital_side_user(course),
    )
    result.occurred_at = notification.started_at
    result.detail = _("Indlæggelsen er rettet.")
    return result


def _cancel(notification: HospitalNotification, course: Course | None, result: Result) -> Result:
    if course is None:
        result.outcome = Outcome.NO_CASE
        result.detail = _("Annulleringen gælder et forløb, der ikke findes.")
        return result
    result.sender = sender_department(party=notification.service_provider, course=course)
    if notification.event not in (Event.STIN, Event.STAA):
        result.outcome = Outcome.NOTED
        result.detail = _("Annullering af %(event)s er registreret; forløbet skal rettes manuelt.") % {
            "event": notification.event
        }
        return result
    if course.state not in OPEN:
        return _stale(result, course)
    course_cancel(
        course=course,
        reason=_("Hospitalet har annulleret indlæggelsen (%(event)s)") % {"event": notification.label},
        acting_user=hospital_side_user(course),
    )
    result.detail = _("Indlæggelsen er annulleret.")
    return result
