"""Who may do what on a course's discharge: the acting-party check services call.

The parties of a course (hospital side, home municipality, GP) are admissions' rule (``admissions.parties``).
"""

from django.contrib.auth.models import User

from admissions.models import Course
from admissions.parties import Party, course_acting_organisation
from sundhedsaftale.organisations.models import Organisation


def course_acting_for(
    *, course: Course, user: "User", parties: tuple[Party, ...], preferred: Organisation | None = None
) -> Organisation:
    """Return the organisation the user acts for on the course (its actor's, ``preferred`` choosing the
    membership). Raises DomainError (403, Danish) when it is none of ``parties``."""
    organisation, _party = course_acting_organisation(
        course=course, user=user, preferred=preferred, parties=parties
    )
    return organisation


HOSPITAL = (Party.HOSPITAL,)
MUNICIPALITY = (Party.MUNICIPALITY,)
HOSPITAL_OR_MUNICIPALITY = (Party.HOSPITAL, Party.MUNICIPALITY)
