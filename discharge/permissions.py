"""Who may do what on a course's discharge: plain predicates for views, and the acting-party check services call.

The parties of a course (hospital side, home municipality, GP) are admissions' rule (``admissions.parties``).
"""

from typing import Any

from admissions.models import Course
from admissions.parties import Party, course_acting_organisation, course_party_of
from clusters.models import Organisation


def party_of(*, course: Course, organisation: Organisation | None) -> Party | None:
    """Return the party the organisation is on the course (hospital / municipality / GP), or None."""
    if organisation is None:
        return None
    return course_party_of(course=course, organisation=organisation)


def course_acting_for(
    *, course: Course, user: Any, parties: tuple[Party, ...], preferred: Organisation | None = None
) -> Organisation | None:
    """Return the organisation the user acts for on the course; None for a superuser (acts for the region).

    Raises DomainError (403, Danish) when the user acts for none of ``parties``.
    """
    if getattr(user, "is_superuser", False):
        return None
    organisation, _party = course_acting_organisation(
        course=course, user=user, preferred=preferred, parties=parties
    )
    return organisation


HOSPITAL = (Party.HOSPITAL,)
MUNICIPALITY = (Party.MUNICIPALITY,)
HOSPITAL_OR_MUNICIPALITY = (Party.HOSPITAL, Party.MUNICIPALITY)
