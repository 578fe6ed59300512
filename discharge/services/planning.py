"""Write use-cases of discharge planning: the plan (and its deadline) and the notification (varsling)."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from discharge.due import NotificationDue, notification_due
from discharge.events import discharge_event_record
from discharge.models import (
    RULE_CODE_BY_NEED,
    DischargeDateChange,
    DischargeNotification,
    DischargePlan,
    FunctionalAbility,
    Need,
)
from discharge.permissions import HOSPITAL, course_acting_for
from discharge.selectors import plan_deadline
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.services import deadline_cancel, deadline_ensure, deadline_meet
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

OPEN_STATES = (Course.State.ADMITTED, Course.State.ON_LEAVE)


def course_require_open(course: Course) -> None:
    if course.state not in OPEN_STATES or course.discharged_at is not None:
        raise DomainError(
            _("Forløbet er afsluttet (%(state)s).") % {"state": course.get_state_display()},
            code="course_closed",
        )


def _validate_plan(
    *,
    course: Course,
    functional_ability: str,
    need: str,
    planned_date: date,
    nursing_service_date: date | None,
    agreed_date: date | None,
) -> None:
    if functional_ability not in FunctionalAbility.values:
        raise DomainError(_("Vælg den forventede funktionsevne."), field="functional_ability")
    if need not in Need.values:
        raise DomainError(_("Vælg borgerens behov efter udskrivning."), field="need")
    # 1.2.1 is the clause for unchanged functional ability; 1.2.2-1.2.4 for reduced.
    if (need == Need.SIMPLE_NURSING) != (functional_ability == FunctionalAbility.UNCHANGED):
        raise DomainError(
            _(
                "Enkle sygeplejehandlinger hører til uændret funktionsevne; de øvrige behov til nedsat funktionsevne."
            ),
            field="need",
        )
    admitted_on = local_date(course.admitted_at)
    if planned_date < admitted_on:
        raise DomainError(
            _("Udskrivningen kan ikke ligge før indlæggelsen (%(day)s).")
            % {"day": f"{admitted_on:%d.%m.%Y}"},
            field="planned_date",
            code="discharge_before_admission",
        )
    if nursing_service_date is not None:
        if need != Need.SIMPLE_NURSING:
            raise DomainError(
                _("Dato for sygeplejeydelsen bruges kun ved enkle sygeplejehandlinger."),
                field="nursing_service_date",
            )
        if nursing_service_date < planned_date:
            raise DomainError(
                _("Sygeplejeydelsen kan ikke ligge før udskrivningen."), field="nursing_service_date"
            )
    if agreed_date is not None and not (admitted_on <= agreed_date <= planned_date):
        raise DomainError(
            _("Den aftalte dato skal ligge mellem indlæggelsen og den planlagte udskrivning."),
            field="agreed_date",
        )


def _ensure_deadline(
    *, plan: DischargePlan, computed: NotificationDue, old_code: str | None
) -> Deadline | None:
    """Keep exactly one notification deadline for the plan, recomputed in place when the anchor moves.

    Once the municipality has been notified the deadline stays met; a later date change reaches the
    municipality as a change notice instead of a new deadline.
    """
    if old_code and old_code != plan.rule_code:
        deadline_cancel(subject=plan, rule_code=old_code, reason="Behovet efter udskrivning er ændret")
    already_met = Deadline.objects.for_subject(plan).filter(
        rule_code=plan.rule_code, state=Deadline.State.MET
    )
    if already_met.exists():
        return None
    course = plan.course
    return deadline_ensure(
        subject=plan,
        rule_code=plan.rule_code,
        anchor=computed.anchor,
        responsible=course.department,
        counterpart=course.citizen.municipality,
        citizen=course.citizen,
        rule_set=computed.rule_set.code,
    )


@transaction.atomic
def discharge_plan_save(
    *,
    course: Course,
    functional_ability: str,
    need: str,
    planned_date: date,
    nursing_service_date: date | None = None,
    agreed_date: date | None = None,
    note: str = "",
    reason: str = "",
    acting_user: "User",
    acting_organisation: Organisation | None = None,
    at: datetime | None = None,
) -> DischargePlan:
    """Create or update the course's discharge plan and its notification deadline; return the plan.

    A moved planned date recomputes the same deadline row and leaves a change notice for the municipality.
    """
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    course = Course.objects.select_for_update().select_related("citizen", "department").get(pk=course.pk)
    course_require_open(course)
    _validate_plan(
        course=course,
        functional_ability=functional_ability,
        need=need,
        planned_date=planned_date,
        nursing_service_date=nursing_service_date,
        agreed_date=agreed_date,
    )
    computed = notification_due(
        course=course,
        need=need,
        planned_date=planned_date,
        nursing_service_date=nursing_service_date,
        agreed_date=agreed_date,
    )
    at = at or timezone.now()
    plan = DischargePlan.objects.select_for_update().filter(course=course).first()
    old_code = plan.rule_code if plan else None
    old_date = plan.planned_date if plan else None
    old_deadline = plan_deadline(plan=plan) if plan else None
    if plan is None:
        plan = DischargePlan(course=course, created_by=acting_user if acting_user.is_authenticated else None)
    plan.functional_ability = functional_ability
    plan.need = need
    plan.planned_date = planned_date
    plan.nursing_service_date = nursing_service_date if need == Need.SIMPLE_NURSING else None
    plan.agreed_date = agreed_date
    plan.rule_code = RULE_CODE_BY_NEED[need]
    plan.rule_set = computed.rule_set.code
    plan.note = note
    plan.save()
    deadline = _ensure_deadline(plan=plan, computed=computed, old_code=old_code)
    if old_date is not None and old_date != planned_date:
        change = DischargeDateChange.objects.create(
            plan=plan,
            course=course,
            municipality=course.citizen.municipality,
            old_date=old_date,
            new_date=planned_date,
            old_due_at=old_deadline.due_at if old_deadline else None,
            new_due_at=deadline.due_at if deadline else computed.due.due_at,
            reason=reason[:300],
            changed_at=at,
            changed_by=acting_user if acting_user.is_authenticated else None,
        )
        discharge_event_record(
            course=course,
            at=at,
            acting_user=acting_user,
            organisation=organisation,
            text=change.text,
        )
    elif old_date is None:
        discharge_event_record(
            course=course,
            at=at,
            acting_user=acting_user,
            organisation=organisation,
            text=f"Udskrivning planlagt til {planned_date:%d.%m.%Y} ({plan.get_need_display()})",
        )
    return plan


@transaction.atomic
def discharge_notification_send(
    *,
    plan: DischargePlan,
    text: str = "",
    acting_user: "User",
    acting_organisation: Organisation | None = None,
    at: datetime | None = None,
) -> DischargeNotification:
    """Send the notice of expected discharge (varsling) to the municipality; it meets the plan's deadline
    (late when after the due time). Returns the notification."""
    organisation = course_acting_for(
        course=plan.course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    # the course row is the lock every discharge write takes: a notice sent meanwhile closes the course
    course = Course.objects.select_for_update().select_related("citizen__municipality").get(pk=plan.course_id)
    course_require_open(course)
    plan = DischargePlan.objects.get(pk=plan.pk)
    at = at or timezone.now()
    user = acting_user if acting_user.is_authenticated else None
    met = deadline_meet(
        subject=plan, rule_code=plan.rule_code, at=at, event="Varsling af udskrivning sendt", user=acting_user
    )
    if met is not None:
        on_time = not met.met_late
    else:
        computed = notification_due(
            course=course,
            need=plan.need,
            planned_date=plan.planned_date,
            nursing_service_date=plan.nursing_service_date,
            agreed_date=plan.agreed_date,
        )
        on_time = at <= computed.due.due_at
    notification = DischargeNotification.objects.create(
        plan=plan,
        course=course,
        municipality=course.citizen.municipality,
        planned_date=plan.planned_date,
        need=plan.need,
        text=text,
        sent_at=at,
        sent_by=user,
        on_time=on_time,
    )
    discharge_event_record(
        course=course,
        at=at,
        acting_user=acting_user,
        organisation=organisation,
        text=f"Varsling af udskrivning {plan.planned_date:%d.%m.%Y} sendt til {course.citizen.municipality.name}"
        + ("" if on_time else " (for sent)"),
    )
    return notification
