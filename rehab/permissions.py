"""Who may act on rehab records: plain predicates over the user's memberships, raising ``DomainError``."""

from typing import Any

from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.parties import Party, course_acting_organisation
from clusters.models import Organisation
from clusters.selectors import membership_list
from sundhedsaftale.access.roles import ROLES_WITHOUT_PERSONAL_DATA
from sundhedsaftale.api.errors import DomainError


def ward_organisation(*, course: Course, user: Any) -> Organisation:
    """Return the hospital-side organisation the user writes for on the course (403 ``DomainError`` if none)."""
    if user.is_superuser:
        return course.department
    organisation, _party = course_acting_organisation(course=course, user=user, parties=(Party.HOSPITAL,))
    return organisation


def acts_for(*, user: Any, organisation: Organisation) -> bool:
    """Return whether the user acts for the organisation (a hospital membership covers its departments,
    a department membership its hospital)."""
    if user.is_superuser:
        return True
    for membership in membership_list(user=user):
        if membership.role in ROLES_WITHOUT_PERSONAL_DATA:
            continue
        mine = membership.organisation
        if mine.pk == organisation.pk:
            return True
        if (
            mine.hospital is not None
            and organisation.hospital is not None
            and mine.hospital == organisation.hospital
        ):
            return True  # the hospital unit and its departments act as one receiver
    return False


def require_acts_for(*, user: Any, organisation: Organisation) -> None:
    if not acts_for(user=user, organisation=organisation):
        raise DomainError(
            _("Kun %(organisation)s kan gøre dette.") % {"organisation": organisation},
            code="not_receiver",
            status_code=403,
        )


def user_organisation_ids(*, user: Any) -> set[int]:
    """The ids of the organisations the user acts for, with a hospital's departments and a department's hospital."""
    ids: set[int] = set()
    for membership in membership_list(user=user):
        if membership.role in ROLES_WITHOUT_PERSONAL_DATA:
            continue
        organisation = membership.organisation
        ids.add(organisation.pk)
        if organisation.kind == Organisation.Kind.DEPARTMENT and organisation.parent_id:
            ids.add(organisation.parent_id)
        if organisation.kind == Organisation.Kind.HOSPITAL:
            ids.update(organisation.children.values_list("pk", flat=True))
    return ids
