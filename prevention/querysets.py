"""Visibility of prevention records.

Offers name no citizen and are public: everyone, logged in or not, reads the catalogue. Screenings are a
citizen's data (the kernel's one rule). A referral is between the referring organisation and the offer's provider:
visible when its citizen is, and only to those two parties (foreign referrals answer 404)."""

from datetime import date
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from admissions.querysets import PartyQuerySet
from sundhedsaftale.citizens.querysets import CitizenDataQuerySet

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


class OfferQuerySet(models.QuerySet):
    def visible_to(self, actor: "Actor") -> Self:
        """The catalogue is public (agreement 5, krav 2.2: the offers made accessible to citizens too)."""
        return self

    def active(self, on: date) -> Self:
        return self.filter(Q(active_until__isnull=True) | Q(active_until__gte=on), active_from__lte=on)

    def search(self, text: str) -> Self:
        """Offers whose title, target group, content or provider name holds every word of ``text``."""
        condition = Q()
        for word in text.split()[:10]:
            condition &= (
                Q(title__icontains=word)
                | Q(target_group__icontains=word)
                | Q(content__icontains=word)
                | Q(provider__name__icontains=word)
                | Q(provider__parent__name__icontains=word)
            )
        return self.filter(condition)

    def with_kram(self, factors: list[str]) -> Self:
        from prevention.models.offers import KRAM_FIELDS

        condition = Q()
        for factor in factors:
            condition |= Q(**{KRAM_FIELDS[factor]: True})
        return self.filter(condition) if factors else self

    def of_municipality(self, code: str) -> Self:
        return self.filter(provider__kind="municipality", provider__code=code)

    def in_cluster(self, cluster_id: int) -> Self:
        """The offers of a cluster's municipalities and hospital (a department through its hospital unit)."""
        return self.filter(Q(provider__cluster_id=cluster_id) | Q(provider__parent__cluster_id=cluster_id))


class ScreeningQuerySet(CitizenDataQuerySet):
    """A screening belongs to its citizen: visible when the citizen is."""


class ReferralQuerySet(PartyQuerySet):
    """Between the referring organisation and the offer's provider."""

    citizen_path = "citizen"
    parties: tuple[str, ...] = ("referrer", "provider")

    def open(self) -> Self:
        return self.filter(closed_at__isnull=True)


class ReferralEventQuerySet(PartyQuerySet):
    citizen_path = "referral__citizen"
    parties: tuple[str, ...] = ("referral__referrer", "referral__provider")
