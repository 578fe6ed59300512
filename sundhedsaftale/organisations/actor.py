"""Who is acting: the one answer to "which organisations does this request act for".

Built once per request (``request.actor``, by the middleware for pages and by the API base for token clients)
and passed to every selector and queryset. It follows the *active* membership only: a user with two
memberships reads for the one chosen in the user menu, never for the union (Sundhedsloven § 42 a: access
follows the current care relation of the organisation one works for).
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sundhedsaftale.organisations.roles import ROLES_WITHOUT_PERSONAL_DATA, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from sundhedsaftale.organisations.models import Membership, Organisation

SESSION_KEY = "active_membership_id"


@dataclass(frozen=True)
class Actor:
    """A user acting in one membership.

    ``organisation_ids`` are the organisations it acts for: its organisation and, for a hospital unit, the
    unit's departments (alerts, inboxes, deadlines addressed to them). ``party_ids`` are the organisations
    whose two-party records it reads and whose care relations it shares: for hospital staff the whole hospital
    unit with every department (a citizen moves between departments), otherwise ``organisation_ids``.
    """

    user: "AbstractBaseUser | AnonymousUser | None"
    membership: "Membership | None" = None
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    party_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and bool(self.user.is_authenticated)

    @property
    def acting_user(self) -> "AbstractBaseUser | AnonymousUser | None":
        return self.user

    @property
    def acting_organisation(self) -> "Organisation | None":
        return self.membership.organisation if self.membership is not None else None

    @property
    def role(self) -> str:
        return self.membership.role if self.membership is not None else ""

    @property
    def organisation_kind(self) -> str:
        organisation = self.acting_organisation
        return organisation.kind if organisation is not None else ""

    @property
    def reads_personal_data(self) -> bool:
        """Whether this actor may see citizens at all (steering groups and users without a membership do not)."""
        return self.membership is not None and self.role not in ROLES_WITHOUT_PERSONAL_DATA

    @property
    def is_regional_admin(self) -> bool:
        return self.role == Role.REGIONAL_ADMIN and self.organisation_kind == "region"

    @property
    def is_operator(self) -> bool:
        """A superuser runs the service (admin, health); it reads no citizen without a membership."""
        return bool(getattr(self.user, "is_superuser", False))

    def acts_for(self, organisation_id: int | None) -> bool:
        """Whether the actor acts for the organisation as a party (a hospital unit and its departments as one)."""
        return organisation_id is not None and organisation_id in self.party_ids

    def __str__(self) -> str:
        who = self.user.get_username() if self.user is not None and self.is_authenticated else "anonym"
        return f"{who} ({self.membership})" if self.membership else who


ANONYMOUS = Actor(user=None)


def actor_for(
    *,
    user: "AbstractBaseUser | AnonymousUser | None",
    membership_id: Any = None,
    organisation: "Organisation | None" = None,
) -> Actor:
    """Return the actor of ``user`` in the chosen membership: by id (the user menu's choice), else the one at
    ``organisation`` (a service told which organisation acts), else the user's first."""
    from sundhedsaftale.organisations.selectors import membership_list, organisation_expand

    if user is None or not user.is_authenticated:
        return Actor(user=user)
    memberships = membership_list(user=user)
    organisation_id = organisation.pk if organisation is not None else None
    membership = (
        next((m for m in memberships if m.pk == membership_id), None)
        or next((m for m in memberships if m.organisation_id == organisation_id), None)
        or (memberships[0] if memberships else None)
    )
    if membership is None:
        return Actor(user=user)
    own, unit = organisation_expand(organisation=membership.organisation)
    return Actor(user=user, membership=membership, organisation_ids=own, party_ids=unit)


def actor_of(request: Any) -> Actor:
    """Return the request's actor, building it once (a DRF request authenticates a token client only in the
    view, so the actor is rebuilt when the authenticated user differs from the one it was built for)."""
    django_request = getattr(request, "_request", request)
    user = request.user
    cached: Actor | None = getattr(django_request, "_actor", None)
    if cached is None or cached.user is not user:
        session = getattr(django_request, "session", None)
        chosen = session.get(SESSION_KEY) if session is not None else None
        cached = actor_for(user=user, membership_id=chosen)
        django_request._actor = cached
    return cached
