"""What the admissions screens share: the acting organisation and which party the user is on a course."""

from admissions.models import Course
from admissions.parties import Party, course_party_of_actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest


def active_organisation(request: AppRequest) -> Organisation | None:
    return request.actor.acting_organisation


def viewer_party(request: AppRequest, course: Course) -> Party | None:
    """Which party of the course the user looks at it as (the active organisation), or None."""
    return course_party_of_actor(course=course, actor=request.actor)
