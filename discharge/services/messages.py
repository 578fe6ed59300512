"""Write use-cases at discharge: notice, report, epikrise, the municipality's reply and sudden changes."""

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent
from clusters.models import Organisation
from discharge.models import (
    DischargeLetter,
    DischargeNotice,
    DischargeNotification,
    DischargePlan,
    DischargeReport,
    MunicipalReply,
    SuddenChange,
)
from discharge.permissions import HOSPITAL, HOSPITAL_OR_MUNICIPALITY, MUNICIPALITY, course_acting_for
from discharge.services.planning import course_require_open
from sundhedsaftale.api.errors import Conflict, DomainError
from sundhedsaftale.deadlines.services import deadline_cancel

# Clocks of ward PCs and EPJ integrations drift a little (the same tolerance as admissions).
CLOCK_TOLERANCE = timedelta(minutes=15)


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def _check_moment(value: datetime, field: str, *, not_before: datetime, before_text: str) -> None:
    if timezone.is_naive(value):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field=field)
    if value > timezone.now() + CLOCK_TOLERANCE:
        raise DomainError(_("Tidspunktet ligger i fremtiden."), field=field)
    if value < not_before:
        raise DomainError(before_text, field=field, code="before_admission")


def _course_discharge(*, course: Course, at: datetime, acting_user: Any) -> None:
    """End the course as discharged and resume the home-care services the admission paused.

    TODO(admissions): admissions has no discharge service yet; switch to it when it exists.
    """
    course.discharged_at = at
    course.state = Course.State.DISCHARGED
    course.save(update_fields=["discharged_at", "state"])
    course.stays.filter(ended_at__isnull=True).update(ended_at=at)
    from admissions.services.course import home_care_resume

    home_care_resume(course=course, at=at, acting_user=acting_user)


@transaction.atomic
def discharge_notice_send(
    *,
    course: Course,
    discharged_at: datetime,
    destination: str = "",
    medication_changed: bool = False,
    dose_dispensing_cancelled: bool = False,
    aids_handed_out: str = "",
    acting_user: Any,
    acting_organisation: Organisation | None = None,
) -> DischargeNotice:
    """Discharge the citizen and send the discharge notice (udskrivningsadvis) to the home municipality.

    Ends the course (discharged) and resumes paused home care. Returns the notice.
    """
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    course = Course.objects.select_for_update().select_related("citizen__municipality").get(pk=course.pk)
    if DischargeNotice.objects.filter(course=course).exists():
        raise Conflict(
            _("Der er allerede sendt en udskrivningsadvis på forløbet."), code="already_discharged"
        )
    course_require_open(course)
    _check_moment(
        discharged_at,
        "discharged_at",
        not_before=course.admitted_at,
        before_text=_("Udskrivningen kan ikke ligge før indlæggelsen (%(at)s).")
        % {"at": f"{timezone.localtime(course.admitted_at):%d.%m.%Y kl. %H:%M}"},
    )
    if dose_dispensing_cancelled and not medication_changed:
        raise DomainError(
            _("Dosisdispensering annulleres kun, når medicinen er ændret under indlæggelsen."),
            field="dose_dispensing_cancelled",
        )
    notice = DischargeNotice.objects.create(
        course=course,
        municipality=course.citizen.municipality,
        discharged_at=discharged_at,
        destination=destination,
        medication_changed=medication_changed,
        dose_dispensing_cancelled=dose_dispensing_cancelled,
        aids_handed_out=aids_handed_out,
        sent_at=timezone.now(),
        sent_by=_user(acting_user),
    )
    _course_discharge(course=course, at=discharged_at, acting_user=acting_user)
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=discharged_at,
        actor=acting_user,
        organisation=organisation,
        text=f"Udskrevet; udskrivningsadvis sendt til {course.citizen.municipality.name}",
    )
    return notice


@transaction.atomic
def discharge_report_send(
    *,
    course: Course,
    functional_level: str,
    nursing: str,
    medication: str = "",
    aids: str = "",
    author_phone: str = "",
    acting_user: Any,
    acting_organisation: Organisation | None = None,
) -> DischargeReport:
    """Send the discharge report to the municipality where home care or nursing follows; return it."""
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    if not functional_level.strip():
        raise DomainError(_("Beskriv borgerens funktionsniveau."), field="functional_level")
    if not nursing.strip():
        raise DomainError(
            _("Beskriv den pleje og sygepleje, der skal følge efter udskrivningen."), field="nursing"
        )
    report = DischargeReport.objects.create(
        course=course,
        municipality=course.citizen.municipality,
        functional_level=functional_level.strip(),
        nursing=nursing.strip(),
        medication=medication,
        aids=aids,
        author_phone=author_phone,
        sent_by=_user(acting_user),
    )
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=report.sent_at,
        actor=acting_user,
        organisation=organisation,
        text=f"Udskrivningsrapport sendt til {course.citizen.municipality.name}",
    )
    return report


