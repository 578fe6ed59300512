"""The Celery app and its one beat schedule."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

app = Celery("sundhedsaftale")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["sundhedsaftale.ops", "sundhedsaftale.deadlines"])

# The one beat schedule (django-celery-beat does not support Django 6.1, so it lives in code).
app.conf.beat_schedule = {
    "beat-tick": {"task": "sundhedsaftale.ops.tasks.beat_tick", "schedule": 30.0},
    # A 30-second scan raises every alert within 60 s of its due time, tick time included (bench/README.md).
    "scan-deadlines": {"task": "sundhedsaftale.deadlines.tasks.scan_deadlines", "schedule": 30.0},
    # Rehab pulls moved planned discharge dates into rehab.plan_by_discharge (few unsent plans; every 5 min).
    "rehab-sync-plan-deadlines": {"task": "rehab.tasks.sync_plan_deadlines", "schedule": 300.0},
    # A plan PDF whose message was lost (the broker was down at finalise) is enqueued again after 5 minutes.
    "rehab-render-pending-pdfs": {"task": "rehab.tasks.render_pending_plan_pdfs", "schedule": 120.0},
}
