"""What the admissions screens share: the acting organisation and which party the user is on a course."""

from django.http import HttpRequest

from admissions.models import Course
from admissions.parties import Party, course_party_of
from clusters.models import Organisation
from clusters.selectors import membership_list


def active_organisation(request: HttpRequest) -> Organisation | None:
    membership = getattr(request, "membership", None)
    return membership.organisation if membership is not None else None


def viewer_party(request: HttpRequest, course: Course) -> Party | None:
    """Which party of the course the user looks at it as: the active organisation first, then any other.

    A regional admin or superuser is no party (reads everything, acts for nobody)."""
    active = active_organisation(request)
    candidates = ([active] if active else []) + [m.organisation for m in membership_list(user=request.user)]
    for organisation in candidates:
        party = course_party_of(course=course, organisation=organisation)
        if party is not None:
            return party
    return None
