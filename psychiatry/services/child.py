"""Child and adolescent psychiatry (001, "Generel supplerende aftale vedr. Børne- ungepsykiatrien", l. ~7089):
referral and visitation, the waiting list's outpatient contact within 3 months, the municipality informed of
the expected discharge date and 14 days before the planned end of outpatient treatment (with consent), the
discharge statement, and the finished-treatment day on a weekday (l. 7559)."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.services.citizens import citizen_get_or_create_for_admission
from psychiatry.models import DischargeStatement, Notice, PsychiatricCourse, Referral
from psychiatry.permissions import department_actor, hospital_side
from psychiatry.querysets import relation_source
from psychiatry.services import obligations as ob
from psychiatry.services.courses import CONSENTED, course_begin, notice_send
from sundhedsaftale.citizens.services import care_relation_end
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date, local_datetime

STATEMENT_FIELDS = (
    "examination_results",
    "diagnosis",
    "resources_and_needs",
    "expected_effect",
    "without_support",
    "contact_persons",
    "family_view",
)


@transaction.atomic
def referral_receive(
    *,
    cpr: str,
    name: str,
    municipality: Organisation,
    department: Organisation,
    referred_on: date,
    purpose: str,
    acting_user: User,
    gp_practice: Organisation | None = None,
    referrer: str = "",
    summary: str = "",
    symptoms: str = "",
    family_view: str = "",
) -> Referral:
    """Register a referral to a child and adolescent psychiatric department: the course starts as referred and
    the 3 months of ``child_psychiatry.waitlist_contact`` run from the referral date."""
    department_actor(user=acting_user, department=department)
    if department.department_kind != Organisation.DepartmentKind.CHILD_PSYCHIATRY:
        raise DomainError(_("Vælg en børne- og ungdomspsykiatrisk afdeling."), field="department")
    if not purpose.strip():
        raise DomainError(_("Angiv formålet med henvisningen."), field="purpose")
    today = local_date(timezone.now())
    if referred_on > today:
        raise DomainError(_("Henvisningsdatoen ligger i fremtiden."), field="referred_on")
    citizen, _differences = citizen_get_or_create_for_admission(
        cpr=cpr,
        name=name,
        municipality=municipality,
        gp_practice=gp_practice,
        address="",
        phone="",
        admitted_at=local_datetime(referred_on, datetime.min.time()),
    )
    course = course_begin(
        citizen=citizen,
        department=department,
        setting=PsychiatricCourse.Setting.OUTPATIENT,
        started_at=None,
        state=PsychiatricCourse.State.REFERRED,
        legal_status=PsychiatricCourse.LegalStatus.VOLUNTARY,
        consent=PsychiatricCourse.Consent.NOT_ASKED,
        consent_by="",
        relatives_wishes="",
        acting_user=acting_user,
    )
    referral = Referral.objects.create(
        course=course,
        referred_on=referred_on,
        referrer=referrer.strip(),
        purpose=purpose.strip(),
        summary=summary.strip(),
        symptoms=symptoms.strip(),
        family_view=family_view.strip(),
    )
    ob.obligation_ensure(course=course, subject=referral, rule_code=ob.WAITLIST_CONTACT, anchor=referred_on)
    return referral


@transaction.atomic
def referral_visitate(
    *,
    referral: Referral,
    outcome: str,
    acting_user: User,
    rejection_reason: str = "",
    expected_start_on: date | None = None,
) -> Referral:
    """Record the visitation: acute or sub-acute starts treatment now (the waiting-list contact becomes moot),
    waiting list keeps the 3-month contact running, rejected needs a written reason and ends the course."""
    course = referral.course
    hospital_side(course=course, user=acting_user)
    if referral.outcome:
        raise Conflict(_("Henvisningen er allerede visiteret."), code="visitated")
    if outcome not in (
        Referral.Outcome.ACUTE,
        Referral.Outcome.SUBACUTE,
        Referral.Outcome.WAITLIST,
        Referral.Outcome.REJECTED,
    ):
        raise DomainError(_("Vælg visitationens udfald."), field="outcome")
    if outcome == Referral.Outcome.REJECTED and not rejection_reason.strip():
        raise DomainError(_("En afvisning skal begrundes skriftligt."), field="rejection_reason")
    now = timezone.now()
    referral.outcome, referral.visitated_at = outcome, now
    referral.rejection_reason = rejection_reason.strip() if outcome == Referral.Outcome.REJECTED else ""
    referral.expected_start_on = expected_start_on
    referral.save()
    if outcome == Referral.Outcome.REJECTED:
        course.state, course.ended_at = PsychiatricCourse.State.REJECTED, now
        course.save(update_fields=["state", "ended_at"])
        ob.obligation_moot(
            subject=referral, rule_code=ob.WAITLIST_CONTACT, reason=_("Henvisningen er afvist")
        )
        care_relation_end(source=relation_source(course.pk), at=now)
    elif outcome == Referral.Outcome.WAITLIST:
        course.state = PsychiatricCourse.State.WAITING
        course.save(update_fields=["state"])
    else:
        _treatment_started(course, referral, now)
    return referral


def _treatment_started(course: PsychiatricCourse, referral: Referral | None, at: datetime) -> None:
    course.state, course.started_at = PsychiatricCourse.State.ACTIVE, at
    course.save(update_fields=["state", "started_at"])
    if referral is not None:
        ob.obligation_moot(
            subject=referral, rule_code=ob.WAITLIST_CONTACT, reason=_("Behandlingen startede inden 3 måneder")
        )


def waitlist_contact_needed_now(referral: Referral) -> bool:
    """Whether the visitation already shows treatment will not start within 3 months of the referral: the
    outpatient contact is then offered at once ("umiddelbart", l. 7298), not at the deadline."""
    from sundhedsaftale.workdays import add_months

    if referral.outcome != Referral.Outcome.WAITLIST or referral.contact_offered_at is not None:
        return False
    limit = add_months(referral.referred_on, 3)
    return referral.expected_start_on is None or referral.expected_start_on > limit


@transaction.atomic
def waitlist_contact_offer(*, referral: Referral, acting_user: User, at: datetime | None = None) -> Referral:
    """Record that the family was offered an outpatient contact (meets ``child_psychiatry.waitlist_contact``)."""
    hospital_side(course=referral.course, user=acting_user)
    if referral.contact_offered_at is not None:
        return referral
    referral.contact_offered_at = at or timezone.now()
    referral.save(update_fields=["contact_offered_at"])
    ob.obligation_meet(
        subject=referral,
        rule_code=ob.WAITLIST_CONTACT,
        at=referral.contact_offered_at,
        event="Ambulant kontakt tilbudt",
        user=acting_user,
    )
    return referral


@transaction.atomic
def treatment_start(
    *, course: PsychiatricCourse, acting_user: User, at: datetime | None = None
) -> PsychiatricCourse:
    hospital_side(course=course, user=acting_user)
    if course.state not in (PsychiatricCourse.State.REFERRED, PsychiatricCourse.State.WAITING):
        raise Conflict(_("Behandlingen er allerede startet eller forløbet afsluttet."), code="not_waiting")
    _treatment_started(course, getattr(course, "referral", None), at or timezone.now())
    return course


@transaction.atomic
def planned_end_set(
    *, course: PsychiatricCourse, planned_end_on: date, consent: bool, acting_user: User
) -> PsychiatricCourse:
    """Set the expected end of outpatient treatment. With the family's consent the municipality is told at
    least 14 days before (``child_psychiatry.end_notice``); without it the obligation is moot."""
    hospital_side(course=course, user=acting_user)
    if not course.is_open:
        raise Conflict(_("Forløbet er afsluttet."), code="course_ended")
    course.planned_end_on, course.end_notice_consent = planned_end_on, consent
    course.save(update_fields=["planned_end_on", "end_notice_consent"])
    if consent:
        ob.obligation_ensure(
            course=course,
            rule_code=ob.END_NOTICE,
            anchor=planned_end_on,
            counterpart=course.citizen.municipality,
        )
    else:
        ob.obligation_moot(
            subject=course, rule_code=ob.END_NOTICE, reason=_("Familien har ikke givet samtykke")
        )
    return course


def _municipality_notice(
    course: PsychiatricCourse, kind: str, text: str, consent: bool, acting_user: User
) -> Notice:
    hospital_side(course=course, user=acting_user)
    if not consent:
        raise DomainError(
            _("Kommunen orienteres kun med patientens / familiens samtykke."),
            field="consent",
            code="consent_missing",
        )
    return notice_send(
        course=course, kind=kind, recipient=course.citizen.municipality, text=text, acting_user=acting_user
    )


@transaction.atomic
def end_notice_send(*, course: PsychiatricCourse, text: str = "", acting_user: User) -> Notice:
    """Tell the municipality of the coming end of outpatient treatment (meets ``child_psychiatry.end_notice``)."""
    if course.planned_end_on is None:
        raise DomainError(_("Angiv først den forventede afslutning."), field="planned_end_on")
    notice = _municipality_notice(
        course,
        Notice.Kind.END_NOTICE,
        text.strip()
        or _("Den ambulante behandling forventes afsluttet %(on)s.")
        % {"on": f"{course.planned_end_on:%d.%m.%Y}"},
        course.end_notice_consent,
        acting_user,
    )
    ob.obligation_meet(
        subject=course,
        rule_code=ob.END_NOTICE,
        at=notice.sent_at,
        event="Kommunen orienteret",
        user=acting_user,
    )
    return notice


@transaction.atomic
def expected_discharge_inform(*, course: PsychiatricCourse, expected_on: date, acting_user: User) -> Notice:
    """Tell the municipality the expected discharge date as early as possible (l. ~7390; with consent)."""
    return _municipality_notice(
        course,
        Notice.Kind.EXPECTED_DISCHARGE,
        _("Forventet udskrivning %(on)s.") % {"on": f"{expected_on:%d.%m.%Y}"},
        course.consent in CONSENTED or course.end_notice_consent,
        acting_user,
    )


@transaction.atomic
def statement_write(*, course: PsychiatricCourse, acting_user: User, **fields: str) -> DischargeStatement:
    """Write (or rewrite) the discharge statement; every required point must be answered (l. ~7470)."""
    hospital_side(course=course, user=acting_user)
    missing = [name for name in STATEMENT_FIELDS if not str(fields.get(name, "")).strip()]
    if missing:
        raise DomainError(_("Udfyld alle erklæringens punkter."), field=missing[0])
    values = {name: str(fields[name]).strip() for name in STATEMENT_FIELDS}
    statement, _created = DischargeStatement.objects.update_or_create(
        course=course, defaults={**values, "written_at": timezone.now(), "created_by": acting_user}
    )
    return statement


@transaction.atomic
def finished_treatment_record(*, course: PsychiatricCourse, on: date, acting_user: User) -> PsychiatricCourse:
    """Record the finished-treatment day. It must be a weekday: "Færdigbehandlingsdagen skal være en hverdag,
    mandag – fredag" (l. 7559) — the agreement's own definition, so a public holiday on a weekday counts."""
    hospital_side(course=course, user=acting_user)
    if on.weekday() >= 5:
        raise DomainError(
            _("Færdigbehandlingsdagen skal være en hverdag (mandag – fredag)."),
            field="finished_treatment_on",
            code="not_weekday",
        )
    course.finished_treatment_on = on
    course.save(update_fields=["finished_treatment_on"])
    return course
