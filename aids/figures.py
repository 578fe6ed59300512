"""Figures of the aids area for the clusters (agreement 2.5: follow-up on delivery times and the aids'
function): numbers only, no citizen. The cluster area reads them through these functions: each takes the period
(``start``..``end``, local dates, both included) and optionally a ``cluster``, a ``municipality`` (the citizen's)
or a ``hospital`` (the hospital unit of the course)."""

from datetime import date, datetime, timedelta
from statistics import quantiles
from typing import TypedDict

from django.db.models import Count, F, Q

from aids.models import AidNeed, Dispute, MissingAidAlert
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import TZ


class DeliveryTimes(TypedDict):
    count: int
    median_days: float | None
    p90_days: float | None


class ReadyShare(TypedDict):
    discharged: int
    ready: int
    percent: int | None


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    first = datetime(start.year, start.month, start.day, tzinfo=TZ)
    after = datetime(end.year, end.month, end.day, tzinfo=TZ) + timedelta(days=1)
    return first, after


def _in_cluster(
    cluster: Organisation | None,
    path: str = "",
    *,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> Q:
    """The needs of the cluster's municipalities, of one municipality, or of one hospital unit's courses."""
    condition = Q()
    if cluster is not None:
        condition &= Q(**{f"{path}municipality__cluster": cluster})
    if municipality is not None:
        condition &= Q(**{f"{path}municipality": municipality})
    if hospital is not None:
        condition &= Q(**{f"{path}course__hospital": hospital})
    return condition


def delivery_times(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> DeliveryTimes:
    """Days from registering the need to its delivery, for needs delivered in ``start..end``: the count, the
    median and the 90th percentile (inclusive method; None without deliveries)."""
    first, after = _bounds(start, end)
    rows = AidNeed.objects.filter(
        _in_cluster(cluster, municipality=municipality, hospital=hospital),
        state=AidNeed.State.DELIVERED,
        delivered_at__gte=first,
        delivered_at__lt=after,
    ).annotate(took=F("delivered_at") - F("created_at"))
    days = sorted(max(0.0, row.total_seconds() / 86400) for row in rows.values_list("took", flat=True))
    if not days:
        return {"count": 0, "median_days": None, "p90_days": None}
    if len(days) == 1:
        return {"count": 1, "median_days": round(days[0], 1), "p90_days": round(days[0], 1)}
    deciles = quantiles(days, n=10, method="inclusive")
    middle = quantiles(days, n=2, method="inclusive")[0]
    return {"count": len(days), "median_days": round(middle, 1), "p90_days": round(deciles[8], 1)}


def ready_at_discharge_share(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> ReadyShare:
    """Of the courses discharged in ``start..end`` with an aid needed by the discharge, how many had every aid
    there (no missing-aid alert), and the share in whole percent."""
    first, after = _bounds(start, end)
    needs = AidNeed.objects.filter(
        _in_cluster(cluster, municipality=municipality, hospital=hospital),
        course__discharged_at__gte=first,
        course__discharged_at__lt=after,
        needed_from__lte=F("course__discharged_at__date"),
    ).exclude(state=AidNeed.State.CANCELLED)
    courses = set(needs.values_list("course_id", flat=True))
    missing = set(
        MissingAidAlert.objects.filter(need__course_id__in=courses).values_list("need__course_id", flat=True)
    )
    total, ready = len(courses), len(courses - missing)
    return {"discharged": total, "ready": ready, "percent": round(100 * ready / total) if total else None}


def disputes_by_outcome(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> dict[str, int]:
    """Disputes opened in ``start..end`` by outcome ("open" for those not yet decided), every key present."""
    first, after = _bounds(start, end)
    rows = Dispute.objects.filter(
        _in_cluster(cluster, "need__", municipality=municipality, hospital=hospital),
        opened_at__gte=first,
        opened_at__lt=after,
    )
    counts = rows.aggregate(
        open=Count("pk", filter=Q(state=Dispute.State.OPEN)),
        hospital=Count("pk", filter=Q(state=Dispute.State.DECIDED, outcome="hospital")),
        municipality=Count("pk", filter=Q(state=Dispute.State.DECIDED, outcome="municipality")),
        citizen=Count("pk", filter=Q(state=Dispute.State.DECIDED, outcome="citizen")),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def missing_at_discharge_count(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> int:
    """How many needs were missing at a discharge in ``start..end`` (each counted once, not per party)."""
    first, after = _bounds(start, end)
    return (
        MissingAidAlert.objects.filter(
            _in_cluster(cluster, "need__", municipality=municipality, hospital=hospital),
            discharged_at__gte=first,
            discharged_at__lt=after,
        )
        .values("need_id")
        .distinct()
        .count()
    )
