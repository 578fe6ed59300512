"""Who may do what in prevention: plain predicates over the actor, raising ``DomainError``."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import Actor, actor_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role

Kind = Organisation.Kind
#: who provides offers: municipalities, hospitals (a unit or a department) and general practice (agreement 5)
PROVIDER_KINDS = frozenset({Kind.MUNICIPALITY, Kind.HOSPITAL, Kind.DEPARTMENT, Kind.PRACTICE})
#: who screens and refers: the hospitals and general practice
REFERRER_KINDS = frozenset({Kind.HOSPITAL, Kind.DEPARTMENT, Kind.PRACTICE})
REFERRER_ROLES = frozenset({Role.WARD_STAFF, Role.GP, Role.INTEGRATION})


def acting(*, user: User, organisation: Organisation | None = None) -> Actor:
    """The actor of ``user`` for ``organisation`` (the membership the request acts in), else its first."""
    return actor_for(user=user, organisation=organisation)


def may_maintain_offer(*, actor: Actor, provider: Organisation) -> bool:
    """The providing organisation maintains its offers; the regional secretariat (Regionalt
    Sundhedssamarbejde, which keeps the shared list up to date, krav 2.2) maintains every offer."""
    if actor.is_regional_admin:
        return True
    return actor.reads_personal_data and actor.acts_for(provider.pk)


def require_maintainer(*, actor: Actor, provider: Organisation) -> None:
    if not may_maintain_offer(actor=actor, provider=provider):
        raise DomainError(
            _("Kun %(provider)s kan vedligeholde sine tilbud.") % {"provider": provider},
            code="not_provider",
            status_code=403,
        )


def may_refer(actor: Actor) -> bool:
    organisation = actor.acting_organisation
    return (
        organisation is not None
        and organisation.kind in REFERRER_KINDS
        and actor.role in REFERRER_ROLES
        and actor.reads_personal_data
    )


def referrer_of(actor: Actor) -> Organisation:
    """The organisation that screens or refers for the actor: its hospital unit or practice (403 otherwise)."""
    organisation = actor.acting_organisation
    if organisation is None or not may_refer(actor):
        raise DomainError(
            _("Kun hospitaler og praktiserende læger screener og henviser til forebyggelsestilbud."),
            code="not_referrer",
            status_code=403,
        )
    return organisation.hospital or organisation


def require_receiver(*, actor: Actor, provider: Organisation) -> None:
    if not (actor.reads_personal_data and actor.acts_for(provider.pk)):
        raise DomainError(
            _("Kun modtageren (%(provider)s) kan ændre henvisningens status.") % {"provider": provider},
            code="not_receiver",
            status_code=403,
        )
