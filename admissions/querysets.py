"""The one rule for who sees which citizen, written once and used by every view, API, export and task."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Exists, OuterRef, Q

from sundhedsaftale.access.roles import ROLES_WITHOUT_PERSONAL_DATA, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class Scope:
    """The organisations a user reads citizen data for, by kind (hospital staff read for their hospital)."""

    hospitals: frozenset[int]
    municipalities: frozenset[int]
    practices: frozenset[int]


def user_scope(user: "AbstractBaseUser | AnonymousUser") -> Scope | None:
    """Return the organisations the user reads for, or ``None`` for everything (superusers and regional
    admins). Roles without personal data (steering groups) read for nothing."""
    from clusters.selectors import membership_list

    if getattr(user, "is_superuser", False) and user.is_authenticated:
        return None
    hospitals: set[int] = set()
    municipalities: set[int] = set()
    practices: set[int] = set()
    for membership in membership_list(user=user):
        organisation = membership.organisation
        if membership.role in ROLES_WITHOUT_PERSONAL_DATA:
            continue
        if membership.role == Role.REGIONAL_ADMIN and organisation.kind == "region":
            return None
        if organisation.kind == "hospital":
            hospitals.add(organisation.pk)
        elif organisation.kind == "department" and organisation.parent_id:
            hospitals.add(organisation.parent_id)
        elif organisation.kind == "municipality":
            municipalities.add(organisation.pk)
        elif organisation.kind == "practice":
            practices.add(organisation.pk)
    return Scope(frozenset(hospitals), frozenset(municipalities), frozenset(practices))


def citizen_scope(user: "AbstractBaseUser | AnonymousUser") -> Q | None:
    """Return the condition on citizens the user may see, or ``None`` for everyone.

    - hospital staff (a hospital unit or one of its departments): citizens with a stay at that hospital;
    - municipal staff: citizens who live in the municipality;
    - GPs: their listed patients;
    - regional admins and superusers: everyone;
    - steering groups (clusters): nobody — they see aggregated figures only.
    """
    from admissions.models import Stay

    scope = user_scope(user)
    if scope is None:
        return None
    condition = Q(pk__in=[])
    if scope.hospitals:
        condition |= Q(
            Exists(Stay.objects.filter(course__citizen=OuterRef("pk"), hospital_id__in=scope.hospitals))
        )
    if scope.municipalities:
        condition |= Q(municipality_id__in=scope.municipalities)
    if scope.practices:
        condition |= Q(gp_practice_id__in=scope.practices)
    return condition


def party_scope(
    user: "AbstractBaseUser | AnonymousUser", parties: Iterable[str], course: str | None = None
) -> Q | None:
    """Return the condition on records between organisations that the user may read, or ``None`` for all: those
    where one of its organisations is a party — for hospital staff, any department of their hospital (a citizen
    moves between them).

    ``parties`` are the paths to the organisations of the record (e.g. ``("sender", "recipient")``); ``course``,
    when given, is the path to a course whose hospital side is a party too (every hospital with a stay on it):
    a notice from the ward to the municipality names only the municipality.
    """
    from admissions.models import Stay

    scope = user_scope(user)
    if scope is None:
        return None
    own = scope.municipalities | scope.practices | scope.hospitals
    condition = Q(pk__in=[])
    for end in parties:
        condition |= Q(**{f"{end}_id__in": own})
        if scope.hospitals:
            condition |= Q(**{f"{end}__parent_id__in": scope.hospitals})
    if course is not None and scope.hospitals:
        stays = Stay.objects.filter(hospital_id__in=scope.hospitals).values("course_id")
        condition |= Q(**{f"{course}__in": stays})
    return condition


def correspondence_scope(user: "AbstractBaseUser | AnonymousUser", prefix: str = "") -> Q | None:
    """Return the condition on messages the user may read (their sender and recipient, ``party_scope``).

    Correspondence is between two parties: a municipality does not read the hospital's letters to the GP,
    although it sees the citizen (``prefix`` is the path to the message, e.g. ``"message__"``).
    """
    return party_scope(user, (f"{prefix}sender", f"{prefix}recipient"))


class CitizenQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        condition = citizen_scope(user)
        return self if condition is None else self.filter(condition)

    def search(self, text: str) -> "CitizenQuerySet":
        from admissions.cpr import cpr_compact

        text = text.strip()
        if not text:
            return self.none()
        compact = cpr_compact(text)
        if compact[:6].isascii() and compact[:6].isdigit():  # only 0–9: str.isdigit() takes any digit
            return self.filter(cpr__startswith=compact)
        condition = Q()
        for word in text.split():
            condition &= Q(name__icontains=word)
        return self.filter(condition)


class CitizenDataQuerySet(models.QuerySet):
    """For every record that belongs to a citizen: visible exactly when its citizen is visible."""

    citizen_path = "citizen"

    def visible_to(self, user: Any) -> Self:
        from admissions.models import Citizen

        condition = citizen_scope(user)
        if condition is None:
            return self
        return self.filter(**{f"{self.citizen_path}__in": Citizen.objects.filter(condition).values("pk")})


class CourseQuerySet(CitizenDataQuerySet):
    def open(self) -> "CourseQuerySet":
        return self.filter(discharged_at__isnull=True, state__in=["admitted", "on_leave"])

    def at_department(self, department_id: int) -> "CourseQuerySet":
        return self.filter(department_id=department_id)


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

    def visible_to(self, user: Any) -> Self:
        rows = super().visible_to(user)
        if not self.parties and self.hospital_side is None:
            return rows
        condition = party_scope(user, self.parties, course=self.hospital_side)
        return rows if condition is None else rows.filter(condition)


class ToMunicipalityQuerySet(PartyQuerySet):
    """Between the hospital side of the course and the municipality named on the record (either way)."""

    parties: tuple[str, ...] = ("municipality",)
    hospital_side: str | None = "course"


class MessageQuerySet(PartyQuerySet):
    """Messages: visible when their citizen is, and only to the two parties of each (``correspondence_scope``)."""


class MessageDataQuerySet(MessageQuerySet):
    """For records hanging on a message (attachments, read marks): visible with their message."""

    citizen_path = "message__course__citizen"
    parties: tuple[str, ...] = ("message__sender", "message__recipient")


class ThreadQuerySet(CourseDataQuerySet):
    """Threads: visible when the user may read at least one of their messages."""

    def visible_to(self, user: Any) -> Self:
        from admissions.models import Message

        rows = super().visible_to(user)
        condition = correspondence_scope(user)
        if condition is None:
            return rows
        return rows.filter(Exists(Message.objects.filter(condition, thread=OuterRef("pk"))))


class HomeCareServiceQuerySet(CitizenDataQuerySet):
    def active(self) -> "HomeCareServiceQuerySet":
        return self.filter(status="active")

    def paused(self) -> "HomeCareServiceQuerySet":
        return self.filter(status="paused")
