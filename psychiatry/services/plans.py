"""Write use-cases of the structured plans and the children-in-the-family assessment.

Discharge agreement (udskrivningsaftale) for a patient who will not seek the offers after discharge, and the
coordination plan (koordinationsplan) when the patient will not take part (001 l. 6254–6272), are the chief
physician's: the department writes them. The social action plan (handleplan) is the municipality's, followed up
at least once a year (l. 6276) — a deadline of its own. The dual-diagnosis action plan is shared.
"""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from psychiatry.models import CarePlan, ChildAssessment, PsychiatricCourse
from psychiatry.permissions import any_party, hospital_side, municipality_side
from psychiatry.services import obligations as ob
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

PLAN_FIELDS = (
    "treatment_offers",
    "social_offers",
    "participants",
    "responsibilities",
    "follow_up_on",
    "joint_team_referred_on",
)
HOSPITAL_PLANS = (CarePlan.Kind.DISCHARGE_AGREEMENT, CarePlan.Kind.COORDINATION_PLAN)


def _author(course: PsychiatricCourse, kind: str, acting_user: User) -> Organisation:
    """The organisation writing a plan of ``kind``: the department, the municipality, or either (dual
    diagnosis); 403 ``DomainError`` for anyone else."""
    if kind in HOSPITAL_PLANS:
        hospital_side(course=course, user=acting_user)
        return course.department
    if kind == CarePlan.Kind.ACTION_PLAN:
        municipality_side(course=course, user=acting_user)
        return course.citizen.municipality
    _actor, party = any_party(course=course, user=acting_user)
    if party == "gp":
        raise DomainError(_("Planen skrives af psykiatrien og kommunen."), status_code=403)
    return course.department if party == "hospital" else course.citizen.municipality


@transaction.atomic
def care_plan_save(
    *,
    course: PsychiatricCourse,
    kind: str,
    acting_user: User,
    plan: CarePlan | None = None,
    **fields: object,
) -> CarePlan:
    """Create (or, given ``plan``, update) a structured plan. Returns it. A social action plan gets the
    yearly follow-up deadline of the municipality (``psychiatry.action_plan_follow_up``)."""
    if kind not in CarePlan.Kind.values:
        raise DomainError(_("Ukendt plantype."), field="kind")
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise DomainError(_("Ukendt felt."), field=sorted(unknown)[0])
    organisation = _author(course, kind, acting_user)
    if not (
        fields.get("treatment_offers")
        or fields.get("social_offers")
        or (plan and (plan.treatment_offers or plan.social_offers))
    ):
        raise DomainError(_("Beskriv de behandlingsmæssige eller sociale tilbud."), field="treatment_offers")
    if plan is None:
        plan = CarePlan(course=course, kind=kind, author_organisation=organisation, created_by=acting_user)
    elif plan.kind != kind or plan.course_id != course.pk:
        raise DomainError(_("Planen hører ikke til forløbet."), field="kind")
    for name, value in fields.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    plan.patient_participates = kind != CarePlan.Kind.COORDINATION_PLAN
    plan.save()
    if kind == CarePlan.Kind.ACTION_PLAN:
        _follow_up_deadline(plan)
    return plan


def _follow_up_deadline(plan: CarePlan) -> None:
    anchor: date = plan.followed_up_on or local_date(plan.created_at)
    ob.obligation_ensure(
        course=plan.course,
        subject=plan,
        rule_code=ob.ACTION_PLAN_FOLLOW_UP,
        anchor=anchor,
        responsible=plan.author_organisation,
    )


@transaction.atomic
def action_plan_follow_up(*, plan: CarePlan, on: date, acting_user: User) -> CarePlan:
    """Record the municipality's follow-up of its action plan: meets this year's deadline, starts next year's."""
    if plan.kind != CarePlan.Kind.ACTION_PLAN:
        raise DomainError(_("Kun den kommunale handleplan følges op årligt."), field="kind")
    municipality_side(course=plan.course, user=acting_user)
    if on > local_date(timezone.now()):
        raise DomainError(_("Datoen ligger i fremtiden."), field="on")
    plan.followed_up_on = on
    plan.save(update_fields=["followed_up_on", "updated_at"])
    ob.obligation_meet(
        subject=plan,
        rule_code=ob.ACTION_PLAN_FOLLOW_UP,
        at=timezone.now(),
        event="Handleplanen er fulgt op",
        user=acting_user,
    )
    _follow_up_deadline(plan)
    return plan


@transaction.atomic
def child_assessment_record(
    *,
    course: PsychiatricCourse,
    has_children: bool,
    acting_user: User,
    children: str = "",
    situation: str = "",
    support_need: str = "",
    concern_reported: bool = False,
    concern_reported_on: date | None = None,
    assessed_at: datetime | None = None,
) -> ChildAssessment:
    """Record the assessment of children under 18 in the family (at every admission or outpatient start).
    With children, their situation is described; a report of concern (underretning) carries its date."""
    hospital_side(course=course, user=acting_user)
    if has_children and not situation.strip():
        raise DomainError(_("Beskriv børnenes situation."), field="situation")
    if concern_reported and concern_reported_on is None:
        raise DomainError(_("Angiv datoen for underretningen."), field="concern_reported_on")
    if not concern_reported:
        concern_reported_on = None
    return ChildAssessment.objects.create(
        course=course,
        assessed_at=assessed_at or timezone.now(),
        has_children=has_children,
        children=children.strip() if has_children else "",
        situation=situation.strip(),
        support_need=support_need.strip(),
        concern_reported=concern_reported,
        concern_reported_on=concern_reported_on,
        assessed_by=acting_user,
    )
