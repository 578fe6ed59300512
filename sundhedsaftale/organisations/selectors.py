"""Read use-cases for organisations, memberships and contact data."""

from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet

from sundhedsaftale.organisations.models import Contact, Membership, OpeningHours, Organisation
from sundhedsaftale.workdays import to_local

AnyUser = AbstractBaseUser | AnonymousUser


def membership_list(*, user: AnyUser | None) -> list[Membership]:
    """Return the user's memberships with their organisations, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(user, "_membership_cache", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk)
            .select_related("organisation__parent", "organisation__cluster")
            .order_by("id")
        )
        user._membership_cache = cached  # type: ignore[attr-defined]
    return cached


def organisation_expand(*, organisation: Organisation) -> tuple[frozenset[int], frozenset[int]]:
    """Return what a member of the organisation acts for, and the party it is.

    The first set is the organisation with, for a hospital unit, its departments (the inboxes and alerts a member
    answers). The second is the party in two-party records and care relations: for a hospital unit or one of
    its departments the whole unit (a citizen moves between departments, and the agreements name the hospital),
    for anyone else the organisation itself. The only place organisations are expanded.
    """
    cached: tuple[frozenset[int], frozenset[int]] | None = getattr(organisation, "_expand_cache", None)
    if cached is not None:  # the membership's organisation, kept on the user for the request
        return cached
    own = {organisation.pk}
    unit: set[int] = set()
    hospital_id = (
        organisation.pk
        if organisation.kind == Organisation.Kind.HOSPITAL
        else organisation.parent_id
        if organisation.kind == Organisation.Kind.DEPARTMENT
        else None
    )
    if hospital_id is not None:
        departments = set(Organisation.objects.filter(parent_id=hospital_id).values_list("pk", flat=True))
        unit = {hospital_id, *departments}
        if organisation.kind == Organisation.Kind.HOSPITAL:
            own |= departments
    expanded = (frozenset(own), frozenset(unit or own))
    organisation._expand_cache = expanded  # type: ignore[attr-defined]
    return expanded


def contact_list(*, search: str = "", purpose: str = "") -> QuerySet[Organisation]:
    """Return organisations with contact data, each with its contacts and their opening hours prefetched, and a
    hospital's active departments (``departments``) with their kind. Asked for the out-of-hours nursing
    numbers, every municipality, also those whose number is not known."""
    contacts = Contact.objects.prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    )
    if purpose:
        contacts = contacts.filter(purpose=purpose)
    organisations = Organisation.objects.filter(contacts__isnull=False).search(search)
    if purpose == Contact.Purpose.OUT_OF_HOURS:
        # every municipality, with its number or with none known ("ikke oplyst" on the page)
        organisations = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).search(search)
    elif purpose:
        organisations = organisations.filter(contacts__purpose=purpose)
    return (
        organisations.distinct()
        .select_related("cluster", "parent")
        .prefetch_related(
            Prefetch("contacts", queryset=contacts),
            Prefetch(
                "children",
                queryset=Organisation.objects.filter(
                    kind=Organisation.Kind.DEPARTMENT, is_active=True
                ).order_by("name"),
                to_attr="departments",
            ),
        )
        .order_by("kind", "name")
    )


def contact_is_open(*, contact: Contact, at: datetime) -> bool:
    """Return whether the contact's phone is open at the given moment (local Danish time)."""
    local = to_local(at)
    return any(hours.covers(local.weekday(), local.time()) for hours in contact.opening_hours.all())


def organisation_list(*, kinds: Sequence[str] = ()) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("parent", "cluster")
    return organisations.of_kind(*kinds) if kinds else organisations.all()
