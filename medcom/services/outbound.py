"""Messages out: a course's events as HospitalNotification Bundles and a thread's messages as CareCommunication
Bundles, queued for delivery to the receiving organisation (at least once, the message id as idempotency key)."""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course, Message, Thread
from medcom.fhir.build import (
    NotificationFacts,
    Segment,
    care_communication_build,
    hospital_notification_build,
    stable_id,
)
from medcom.fhir.bundle import Party
from medcom.models import DeliveryEndpoint, InboundMessage, OutboundMessage
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation

DELIVERY_TIMEOUT = 10  # seconds: an EOJ endpoint that does not answer is tried again later


class DeliveryFailed(Exception):
    """The receiver did not take the message (network error or a non-2xx answer); the task retries."""


def messaging_party(organisation: Organisation | None) -> Party:
    """The organisation as a MedCom party: by its SOR code, or (a municipality without one) the first of its
    units that has one. Raises ``DomainError`` (409) when there is none: MedCom addresses by SOR only."""
    candidate = organisation
    if organisation is not None and not organisation.sor_code:
        candidate = (
            Organisation.objects.filter(parent=organisation, kind=Organisation.Kind.MUNICIPAL_UNIT)
            .exclude(sor_code="")
            .order_by("pk")
            .first()
        )
    if candidate is None or not candidate.sor_code:
        raise DomainError(
            _(
                "%(organisation)s har ingen SOR-kode; der kan ikke bygges en MedCom-meddelelse til eller fra den."
            )
            % {"organisation": organisation or "?"},
            code="no_sor_code",
            status_code=409,
        )
    return Party(sor=candidate.sor_code, gln=candidate.gln, name=candidate.name)


def _party_org(party: Party) -> Organisation:
    return Organisation.objects.get(sor_code=party.sor)


def course_notification_facts(*, course: Course) -> list[NotificationFacts]:
    """The HospitalNotifications that tell the course's story, oldest first, each following the one before:
    admission, every leave's start and end, and the discharge, the death or the cancellation."""
    episode = course.episode_of_care_id or f"urn:uuid:{stable_id('episode', course.pk)}"
    klass = "IMP"
    base = NotificationFacts(
        message_id="",
        activity="admit-inpatient",
        status="in-progress",
        encounter_class=klass,
        episode_of_care_id=episode,
        started_at=course.admitted_at,
        ended_at=None,
        leave_started_at=None,
        leave_ended_at=None,
        deceased=False,
        occurred_at=course.admitted_at,
    )
    story = [replace(base, message_id=stable_id("hn", course.pk, "STIN"))]

    def follow(**changes: object) -> None:
        story.append(replace(base, previous_id=story[-1].message_id, **changes))  # type: ignore[arg-type]

    for n, leave in enumerate(course.leaves.order_by("started_at")):
        follow(
            message_id=stable_id("hn", course.pk, "STOR", n),
            activity="start-leave-inpatient",
            status="onleave",
            leave_started_at=leave.started_at,
            occurred_at=leave.started_at,
        )
        if leave.ended_at is not None and not (
            course.discharged_at == leave.ended_at or course.citizen.deceased_at == leave.ended_at
        ):
            follow(
                message_id=stable_id("hn", course.pk, "SLOR", n),
                activity="end-leave-inpatient",
                leave_started_at=leave.started_at,
                leave_ended_at=leave.ended_at,
                occurred_at=leave.ended_at,
            )
    last = story[-1]
    if course.state == Course.State.DISCHARGED and course.discharged_at is not None:
        follow(
            message_id=stable_id("hn", course.pk, "SLHJ"),
            activity="discharge-inpatient-home",
            status="finished",
            ended_at=course.discharged_at,
            occurred_at=course.discharged_at,
        )
    elif course.state == Course.State.DECEASED:
        died_at = course.citizen.deceased_at or course.discharged_at or timezone.now()
        follow(
            message_id=stable_id("hn", course.pk, "MORS"),
            activity=last.activity,  # a death keeps the current activity (IG 3.x)
            status="finished",
            ended_at=died_at,
            deceased=True,
            leave_started_at=last.leave_started_at,
            leave_ended_at=last.leave_ended_at,
            occurred_at=died_at,
        )
    elif course.state == Course.State.CANCELLED:
        follow(
            message_id=stable_id("hn", course.pk, "AN_STIN"),
            activity="cancel-admit-inpatient",
            status="entered-in-error",
            occurred_at=course.stays.order_by("-started_at").values_list("ended_at", flat=True).first()
            or timezone.now(),
        )
    return story


