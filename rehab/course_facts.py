"""What rehab needs to know about a course from the lower apps (admissions, discharge). Rehab pulls these
facts (a periodic task re-reads them); nothing lower down pushes to rehab."""

from datetime import date, datetime

from admissions.models import Course
from admissions.selectors import course_consents_to
from discharge.selectors import planned_discharge_date
from sundhedsaftale.workdays import local_date


def course_discharge_anchor(*, course: Course) -> date | datetime | None:
    """Return the anchor of ``rehab.plan_by_discharge``: the actual discharge once it happened, otherwise the
    planned discharge date of the discharge app's plan, otherwise ``None`` (no deadline yet)."""
    if course.discharged_at is not None:
        return course.discharged_at
    return course_planned_discharge_date(course=course)


def course_discharge_date(*, course: Course) -> date | None:
    """Return the date to write as the discharge date (annex 3.2, item 5b): the day of the actual discharge,
    otherwise the planned date of the discharge app's plan, otherwise ``None``."""
    if course.discharged_at is not None:
        return local_date(course.discharged_at)
    return course_planned_discharge_date(course=course)


def course_planned_discharge_date(*, course: Course) -> date | None:
    """Return the planned discharge date of the discharge app's plan of the course, or ``None``."""
    return planned_discharge_date(course=course)


def course_consents(*, course: Course, at: datetime | None = None) -> set[str]:
    """Return the recipients the course's consent in force covers: a subset of {"municipality", "gp"}."""
    return {
        party for party in ("municipality", "gp") if course_consents_to(course=course, party=party, at=at)
    }
