"""The parties of a course: the hospital side (its hospitals and departments), the citizen's home
municipality and the citizen's GP — and which of them a user acts for."""

from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from admissions.models import Course
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


class Party(StrEnum):
    HOSPITAL = "hospital"
    MUNICIPALITY = "municipality"
    GP = "gp"


def course_hospital_ids(course: Course) -> set[int]:
    """The hospital units the course has had a stay at (the current one included)."""
    return {course.hospital_id, *course.stays.values_list("hospital_id", flat=True)}


def course_party_of(*, course: Course, organisation: Organisation) -> Party | None:
    """Return which party of the course the organisation is, or None if it has no relation to it."""
    if organisation.kind == Organisation.Kind.HOSPITAL and organisation.pk in course_hospital_ids(course):
        return Party.HOSPITAL
    if organisation.kind == Organisation.Kind.DEPARTMENT and organisation.parent_id in course_hospital_ids(
        course
    ):
        return Party.HOSPITAL
    citizen = course.citizen
    if organisation.pk == citizen.municipality_id:
        return Party.MUNICIPALITY
    if citizen.gp_practice_id and organisation.pk == citizen.gp_practice_id:
        return Party.GP
    return None


def course_related_organisations(*, course: Course) -> list[Organisation]:
    """The organisations a message on the course may go to: the hospitals and departments of its stays,
    the citizen's municipality and the citizen's GP."""
    ids: set[int] = {course.hospital_id, course.department_id, course.citizen.municipality_id}
    for hospital_id, department_id in course.stays.values_list("hospital_id", "department_id"):
        ids.update((hospital_id, department_id))
    if course.citizen.gp_practice_id:
        ids.add(course.citizen.gp_practice_id)
    return list(Organisation.objects.filter(pk__in=ids).select_related("parent").order_by("kind", "name"))


def course_acting_organisation(
    *,
    course: Course,
    user: "User",
    preferred: Organisation | None = None,
    parties: tuple[Party, ...] = tuple(Party),
) -> tuple[Organisation, Party]:
    """Return the organisation (and its party) the user acts for on the course: the organisation of its actor
    (``preferred``, the active membership's organisation, chooses the membership; else the user's first).

    Raise ``DomainError`` (403) when that organisation is none of ``parties`` on the course.
    """
    actor = actor_for(user=user, organisation=preferred)
    organisation = actor.acting_organisation
    if organisation is not None and actor.reads_personal_data:
        party = course_party_of(course=course, organisation=organisation)
        if party in parties:
            return organisation, party
    raise DomainError(
        _("Du handler ikke for en organisation, der må gøre dette på forløbet."),
        code="not_a_party",
        status_code=403,
    )


def course_party_of_actor(*, course: Course, actor: "Actor") -> Party | None:
    """Which party of the course the actor looks at it as (its active organisation), or None."""
    organisation = actor.acting_organisation
    if organisation is None or not actor.reads_personal_data:
        return None
    return course_party_of(course=course, organisation=organisation)
