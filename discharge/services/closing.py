"""Discharge: admissions ends the course (``course_discharge``); discharge then settles its own records, the
plan's deadlines discharge makes moot."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from admissions.models import Course
from admissions.services import course_discharge
from discharge.models import DischargePlan
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.services import deadline_cancel
from sundhedsaftale.organisations.models import Organisation

DISCHARGED_REASON = "Borgeren er udskrevet"


@transaction.atomic
def course_close_as_discharged(
    *,
    course: Course,
    at: datetime,
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> Course:
    """End the course as discharged at ``at`` through admissions' ``course_discharge`` (stay, leave, home care,
    care relations, the information requests' replies), then cancel the plan's deadlines still running at
    ``at``; one already due stays as it is, so a breach is never rewritten (DOMAIN.md).

    Returns the discharged course. Raises admissions' Danish DomainError.
    """
    course = course_discharge(
        course=course, at=at, acting_user=acting_user, acting_organisation=acting_organisation
    )
    plan = DischargePlan.objects.filter(course=course).first()
    if plan is not None:
        running = Deadline.objects.for_subject(plan).open().filter(due_at__gt=at)
        for code in set(running.values_list("rule_code", flat=True)):
            deadline_cancel(subject=plan, rule_code=code, reason=DISCHARGED_REASON)
    return course
