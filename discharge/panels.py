"""The discharge panel of the dashboard: what the ward must do before discharge, what the municipality must
prepare, the GP's new epikriser, and the cluster's færdigbehandlede sengedage.

Counts only, no names: the dashboard shows nothing that needs the access log. The steering group's figures are
aggregates of the cluster (its role sees no citizen through ``visible_to``; only numbers leave the queries).
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from admissions.panels import WARD_KINDS, report_period
from clusters.models import Organisation
from discharge.models import DischargeNotification, FinishedTreatment
from discharge.selectors import (
    expected_discharges,
    finished_bed_days,
    finished_bed_days_by_municipality,
    letters_for_practice,
    ward_board,
)
from sundhedsaftale.access.roles import Role
from sundhedsaftale.workdays import local_date

WEEKDAYS = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
# The municipality's horizon for expected discharges (the municipal page offers 3, 7 and 14 days).
EXPECTED_DAYS = 7


def _ward(request: HttpRequest, organisation: Organisation, today: date) -> dict[str, Any]:
    rows = ward_board(user=request.user, organisation=organisation, today=today, now=timezone.now())
    finished = FinishedTreatment.objects.visible_to(request.user).filter(
        course_id__in=[row.course.pk for row in rows]
    )
    by_course = {row.course.pk: row.course for row in rows}
    counts = {
        "planned_soon": sum(
            1 for row in rows if row.plan is not None and row.plan.planned_date <= today + timedelta(days=1)
        ),
        "missing_plan": sum(1 for row in rows if "Udskrivningsplan" in row.missing),
        "missing_notification": sum(1 for row in rows if "Varsling til kommunen" in row.missing),
        "sudden_changes": sum(len(row.open_changes) for row in rows),
        "finished": len(finished),
        "finished_bed_days": sum(
            finished_bed_days(finished=f, course=by_course[f.course_id], today=today) for f in finished
        ),
    }
    return {"template": "discharge/_panel_ward.html", "counts": counts}


def expected_chart(*, days: dict[date, int]) -> dict[str, Any]:
    """Return the bar chart (``kernel/_bar_chart.html``) of expected discharges per day."""
    rows = [
        {"label": f"{WEEKDAYS[day.weekday()]} {day:%d.%m.}", "value": count, "tone": "neutral"}
        for day, count in days.items()
    ]
    return {
        "id": "chart-expected-discharges",
        "title": f"Forventede udskrivninger de næste {len(rows)} dage",
        "unit": "borgere",
        "label_heading": "Dag",
        "rows": rows,
        "max": max(days.values(), default=0) or 1,
    }


def _municipality(request: HttpRequest, organisation: Organisation, today: date) -> dict[str, Any]:
    plans = expected_discharges(
        user=request.user, municipality=organisation, start=today, days=EXPECTED_DAYS - 1
    )
    per_day = dict(
        plans.prefetch_related(None)
        .order_by()
        .values("planned_date")
        .annotate(n=Count("pk"))
        .values_list("planned_date", "n")
    )
    days = {
        today + timedelta(days=i): per_day.get(today + timedelta(days=i), 0) for i in range(EXPECTED_DAYS)
    }
    finished = FinishedTreatment.objects.visible_to(request.user).filter(
        municipality=organisation, course__discharged_at__isnull=True
    )
    counts = {
        "next_two_days": days[today] + days[today + timedelta(days=1)],
        "expected": sum(days.values()),
        "finished_waiting": finished.count(),
    }
    return {
        "template": "discharge/_panel_municipality.html",
        "counts": counts,
        "chart": expected_chart(days=days),
        "expected_days": EXPECTED_DAYS,
    }


def _practice(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    counts = letters_for_practice(user=request.user, practice=organisation).aggregate(
        unread=Count("pk", filter=Q(read_at__isnull=True)),
        week=Count("pk", filter=Q(sent_at__gte=timezone.now() - timedelta(days=7))),
    )
    return {"template": "discharge/_panel_gp.html", "counts": counts}


def notification_on_time_share(*, cluster: Organisation, start: date, end: date) -> dict[str, int | None]:
    """Return how many notices of expected discharge to the cluster's municipalities were sent in
    ``start..end`` (``total``), how many on time (``on_time``) and the share in whole percent (None without any)."""
    counts = DischargeNotification.objects.filter(
        municipality__cluster=cluster, sent_at__date__gte=start, sent_at__date__lte=end
    ).aggregate(total=Count("pk"), on_time=Count("pk", filter=Q(on_time=True)))
    total, on_time = counts["total"], counts["on_time"]
    return {"total": total, "on_time": on_time, "percent": round(100 * on_time / total) if total else None}


def bed_days_chart(*, bed_days: dict[str, int]) -> dict[str, Any]:
    """Return the bar chart (``kernel/_bar_chart.html``) of færdigbehandlede sengedage per municipality."""
    rows = [{"label": name, "value": days, "tone": "neutral"} for name, days in bed_days.items()]
    return {
        "id": "chart-finished-bed-days",
        "title": "Færdigbehandlede sengedage pr. kommune",
        "unit": "sengedage",
        "label_heading": "Kommune",
        "rows": rows,
        "max": max(bed_days.values(), default=0) or 1,
    }


def _steering_group(cluster: Organisation, today: date) -> dict[str, Any]:
    start, end = report_period(today=today)
    municipalities = list(Organisation.objects.municipalities().filter(cluster=cluster).order_by("name"))
    totals = finished_bed_days_by_municipality(
        start=start, end=end, today=today, municipality_ids=[m.pk for m in municipalities]
    )
    bed_days = {m.name: totals.get(m, 0) for m in municipalities}
    return {
        "template": "discharge/_panel_cluster.html",
        "start": start,
        "end": end,
        "bed_days_total": sum(bed_days.values()),
        "chart": bed_days_chart(bed_days=bed_days),
        "notifications": notification_on_time_share(cluster=cluster, start=start, end=end),
    }


def panel(request: HttpRequest) -> dict[str, Any] | None:
    """Return the discharge panel for the active membership, or None for roles without one."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    organisation = membership.organisation
    role, kind = membership.role, organisation.kind
    today = local_date(timezone.now())
    if role == Role.WARD_STAFF and kind in WARD_KINDS:
        return _ward(request, organisation, today)
    if role == Role.VISITATION and kind == Organisation.Kind.MUNICIPALITY:
        return _municipality(request, organisation, today)
    if role == Role.GP and kind == Organisation.Kind.PRACTICE:
        return _practice(request, organisation)
    if role == Role.STEERING_GROUP and kind == Organisation.Kind.CLUSTER:
        return _steering_group(organisation, today)
    return None
