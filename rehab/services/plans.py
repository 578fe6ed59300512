"""Writing the plan: create, autosave a draft, finalise (read-only), correct (a new version)."""

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from rehab.course_facts import course_discharge_anchor, course_discharge_date
from rehab.models import CONTENT_FIELDS, OutpatientControl, Plan, PlanType, PlanVersion
from rehab.permissions import ward_organisation
from rehab.plan_rows import PLAN_ROWS, plan_rows_clean
from rehab.services.pdf import plan_pdf_request
from sundhedsaftale.deadlines.services import deadline_ensure
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Contact
from sundhedsaftale.workdays import local_date

PLAN_BY_DISCHARGE = "rehab.plan_by_discharge"


def _user_name(user: "User") -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


def plan_deadline_sync(*, plan: Plan) -> bool:
    """Ensure ``rehab.plan_by_discharge`` for an unsent plan at its current anchor; return whether one exists.

    The anchor is the course's discharge, or the discharge app's planned date until then (pulled, not pushed).
    """
    if plan.sent_at is not None:
        return False
    course = plan.course
    anchor = course_discharge_anchor(course=course)
    if anchor is None:
        return False
    deadline_ensure(
        subject=plan,
        rule_code=PLAN_BY_DISCHARGE,
        anchor=anchor,
        responsible=course.department,
        counterpart=course.citizen.municipality,
        citizen=course.citizen,
    )
    return True


def _municipal_contact(course: Course) -> tuple[str, str, str]:
    contact = Contact.objects.filter(organisation_id=course.citizen.municipality_id, purpose="rehab").first()
    if contact is None:
        return "", "", ""
    return contact.label, contact.phone, contact.address or contact.email


@transaction.atomic
def plan_create(*, course: Course, acting_user: "User") -> Plan:
    """Start a plan on the course with a first draft filled in from what is already known; return the plan."""
    organisation = ward_organisation(course=course, user=acting_user)
    citizen = course.citizen
    plan = Plan.objects.create(course=course, created_by=acting_user)
    name, phone, address = _municipal_contact(course)
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        recipient_municipality_id=citizen.municipality_id,
        gp_practice_id=citizen.gp_practice_id,
        admission_date=local_date(course.admitted_at),
        discharge_date=course_discharge_date(course=course),
        sender_department=organisation if organisation.kind == "department" else course.department,
        author_name=_user_name(acting_user),
        municipal_contact_name=name,
        municipal_contact_phone=phone,
        municipal_contact_address=address,
        edited_by=acting_user,
    )
    plan_deadline_sync(plan=plan)
    return plan


def plan_version_update(*, version: PlanVersion, data: dict[str, Any], acting_user: "User") -> PlanVersion:
    """Save draft content (autosave or submit). ``data`` maps content field names (FKs as ``<name>_id``) to
    values already validated by the form. The structured lists are validated here once more, for every caller
    (raise ``ValidationError`` keyed by field path): nothing malformed is stored. Raise ``Conflict`` when the
    version is no longer a draft."""
    ward_organisation(course=version.plan.course, user=acting_user)
    data = {
        name: plan_rows_clean(name, value) if name in PLAN_ROWS else value for name, value in data.items()
    }
    with transaction.atomic():
        version = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if not version.is_editable:
            raise Conflict(_("Versionen er færdiggjort og kan ikke ændres. Opret en rettelse."), code="final")
        allowed = set(CONTENT_FIELDS) | {f"{name}_id" for name in CONTENT_FIELDS}
        for field, value in data.items():
            if field in allowed:
                setattr(version, field, value)
        version.edited_by = acting_user
        version.save()
    return version


def plan_missing_fields(version: PlanVersion) -> list[tuple[str, str]]:
    """Return what annex 3.2 requires before the plan can be finalised: (Danish line, the form field to fill)."""
    missing: list[tuple[str, str]] = []
    if not version.plan_type:
        missing.append((_("Type af genoptræning (pkt. 6)"), "plan_type"))
    if not version.diagnosis_code:
        missing.append((_("Henvisningsdiagnose (pkt. 3)"), "diagnosis_code"))
    if version.plan_type == PlanType.SPECIALISED:
        if not version.specialised_reason:
            missing.append((_("Årsag til specialiseret genoptræning (pkt. 6)"), "specialised_reason"))
        if not version.recipient_hospital_id:
            missing.append((_("Modtagende hospital (pkt. 2b)"), "recipient_hospital"))
    elif not version.recipient_municipality_id:
        missing.append((_("Modtagende kommune (pkt. 2a)"), "recipient_municipality"))
    if not version.outpatient_control:
        missing.append((_("Ambulant kontrol (pkt. 7)"), "outpatient_control"))
    if version.outpatient_control == OutpatientControl.YES and not version.outpatient_control_where:
        missing.append((_("Hvor og hvornår den ambulante kontrol er (pkt. 7)"), "outpatient_control_where"))
    if not (version.need_body or version.need_activity or version.need_environment):
        missing.append((_("Genoptræningsbehov ved udskrivning (pkt. 13)"), "need_body"))
    if not version.author_name:
        missing.append((_("Udfyldt af (pkt. 17)"), "author_name"))
    return missing


def plan_missing(version: PlanVersion) -> list[str]:
    """Return what annex 3.2 requires before the plan can be finalised (Danish, one line each)."""
    return [line for line, _field in plan_missing_fields(version)]


def plan_finalise(*, version: PlanVersion, acting_user: "User") -> PlanVersion:
    """Finalise the draft: it becomes read-only, an earlier final version is superseded, the PDF is rendered."""
    ward_organisation(course=version.plan.course, user=acting_user)
    with transaction.atomic():
        version = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if not version.is_editable:
            raise Conflict(_("Versionen er allerede færdiggjort."), code="final")
        missing = plan_missing(version)
        if missing:
            raise DomainError(
                _("Udfyld før planen kan færdiggøres: %(fields)s.") % {"fields": "; ".join(missing)},
                code="incomplete",
            )
        PlanVersion.objects.filter(plan=version.plan, state=PlanVersion.State.FINAL).update(
            state=PlanVersion.State.SUPERSEDED
        )
        version.state = PlanVersion.State.FINAL
        version.finalised_at = timezone.now()
        version.finalised_by = acting_user
        version.save()
        plan_pdf_request(version=version, acting_user=acting_user)  # rendered after the commit
    return version


def plan_correct(*, plan: Plan, reason: str, acting_user: "User") -> PlanVersion:
    """Open a correction: a new draft copying the newest final version; the old one stays visible."""
    ward_organisation(course=plan.course, user=acting_user)
    if not reason.strip():
        raise DomainError(_("Angiv hvorfor planen rettes."), field="correction_reason")
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.versions.filter(state=PlanVersion.State.DRAFT).exists():
            raise Conflict(_("Der er allerede en kladde til en ny version."), code="draft_exists")
        source = plan.final
        if source is None:
            raise Conflict(_("Planen er ikke færdiggjort endnu; ret kladden direkte."), code="no_final")
        values = {
            field.attname: getattr(source, field.attname)
            for field in PlanVersion._meta.concrete_fields
            if field.name in CONTENT_FIELDS
        }
        return PlanVersion.objects.create(
            plan=plan,
            number=source.number + 1,
            correction_reason=reason.strip()[:300],
            edited_by=acting_user,
            **values,
        )
