"""What rehab needs to know about a course from the lower apps (admissions, discharge). Rehab pulls these
facts (a periodic task re-reads them); nothing lower down pushes to rehab."""

from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist

from admissions.models import Course
from admissions.selectors import course_consents_to


def course_discharge_anchor(*, course: Course) -> date | datetime | None:
    """Return the anchor of ``rehab.plan_by_discharge``: the actual discharge once it happened, otherwise the
    planned discharge date of the discharge app's plan, otherwise ``None`` (no deadline yet)."""
    if course.discharged_at is not None:
        return course.discharged_at
    return course_planned_discharge_date(course=course)


def course_planned_discharge_date(*, course: Course) -> date | None:
    """Return the planned discharge date of the discharge app's plan of the course, or ``None``."""
    # The discharge app offers no selector for the bare planned date yet (``course_discharge_get`` needs a user
    # and loads every discharge record; the periodic task has no user). Its plan is read through the course's
    # one-to-one relation, here only; swap in a discharge selector once there is one.
    try:
        plan = course.discharge_plan  # type: ignore[attr-defined]
    except (AttributeError, ObjectDoesNotExist):
        return None
    return plan.planned_date if plan is not None else None  # type: ignore[no-any-return]


def course_consents(*, course: Course, at: datetime | None = None) -> set[str]:
    """Return the recipients the course's consent in force covers: a subset of {"municipality", "gp"}."""
    return {
        party for party in ("municipality", "gp") if course_consents_to(course=course, party=party, at=at)
    }
