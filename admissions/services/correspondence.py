"""Write use-cases of correspondence (korrespondancemeddelelse): send, reply, forward, read, attachments."""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import Attachment, Course, CourseEvent, Message, MessageRead, Thread
from admissions.parties import (
    Party,
    course_acting_organisation,
    course_party_of,
    course_related_organisations,
)
from admissions.selectors import course_consents_to
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation

# The file types MedCom CareCommunication carries as attachments, recognised by their first bytes: the
# browser's Content-Type header is the sender's claim, not the file's.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def attachment_check(*, upload: UploadedFile) -> str:
    """Return the file's real content type; raise ``DomainError`` if it is too large or not a PDF/PNG/JPEG."""
    size = upload.size or 0
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise DomainError(
            _("Filen %(name)s er for stor (højst %(mb)s MB).")
            % {"name": upload.name, "mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024) or 1},
            field="attachments",
            code="attachment_too_large",
            status_code=413,
        )
    if size == 0:
        raise DomainError(_("Filen %(name)s er tom.") % {"name": upload.name}, field="attachments")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    detected = next((kind for magic, kind in MAGIC if head.startswith(magic)), None)
    claimed = (upload.content_type or "").split(";")[0].strip().lower()
    if detected is None or (claimed and claimed not in {detected, "application/octet-stream"}):
        raise DomainError(
            _("Filen %(name)s er ikke en PDF, PNG eller JPEG.") % {"name": upload.name},
            field="attachments",
            code="attachment_type",
            status_code=415,
        )
    return detected


def _attachment_create(
    *, message: Message, upload: UploadedFile, content_type: str, acting_user: "User"
) -> Attachment:
    """Store a checked upload on the message (``content_type`` is what ``attachment_check`` detected)."""
    return Attachment.objects.create(
        message=message,
        file=upload,
        filename=(upload.name or "bilag")[:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=acting_user,
    )


def _recipient_check(
    *, course: Course, sender: Organisation, sender_party: Party, recipient: Organisation
) -> None:
    party = course_party_of(course=course, organisation=recipient)
    related = {o.pk for o in course_related_organisations(course=course)}
    if party is None or recipient.pk not in related:
        raise DomainError(
            _(
                "%(recipient)s har ingen tilknytning til forløbet. Meddelelser kan kun sendes til hospitalet og "
                "afdelingen, borgerens bopælskommune og borgerens egen læge."
            )
            % {"recipient": recipient.name},
            field="recipient",
            code="unrelated_recipient",
        )
    if recipient.pk == sender.pk:
        raise DomainError(_("Afsender og modtager er den samme organisation."), field="recipient")
    # The hospital shares information on the course only with consent (DOMAIN.md: beyond the notices).
    shared = sender_party == Party.HOSPITAL and party in (Party.MUNICIPALITY, Party.GP)
    if shared and not course_consents_to(course=course, party=party):
        raise DomainError(
            _("Borgeren har ikke givet samtykke til at dele oplysninger med %(recipient)s.")
            % {"recipient": recipient.name},
            field="recipient",
            code="no_consent",
        )


def _message_create(
    *,
    thread: Thread,
    activity: str,
    previous: Message | None,
    recipient: Organisation,
    body: str,
    author_name: str,
    author_phone: str,
    acting_user: "User",
    attachments: Sequence[UploadedFile],
    preferred_organisation: Organisation | None,
) -> Message:
    course = thread.course
    sender, sender_party = course_acting_organisation(
        course=course, user=acting_user, preferred=preferred_organisation
    )
    _recipient_check(course=course, sender=sender, sender_party=sender_party, recipient=recipient)
    if not body.strip():
        raise DomainError(_("Skriv en tekst."), field="body")
    author_name = author_name.strip() or acting_user.get_full_name() or acting_user.get_username()
    if not author_phone.strip():
        raise DomainError(
            _("Angiv afsenderens telefonnummer, så modtageren kan ringe tilbage."), field="author_phone"
        )
    checked = [(upload, attachment_check(upload=upload)) for upload in attachments]
    now = timezone.now()
    message = Message.objects.create(
        thread=thread,
        course=course,
        activity=activity,
        previous=previous,
        sender=sender,
        recipient=recipient,
        author=acting_user,
        author_name=author_name,
        author_phone=author_phone.strip(),
        body=body.strip(),
        sent_at=now,
    )
    MessageRead.objects.create(message=message, organisation=sender, read_at=now, read_by=acting_user)
    for upload, content_type in checked:
        _attachment_create(message=message, upload=upload, content_type=content_type, acting_user=acting_user)
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.MESSAGE_SENT,
        at=now,
        actor=acting_user,
        organisation=sender,
        text=f"{message.get_activity_display()} ({thread}) til {recipient.name}",
    )
    return message


@transaction.atomic
def message_send(
    *,
    course: Course,
    category: str,
    recipient: Organisation,
    body: str,
    author_phone: str,
    acting_user: "User",
    topic: str = "",
    author_name: str = "",
    attachments: Sequence[UploadedFile] = (),
    organisation: Organisation | None = None,
) -> Message:
    """Start a thread on the course with a new message to an organisation related to it; return the message.

    ``organisation`` is the one the author acts for (the active membership); by default the first of the
    author's organisations that is a party of the course.
    """
    if category not in Thread.Category.values:
        raise DomainError(_("Vælg en kategori."), field="category")
    if category == Thread.Category.OTHER and not topic.strip():
        raise DomainError(_("Angiv et emne, når kategorien er »Andet«."), field="topic")
    thread = Thread.objects.create(course=course, category=category, topic=topic.strip())
    return _message_create(
        thread=thread,
        activity=Message.Activity.NEW,
        previous=None,
        recipient=recipient,
        body=body,
        author_name=author_name,
        author_phone=author_phone,
        acting_user=acting_user,
        attachments=attachments,
        preferred_organisation=organisation,
    )


@transaction.atomic
def message_reply(
    *,
    message: Message,
    body: str,
    author_phone: str,
    acting_user: "User",
    author_name: str = "",
    attachments: Sequence[UploadedFile] = (),
    organisation: Organisation | None = None,
) -> Message:
    """Reply to the message: to its sender, in the same thread. Only its recipient may reply."""
    sender, _party = course_acting_organisation(
        course=message.course, user=acting_user, preferred=organisation
    )
    if sender.pk != message.recipient_id:
        raise DomainError(
            _("Kun modtageren kan svare på meddelelsen."), code="not_recipient", status_code=403
        )
    return _message_create(
        thread=message.thread,
        activity=Message.Activity.REPLY,
        previous=message,
        recipient=message.sender,
        body=body,
        author_name=author_name,
        author_phone=author_phone,
        acting_user=acting_user,
        attachments=attachments,
        preferred_organisation=sender,
    )


@transaction.atomic
def message_forward(
    *,
    message: Message,
    recipient: Organisation,
    body: str,
    author_phone: str,
    acting_user: "User",
    author_name: str = "",
    attachments: Sequence[UploadedFile] = (),
    organisation: Organisation | None = None,
) -> Message:
    """Forward the message to another organisation related to the course, in the same thread. Only a party
    that sent or received the message (for a hospital: any of its departments) may forward it."""
    actor = actor_for(user=acting_user, organisation=organisation)
    if not Message.objects.visible_to(actor).filter(pk=message.pk).exists():
        raise DomainError(
            _("Du kan kun videresende meddelelser, som din organisation har sendt eller modtaget."),
            code="not_a_party",
            status_code=403,
        )
    return _message_create(
        thread=message.thread,
        activity=Message.Activity.FORWARD,
        previous=message,
        recipient=recipient,
        body=body,
        author_name=author_name,
        author_phone=author_phone,
        acting_user=acting_user,
        attachments=attachments,
        preferred_organisation=organisation,
    )


@transaction.atomic
def message_mark_read(
    *, message: Message, acting_user: "User", organisation: Organisation | None = None
) -> MessageRead:
    """Mark the message read for the organisation the user acts for (the first reading is kept)."""
    reader, _party = course_acting_organisation(
        course=message.course, user=acting_user, preferred=organisation
    )
    read, _created = MessageRead.objects.get_or_create(
        message=message, organisation=reader, defaults={"read_at": timezone.now(), "read_by": acting_user}
    )
    return read


@transaction.atomic
def thread_mark_read(*, thread: Thread, acting_user: "User", organisation: Organisation | None = None) -> int:
    """Mark every message of the thread to the user's organisation read (opening the thread reads them all,
    in one statement however long the thread is); earlier readings are kept. Returns how many were new."""
    reader, _party = course_acting_organisation(
        course=thread.course, user=acting_user, preferred=organisation
    )
    unread = (
        Message.objects.filter(thread=thread, recipient=reader)
        .exclude(reads__organisation=reader)
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    reads = [
        MessageRead(message_id=pk, organisation=reader, read_at=now, read_by=acting_user) for pk in unread
    ]
    MessageRead.objects.bulk_create(reads, ignore_conflicts=True)
    return len(reads)


@transaction.atomic
def attachment_add(
    *,
    message: Message,
    upload: UploadedFile,
    acting_user: "User",
    organisation: Organisation | None = None,
) -> Attachment:
    """Attach a PDF, PNG or JPEG to a message the user's organisation sent; return the attachment."""
    sender, _party = course_acting_organisation(
        course=message.course, user=acting_user, preferred=organisation
    )
    if sender.pk != message.sender_id:
        raise DomainError(
            _("Kun afsenderen kan vedhæfte bilag til meddelelsen."), code="not_sender", status_code=403
        )
    content_type = attachment_check(upload=upload)
    return _attachment_create(
        message=message, upload=upload, content_type=content_type, acting_user=acting_user
    )
