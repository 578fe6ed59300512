"""Read use-cases of prevention: the catalogue with its filters, a course's screenings and referrals, the
referrals an organisation sent or received."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from admissions.models import Course
from prevention.models import Offer, Referral, Screening
from prevention.models.offers import KRAM_FIELDS
from sundhedsaftale.organisations.actor import Actor


@dataclass(frozen=True)
class OfferFilters:
    """What the catalogue is filtered by; every value is already checked (unknown values are left out)."""

    q: str = ""
    kram: tuple[str, ...] = ()
    programme: str = ""
    education: str = ""
    orientation: str = ""
    municipality: str = ""
    cluster: int | None = None
    include_inactive: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def offer_filters_from(params: Any) -> OfferFilters:
    """Read the filters of a query string leniently: a value the catalogue does not know filters nothing."""

    def one(name: str, allowed: list[str] | None = None, limit: int = 100) -> str:
        value = str(params.get(name) or "").replace("\x00", "").strip()[:limit]
        return value if allowed is None or value in allowed else ""

    kram = (
        tuple(k for k in params.getlist("kram") if k in KRAM_FIELDS)[:4] if hasattr(params, "getlist") else ()
    )
    cluster = one("klynge", limit=12)
    return OfferFilters(
        q=one("q", limit=200),
        kram=kram,
        programme=one("programme", [v for v in Offer.Programme.values if v]),
        education=one("education", [v for v in Offer.Education.values if v]),
        orientation=one("orientation", Offer.Orientation.values),
        municipality=one("municipality", limit=10),
        cluster=int(cluster) if cluster.isascii() and cluster.isdigit() else None,
        include_inactive=one("inaktive") == "1",
    )


def offer_list(*, actor: Actor, filters: OfferFilters, on: date) -> QuerySet[Offer]:
    """The offers matching the filters, active on ``on`` unless inactive ones are asked for too."""
    rows = Offer.objects.visible_to(actor).select_related("provider__parent")
    if not filters.include_inactive:
        rows = rows.active(on)
    if filters.q:
        rows = rows.search(filters.q)
    rows = rows.with_kram(list(filters.kram))
    if filters.programme:
        rows = rows.filter(programme=filters.programme)
    if filters.education:
        rows = rows.filter(education=filters.education)
    if filters.orientation:
        rows = rows.filter(orientation=filters.orientation)
    if filters.municipality:
        rows = rows.of_municipality(filters.municipality)
    if filters.cluster is not None:
        rows = rows.in_cluster(filters.cluster)
    return rows.order_by("title", "pk")


def course_screenings(*, actor: Actor, course: Course) -> QuerySet[Screening]:
    return Screening.objects.visible_to(actor).filter(course=course).select_related("organisation")


def citizen_referrals(*, actor: Actor, citizen_id: int) -> QuerySet[Referral]:
    return (
        Referral.objects.visible_to(actor)
        .filter(citizen_id=citizen_id)
        .select_related("offer", "provider", "referrer")
    )


def referral_list(*, actor: Actor, direction: str = "", status: str = "") -> QuerySet[Referral]:
    """The referrals the actor's organisation sent (``sent``) or received (``received``), or both."""
    rows = Referral.objects.visible_to(actor).select_related(
        "citizen", "offer", "provider__parent", "referrer__parent"
    )
    if direction == "received":
        rows = rows.filter(provider_id__in=actor.party_ids)
    elif direction == "sent":
        rows = rows.filter(referrer_id__in=actor.party_ids)
    if status in Referral.Status.values:
        rows = rows.filter(status=status)
    return rows.order_by("-sent_at", "-pk")


def referral_rows(*, pk: int) -> QuerySet[Referral]:
    """The referral as a one-row queryset for ``read_or_404`` (visible to its two parties only)."""
    return Referral.objects.filter(pk=pk).select_related("citizen", "offer", "provider", "referrer", "course")


def referral_counts(*, actor: Actor) -> dict[str, int]:
    """Counts for the dashboard: new referrals received, open referrals received, open ones sent."""
    rows = Referral.objects.visible_to(actor).open()
    return rows.aggregate(
        new=Count("pk", filter=Q(provider_id__in=actor.party_ids, status=Referral.Status.SENT)),
        received_open=Count("pk", filter=Q(provider_id__in=actor.party_ids)),
        sent_open=Count("pk", filter=Q(referrer_id__in=actor.party_ids)),
    )
