"""Thin Celery tasks: deliver a queued message (at least once, retried with back-off), and pull the product's
own course events and correspondence into outbound MedCom messages (the beat scan: medcom pulls, nothing
lower down pushes)."""

from celery import shared_task
from django.core.cache import cache

from medcom.services.outbound import DeliveryFailed

# A scan handles this many new course events or messages per run (a ward's day is a few hundred region-wide);
# a full batch re-enqueues itself for the rest.
SCAN_BATCH = 500
CURSOR_KEY = "medcom:outbound:cursor:{}"
# Without a cursor (cache emptied) the scan looks this far back; building is idempotent on the message id.
RESCAN_WINDOW = 5000


@shared_task(
    bind=True, autoretry_for=(DeliveryFailed,), retry_backoff=30, retry_backoff_max=3600, max_retries=10
)
def outbound_deliver(self, outbound_id: int) -> str:
    """Deliver one outbound message (``outbound_deliver_once``); after the last retry it is marked failed."""
    from medcom.models import OutboundMessage
    from medcom.services.outbound import outbound_deliver_once

    try:
        return outbound_deliver_once(outbound_id=outbound_id).state
    except DeliveryFailed:
        if self.request.retries >= (self.max_retries or 0):
            OutboundMessage.objects.filter(pk=outbound_id).update(state=OutboundMessage.State.FAILED)
        raise


def _cursor(name: str, latest: int) -> int:
    """Where the last scan stopped; without a cursor, or one past the newest row (a database restored from an
    older copy), a window back from the newest row."""
    value = cache.get(CURSOR_KEY.format(name))
    if value is None or int(value) > latest:
        return max(0, latest - RESCAN_WINDOW)
    return int(value)


@shared_task
def outbound_scan() -> int:
    """Queue the HospitalNotifications of courses with new events and the CareCommunications of messages
    written in the product since the last scan; return how many were queued."""
    from django.db.models import Max

    from admissions.models import CourseEvent, Message
    from medcom.models import InboundMessage
    from medcom.services.outbound import course_notifications_queue, message_queue
    from sundhedsaftale.ops.enqueue import enqueue_now

    queued = 0
    latest = CourseEvent.objects.aggregate(top=Max("pk"))["top"] or 0
    after = _cursor("events", latest)
    events = list(
        CourseEvent.objects.filter(pk__gt=after).order_by("pk").values_list("pk", "course_id")[:SCAN_BATCH]
    )
    from admissions.models import Course

    for course in Course.objects.filter(pk__in={c for _pk, c in events}).select_related(
        "citizen__municipality", "department"
    ):
        queued += len(course_notifications_queue(course=course))
    if events:
        cache.set(CURSOR_KEY.format("events"), events[-1][0], None)
    latest = Message.objects.aggregate(top=Max("pk"))["top"] or 0
    after = _cursor("messages", latest)
    received = InboundMessage.objects.filter(course_message__isnull=False).values("course_message_id")
    messages = list(Message.objects.filter(pk__gt=after).exclude(pk__in=received).order_by("pk")[:SCAN_BATCH])
    for message in messages:
        queued += message_queue(message=message) is not None
    if messages:
        cache.set(CURSOR_KEY.format("messages"), messages[-1].pk, None)
    if len(events) == SCAN_BATCH or len(messages) == SCAN_BATCH:
        enqueue_now(outbound_scan)
    return queued
