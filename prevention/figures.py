"""Follow-up figures of prevention (issue 15 reads them): referrals per referring hospital, per referring practice
and per receiving municipality with their outcomes, and the indicator the agreement follows — referrals to
municipal smoking cessation (003: "antal henvisninger til kommunale rygestoptilbud").

Plain selectors over the referrals *sent* in ``start..end`` (local days, both included) with optional
organisation filters; each referral counts by its current status (its outcome so far). Counts only: no citizen
leaves these queries, so they take no actor (the steering group reads them)."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, TypedDict

from django.db.models import Count, Q, QuerySet

from prevention.models import Referral
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_datetime

Status = Referral.Status
Kind = Organisation.Kind
#: the outcome columns, in the order of a referral's life
OUTCOMES: tuple[Status, ...] = (
    Status.SENT,
    Status.RECEIVED,
    Status.CONTACTED,
    Status.STARTED,
    Status.COMPLETED,
    Status.DECLINED,
    Status.NO_SHOW,
)
#: the agreement's indicator: a referral to a municipality's offer against smoking
SMOKING_MUNICIPAL = Q(offer__kram_smoking=True, provider__kind=Kind.MUNICIPALITY)


class OrganisationRow(TypedDict):
    """One organisation's referrals: ``total``, ``outcomes`` by status (every status present) and how many went
    to municipal smoking cessation."""

    organisation: Organisation
    total: int
    outcomes: dict[str, int]
    smoking_municipal: int


def referrals_in_period(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    practice: Organisation | None = None,
) -> QuerySet[Referral]:
    """Return the referrals sent in ``start..end`` (local days, both included), of the cluster (a referring
    hospital or a receiving municipality of it), to the municipality, from the hospital (any of its
    departments) and/or from the practice."""
    rows = Referral.objects.filter(
        sent_at__gte=local_datetime(start, time()),
        sent_at__lt=local_datetime(end + timedelta(days=1), time()),
    )
    if cluster is not None:
        rows = rows.filter(
            Q(provider__cluster=cluster) | Q(referrer__cluster=cluster) | Q(referrer__parent__cluster=cluster)
        )
    if municipality is not None:
        rows = rows.filter(provider=municipality)
    if hospital is not None:
        rows = rows.filter(Q(referrer=hospital) | Q(referrer__parent=hospital))
    if practice is not None:
        rows = rows.filter(referrer=practice)
    return rows


def _annotations() -> dict[str, Any]:
    counts: dict[str, Any] = {status.value: Count("pk", filter=Q(status=status)) for status in OUTCOMES}
    return counts | {"total": Count("pk"), "smoking_municipal": Count("pk", filter=SMOKING_MUNICIPAL)}


def _per(rows: QuerySet[Referral], group: str) -> list[OrganisationRow]:
    counted = list(rows.values(group).annotate(**_annotations()))
    names = Organisation.objects.in_bulk([row[group] for row in counted])
    result: list[OrganisationRow] = [
        {
            "organisation": names[row[group]],
            "total": row["total"],
            "outcomes": {status.value: row[status.value] for status in OUTCOMES},
            "smoking_municipal": row["smoking_municipal"],
        }
        for row in counted
    ]
    return sorted(result, key=lambda row: row["organisation"].name)


def referrals_per_hospital(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    practice: Organisation | None = None,
) -> list[OrganisationRow]:
    """Return the referrals sent by each hospital (its departments' referrals counted for the hospital unit),
    by name; hospitals without referrals are left out. The filters are those of ``referrals_in_period``."""
    rows = referrals_in_period(
        start=start, end=end, cluster=cluster, municipality=municipality, hospital=hospital, practice=practice
    ).exclude(referrer__kind=Kind.PRACTICE)
    return _per(rows, "referrer")


def referrals_per_practice(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    practice: Organisation | None = None,
) -> list[OrganisationRow]:
    """Return the referrals sent by each general practice, by name."""
    rows = referrals_in_period(
        start=start, end=end, cluster=cluster, municipality=municipality, hospital=hospital, practice=practice
    ).filter(referrer__kind=Kind.PRACTICE)
    return _per(rows, "referrer")


def referrals_per_municipality(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    practice: Organisation | None = None,
) -> list[OrganisationRow]:
    """Return the referrals each municipality received (to its own offers), by name."""
    rows = referrals_in_period(
        start=start, end=end, cluster=cluster, municipality=municipality, hospital=hospital, practice=practice
    ).filter(provider__kind=Kind.MUNICIPALITY)
    return _per(rows, "provider")


def referral_outcomes(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    practice: Organisation | None = None,
) -> dict[str, int]:
    """Return the referrals sent in the period by their current status (every status present)."""
    counts = referrals_in_period(
        start=start, end=end, cluster=cluster, municipality=municipality, hospital=hospital, practice=practice
    ).aggregate(**{status.value: Count("pk", filter=Q(status=status)) for status in OUTCOMES})
    return {status.value: counts[status.value] for status in OUTCOMES}


def smoking_cessation_referrals(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    practice: Organisation | None = None,
) -> int:
    """Return the agreement's indicator: referrals sent in the period to a municipality's smoking offer."""
    return (
        referrals_in_period(
            start=start,
            end=end,
            cluster=cluster,
            municipality=municipality,
            hospital=hospital,
            practice=practice,
        )
        .filter(SMOKING_MUNICIPAL)
        .count()
    )


# --- the follow-up page: a month, quarter, half-year or year ----------------------------------------------
PERIOD_KINDS = {"year": 12, "half": 6, "quarter": 3, "month": 1}
PERIOD_LABELS = {"year": "År", "half": "Halvår", "quarter": "Kvartal", "month": "Måned"}


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int
    start: date
    last: date  # the period's last day

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "month":
            return f"{self.start:%m}.{self.year}"
        name = {"half": "halvår", "quarter": "kvartal"}[self.kind]
        return f"{self.number}. {name} {self.year}"


def period_of(*, kind: str, year: int, number: int = 1) -> Period:
    """The ``number``-th period of its kind in ``year`` (a year has 1, halves 2, quarters 4, months 12);
    out-of-range values are brought inside (year 2000–2100)."""
    kind = kind if kind in PERIOD_KINDS else "year"
    months = PERIOD_KINDS[kind]
    year = min(max(year, 2000), 2100)
    number = min(max(number, 1), 12 // months)
    first_month = (number - 1) * months + 1
    start = date(year, first_month, 1)
    end_month = first_month + months
    after = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return Period(kind, year, number, start, after - timedelta(days=1))


def period_from(params: Any, *, today: date) -> Period:
    """The page's period from its query string (``periode``, ``aar``, ``nr``); this year by default."""

    def number(name: str, default: int) -> int:
        value = str(params.get(name) or "")
        return int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else default

    kind = str(params.get("periode") or "year")
    return period_of(kind=kind, year=number("aar", today.year), number=number("nr", 1))


def previous_periods(period: Period, count: int = 4) -> list[Period]:
    """The periods before ``period`` of the same kind (for the links of the figures page)."""
    result = []
    current = period
    for _ in range(count):
        before = current.start - timedelta(days=1)
        months = PERIOD_KINDS[current.kind]
        current = period_of(kind=current.kind, year=before.year, number=(before.month - 1) // months + 1)
        result.append(current)
    return result


def referral_figures(*, period: Period) -> dict[str, Any]:
    """Everything the follow-up page shows for ``period``, region-wide."""
    start, end = period.start, period.last
    return {
        "period": period,
        "hospitals": referrals_per_hospital(start=start, end=end),
        "practices": referrals_per_practice(start=start, end=end),
        "municipalities": referrals_per_municipality(start=start, end=end),
        "total": sum(referral_outcomes(start=start, end=end).values()),
        "smoking_municipal": smoking_cessation_referrals(start=start, end=end),
        "outcomes": [(status.value, status.label) for status in OUTCOMES],
    }
