"""Write use-cases of discharge planning: the plan (and its deadline) and the notification (varsling)."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.selectors import course_consents_to
from discharge.due import NotificationDue, notification_dues
from discharge.events import discharge_event_record
from discharge.models import (
    RULE_CODE_BY_NEED,
    DischargeDateChange,
    DischargeNotification,
    DischargePlan,
    DischargeTimeProposal,
    FunctionalAbility,
    Need,
)
from discharge.permissions import HOSPITAL, course_acting_for
from discharge.selectors import plan_deadline
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.services import deadline_cancel, deadline_ensure, deadline_meet, deadline_settle
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


def plan_needs(need: str, needs: list[str] | None) -> list[str]:
    """The plan's needs: ``need`` first, then ``needs`` (each once, in the order given)."""
    return list(dict.fromkeys([need, *(needs or [])])) if need else list(dict.fromkeys(needs or []))


def _validate_plan(
    *,
    course: Course,
    functional_ability: str,
    needs: list[str],
    planned_date: date,
    nursing_service_date: date | None,
    agreed_date: date | None,
) -> None:
    if functional_ability not in FunctionalAbility.values:
        raise DomainError(_("Vælg den forventede funktionsevne."), field="functional_ability")
    if not needs or any(need not in Need.values for need in needs):
        raise DomainError(_("Vælg borgerens behov efter udskrivning."), field="need")
    # 1.2.1 is the clause for unchanged functional ability; 1.2.2-1.2.4 for reduced, and they apply together.
    simple = Need.SIMPLE_NURSING in needs
    if (simple and len(needs) > 1) or simple != (functional_ability == FunctionalAbility.UNCHANGED):
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
        if not simple:
            raise DomainError(
                _("Dato for sygeplejeydelsen bruges kun ved enkle sygeplejehandlinger."),
                field="nursing_service_date",
            )
        if nursing_service_date < planned_date:
            raise DomainError(
                _("Sygeplejeydelsen kan ikke ligge før udskrivningen."), field="nursing_service_date"
            )
    if agreed_date is not None and agreed_date < admitted_on:
        raise DomainError(
            _("Det aftalte udskrivningstidspunkt kan ikke ligge før indlæggelsen."), field="agreed_date"
        )


def _ensure_deadlines(*, plan: DischargePlan, dues: list[NotificationDue], at: datetime) -> list[Deadline]:
    """One notice deadline per need of the plan, recomputed in place when the planned date moves.

    A need dropped from the plan, or a plan under a rule set without fixed notice deadlines (2021), cancels
    the pending deadline (a breach stays). A deadline already met is re-judged against the new date: moved
    earlier, a notice no longer early enough becomes a breach at its new due moment; a postponement never
    turns a breach back into pending (``deadline_ensure``).
    """
    course = plan.course
    binding = {due.rule.code: due for due in dues if not due.advisory}
    for code in set(RULE_CODE_BY_NEED.values()) - set(binding):
        deadline_cancel(subject=plan, rule_code=code, reason="Behovet efter udskrivning er ændret")
    deadlines = []
    for code, due in binding.items():
        met = (
            Deadline.objects.for_subject(plan)
            .filter(rule_code=code, state=Deadline.State.MET)
            .order_by("-created_at", "-pk")
            .first()
        )
        if met is not None:
            deadlines.append(
                deadline_settle(
                    deadline=met, anchor=due.anchor, met_at=met.met_at, event=met.met_event, at=at
                )
            )
            continue
        deadlines.append(
            deadline_ensure(
                subject=plan,
                rule_code=code,
                anchor=due.anchor,
                responsible=course.department,
                counterpart=course.citizen.municipality,
                citizen=course.citizen,
                rule_set=due.rule_set.code,
            )
        )
    return sorted(deadlines, key=lambda deadline: deadline.due_at)


