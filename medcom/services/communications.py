"""Applying a received CareCommunication: the thread it belongs to is rebuilt from the provenance chain, and when
its sender is a party of the citizen's course the message joins the course's correspondence through admissions'
services (new message, reply, forward, with its attachments)."""

from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from admissions.models import Course, Message, Thread
from admissions.parties import course_party_of
from admissions.services import message_forward, message_reply, message_send
from medcom.fhir.communication import CareCommunication, care_communication_read
from medcom.models import InboundMessage
from medcom.services.inbound import Received, Result, inbound_receive, inbound_reprocess
from medcom.services.parties import organisation_by_sor
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.services import system_user_for

Outcome = InboundMessage.Outcome


def care_communication_receive(*, data: Any, acting_user: User) -> Received:
    """Receive a CareCommunication Bundle (``POST /api/v1/fhir/care-communication``); see ``inbound_receive``."""
    return inbound_receive(
        kind=InboundMessage.Kind.CARE_COMMUNICATION,
        data=data,
        acting_user=acting_user,
        read=care_communication_read,
        apply=care_communication_apply,
    )


def care_communication_reprocess(*, row: InboundMessage) -> InboundMessage:
    return inbound_reprocess(row=row, read=care_communication_read, apply=care_communication_apply)


def _party(organisation: Organisation | None) -> Organisation | None:
    """The party an organisation speaks for on a course: a municipal unit for its municipality."""
    if organisation is not None and organisation.kind == Organisation.Kind.MUNICIPAL_UNIT:
        return organisation.parent
    return organisation


def _previous(message: CareCommunication) -> InboundMessage | None:
    if not message.previous_id:
        return None
    return (
        InboundMessage.objects.filter(
            kind=InboundMessage.Kind.CARE_COMMUNICATION,
            message_id=message.previous_id,
            duplicate_of__isnull=True,
        )
        .exclude(outcome=Outcome.REJECTED)
        .select_related("course_message")
        .order_by("received_at")
        .first()
    )


def care_communication_apply(
    message: CareCommunication, receiver: Organisation, row: InboundMessage
) -> Result:
    """Place the message in its thread and, where the course allows, in the course's correspondence."""
    previous = _previous(message)
    row.thread_key = (
        (previous.thread_key or previous.message_id)
        if previous
        else (message.previous_id or message.message_id)
    )
    row.category, row.topic = message.category[:40], message.topic
    citizen = (
        Citizen.objects.select_related("municipality").filter(cpr=message.cpr).first()
        if message.cpr
        else None
    )
    sender = organisation_by_sor(message.sender.sor)
    result = Result(
        outcome=Outcome.NOTED, detail="", citizen=citizen, sender=sender, occurred_at=message.occurred_at
    )
    if citizen is None:
        result.outcome = Outcome.NO_CASE
        result.detail = (
            _("Borgeren er ukendt; meddelelsen er registreret i tråden.")
            if message.cpr
            else _("Meddelelsen har intet CPR-nummer (erstatningsnummer); den er registreret i tråden.")
        )
        return result
    course = (
        Course.objects.filter(citizen=citizen).open().first()
        or Course.objects.filter(citizen=citizen).order_by("-admitted_at").first()
    )
    result.course = course
    speaker, recipient = _party(sender), _party(receiver)
    if (
        course is None
        or speaker is None
        or recipient is None
        or course_party_of(course=course, organisation=speaker) is None
        or course_party_of(course=course, organisation=recipient) is None
    ):
        result.detail = _("Registreret i tråden; afsender eller modtager er ikke part i borgerens forløb.")
        return result
    try:
        result.message = _post(
            message, course, speaker, recipient, previous.course_message if previous else None
        )
    except DomainError as error:  # e.g. no consent to share: the message stays in the MedCom thread only
        result.detail = _("Registreret i tråden; ikke lagt på forløbet: %(reason)s") % {
            "reason": error.message
        }
        return result
    result.outcome = Outcome.APPLIED
    result.detail = _("Meddelelsen er lagt i forløbets korrespondance.")
    return result


def _post(
    message: CareCommunication,
    course: Course,
    sender: Organisation,
    recipient: Organisation,
    previous: Message | None,
) -> Message:
    newest = message.newest
    user = system_user_for(organisation=sender)
    files = [SimpleUploadedFile(a.filename, a.data, content_type=a.content_type) for a in message.attachments]
    common: dict[str, Any] = {
        "body": newest.text,
        "author_phone": newest.phone or "-",
        "author_name": newest.author or sender.name,
        "acting_user": user,
        "attachments": files,
        "organisation": sender,
    }
    if previous is not None and message.activity == "reply-message" and previous.recipient_id == sender.pk:
        return message_reply(message=previous, **common)
    if previous is not None and message.activity == "forward-message":
        return message_forward(message=previous, recipient=recipient, **common)
    category = message.category if message.category in Thread.Category.values else Thread.Category.OTHER
    topic = message.topic or ("" if category != Thread.Category.OTHER else message.category)
    return message_send(course=course, category=category, topic=topic, recipient=recipient, **common)
