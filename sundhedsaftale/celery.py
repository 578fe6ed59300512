"""The Celery app and its one beat schedule."""

import os

from celery import Celery

from sundhedsaftale.areas import BeatSchedule

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

app = Celery("sundhedsaftale")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["sundhedsaftale.ops", "sundhedsaftale.deadlines"])

# The one beat schedule (django-celery-beat does not support Django 6.1, so it lives in code): the kernel's
# entries, then each area's (``beat_schedule`` on its AppConfig), merged when beat first reads it.
app.conf.beat_schedule = BeatSchedule(
    {"beat-tick": {"task": "sundhedsaftale.ops.tasks.beat_tick", "schedule": 30.0}},
)
