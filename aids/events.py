"""The course timeline rows the aids services write (admissions' ``course_event_record``): the parties see a
registered, delivered or disputed need on the course at once."""

from datetime import datetime
from typing import Any

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent
from sundhedsaftale.organisations.models import Organisation


def aids_event_record(
    *, course: Course, at: datetime, text: str, acting_user: Any, organisation: Organisation | None
) -> CourseEvent:
    """Write one aids line on the course timeline; return it."""
    return course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=at,
        actor=acting_user,
        organisation=organisation,
        text=f"Hjælpemidler: {text}",
    )
