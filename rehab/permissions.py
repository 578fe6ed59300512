"""Who may act on rehab records: plain predicates over the acting user's actor, raising ``DomainError``."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.parties import Party, course_acting_organisation
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation


def ward_organisation(*, course: Course, user: "User") -> Organisation:
    """Return the hospital-side organisation the user writes for on the course (403 ``DomainError`` if none)."""
    organisation, _party = course_acting_organisation(course=course, user=user, parties=(Party.HOSPITAL,))
    return organisation


def acts_for(*, user: "User", organisation: Organisation) -> bool:
    """Return whether the user acts for the organisation (a hospital unit and its departments as one)."""
    actor = actor_for(user=user)
    return actor.reads_personal_data and actor.acts_for(organisation.pk)


def require_acts_for(*, user: "User", organisation: Organisation) -> None:
    if not acts_for(user=user, organisation=organisation):
        raise DomainError(
            _("Kun %(organisation)s kan gøre dette.") % {"organisation": organisation},
            code="not_receiver",
            status_code=403,
        )
