"""Thin Celery tasks: keep the key-figure cells current, create the twice-yearly reports, render reports."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from clusters.models import KeyFigureReport
from sundhedsaftale.ops.enqueue import enqueue_now
from sundhedsaftale.workdays import local_date

# A report renders in seconds; one still waiting after this lost its message (broker down, worker killed).
REPORT_PENDING_GRACE = timedelta(minutes=10)


@shared_task(ignore_result=True)
def refresh_keyfigures() -> int:
    """Recompute the key-figure months changed since the last run."""
    from clusters.keyfigures.refresh import keyfigures_refresh

    return keyfigures_refresh()


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_report(report_id: int) -> None:
    from clusters.services import report_render

    report_render(report_id=report_id)


@shared_task(ignore_result=True)
def semiannual_reports() -> int:
    """Daily: from 1 April and 1 October, create the half-year's reports that do not exist yet, and (re)enqueue
    every report still waiting past the grace period. Returns how many were enqueued."""
    from clusters.services import reports_semiannual_create

    reports_semiannual_create(today=local_date(timezone.now()))
    waiting = KeyFigureReport.objects.filter(
        state__in=[KeyFigureReport.State.PENDING, KeyFigureReport.State.RENDERING],
        created_at__lte=timezone.now() - REPORT_PENDING_GRACE,
    ) | KeyFigureReport.objects.filter(
        state=KeyFigureReport.State.PENDING, origin=KeyFigureReport.Origin.SEMIANNUAL
    )
    ids = list(waiting.values_list("pk", flat=True)[:200])
    return sum(enqueue_now(render_report, pk) for pk in ids)
