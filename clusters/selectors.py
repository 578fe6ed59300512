"""Read use-cases for organisations, memberships and contact data."""

from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet

from clusters.models import Contact, Membership, OpeningHours, Organisation
from sundhedsaftale.workdays import to_local

AnyUser = AbstractBaseUser | AnonymousUser


def membership_list(*, user: AnyUser) -> list[Membership]:
    """Return the user's memberships with their organisations, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(user, "_membership_cache", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk)
            .select_related("organisation__parent", "organisation__cluster")
            .order_by("id")
        )
        user._membership_cache = cached  # type: ignore[union-attr,attr-defined]
    return cached


def membership_organisation_ids(*, membership: Membership | None) -> list[int]:
    """Return the membership's organisation and, for a hospital, its departments (none without a membership).

    A hospital's staff act for every department of it. Cached on the membership, which ``membership_list``
    caches on the user, so the visibility rule and the inbox ask the database once per request.
    """
    if membership is None:
        return []
    cached: list[int] | None = getattr(membership, "_organisation_ids", None)
    if cached is None:
        organisation = membership.organisation
        cached = [organisation.pk]
        if organisation.kind == Organisation.Kind.HOSPITAL:
            cached.extend(organisation.children.values_list("pk", flat=True))
        membership._organisation_ids = cached  # type: ignore[attr-defined]
    return list(cached)


def organisation_ids_of(*, user: AnyUser) -> set[int]:
    """Return the ids of the organisations the user is a member of (without a hospital's departments)."""
    ids: set[int] = set()
    for membership in membership_list(user=user):
        ids.add(membership.organisation_id)
    return ids


def contact_list(*, search: str = "", purpose: str = "") -> QuerySet[Organisation]:
    """Return organisations with contact data, each with its contacts and their opening hours prefetched."""
    contacts = Contact.objects.prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    )
    if purpose:
        contacts = contacts.filter(purpose=purpose)
    organisations = Organisation.objects.filter(contacts__isnull=False).search(search)
    if purpose:
        organisations = organisations.filter(contacts__purpose=purpose)
    return (
        organisations.distinct()
        .select_related("cluster")
        .prefetch_related(Prefetch("contacts", queryset=contacts))
        .order_by("kind", "name")
    )


def contact_is_open(*, contact: Contact, at: datetime) -> bool:
    """Return whether the contact's phone is open at the given moment (local Danish time)."""
    local = to_local(at)
    return any(hours.covers(local.weekday(), local.time()) for hours in contact.opening_hours.all())


def organisation_list(*, kinds: Sequence[str] = ()) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("parent", "cluster")
    return organisations.of_kind(*kinds) if kinds else organisations.all()