def course_notification_bundles(*, course: Course) -> list[dict[str, object]]:
    """The course's HospitalNotification Bundles (JSON), from its department to the citizen's municipality."""
    sender = messaging_party(course.department)
    receiver = messaging_party(course.citizen.municipality)
    return [
        hospital_notification_build(
            facts=facts, sender=sender, receiver=receiver, cpr=course.citizen.cpr, name=course.citizen.name
        )
        for facts in course_notification_facts(course=course)
    ]


def _chain(message: Message) -> list[Message]:
    chain = [message]
    while chain[-1].previous_id is not None and len(chain) < 50:
        chain.append(chain[-1].previous)  # type: ignore[arg-type]
    return list(reversed(chain))


def message_bundle(*, message: Message) -> dict[str, object]:
    """A message of the product's correspondence as a CareCommunication Bundle: its text signed by its author,
    the earlier messages it answers as history, its attachments and the link to the message before it."""
    thread: Thread = message.thread
    segments = [
        Segment(text=m.body, written_at=m.sent_at, author=m.author_name, phone=m.author_phone)
        for m in _chain(message)
    ]
    attachments = []
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as handle:
            attachments.append((attachment.filename, attachment.content_type, handle.read()))
    return care_communication_build(
        message_id=stable_id("cc", message.pk),
        activity=message.activity,
        category=thread.category,
        topic=thread.topic,
        segments=segments,
        attachments=attachments,
        sender=messaging_party(message.sender),
        receiver=messaging_party(message.recipient),
        cpr=message.course.citizen.cpr,
        name=message.course.citizen.name,
        previous_id=stable_id("cc", message.previous_id) if message.previous_id else "",
    )


def _queue(
    *, kind: str, bundle: dict[str, object], event: str, source: str, receiver: Organisation, **links: object
) -> OutboundMessage | None:
    from medcom.tasks import outbound_deliver
    from sundhedsaftale.ops.enqueue import enqueue_on_commit

    message_id = str(bundle["entry"][0]["resource"]["id"])  # type: ignore[index]
    existing = OutboundMessage.objects.filter(message_id=message_id).first()
    if existing is not None:
        return None
    try:
        with transaction.atomic():
            row = OutboundMessage.objects.create(
                kind=kind,
                message_id=message_id,
                event=event[:24],
                receiver=receiver,
                source=source[:80],
                bundle=bundle,
                **links,
            )
    except IntegrityError:  # queued by a concurrent run
        return None
    enqueue_on_commit(outbound_deliver, row.pk)
    return row


def _from_medcom(course: Course) -> bool:
    """A course that came in as HospitalNotifications is the hospital's own story: it is not sent back."""
    return InboundMessage.objects.filter(
        course=course, kind=InboundMessage.Kind.HOSPITAL_NOTIFICATION, duplicate_of__isnull=True
    ).exists()


