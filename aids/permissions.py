"""Who may act on aids records: plain predicates over the acting user's actor, raising ``DomainError``."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.parties import Party, course_acting_organisation
from aids.models import AidNeed
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation


def course_party_organisation(*, course: Course, user: User) -> tuple[Organisation, Party]:
    """Return the organisation the user acts for on the course, hospital side or municipality (403 otherwise)."""
    return course_acting_organisation(course=course, user=user, parties=(Party.HOSPITAL, Party.MUNICIPALITY))


def deliverer_of(need: AidNeed) -> Organisation:
    """The organisation that delivers the need: the one recorded, else the hospital of the course (a private
    hospital not in the register, or nobody: the ward records what happened)."""
    return need.delivering_organisation or need.course.hospital


def require_deliverer(*, need: AidNeed, user: User) -> Organisation:
    """Return the delivering organisation if the user acts for it (403 ``DomainError`` otherwise)."""
    organisation = deliverer_of(need)
    actor = actor_for(user=user)
    if actor.reads_personal_data and actor.acts_for(organisation.pk):
        return organisation
    raise DomainError(
        _("Kun %(organisation)s, der leverer hjælpemidlet, kan gøre dette.") % {"organisation": organisation},
        code="not_deliverer",
        status_code=403,
    )


def is_deliverer(*, need: AidNeed, user: User) -> bool:
    try:
        require_deliverer(need=need, user=user)
    except DomainError:
        return False
    return True
