"""The rehabilitation course (start/end with provider), final status, advance notice and capacity notices."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from rehab.diagnoses import ICD10_PATTERN, icd10_meaning, icd10_normalise
from rehab.models import AdvanceNotice, CapacityNotice, FinalStatus, FirstContact, Plan, RehabCourse
from rehab.permissions import acts_for, require_acts_for, ward_organisation
from sundhedsaftale.deadlines.services import deadline_ensure, deadline_meet
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

CAPACITY_NOTICE = "rehab.capacity_notice"


def _responsible_organisation(plan: Plan) -> Organisation:
    delivery = plan.deliveries.filter(is_responsible=True).order_by("-sent_at", "-pk").first()
    if delivery is None or delivery.organisation is None:
        raise Conflict(_("Planen er ikke sendt til en kommune eller et hospital endnu."), code="not_sent")
    return delivery.organisation


def _require_provider_or_responsible(rehab_course: RehabCourse, user: "User") -> None:
    """The provider organisation acts on the course; without one (a private physiotherapist, say), the
    municipality or hospital responsible for the plan does."""
    if rehab_course.provider is not None and acts_for(user=user, organisation=rehab_course.provider):
        return
    require_acts_for(user=user, organisation=_responsible_organisation(rehab_course.plan))


@transaction.atomic  # the row and its audit entry together
def rehab_course_start(
    *,
    plan: Plan,
    acting_user: "User",
    level: str,
    provider_kind: str,
    started_on: date,
    provider: Organisation | None = None,
    provider_name: str = "",
    patient_group: str = "",
    services: str = "",
    healing_days: int = 0,
) -> RehabCourse:
    """Register the start of rehabilitation with its provider (municipality, private physiotherapist, hospital,
    other); by the municipality or hospital responsible for the plan, or — for specialised — the hospital."""
    receiver = _responsible_organisation(plan)
    if not (
        acts_for(user=acting_user, organisation=receiver)
        or (
            level == RehabCourse.Level.GENERAL
            and acts_for(user=acting_user, organisation=plan.course.citizen.municipality)
        )
    ):
        require_acts_for(user=acting_user, organisation=receiver)
    if level not in RehabCourse.Level.values:
        raise DomainError(_("Angiv almen eller specialiseret genoptræning."), field="level")
    if provider_kind not in FirstContact.Provider.values:
        raise DomainError(_("Angiv leverandøren."), field="provider_kind")
    if healing_days < 0:
        raise DomainError(_("Helingsperioden kan ikke være negativ."), field="healing_days")
    return RehabCourse.objects.create(
        plan=plan,
        level=level,
        provider_kind=provider_kind,
        provider=provider,
        provider_name=provider_name or (str(provider) if provider else ""),
        patient_group=patient_group,
        services=services,
        healing_days=healing_days,
        started_on=started_on,
        registered_by=acting_user,
    )


@transaction.atomic  # the row and its audit entry together
def rehab_course_end(
    *, rehab_course: RehabCourse, ended_on: date, acting_user: "User", services: str = ""
) -> RehabCourse:
    """Register the end of a rehabilitation course (and the services delivered)."""
    _require_provider_or_responsible(rehab_course, acting_user)
    if ended_on < rehab_course.started_on:
        raise DomainError(_("Slutdatoen ligger før start."), field="ended_on")
    rehab_course.ended_on = ended_on
    if services:
        rehab_course.services = services
    rehab_course.save(update_fields=["ended_on", "services"])
    return rehab_course


def final_status_send(
    *,
    rehab_course: RehabCourse,
    summary: str,
    acting_user: "User",
    functional_level: str = "",
    continued_need: str = "",
    ended_on: date | None = None,
) -> FinalStatus:
    """Send the final status (slutstatus) of a specialised course to the municipality as the citizen moves to
    general rehab (agreement 2.1); the specialised course ends."""
    if rehab_course.level != RehabCourse.Level.SPECIALISED:
        raise DomainError(
            _("Slutstatus sendes ved afslutning af specialiseret genoptræning."), code="not_specialised"
        )
    _require_provider_or_responsible(rehab_course, acting_user)
    if not summary.strip():
        raise DomainError(_("Skriv den afsluttende status."), field="summary")
    with transaction.atomic():
        rehab_course = RehabCourse.objects.select_for_update().get(pk=rehab_course.pk)
        if hasattr(rehab_course, "final_status"):
            raise Conflict(_("Slutstatus er allerede sendt."), code="already_sent")
        rehab_course.ended_on = rehab_course.ended_on or ended_on or local_date(timezone.now())
        rehab_course.save(update_fields=["ended_on"])
        return FinalStatus.objects.create(
            rehab_course=rehab_course,
            municipality=rehab_course.plan.course.citizen.municipality,
            summary=summary.strip(),
            functional_level=functional_level,
            continued_need=continued_need,
            sent_by=acting_user,
        )


@transaction.atomic  # the row and its audit entry together
def advance_notice_send(
    *,
    course: Course,
    acting_user: "User",
    diagnosis_code: str,
    diagnosis_text: str = "",
    operation_type: str = "",
    operation_date: date | None = None,
    expected_discharge: date | None = None,
    therapy_department: Organisation | None = None,
) -> AdvanceNotice:
    """Tell the home municipality and the hospital's therapy department that rehab is expected (2.1.5)."""
    ward_organisation(course=course, user=acting_user)
    if not diagnosis_code.strip():
        raise DomainError(_("Angiv diagnosen."), field="diagnosis_code")
    code = icd10_normalise(diagnosis_code)
    if not ICD10_PATTERN.match(code):
        raise DomainError(
            _("»%(code)s« er ikke en ICD-10-kode (fx M16.1).") % {"code": diagnosis_code},
            field="diagnosis_code",
        )
    therapy_department = therapy_department or course.hospital
    if therapy_department.kind not in {Organisation.Kind.HOSPITAL, Organisation.Kind.DEPARTMENT}:
        raise DomainError(
            _("Varslet sendes til en terapiafdeling på et hospital."), field="therapy_department"
        )
    return AdvanceNotice.objects.create(
        course=course,
        municipality=course.citizen.municipality,
        therapy_department=therapy_department,
        diagnosis_code=code,
        diagnosis_text=diagnosis_text.strip() or icd10_meaning(code),
        operation_type=operation_type,
        operation_date=operation_date,
        expected_discharge=expected_discharge,
        sent_by=acting_user,
    )