@transaction.atomic
def course_notifications_queue(*, course: Course) -> list[OutboundMessage]:
    """Queue the course's HospitalNotifications not queued before, to the citizen's municipality (by its SOR
    code). Returns the new ones; none for a course that came in by MedCom or whose parties lack SOR codes."""
    if _from_medcom(course):
        return []
    try:
        bundles = course_notification_bundles(course=course)
    except DomainError:
        return []
    facts = course_notification_facts(course=course)
    queued = []
    receiver = _party_org(messaging_party(course.citizen.municipality))
    for fact, bundle in zip(facts, bundles, strict=True):
        row = _queue(
            kind=OutboundMessage.Kind.HOSPITAL_NOTIFICATION,
            bundle=bundle,
            event=fact.activity,
            source=f"hn:{fact.message_id}",
            receiver=receiver,
            citizen=course.citizen,
            course=course,
        )
        if row is not None:
            queued.append(row)
    return queued


@transaction.atomic
def message_queue(*, message: Message) -> OutboundMessage | None:
    """Queue a message written in the product as a CareCommunication to its recipient (once)."""
    try:
        bundle = message_bundle(message=message)
    except DomainError:
        return None
    receiver = _party_org(messaging_party(message.recipient))
    row = _queue(
        kind=OutboundMessage.Kind.CARE_COMMUNICATION,
        bundle=bundle,
        event=message.activity,
        source=f"cc:{message.pk}",
        receiver=receiver,
        citizen=message.course.citizen,
        course=message.course,
        course_message=message,
    )
    return row


def _endpoint(receiver: Organisation) -> DeliveryEndpoint | None:
    ids = [receiver.pk, *([receiver.parent_id] if receiver.parent_id else [])]
    endpoints = {
        e.organisation_id: e for e in DeliveryEndpoint.objects.filter(organisation_id__in=ids, is_active=True)
    }
    return next((endpoints[i] for i in ids if i in endpoints), None)


def outbound_deliver_once(*, outbound_id: int) -> OutboundMessage:
    """Deliver the message if not done yet: POST it to the receiver's endpoint (``Idempotency-Key``: the message
    id), or keep it in the outbound log when the receiver has none (the embedded default). Raises
    ``DeliveryFailed`` for the task to retry."""
    with transaction.atomic():
        row = OutboundMessage.objects.select_for_update().select_related("receiver").get(pk=outbound_id)
        if row.state in (OutboundMessage.State.DELIVERED, OutboundMessage.State.STORED):
            return row
        endpoint = _endpoint(row.receiver)
        row.attempts += 1
        if endpoint is None:
            row.state, row.delivered_at, row.endpoint = OutboundMessage.State.STORED, timezone.now(), ""
            row.save(update_fields=["state", "delivered_at", "endpoint", "attempts"])
            return row
        row.endpoint = endpoint.url
        row.save(update_fields=["attempts", "endpoint"])
    if urllib.parse.urlsplit(endpoint.url).scheme not in {"http", "https"}:  # a URLField also takes ftp
        OutboundMessage.objects.filter(pk=row.pk).update(last_error="not an http(s) address")
        raise DeliveryFailed(f"not an http(s) address: {endpoint.url}")
    request = urllib.request.Request(
        endpoint.url,
        data=json.dumps(row.bundle).encode(),
        method="POST",
        headers={
            "Content-Type": "application/fhir+json",
            "Idempotency-Key": row.message_id,
            **({"Authorization": endpoint.authorization} if endpoint.authorization else {}),
        },
    )
    try:
        # bandit B310: the scheme is http(s), checked above
        with urllib.request.urlopen(request, timeout=DELIVERY_TIMEOUT) as response:  # nosec B310
            status = response.status
    except (urllib.error.URLError, OSError, ValueError) as error:
        OutboundMessage.objects.filter(pk=row.pk).update(last_error=str(error)[:2000])
        raise DeliveryFailed(str(error)) from error
    if not 200 <= status < 300:
        OutboundMessage.objects.filter(pk=row.pk).update(last_error=f"HTTP {status}")
        raise DeliveryFailed(f"HTTP {status}")
    OutboundMessage.objects.filter(pk=row.pk).update(
        state=OutboundMessage.State.DELIVERED, delivered_at=timezone.now(), last_error=""
    )
    row.refresh_from_db()
    return row
