"""Visibility of psychiatric records: stricter than the kernel's citizen rule.

Psychiatric data is read only through a *psychiatric* care relation (source ``psychiatry:<course id>``): the
hospital unit of the psychiatric department from the start of the course, the municipality and the GP from the
moment the department informs them (001 l. 6153: "kommunale kontaktpersoner/kommunen orienteres"). On the
hospital side only the psychiatric department's own staff (or its hospital unit's) read it: a somatic ward of
the same hospital that has the same citizen sees the citizen, never the psychiatric course, its legal status
(tvang) or its relatives.
"""

from typing import TYPE_CHECKING, Self

from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from sundhedsaftale.citizens.querysets import CitizenDataQuerySet
from sundhedsaftale.citizens.relations import CareRelation

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor

RELATION_PREFIX = "psychiatry:"
HOSPITAL_SIDE = ("hospital", "department")


def relation_source(course_pk: int) -> str:
    """The source of the care relations a psychiatric course gives (``CareRelation.source``)."""
    return f"{RELATION_PREFIX}{course_pk}"


def hospital_side(actor: "Actor") -> bool:
    return actor.organisation_kind in HOSPITAL_SIDE


class PsychiatricQuerySet(CitizenDataQuerySet):
    """Rows of a psychiatric course (``course_path`` leads to it; "" for the course itself)."""

    course_path = ""

    def _prefix(self) -> str:
        return f"{self.course_path}__" if self.course_path else ""

    def visible_to(self, actor: "Actor") -> Self:
        rows = super().visible_to(actor)
        if not actor.reads_personal_data:
            return rows.none()
        prefix = self._prefix()
        course_id = f"{self.course_path}_id" if self.course_path else "pk"
        relation = CareRelation.objects.current().filter(
            citizen_id=OuterRef(f"{prefix}citizen_id"),
            organisation_id__in=actor.party_ids,
            source=Concat(Value(RELATION_PREFIX), Cast(OuterRef(course_id), CharField())),
        )
        condition = Q(Exists(relation))
        if hospital_side(actor):
            condition &= Q(**{f"{prefix}department_id__in": actor.organisation_ids})
        return rows.filter(condition)


class CourseQuerySet(PsychiatricQuerySet):
    """Psychiatric courses."""


class CourseDataQuerySet(PsychiatricQuerySet):
    citizen_path = "course__citizen"
    course_path = "course"


class NoticeQuerySet(CourseDataQuerySet):
    """Notices go from the department to one recipient (municipality or GP): the municipality does not read the
    department's letter to the GP."""

    def visible_to(self, actor: "Actor") -> Self:
        rows = super().visible_to(actor)
        if hospital_side(actor):
            return rows
        return rows.filter(recipient_id__in=actor.party_ids)