SENDER_KINDS = {
    CapacityNotice.Kind.ACTIVITY_INCREASE: {"region", "hospital", "department"},
    CapacityNotice.Kind.TREATMENT_CHANGE: {"region", "hospital", "department"},
    CapacityNotice.Kind.TAKING_HOME: {"municipality"},
}


def capacity_notice_create(
    *,
    kind: str,
    sender: Organisation,
    receiver: Organisation,
    description: str,
    effective_on: date,
    acting_user: "User",
    announced_at: datetime | None = None,
) -> CapacityNotice:
    """Announce a capacity change; ``rehab.capacity_notice`` (6 months before it takes effect) is met now, and
    the notice is flagged as short notice when announced after that date."""
    if kind not in SENDER_KINDS:
        raise DomainError(_("Ukendt type varsel."), field="kind")
    if sender.kind not in SENDER_KINDS[CapacityNotice.Kind(kind)]:
        raise DomainError(
            _("%(sender)s kan ikke sende denne type varsel.") % {"sender": sender}, field="sender"
        )
    require_acts_for(user=acting_user, organisation=sender)
    if not description.strip():
        raise DomainError(_("Beskriv ændringen."), field="description")
    announced_at = announced_at or timezone.now()
    with transaction.atomic():
        notice = CapacityNotice.objects.create(
            kind=kind,
            sender=sender,
            receiver=receiver,
            description=description.strip(),
            effective_on=effective_on,
            announced_at=announced_at,
            created_by=acting_user,
        )
        deadline = deadline_ensure(
            subject=notice,
            rule_code=CAPACITY_NOTICE,
            anchor=effective_on,
            responsible=sender,
            counterpart=receiver,
            citizen=None,
        )
        deadline_meet(
            subject=notice,
            rule_code=CAPACITY_NOTICE,
            at=announced_at,
            event=_("Kapacitetsvarsel sendt"),
            user=acting_user,
        )
        notice.notice_due_on = deadline.due_date
        notice.is_short_notice = local_date(announced_at) > deadline.due_date
        notice.save(update_fields=["notice_due_on", "is_short_notice"])
    return notice