@transaction.atomic
def discharge_plan_save(
    *,
    course: Course,
    functional_ability: str,
    need: str,
    planned_date: date,
    needs: list[str] | None = None,
    nursing_service_date: date | None = None,
    agreed_date: date | None = None,
    note: str = "",
    reason: str = "",
    acting_user: "User",
    acting_organisation: Organisation | None = None,
    at: datetime | None = None,
) -> DischargePlan:
    """Create or update the course's discharge plan and its notice obligations (one per need: ``need`` and
    any further ``needs``); return the plan.

    A moved planned date recomputes the same deadline rows and leaves a change notice for the municipality;
    a changed agreed discharge time is recorded with who and why (``reason``).
    """
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    course = Course.objects.select_for_update().select_related("citizen", "department").get(pk=course.pk)
    course_require_open(course)
    all_needs = plan_needs(need, needs)
    _validate_plan(
        course=course,
        functional_ability=functional_ability,
        needs=all_needs,
        planned_date=planned_date,
        nursing_service_date=nursing_service_date,
        agreed_date=agreed_date,
    )
    dues = notification_dues(
        course=course,
        needs=all_needs,
        planned_date=planned_date,
        nursing_service_date=nursing_service_date,
    )
    at = at or timezone.now()
    plan = DischargePlan.objects.select_for_update().filter(course=course).first()
    old_date = plan.planned_date if plan else None
    old_agreed = plan.agreed_date if plan else None
    old_deadline = plan_deadline(plan=plan) if plan else None
    if plan is None:
        plan = DischargePlan(course=course, created_by=acting_user if acting_user.is_authenticated else None)
    plan.functional_ability = functional_ability
    plan.need = all_needs[0]
    plan.needs = all_needs
    plan.planned_date = planned_date
    plan.nursing_service_date = nursing_service_date if Need.SIMPLE_NURSING in all_needs else None
    plan.agreed_date = agreed_date
    plan.rule_code = RULE_CODE_BY_NEED[all_needs[0]]
    plan.rule_set = dues[0].rule_set.code
    plan.note = note
    plan.save()
    deadlines = _ensure_deadlines(plan=plan, dues=dues, at=at)
    if old_date is not None and old_date != planned_date:
        change = DischargeDateChange.objects.create(
            plan=plan,
            course=course,
            municipality=course.citizen.municipality,
            old_date=old_date,
            new_date=planned_date,
            old_due_at=old_deadline.due_at if old_deadline else None,
            new_due_at=deadlines[0].due_at if deadlines else dues[0].due.due_at,
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
            text=f"Udskrivning planlagt til {planned_date:%d.%m.%Y} ({plan.needs_display})",
        )
    if agreed_date is not None and agreed_date != old_agreed:
        # The hospital records the time both sides agreed: kept as an accepted proposal, with who and why.
        DischargeTimeProposal.objects.create(
            plan=plan,
            course=course,
            municipality=course.citizen.municipality,
            party=DischargeTimeProposal.Party.HOSPITAL,
            proposed_by_org=organisation or course.department,
            proposed_by=acting_user if acting_user.is_authenticated else None,
            proposed_date=agreed_date,
            reason=(reason or "Aftalt udskrivningstidspunkt registreret af afdelingen")[:300],
            proposed_at=at,
            state=DischargeTimeProposal.State.ACCEPTED,
            answered_at=at,
            answered_by=acting_user if acting_user.is_authenticated else None,
        )
        discharge_event_record(
            course=course,
            at=at,
            acting_user=acting_user,
            organisation=organisation,
            text=f"Aftalt udskrivningstidspunkt: {agreed_date:%d.%m.%Y}",
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
    (late when after the due time). Returns the notification.

    The need and the free text are health information: they go only with the citizen's recorded consent to share with the
    municipality (l. 1406 "Indhenter samtykke fra patienten til videregivelse af helbredsoplysninger");
    without it the notice goes with its facts only (time, planned date): the need and the text are withheld
    (``notification.need`` is blank; ``notification.text_withheld`` says whether a text was dropped)."""
    organisation = course_acting_for(
        course=plan.course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    # the course row is the lock every discharge write takes: a notice sent meanwhile closes the course
    course = Course.objects.select_for_update().select_related("citizen__municipality").get(pk=plan.course_id)
    course_require_open(course)
    plan = DischargePlan.objects.get(pk=plan.pk)
    at = at or timezone.now()
    user = acting_user if acting_user.is_authenticated else None
    shares_health = course_consents_to(course=course, party="municipality")
    withheld = bool(text.strip()) and not shares_health
    if withheld:
        text = ""
    met = [
        deadline_meet(
            subject=plan, rule_code=code, at=at, event="Varsling af udskrivning sendt", user=acting_user
        )
        for code in plan.rule_codes
    ]
    if any(deadline is not None for deadline in met):
        on_time = not any(deadline is not None and deadline.met_late for deadline in met)
    else:
        # No open deadline (the 2021 agreement's guidance, or met already): judged against the computed ones.
        dues = notification_dues(
            course=course,
            needs=plan.all_needs,
            planned_date=plan.planned_date,
            nursing_service_date=plan.nursing_service_date,
        )
        on_time = at <= dues[0].due.due_at
    notification = DischargeNotification.objects.create(
        plan=plan,
        course=course,
        municipality=course.citizen.municipality,
        planned_date=plan.planned_date,
        need=plan.need if shares_health else "",
        text=text,
        sent_at=at,
        sent_by=user,
        on_time=on_time,
    )
    notification.text_withheld = withheld  # type: ignore[attr-defined]
    discharge_event_record(
        course=course,
        at=at,
        acting_user=acting_user,
        organisation=organisation,
        text=f"Varsling af udskrivning {plan.planned_date:%d.%m.%Y} sendt til {course.citizen.municipality.name}"
        + ("" if on_time else " (for sent)")
        + ("" if shares_health else " uden behov og fritekst (intet samtykke til videregivelse)"),
    )
    return notification
