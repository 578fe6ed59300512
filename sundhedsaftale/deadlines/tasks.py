from celery import shared_task
from django.utils import timezone

from sundhedsaftale.deadlines.scan import BATCH_SIZE, alerts_notify, scan_due
from sundhedsaftale.ops.enqueue import enqueue_now


@shared_task(ignore_result=True, acks_late=True)
def scan_deadlines() -> None:
    """One beat tick of the deadline scan; re-enqueues itself while a backlog remains."""
    result = scan_due(now=timezone.now())
    if result.more(BATCH_SIZE):
        enqueue_now(scan_deadlines)  # lost when the broker is down: the next beat tick scans again
    enqueue_now(notify_alerts)


@shared_task(ignore_result=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_alerts() -> None:
    if alerts_notify(now=timezone.now()) >= BATCH_SIZE:
        enqueue_now(notify_alerts)
