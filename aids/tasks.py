"""Thin Celery tasks of the aids area."""

from celery import shared_task

from aids.services import missing_aid_alerts_raise


@shared_task(name="aids.tasks.alert_missing_at_discharge")
def alert_missing_at_discharge() -> int:
    """Raise the alerts for aids missing at discharge (safe to run twice: one alert per need and party)."""
    return missing_aid_alerts_raise()
