"""Receiving a MedCom message, whatever its kind: read it, recognise a duplicate, refuse what is invalid or not for
us, apply the rest in one transaction and log every message with its outcome."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course, Message
from medcom.fhir.bundle import Issue, MessageInvalid, Party
from medcom.models import InboundMessage
from medcom.services.parties import poster_check, receiver_resolve
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation

# A rejected body is kept in the log for the regional admin up to this size; a bigger one only by its issues.
MAX_LOGGED_BYTES = 512 * 1024


class Parsed(Protocol):
    message_id: str
    bundle_id: str
    sender: Party
    receiver: Party
    previous_id: str

    @property
    def label(self) -> str: ...


@dataclass
class Result:
    """What applying a message did (``outcome``, a Danish ``detail``) and what it touched."""

    outcome: str
    detail: str
    citizen: Citizen | None = None
    course: Course | None = None
    message: Message | None = None
    occurred_at: datetime | None = None
    episode_of_care_id: str = ""
    sender: Organisation | None = None


Apply = Callable[[Any, Organisation, InboundMessage], Result]


@dataclass
class Received:
    """The log row of a received message, whether it repeats an earlier one, and the HTTP status to answer."""

    row: InboundMessage
    duplicate: bool = False
    status_code: int = 200
    issues: list[Issue] = field(default_factory=list)


STATUS: dict[str, int] = {
    InboundMessage.Outcome.REJECTED: 400,
    InboundMessage.Outcome.FAILED: 422,
}


def _loggable(data: Any) -> Any:
    try:
        text = json.dumps(data)
    except (TypeError, ValueError):
        return None
    return data if len(text) <= MAX_LOGGED_BYTES else None


def _original(kind: str, parsed: Parsed) -> InboundMessage | None:
    return (
        InboundMessage.objects.filter(
            kind=kind, sender_sor=parsed.sender.sor, message_id=parsed.message_id, duplicate_of__isnull=True
        )
        .exclude(outcome=InboundMessage.Outcome.REJECTED)
        .first()
    )


def _duplicate(kind: str, parsed: Parsed, original: InboundMessage, data: Any, user: User) -> Received:
    InboundMessage.objects.create(
        kind=kind,
        message_id=parsed.message_id,
        bundle_id=parsed.bundle_id,
        sender_sor=parsed.sender.sor,
        receiver_sor=parsed.receiver.sor,
        sender=original.sender,
        receiver=original.receiver,
        citizen=original.citizen,
        course=original.course,
        event=parsed.label,
        outcome=InboundMessage.Outcome.DUPLICATE,
        detail=_("Dublet af en meddelelse modtaget %(at)s; intet ændret.")
        % {"at": f"{timezone.localtime(original.received_at):%d.%m.%Y kl. %H:%M}"},
        bundle=None,  # the first copy is kept; a duplicate adds nothing
        duplicate_of=original,
        received_by=user,
        processed_at=timezone.now(),
    )
    return Received(row=original, duplicate=True, status_code=STATUS.get(original.outcome, 200))


def _rejected(
    kind: str, data: Any, user: User, *, issues: list[Issue], parsed: Parsed | None = None
) -> Received:
    row = InboundMessage.objects.create(
        kind=kind,
        message_id=(parsed.message_id if parsed else "")[:100],
        bundle_id=(parsed.bundle_id if parsed else "")[:100],
        sender_sor=(parsed.sender.sor if parsed else "")[:20],
        receiver_sor=(parsed.receiver.sor if parsed else "")[:20],
        event=(parsed.label if parsed else "")[:24],
        outcome=InboundMessage.Outcome.REJECTED,
        detail="; ".join(issue.diagnostics for issue in issues)[:2000],
        issues=[issue.__dict__ for issue in issues],
        bundle=_loggable(data),
        received_by=user,
        processed_at=timezone.now(),
    )
    return Received(row=row, status_code=400, issues=issues)


def inbound_receive(
    *, kind: str, data: Any, acting_user: User, read: Callable[[Any], Any], apply: Apply
) -> Received:
    """Receive one message: log it and apply it, or recognise it as a duplicate (the first outcome is answered
    and nothing changes), or refuse it (invalid, an unknown receiver, a client posting for another organisation:
    nothing of it is stored but the log row). Returns the log row and the HTTP status to answer."""
    try:
        parsed = read(data)
    except MessageInvalid as error:
        return _rejected(kind, data, acting_user, issues=error.issues)
    if (original := _original(kind, parsed)) is not None:
        return _duplicate(kind, parsed, original, data, acting_user)
    try:
        receiver = receiver_resolve(party=parsed.receiver)
        poster_check(user=acting_user, receiver=receiver)
    except DomainError as error:
        issue_type = {"unknown_receiver": "not-found", "not_receiver": "forbidden"}.get(
            error.code, "business-rule"
        )
        received = _rejected(
            kind,
            data,
            acting_user,
            issues=[Issue(error.message, error.field or "", issue_type)],
            parsed=parsed,
        )
        received.status_code = error.status_code
        return received
    try:
        with transaction.atomic():
            row = InboundMessage.objects.create(
                kind=kind,
                message_id=parsed.message_id,
                bundle_id=parsed.bundle_id,
                sender_sor=parsed.sender.sor,
                receiver_sor=parsed.receiver.sor,
                receiver=receiver,
                event=parsed.label,
                previous_message_id=parsed.previous_id[:100],
                outcome=InboundMessage.Outcome.FAILED,
                bundle=data,
                received_by=acting_user,
            )
            inbound_apply(row=row, parsed=parsed, receiver=receiver, apply=apply)
    except IntegrityError:  # the same message, delivered twice at once: the other copy was first
        if (original := _original(kind, parsed)) is None:
            raise
        return _duplicate(kind, parsed, original, data, acting_user)
    return Received(row=row, status_code=STATUS.get(row.outcome, 200), issues=row_issues(row))


def inbound_apply(
    *, row: InboundMessage, parsed: Any, receiver: Organisation, apply: Apply
) -> InboundMessage:
    """Apply the parsed message to the product's records in a savepoint and write the outcome on its log row: a
    refusal by the areas' services (``DomainError``) undoes everything the message did and marks it failed."""
    try:
        with transaction.atomic():
            result = apply(parsed, receiver, row)
    except DomainError as error:
        row.outcome = InboundMessage.Outcome.FAILED
        row.detail = error.message
        row.issues = [Issue(error.message, error.field or "", "processing").__dict__]
    else:
        row.outcome = result.outcome
        row.detail = result.detail
        row.issues = []
        row.citizen = result.citizen
        row.course = result.course
        row.course_message = result.message
        row.occurred_at = result.occurred_at
        row.episode_of_care_id = result.episode_of_care_id[:80]
        row.sender = result.sender
    row.processed_at = timezone.now()
    row.save()
    return row


def row_issues(row: InboundMessage) -> list[Issue]:
    return [Issue(**issue) for issue in row.issues or []]


@transaction.atomic
def inbound_reprocess(*, row: InboundMessage, read: Callable[[Any], Any], apply: Apply) -> InboundMessage:
    """Process a failed message (or one that had no course to attach to) again from its stored Bundle; the
    regional admin's button. Anything else is refused: an applied message is never applied twice."""
    row = InboundMessage.objects.select_for_update().get(pk=row.pk)
    if (
        row.outcome not in (InboundMessage.Outcome.FAILED, InboundMessage.Outcome.NO_CASE)
        or row.bundle is None
    ):
        raise DomainError(
            _("Kun fejlede meddelelser kan behandles igen."), code="not_failed", status_code=409
        )
    try:
        parsed = read(row.bundle)
        receiver = receiver_resolve(party=parsed.receiver)
    except MessageInvalid as error:
        raise DomainError("; ".join(i.diagnostics for i in error.issues), code="invalid") from None
    row.attempts += 1
    return inbound_apply(row=row, parsed=parsed, receiver=receiver, apply=apply)
