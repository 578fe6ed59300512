"""Figures for the dashboard panels: numbers only, no citizen leaves these queries (the steering group
reads them without ``visible_to``)."""

from datetime import date, datetime, timedelta
from typing import TypedDict

from django.db.models import Count, Q

from discharge.models import (
    DischargeNotification,
    FinishedTreatment,
)
from discharge.selectors.course import finished_bed_days, finished_bed_days_by_municipality, local_midnight
from discharge.selectors.lists import expected_discharges, letters_for_practice, ward_board
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation


class WardCounts(TypedDict):
    planned_soon: int
    missing_plan: int
    missing_notification: int
    sudden_changes: int
    finished: int
    finished_bed_days: int


def ward_discharge_counts(
    *, actor: Actor, organisation: Organisation, today: date, now: datetime
) -> WardCounts:
    """Return the ward's discharge figures: plans for today or tomorrow, citizens without plan or notification,
    unacknowledged sudden changes, færdigbehandlede citizens and their sengedage so far."""
    rows = ward_board(actor=actor, organisation=organisation, today=today, now=now)
    by_course = {row.course.pk: row.course for row in rows}
    finished = list(FinishedTreatment.objects.visible_to(actor).filter(course_id__in=by_course))
    return {
        "planned_soon": sum(
            1 for row in rows if row.plan is not None and row.plan.planned_date <= today + timedelta(days=1)
        ),
        "missing_plan": sum(1 for row in rows if row.plan is None),
        "missing_notification": sum(1 for row in rows if row.plan is not None and not row.notified),
        "sudden_changes": sum(len(row.open_changes) for row in rows),
        "finished": len(finished),
        "finished_bed_days": sum(
            finished_bed_days(finished=f, course=by_course[f.course_id], today=today) for f in finished
        ),
    }


def expected_discharges_per_day(
    *, actor: Actor, municipality: Organisation, start: date, days: int
) -> dict[date, int]:
    """Return how many of the municipality's citizens are expected to be discharged on each of the ``days``
    days from ``start`` (every day present, zero included)."""
    per_day = dict(
        expected_discharges(actor=actor, municipality=municipality, start=start, days=days - 1)
        .prefetch_related(None)
        .order_by()
        .values("planned_date")
        .annotate(n=Count("pk"))
        .values_list("planned_date", "n")
    )
    return {start + timedelta(days=i): per_day.get(start + timedelta(days=i), 0) for i in range(days)}


def finished_waiting_count(*, actor: Actor, municipality: Organisation) -> int:
    """Return how many of the municipality's færdigbehandlede citizens are still admitted."""
    return (
        FinishedTreatment.objects.visible_to(actor)
        .filter(municipality=municipality, course__discharged_at__isnull=True)
        .count()
    )


class LetterCounts(TypedDict):
    unread: int
    week: int


def letter_counts_for_practice(*, actor: Actor, practice: Organisation, since: datetime) -> LetterCounts:
    """Return the practice's unread epikriser and those received since ``since``."""
    counts = letters_for_practice(actor=actor, practice=practice).aggregate(
        unread=Count("pk", filter=Q(read_at__isnull=True)), week=Count("pk", filter=Q(sent_at__gte=since))
    )
    return {"unread": counts["unread"], "week": counts["week"]}


class OnTimeShare(TypedDict):
    total: int
    on_time: int
    percent: int | None


def notification_on_time_share(*, cluster: Organisation, start: date, end: date) -> OnTimeShare:
    """Return how many notices of expected discharge to the cluster's municipalities were sent in
    ``start..end`` (``total``), how many on time (``on_time``) and the share in whole percent (None without any)."""
    counts = DischargeNotification.objects.filter(
        municipality__cluster=cluster,
        sent_at__gte=local_midnight(start),
        sent_at__lt=local_midnight(end + timedelta(days=1)),
    ).aggregate(total=Count("pk"), on_time=Count("pk", filter=Q(on_time=True)))
    total, on_time = counts["total"], counts["on_time"]
    return {"total": total, "on_time": on_time, "percent": round(100 * on_time / total) if total else None}


def finished_bed_days_for_cluster(
    *, cluster: Organisation, start: date, end: date, today: date
) -> dict[str, int]:
    """Return the færdigbehandlede sengedage in ``start..end`` per municipality of the cluster, by name
    (every municipality present, zero included)."""
    municipalities = list(Organisation.objects.municipalities().filter(cluster=cluster).order_by("name"))
    totals = finished_bed_days_by_municipality(
        start=start, end=end, today=today, municipality_ids=[m.pk for m in municipalities]
    )
    return {m.name: totals.get(m, 0) for m in municipalities}
