"""Discharge: admissions ends the course (``course_discharge``); discharge then settles its plan's obligations
against the actual discharge."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction

from admissions.models import Course
from admissions.services import course_discharge
from discharge.models import RULE_CODE_BY_NEED, DischargePlan, Need
from sundhedsaftale.deadlines.catalogue import rule_set_for
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.services import deadline_cancel, deadline_record, deadline_settle
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rulesets import AGREED_DISCHARGE
from sundhedsaftale.workdays import local_date

DISCHARGED_EVENT = "Udskrevet"


def _notice_anchor(plan: DischargePlan, code: str, discharged_on: date) -> date:
    # 1.2.1 is judged on the day of the nursing service (usually the discharge day); 1.2.2-1.2.4 on the
    # discharge: "Varsling senest 3 hverdage før udskrivning" (l. 1530).
    if code == RULE_CODE_BY_NEED[Need.SIMPLE_NURSING] and plan.nursing_service_date is not None:
        return max(plan.nursing_service_date, discharged_on)
    return discharged_on


def plan_settle_at_discharge(*, plan: DischargePlan, course: Course, at: datetime) -> list[Deadline]:
    """Settle every obligation of the plan against the actual discharge at ``at``; return them.

    2008: each need's notice is met if it went out in time before the actual discharge, a breach otherwise
    (alerts for the ward and the municipality), with the discharge as the anchor of record; a breach already
    recorded stays as it is. 2021: no notice deadline exists; a discharge earlier than the agreed day is
    recorded as the hospital's miss (alerts for both), on or after it as kept.
    """
    discharged_on = local_date(at)
    chosen = rule_set_for(on=discharged_on, organisation=course.department)
    settled = []
    rows = (
        Deadline.objects.for_subject(plan)
        .exclude(state=Deadline.State.CANCELLED)
        .order_by("created_at", "pk")
    )
    current: dict[str, Deadline] = {row.rule_code: row for row in rows if row.rule_code in plan.rule_codes}
    for code, deadline in current.items():
        settled.append(
            deadline_settle(
                deadline=deadline,
                anchor=_notice_anchor(plan, code, discharged_on),
                met_at=deadline.met_at if deadline.state == Deadline.State.MET else None,
                event=deadline.met_event or DISCHARGED_EVENT,
                at=at,
                final=True,
            )
        )
    if AGREED_DISCHARGE in chosen.rules:
        for code in set(RULE_CODE_BY_NEED.values()) - set(current):
            deadline_cancel(subject=plan, rule_code=code, reason="Regelsættet har ingen fast varslingsfrist")
        if plan.agreed_date is not None:
            early = discharged_on < plan.agreed_date
            settled.append(
                deadline_record(
                    subject=plan,
                    rule_code=AGREED_DISCHARGE,
                    rule_set=chosen.code,
                    anchor=plan.agreed_date,
                    responsible=course.department,
                    counterpart=course.citizen.municipality,
                    citizen=course.citizen,
                    kept=not early,
                    at=at,
                    event=DISCHARGED_EVENT,
                )
            )
    return settled


@transaction.atomic
def course_close_as_discharged(
    *,
    course: Course,
    at: datetime,
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> Course:
    """End the course as discharged at ``at`` through admissions' ``course_discharge`` (stay, leave, home care,
    care relations, the information requests' replies not yet due), then settle the plan's obligations against
    the actual discharge (``plan_settle_at_discharge``): nothing is cancelled, a breach is never rewritten.

    Returns the discharged course. Raises admissions' Danish DomainError.
    """
    course = course_discharge(
        course=course, at=at, acting_user=acting_user, acting_organisation=acting_organisation
    )
    plan = DischargePlan.objects.filter(course=course).first()
    if plan is not None:
        plan_settle_at_discharge(plan=plan, course=course, at=at)
    return course
