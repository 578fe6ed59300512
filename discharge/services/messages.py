"""Write use-cases at discharge: notice, report, epikrise, the municipality's reply and sudden changes."""

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent
from admissions.selectors import course_consents_to
from admissions.services import course_death_moment_check, course_record_death
from discharge.events import discharge_event_record
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
from discharge.services.closing import course_close_as_discharged
from discharge.services.planning import course_require_open
from sundhedsaftale.deadlines.services import deadline_cancel
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.templatetags.dansk import dato_tid

# Clocks of ward PCs and EPJ integrations drift a little (the same tolerance as admissions).
CLOCK_TOLERANCE = timedelta(minutes=15)


def _user(acting_user: "User") -> Any:
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def _require_consent(*, course: Course, party: str, recipient: Organisation) -> None:
    # DOMAIN.md: without consent, nothing beyond the admission and discharge notices is shared.
    if not course_consents_to(course=course, party=party):
        raise DomainError(
            _("Borgeren har ikke givet samtykke til at dele oplysninger med %(recipient)s.")
            % {"recipient": recipient.name},
            code="no_consent",
        )


def _check_dose_dispensing(*, medication_changed: bool, cancelled: bool) -> None:
    # Dose dispensing is cancelled because the medication changed during the admission (DOMAIN.md, 2).
    if cancelled and not medication_changed:
        raise DomainError(
            _("Dosisdispensering annulleres kun, når medicinen er ændret under indlæggelsen."),
            field="dose_dispensing_cancelled",
        )


def _check_moment(value: datetime, field: str, *, not_before: datetime, before_text: str) -> None:
    if timezone.is_naive(value):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field=field)
    if value > timezone.now() + CLOCK_TOLERANCE:
        raise DomainError(_("Tidspunktet ligger i fremtiden."), field=field)
    if value < not_before:
        raise DomainError(before_text, field=field, code="before_admission")


@transaction.atomic
def discharge_notice_send(
    *,
    course: Course,
    discharged_at: datetime,
    destination: str = "",
    medication_changed: bool = False,
    dose_dispensing_cancelled: bool = False,
    aids_handed_out: str = "",
    early_discharge_reason: str = "",
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> DischargeNotice:
    """Discharge the citizen and send the discharge notice (udskrivningsadvis) to the home municipality.

    Ends the course (discharged), resumes paused home care and settles the plan's obligations against the
    actual discharge (a notice missing or too late, or a discharge before the agreed day, is a breach with
    alerts for the ward and the municipality), all in this one transaction. ``early_discharge_reason`` is the
    ward's reason for discharging all the same (the confirm step; recorded, never a block). Returns the notice.
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
        % {"at": f"{dato_tid(course.admitted_at)}"},
    )
    _check_dose_dispensing(medication_changed=medication_changed, cancelled=dose_dispensing_cancelled)
    course = course_close_as_discharged(
        course=course, at=discharged_at, acting_user=acting_user, acting_organisation=acting_organisation
    )
    notice = DischargeNotice.objects.create(
        course=course,
        municipality=course.citizen.municipality,
        discharged_at=discharged_at,
        destination=destination,
        medication_changed=medication_changed,
        dose_dispensing_cancelled=dose_dispensing_cancelled,
        aids_handed_out=aids_handed_out,
        early_discharge_reason=early_discharge_reason.strip(),
        sent_at=timezone.now(),
        sent_by=_user(acting_user),
    )
    discharge_event_record(
        course=course,
        at=discharged_at,
        acting_user=acting_user,
        organisation=organisation,
        text=f"Udskrevet; udskrivningsadvis sendt til {course.citizen.municipality.name}"
        + (
            f" (udskrevet trods advarsel: {notice.early_discharge_reason})"
            if notice.early_discharge_reason
            else ""
        ),
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
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> DischargeReport:
    """Send the discharge report to the municipality where home care or nursing follows; return it.

    Needs the citizen's consent to share with the municipality (Danish DomainError ``no_consent`` otherwise)."""
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    if not functional_level.strip():
        raise DomainError(_("Beskriv borgerens funktionsniveau."), field="functional_level")
    if not nursing.strip():
        raise DomainError(
            _("Beskriv den pleje og sygepleje, der skal følge efter udskrivningen."), field="nursing"
        )
    _require_consent(course=course, party="municipality", recipient=course.citizen.municipality)
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
    discharge_event_record(
        course=course,
        at=report.sent_at,
        acting_user=acting_user,
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
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> DischargeLetter:
    """Send the discharge letter (epikrise) to the citizen's GP; return it.

    Needs the citizen's consent to share with the GP (Danish DomainError ``no_consent`` otherwise)."""
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
    _require_consent(course=course, party="gp", recipient=practice)
    _check_dose_dispensing(medication_changed=medication_changed, cancelled=dose_dispensing_cancelled)
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
    discharge_event_record(
        course=course,
        at=letter.sent_at,
        acting_user=acting_user,
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
    acting_user: "User",
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
    discharge_event_record(
        course=course,
        at=reply.replied_at,
        acting_user=acting_user,
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
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> SuddenChange:
    """Report a sudden change (incl. death); the other side's contact person is notified at once: the ward's
    fixed contact person when the municipality reports, the municipality's døgnhjemmepleje when the hospital
    reports (the agreement, 1.2 OBS). Return the record.

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
    if kind == SuddenChange.Kind.DEATH:
        course_death_moment_check(course=course, died_at=occurred_at, field="occurred_at")
    reporter = organisation or course.hospital
    if reporter.kind == Organisation.Kind.MUNICIPALITY:
        contact_name, contact_phone = course.contact_name, course.contact_phone
    else:
        municipality = course.citizen.municipality
        contact_name, contact_phone = f"Døgnhjemmeplejen, {municipality.name}", municipality.phone
    change = SuddenChange.objects.create(
        course=course,
        kind=kind,
        description=description.strip(),
        occurred_at=occurred_at,
        reported_by_org=reporter,
        reported_by=_user(acting_user),
        contact_name=contact_name,
        contact_phone=contact_phone,
        notified_at=timezone.now(),
    )
    if kind == SuddenChange.Kind.DEATH and (organisation is None or organisation.hospital is not None):
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
            + (f"{contact_name}, tlf. {contact_phone}" if contact_name else "ingen fast kontaktperson"),
        )
    return change


@transaction.atomic
def sudden_change_acknowledge(*, change: SuddenChange, acting_user: "User") -> SuddenChange:
    """The receiving party's contact person acknowledges the change (the ward for the municipality's reports,
    the municipality for the hospital's); the first acknowledgement is kept. Returns the change."""
    parties = HOSPITAL if change.receiving_party == "hospital" else MUNICIPALITY
    course_acting_for(course=change.course, user=acting_user, parties=parties)
    change = SuddenChange.objects.select_for_update().get(pk=change.pk)
    if change.acknowledged_at is None:
        change.acknowledged_at = timezone.now()
        change.acknowledged_by = _user(acting_user)
        change.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return change
