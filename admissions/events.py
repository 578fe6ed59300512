"""The course timeline rows written by the services: who did what, when."""

from datetime import datetime
from typing import Any

from admissions.models import Course, CourseEvent
from sundhedsaftale.organisations.models import Organisation


def course_event_record(
    *,
    course: Course,
    kind: str,
    at: datetime,
    text: str = "",
    actor: Any = None,
    organisation: Organisation | None = None,
) -> CourseEvent:
    """Write one timeline row; the actor's name is kept even if the user is later deleted."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    name = ""
    if user is not None:
        name = user.get_full_name() or user.get_username()
    return CourseEvent.objects.create(
        course=course,
        kind=kind,
        at=at,
        text=text[:500],
        actor=user,
        actor_name=name,
        organisation=organisation,
    )
