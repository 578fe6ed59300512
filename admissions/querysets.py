"""Visibility of the records of a course: the kernel's one citizen rule (``sundhedsaftale.citizens.querysets``),
and for records between organisations, that the reader is one of their parties."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Self

from django.db.models import Exists, OuterRef, Q, Subquery

from sundhedsaftale.citizens.querysets import CitizenDataQuerySet, party_condition

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


def party_scope(actor: "Actor", parties: Iterable[str], course: str | None = None) -> Q:
    """Return the condition on records between organisations that the actor may read: those where its
    organisation is a party — for hospital staff, any department of their hospital (a citizen moves between
    them).

    ``parties`` are the paths to the organisations of the record (e.g. ``("sender", "recipient")``); ``course``,
    when given, is the path to a course whose hospital side is a party too (every hospital with a stay on it):
    a notice from the ward to the municipality names only the municipality.
    """
    from admissions.models import Stay

    condition = party_condition(actor, parties)
    if course is not None and actor.party_ids:
        stays = Stay.objects.filter(hospital_id__in=actor.party_ids).values("course_id")
        condition |= Q(**{f"{course}__in": stays})
    return condition


def correspondence_scope(actor: "Actor", prefix: str = "") -> Q:
    """Return the condition on messages the user may read (their sender and recipient, ``party_scope``).

    Correspondence is between two parties: a municipality does not read the hospital's letters to the GP,
    although it sees the citizen (``prefix`` is the path to the message, e.g. ``"message__"``).
    """
    return party_scope(actor, (f"{prefix}sender", f"{prefix}recipient"))


class CourseQuerySet(CitizenDataQuerySet):
    def open(self) -> "CourseQuerySet":
        return self.filter(discharged_at__isnull=True, state__in=["admitted", "on_leave"])

    def at_department(self, department_id: int) -> "CourseQuerySet":
        return self.filter(department_id=department_id)

    def with_place(self) -> "CourseQuerySet":
        """Each course with its current stay's room and bed (``stay_room``, ``stay_bed``; None without an open
        stay), in the same query."""
        from admissions.models import Stay

        current = Stay.objects.filter(course=OuterRef("pk"), ended_at__isnull=True).order_by(
            "-started_at", "-pk"
        )
        return self.annotate(
            stay_room=Subquery(current.values("room")[:1]), stay_bed=Subquery(current.values("bed")[:1])
        )


class CourseDataQuerySet(CitizenDataQuerySet):
    """For records hanging on a course."""

    citizen_path = "course__citizen"


class PartyQuerySet(CourseDataQuerySet):
    """Records sent from one organisation to another (questions, notices, reports, letters): visible when their
    citizen is, and only to the parties of each (``party_scope``); others get 404 as for an unknown id.

    ``parties`` are the paths to the organisations named on the record; ``hospital_side`` the path to the course
    whose hospitals are a party when the record names only the other side. With neither, a record is between no
    two organisations and only the citizen rule applies."""

    parties: tuple[str, ...] = ("sender", "recipient")
    hospital_side: str | None = None

    def visible_to(self, actor: "Actor") -> Self:
        rows = super().visible_to(actor)
        if not self.parties and self.hospital_side is None:
            return rows
        return rows.filter(party_scope(actor, self.parties, course=self.hospital_side))


class ToMunicipalityQuerySet(PartyQuerySet):
    """Between the hospital side of the course and the municipality named on the record (either way)."""

    parties: tuple[str, ...] = ("municipality",)
    hospital_side: str | None = "course"


class AdmissionNoticeQuerySet(ToMunicipalityQuerySet):
    """Admission notices: the hospital side, the municipality and — at an acute admission — the GP named on it."""

    parties: tuple[str, ...] = ("municipality", "gp_practice")


class MessageQuerySet(PartyQuerySet):
    """Messages: visible when their citizen is, and only to the two parties of each (``correspondence_scope``)."""


class MessageDataQuerySet(MessageQuerySet):
    """For records hanging on a message (attachments, read marks): visible with their message."""

    citizen_path = "message__course__citizen"
    parties: tuple[str, ...] = ("message__sender", "message__recipient")


class ThreadQuerySet(CourseDataQuerySet):
    """Threads: visible when the user may read at least one of their messages."""

    def visible_to(self, actor: "Actor") -> Self:
        from admissions.models import Message

        rows = super().visible_to(actor)
        return rows.filter(Exists(Message.objects.filter(correspondence_scope(actor), thread=OuterRef("pk"))))


class HomeCareServiceQuerySet(CitizenDataQuerySet):
    def active(self) -> "HomeCareServiceQuerySet":
        return self.filter(status="active")

    def paused(self) -> "HomeCareServiceQuerySet":
        return self.filter(status="paused")
