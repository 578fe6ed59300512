"""What rehab needs to know about a course from the lower apps (admissions, discharge), read through their
selectors where they offer one. Rehab pulls these facts; nothing lower down pushes to rehab."""

from datetime import date, datetime
from typing import Any

from admissions.models import Course


def course_discharge_anchor(*, course: Course) -> date | datetime | None:
    """Return the anchor of ``rehab.plan_by_discharge``: the actual discharge once it happened, otherwise the
    planned discharge date of the discharge app's plan, otherwise ``None`` (no deadline yet)."""
    if course.discharged_at is not None:
        return course.discharged_at
    planned = _planned_discharge_date(course)
    return planned


def _planned_discharge_date(course: Course) -> date | None:
    try:
        from discharge import selectors as discharge_selectors  # type: ignore[attr-defined]
    except ImportError:  # the discharge app has no selectors module yet
        discharge_selectors = None
    for name in ("discharge_planned_date", "planned_discharge_date", "course_planned_discharge_date"):
        selector = getattr(discharge_selectors, name, None)
        if selector is not None:
            return selector(course=course)  # type: ignore[no-any-return]
    plan = getattr(course, "discharge_plan", None) if _has_discharge_plan(course) else None
    return getattr(plan, "planned_date", None)


def _has_discharge_plan(course: Course) -> bool:
    try:
        return course.discharge_plan is not None  # type: ignore[attr-defined]
    except Exception:  # RelatedObjectDoesNotExist, or no discharge app relation at all
        return False


def course_consents(*, course: Course, on: Any = None) -> set[str]:
    """Return the recipients the course's consent in force covers: a subset of {"municipality", "gp"}."""
    try:
        from admissions.selectors import course_consents_to  # type: ignore[attr-defined]
    except ImportError:
        course_consents_to = None
    if course_consents_to is not None:
        return {party for party in ("municipality", "gp") if course_consents_to(course=course, party=party)}
    scopes: set[str] = set()
    for consent in course.consents.filter(withdrawn_at__isnull=True):  # type: ignore[attr-defined]
        if consent.to_municipality:
            scopes.add("municipality")
        if consent.to_gp:
            scopes.add("gp")
    return scopes
