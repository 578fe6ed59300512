"""The one rule for who sees which citizen, written once and used by every view, API, export and task."""

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


def correspondence_scope(user: "AbstractBaseUser | AnonymousUser", prefix: str = "") -> Q | None:
    """Return the condition on messages the user may read, or ``None`` for all: those its organisations sent or
    received — for hospital staff, those of any department of their hospital (a citizen moves between them).

    Correspondence is between two parties: a municipality does not read the hospital's letters to the GP,
    although it sees the citizen (``prefix`` is the path to the message, e.g. ``"message__"``).
    """
    scope = user_scope(user)
    if scope is None:
        return None
    own = scope.municipalities | scope.practices | scope.hospitals
    condition = Q(pk__in=[])
    for end in ("sender", "recipient"):
        condition |= Q(**{f"{prefix}{end}_id__in": own})
        if scope.hospitals:
            condition |= Q(**{f"{prefix}{end}__parent_id__in": scope.hospitals})
    return condition


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


class MessageQuerySet(CourseDataQuerySet):
    """Messages: visible when their citizen is, and only to the two parties of each (``correspondence_scope``)."""

    message_path = ""

    def visible_to(self, user: Any) -> Self:
        rows = super().visible_to(user)
        condition = correspondence_scope(user, prefix=self.message_path)
        return rows if condition is None else rows.filter(condition)


class MessageDataQuerySet(MessageQuerySet):
    """For records hanging on a message (attachments, read marks): visible with their message."""

    citizen_path = "message__course__citizen"
    message_path = "message__"


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
