"""The course timeline rows the discharge services write (admissions' ``course_event_record``, one kind)."""

from datetime import datetime
from typing import Any

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent
from sundhedsaftale.organisations.models import Organisation


def discharge_event_record(
    *, course: Course, at: datetime, text: str, acting_user: Any, organisation: Organisation | None
) -> CourseEvent:
    """Write one discharge line on the course timeline (who did what, when); return it."""
    return course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=at,
        actor=acting_user,
        organisation=organisation,
        text=text,
    )
