"""What /healthz reports: the database, the broker and the last beat tick."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from sundhedsaftale.ops.models import Heartbeat

BEAT_STALE_AFTER = timedelta(minutes=3)  # the beat ticks every 30 s; three minutes is clearly stuck


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}


def check_broker() -> dict[str, Any]:
    from kombu import Connection

    url = settings.CELERY_BROKER_URL
    transport = url.split(":", 1)[0]
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": transport}
    except Exception as error:
        return {"ok": False, "transport": transport, "error": type(error).__name__}


def check_beat() -> dict[str, Any]:
    heartbeat = Heartbeat.objects.filter(name="beat").first()
    if heartbeat is None:
        return {"ok": False, "last_tick": None}
    age = timezone.now() - heartbeat.at
    return {
        "ok": age < BEAT_STALE_AFTER,
        "last_tick": heartbeat.at.isoformat(),
        "age_seconds": int(age.total_seconds()),
    }


def health_report() -> dict[str, Any]:
    report: dict[str, Any] = {"database": check_database(), "broker": check_broker()}
    report["beat"] = check_beat() if report["database"]["ok"] else {"ok": False, "last_tick": None}
    report["status"] = "ok" if report["database"]["ok"] and report["broker"]["ok"] else "degraded"
    return report