@transaction.atomic
def discharge_letter_send(
    *,
    course: Course,
    summary: str,
    medication_changed: bool = False,
    medication: str = "",
    dose_dispensing_cancelled: bool = False,
    follow_up: str = "",
    acting_user: Any,
    acting_organisation: Organisation | None = None,
) -> DischargeLetter:
    """Send the discharge letter (epikrise) to the citizen's GP; return it."""
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    practice = course.citizen.gp_practice
    if practice is None:
        raise DomainError(
            _("Borgeren har ingen egen læge registreret; epikrisen kan ikke sendes."), code="no_gp"
        )
    if not summary.strip():
        raise DomainError(_("Skriv epikrisen."), field="summary")
    if dose_dispensing_cancelled and not medication_changed:
        raise DomainError(
            _("Dosisdispensering annulleres kun, når medicinen er ændret under indlæggelsen."),
            field="dose_dispensing_cancelled",
        )
    if medication_changed and not medication.strip():
        raise DomainError(_("Angiv den ændrede medicin."), field="medication")
    letter = DischargeLetter.objects.create(
        course=course,
        gp_practice=practice,
        summary=summary.strip(),
        medication_changed=medication_changed,
        medication=medication,
        dose_dispensing_cancelled=dose_dispensing_cancelled,
        follow_up=follow_up,
        sent_by=_user(acting_user),
    )
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=letter.sent_at,
        actor=acting_user,
        organisation=organisation,
        text=f"Epikrise sendt til {practice.name}",
    )
    return letter


@transaction.atomic
def municipal_reply_send(
    *,
    course: Course,
    answer: str,
    reason: str = "",
    ready_on: date | None = None,
    author_phone: str = "",
    notification: DischargeNotification | None = None,
    notice: DischargeNotice | None = None,
    acting_user: Any,
    acting_organisation: Organisation | None = None,
) -> MunicipalReply:
    """Record the municipality's reply to the latest notification or the discharge notice; return it.

    The ward sees it at once on its board and the course's discharge page.
    """
    organisation = course_acting_for(
        course=course, user=acting_user, parties=MUNICIPALITY, preferred=acting_organisation
    )
    if answer not in MunicipalReply.Answer.values:
        raise DomainError(_("Vælg kommunens svar."), field="answer")
    if answer == MunicipalReply.Answer.NEEDS_TIME and not reason.strip():
        raise DomainError(_("Angiv en begrundelse, når kommunen har brug for mere tid."), field="reason")
    if notification is not None and notification.course_id != course.pk:
        raise DomainError(_("Varslingen hører til et andet forløb."), field="notification")
    if notice is not None and notice.course_id != course.pk:
        raise DomainError(_("Udskrivningsadvisen hører til et andet forløb."), field="notice")
    if notification is None and notice is None:
        notice = DischargeNotice.objects.filter(course=course).first()
        notification = None if notice else DischargeNotification.objects.filter(course=course).first()
    if notification is None and notice is None:
        raise DomainError(
            _("Der er hverken sendt varsling eller udskrivningsadvis, som kommunen kan svare på."),
            code="nothing_to_reply",
        )
    reply = MunicipalReply.objects.create(
        course=course,
        notification=notification,
        notice=notice,
        municipality=course.citizen.municipality,
        answer=answer,
        reason=reason.strip(),
        ready_on=ready_on,
        author_phone=author_phone,
        replied_by=_user(acting_user),
    )
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=reply.replied_at,
        actor=acting_user,
        organisation=organisation,
        text=f"Kommunens svar: {reply.get_answer_display()}" + (f" – {reply.reason}" if reply.reason else ""),
    )
    return reply


@transaction.atomic
def sudden_change_report(
    *,
    course: Course,
    kind: str,
    description: str,
    occurred_at: datetime,
    acting_user: Any,
    acting_organisation: Organisation | None = None,
) -> SuddenChange:
    """Report a sudden change (incl. death); the fixed contact person is notified at once. Return the record.

    A death reported by the hospital also ends the course through admissions' death service.
    """
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL_OR_MUNICIPALITY, preferred=acting_organisation
    )
    if kind not in SuddenChange.Kind.values:
        raise DomainError(_("Vælg hvilken slags ændring."), field="kind")
    if not description.strip():
        raise DomainError(_("Beskriv ændringen."), field="description")
    _check_moment(
        occurred_at,
        "occurred_at",
        not_before=course.admitted_at,
        before_text=_("Ændringen kan ikke ligge før indlæggelsen."),
    )
    course_require_open(course)
    reporter = organisation or course.hospital
    change = SuddenChange.objects.create(
        course=course,
        kind=kind,
        description=description.strip(),
        occurred_at=occurred_at,
        reported_by_org=reporter,
        reported_by=_user(acting_user),
        contact_name=course.contact_name,
        contact_phone=course.contact_phone,
        notified_at=timezone.now(),
    )
    if kind == SuddenChange.Kind.DEATH and (organisation is None or organisation.hospital is not None):
        from admissions.services.course import course_record_death

        course_record_death(course=course, died_at=occurred_at, acting_user=acting_user)
        plan = DischargePlan.objects.filter(course=course).first()
        if plan is not None:
            deadline_cancel(subject=plan, reason="Borgeren er død")
    else:
        course_event_record(
            course=course,
            kind=CourseEvent.Kind.CONTACT_NOTIFIED,
            at=change.notified_at,
            actor=acting_user,
            organisation=organisation,
            text=f"{change.get_kind_display()}: {change.description} – "
            + (
                f"{course.contact_name}, tlf. {course.contact_phone}"
                if course.contact_name
                else "ingen fast kontaktperson"
            ),
        )
    return change


@transaction.atomic
def sudden_change_acknowledge(*, change: SuddenChange, acting_user: Any) -> SuddenChange:
    """The contact person (the ward) acknowledges the change; the first acknowledgement is kept."""
    course_acting_for(course=change.course, user=acting_user, parties=HOSPITAL)
    change = SuddenChange.objects.select_for_update().get(pk=change.pk)
    if change.acknowledged_at is None:
        change.acknowledged_at = timezone.now()
        change.acknowledged_by = _user(acting_user)
        change.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return change
