"""Write use-cases of the adult psychiatric course (001, "Aftale om indsatsen for mennesker med sindslidelser",
2.1.2 Procedurer, l. ~6150–6280): start, consent and relatives, contact persons, informing municipality and GP,
meetings, the agreed discharge time, the treatment plan, planned and unplanned discharge, the GP letter."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from psychiatry.models import ContactPerson, Meeting, Notice, PsychiatricCourse, Relative, TreatmentPlan
from psychiatry.permissions import any_party, department_actor, hospital_side
from psychiatry.querysets import relation_source
from psychiatry.services import obligations as ob
from sundhedsaftale.citizens.models import CareRelation, Citizen
from sundhedsaftale.citizens.services import care_relation_open
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation

CONSENTED = (PsychiatricCourse.Consent.CITIZEN, PsychiatricCourse.Consent.SUBSTITUTE)
PARTY_RULES = {"municipality": ob.MUNICIPALITY_INFORMED, "gp": ob.GP_INFORMED}


def _choice(value: str, choices: type, field: str) -> str:
    if value not in choices.values:  # type: ignore[attr-defined]
        raise DomainError(_("Ukendt værdi."), field=field)
    return value


def _open(course: PsychiatricCourse) -> None:
    if not course.is_open:
        raise Conflict(_("Forløbet er afsluttet."), code="course_ended")


def _consent_check(course: PsychiatricCourse, consent: str, consent_by: str) -> None:
    _choice(consent, PsychiatricCourse.Consent, "consent")
    if consent == PsychiatricCourse.Consent.SUBSTITUTE and not consent_by.strip():
        raise DomainError(_("Angiv stedfortræderens navn."), field="consent_by")


def _relation_open(*, course: PsychiatricCourse, organisation: Organisation, kind: str, at: datetime) -> None:
    care_relation_open(
        citizen=course.citizen,
        organisation=organisation,
        kind=kind,
        source=relation_source(course.pk),
        starts_at=at,
    )


def course_begin(
    *,
    citizen: Citizen,
    department: Organisation,
    setting: str,
    started_at: datetime | None,
    state: str,
    legal_status: str,
    consent: str,
    consent_by: str,
    relatives_wishes: str,
    acting_user: User,
    admission: Course | None = None,
) -> PsychiatricCourse:
    """Create the course at a psychiatric department and give the department's hospital unit its psychiatric
    care relation (shared by the other services of the app)."""
    department_actor(user=acting_user, department=department)
    if department.kind != Organisation.Kind.DEPARTMENT or not department.is_psychiatric:
        raise DomainError(_("Vælg en psykiatrisk afdeling."), field="department")
    _choice(legal_status, PsychiatricCourse.LegalStatus, "legal_status")
    _consent_check(PsychiatricCourse(), consent, consent_by)
    child = department.department_kind == Organisation.DepartmentKind.CHILD_PSYCHIATRY
    course = PsychiatricCourse.objects.create(
        citizen=citizen,
        admission=admission,
        department=department,
        kind=PsychiatricCourse.Kind.CHILD if child else PsychiatricCourse.Kind.ADULT,
        setting=setting,
        state=state,
        started_at=started_at,
        legal_status=legal_status,
        consent=consent,
        consent_by=consent_by.strip(),
        relatives_wishes=relatives_wishes.strip(),
        created_by=acting_user,
    )
    _relation_open(course=course, organisation=department, kind=CareRelation.Kind.ADMITTED, at=timezone.now())
    return course


@transaction.atomic
def course_start_admitted(
    *,
    admission: Course,
    acting_user: User,
    legal_status: str = PsychiatricCourse.LegalStatus.VOLUNTARY,
    consent: str = PsychiatricCourse.Consent.NOT_ASKED,
    consent_by: str = "",
    relatives_wishes: str = "",
) -> PsychiatricCourse:
    """Start the psychiatric course of an admission at a psychiatric department: the deadlines to inform the
    municipality (and, its own obligation, the GP) by the first working day and to write the treatment plan
    within seven days run from the admission. Raises ``DomainError``/``Conflict`` (Danish)."""
    if admission.state not in (Course.State.ADMITTED, Course.State.ON_LEAVE):
        raise Conflict(_("Indlæggelsen er afsluttet."), code="course_ended")
    if PsychiatricCourse.objects.filter(admission=admission).exists():
        raise Conflict(_("Indlæggelsen har allerede et psykiatrisk forløb."), code="duplicate")
    course = course_begin(
        citizen=admission.citizen,
        department=admission.department,
        setting=PsychiatricCourse.Setting.INPATIENT,
        started_at=admission.admitted_at,
        state=PsychiatricCourse.State.ACTIVE,
        legal_status=legal_status,
        consent=consent,
        consent_by=consent_by,
        relatives_wishes=relatives_wishes,
        acting_user=acting_user,
        admission=admission,
    )
    citizen = admission.citizen
    admitted_at = admission.admitted_at
    ob.obligation_ensure(
        course=course,
        rule_code=ob.MUNICIPALITY_INFORMED,
        anchor=admitted_at,
        counterpart=citizen.municipality,
    )
    if citizen.gp_practice is not None:
        ob.obligation_ensure(
            course=course, rule_code=ob.GP_INFORMED, anchor=admitted_at, counterpart=citizen.gp_practice
        )
    ob.obligation_ensure(course=course, rule_code=ob.TREATMENT_PLAN, anchor=admitted_at)
    return course


@transaction.atomic
def course_update(
    *,
    course: PsychiatricCourse,
    acting_user: User,
    legal_status: str,
    consent: str,
    consent_by: str = "",
    relatives_wishes: str = "",
) -> PsychiatricCourse:
    """Record the legal status, the consent (or a substitute's) and the citizen's wishes about relatives. A
    refused consent makes informing municipality and GP moot (the pending deadlines are cancelled)."""
    hospital_side(course=course, user=acting_user)
    _open(course)
    _choice(legal_status, PsychiatricCourse.LegalStatus, "legal_status")
    _consent_check(course, consent, consent_by)
    course.legal_status, course.consent = legal_status, consent
    course.consent_by, course.relatives_wishes = consent_by.strip(), relatives_wishes.strip()
    course.save(update_fields=["legal_status", "consent", "consent_by", "relatives_wishes"])
    if consent == PsychiatricCourse.Consent.REFUSED:
        for rule in PARTY_RULES.values():
            ob.obligation_moot(subject=course, rule_code=rule, reason=_("Patienten har ikke givet samtykke"))
    return course


@transaction.atomic
def contact_person_add(
    *, course: PsychiatricCourse, role: str, name: str, phone: str = "", acting_user: User
) -> ContactPerson:
    """Add a municipal contact person (either side may: the municipality tells the department of changes)."""
    any_party(course=course, user=acting_user)
    _choice(role, ContactPerson.Role, "role")
    if not name.strip():
        raise DomainError(_("Angiv kontaktpersonens navn."), field="name")
    return ContactPerson.objects.create(
        course=course,
        role=role,
        name=name.strip(),
        phone=phone.strip(),
        organisation=course.citizen.municipality,
    )


@transaction.atomic
def relative_add(
    *,
    course: PsychiatricCourse,
    name: str,
    relation: str = "",
    phone: str = "",
    involve: bool,
    acting_user: User,
) -> Relative:
    hospital_side(course=course, user=acting_user)
    if not name.strip():
        raise DomainError(_("Angiv den pårørendes navn."), field="name")
    return Relative.objects.create(
        course=course, name=name.strip(), relation=relation.strip(), phone=phone.strip(), involve=involve
    )


def notice_send(
    *, course: PsychiatricCourse, kind: str, recipient: Organisation, text: str, acting_user: User
) -> Notice:
    """Send a notice and give the recipient its psychiatric care relation (it is now involved)."""
    kind_of_relation = (
        CareRelation.Kind.LISTED_GP
        if recipient.kind == Organisation.Kind.PRACTICE
        else CareRelation.Kind.RESIDENT
    )
    _relation_open(course=course, organisation=recipient, kind=kind_of_relation, at=timezone.now())
    return Notice.objects.create(
        course=course, kind=kind, recipient=recipient, text=text, sent_by=acting_user
    )


@transaction.atomic
def course_inform(
    *, course: PsychiatricCourse, party: str, text: str = "", acting_user: User, at: datetime | None = None
) -> Notice:
    """Inform the municipality's contact persons (``party="municipality"``) or the GP (``"gp"``) of the
    admission, as agreed with the patient; meets that party's deadline. Needs the patient's (or a substitute's)
    consent. Raises ``DomainError`` (Danish)."""
    hospital_side(course=course, user=acting_user)
    if party not in PARTY_RULES:
        raise DomainError(_("Vælg kommunen eller egen læge."), field="party")
    recipient = course.citizen.municipality if party == "municipality" else course.citizen.gp_practice
    if recipient is None:
        raise DomainError(_("Borgeren har ingen egen læge registreret."), field="party")
    if course.consent not in CONSENTED:
        raise DomainError(
            _("Afklar samtykket med patienten (eller en stedfortræder) før kommune og læge orienteres."),
            field="consent",
            code="consent_missing",
        )
    existing = course.notices.filter(kind=Notice.Kind.ADMISSION, recipient=recipient).first()
    if existing is not None:
        return existing
    notice = notice_send(
        course=course,
        kind=Notice.Kind.ADMISSION,
        recipient=recipient,
        text=text.strip() or _("Patienten er indlagt på %(department)s.") % {"department": course.department},
        acting_user=acting_user,
    )
    if at is not None:
        notice.sent_at = at
        notice.save(update_fields=["sent_at"])
    ob.obligation_meet(
        subject=course,
        rule_code=PARTY_RULES[party],
        at=notice.sent_at,
        event=str(Notice.Kind.ADMISSION.label),
        user=acting_user,
    )
    return notice


@transaction.atomic
def meeting_schedule(
    *,
    course: PsychiatricCourse,
    kind: str,
    scheduled_at: datetime,
    participants: str = "",
    acting_user: User,
) -> Meeting:
    """Schedule an early collaboration meeting (or phone contact), a discharge meeting (any party may ask for
    one, 001 l. 6240) or a conference. The municipality is invited with a notice when the hospital schedules."""
    _actor, party = any_party(course=course, user=acting_user)
    _open(course)
    _choice(kind, Meeting.Kind, "kind")
    if timezone.is_naive(scheduled_at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field="scheduled_at")
    meeting = Meeting.objects.create(
        course=course,
        kind=kind,
        requested_by=party,
        scheduled_at=scheduled_at,
        participants=participants.strip(),
        created_by=acting_user,
    )
    if party == "hospital" and course.consent in CONSENTED:
        local = timezone.localtime(scheduled_at)
        notice_send(
            course=course,
            kind=Notice.Kind.MEETING,
            recipient=course.citizen.municipality,
            text=f"{meeting.get_kind_display()} {local:%d.%m.%Y kl. %H.%M}",
            acting_user=acting_user,
        )
    return meeting


@transaction.atomic
def meeting_record(*, meeting: Meeting, notes: str, acting_user: User) -> Meeting:
    any_party(course=meeting.course, user=acting_user)
    meeting.held, meeting.notes = True, notes.strip()
    meeting.save(update_fields=["held", "notes"])
    return meeting


@transaction.atomic
def discharge_time_agree(
    *, course: PsychiatricCourse, agreed_at: datetime, reason: str = "", acting_user: User
) -> PsychiatricCourse:
    """Record the agreed discharge time; everyone informed of the course hears of it and of every change
    (001 l. 6218: "informeres såfremt dette ændres")."""
    hospital_side(course=course, user=acting_user)
    _open(course)
    if timezone.is_naive(agreed_at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field="agreed_at")
    before = course.agreed_discharge_at
    if before is not None and not reason.strip():
        raise DomainError(_("Angiv årsagen til ændringen."), field="reason")
    course.agreed_discharge_at = agreed_at
    course.save(update_fields=["agreed_discharge_at"])
    text = _("Udskrivning aftalt til %(at)s.") % {"at": f"{timezone.localtime(agreed_at):%d.%m.%Y kl. %H.%M}"}
    if before is not None:
        text = _("Udskrivningstidspunktet er ændret fra %(before)s til %(at)s: %(reason)s") % {
            "before": f"{timezone.localtime(before):%d.%m.%Y kl. %H.%M}",
            "at": f"{timezone.localtime(agreed_at):%d.%m.%Y kl. %H.%M}",
            "reason": reason.strip(),
        }
    informed = Organisation.objects.filter(
        pk__in=course.notices.filter(kind=Notice.Kind.ADMISSION).values("recipient_id")
    )
    for recipient in informed:
        notice_send(
            course=course,
            kind=Notice.Kind.DISCHARGE_TIME,
            recipient=recipient,
            text=text,
            acting_user=acting_user,
        )
    return course


@transaction.atomic
def treatment_plan_write(
    *,
    course: PsychiatricCourse,
    goals: str,
    treatment: str = "",
    handed_to_patient: bool,
    patient_objected: bool = False,
    author_name: str = "",
    acting_user: User,
    written_at: datetime | None = None,
) -> TreatmentPlan:
    """Write the treatment plan (meets ``psychiatry.treatment_plan``). It is handed to the patient unless the
    patient expressly objects: one of the two is recorded."""
    hospital_side(course=course, user=acting_user)
    if not goals.strip():
        raise DomainError(_("Beskriv behandlingens mål."), field="goals")
    if handed_to_patient == patient_objected:
        raise DomainError(
            _("Angiv om planen er udleveret til patienten, eller om patienten modsatte sig det."),
            field="handed_to_patient",
        )
    plan = TreatmentPlan.objects.create(
        course=course,
        written_at=written_at or timezone.now(),
        goals=goals.strip(),
        treatment=treatment.strip(),
        handed_to_patient=handed_to_patient,
        patient_objected=patient_objected,
        author_name=author_name.strip(),
        created_by=acting_user,
    )
    ob.obligation_meet(
        subject=course,
        rule_code=ob.TREATMENT_PLAN,
        at=plan.written_at,
        event="Behandlingsplan udarbejdet",
        user=acting_user,
    )
    return plan
