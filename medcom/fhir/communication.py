"""A CareCommunication (korrespondancemeddelelse, IG 5.x) read from its Bundle: category, topic, the signed text
segments, attachments, and the message it replies to or forwards. Pure: no Django."""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole

from medcom.fhir.bundle import (
    Envelope,
    Issue,
    MessageInvalid,
    Party,
    envelope_read,
    patient_cpr,
    patient_identified,
    patient_name,
    subject_check,
)
from medcom.fhir.codes import CC_ACTIVITIES, CC_EVENT

DATETIME_URL = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-datetime-extension"
PRACTITIONER_URL = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner-extension"
CONTACT_URL = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-contact-extension"
ATTACHMENT_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


@dataclass(frozen=True)
class Segment:
    """One signed text segment of a message: its text, when and by whom it was written, and a phone."""

    text: str
    written_at: datetime | None
    author: str
    phone: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class CareCommunication:
    bundle_id: str
    message_id: str
    sender: Party
    receiver: Party
    cpr: str
    name: str
    activity: str
    category: str
    topic: str
    segments: tuple[Segment, ...]
    attachments: tuple[Attachment, ...]
    occurred_at: datetime | None
    previous_id: str

    @property
    def label(self) -> str:
        return self.activity

    @property
    def newest(self) -> Segment:
        """The segment this message adds (the latest written; earlier ones are the history it carries)."""
        dated = [s for s in self.segments if s.written_at is not None]
        return max(dated, key=lambda s: s.written_at) if dated else self.segments[-1]  # type: ignore[arg-type, return-value]


def _author(envelope: Envelope, reference: Any) -> str:
    role = envelope.resolve(reference)
    practitioner = envelope.resolve(role.practitioner) if isinstance(role, PractitionerRole) else role
    if isinstance(practitioner, Practitioner):
        for name in practitioner.name or []:
            text = " ".join([*(str(given) for given in name.given or [] if given), name.family or ""]).strip()
            if text:
                return text
    return ""


def _segment(envelope: Envelope, payload: Any) -> Segment:
    written_at, author, phone = None, "", ""
    for extension in payload.extension or []:
        if extension.url == DATETIME_URL:
            written_at = extension.valueDateTime
        elif extension.url == PRACTITIONER_URL:
            author = _author(envelope, extension.valueReference)
        elif extension.url == CONTACT_URL and extension.valueContactPoint is not None:
            phone = extension.valueContactPoint.value or ""
    return Segment(
        text=(payload.contentString or "").strip(), written_at=written_at, author=author, phone=phone
    )


def _attachment(payload: Any, issues: list[Issue]) -> Attachment | None:
    attachment = payload.contentAttachment
    content_type = (attachment.contentType or "").lower()
    if content_type not in ATTACHMENT_TYPES:
        issues.append(
            Issue(f"Bilag af typen '{content_type}' modtages ikke (PDF, PNG, JPEG).", "Communication.payload")
        )
        return None
    if attachment.data is None:
        return None  # a link (url) to the attachment is kept in the Bundle only
    data = attachment.data  # fhir.resources decodes base64Binary
    if isinstance(data, str):
        try:
            data = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            issues.append(
                Issue("Bilaget er ikke gyldig base64.", "Communication.payload.contentAttachment.data")
            )
            return None
    return Attachment(filename=(attachment.title or "bilag")[:200], content_type=content_type, data=data)


def care_communication_read(data: Any) -> CareCommunication:
    """Read and check a CareCommunication Bundle; raise ``MessageInvalid`` with every issue found: a patient with
    a CPR or replacement number, one Communication in focus about that patient with a category (and a topic for
    "other"), at least one text segment, an activity new/reply/forward, and for a reply or forward the message it
    follows."""
    envelope = envelope_read(data, event_code=CC_EVENT)
    issues = envelope.issues
    communications = envelope.focused(Communication)
    if len(communications) != 1:
        raise MessageInvalid(
            [*issues, Issue("MessageHeader.focus skal pege på én Communication.", "MessageHeader.focus")]
        )
    communication = communications[0]
    if not patient_identified(envelope.patient):
        issues.append(
            Issue(
                "Patienten mangler et CPR-nummer eller erstatningsnummer (Patient.identifier).",
                "Patient.identifier",
                "required",
            )
        )
    subject_check(envelope, communication.subject, expression="Communication.subject", what="Korrespondancen")
    codes = [c.code for category in communication.category or [] for c in category.coding or [] if c.code]
    if len(codes) != 1:
        issues.append(
            Issue("Communication.category skal have præcis én kode.", "Communication.category", "required")
        )
    category = codes[0] if codes else ""
    topic = (communication.topic.text or "").strip() if communication.topic is not None else ""
    if category == "other" and not topic:
        issues.append(
            Issue("Kategorien 'other' kræver et emne (topic.text).", "Communication.topic", "required")
        )
    segments, attachments = [], []
    for payload in communication.payload or []:
        if getattr(payload, "contentString", None):
            segments.append(_segment(envelope, payload))
        elif (
            getattr(payload, "contentAttachment", None) is not None
            and (attachment := _attachment(payload, issues)) is not None
        ):
            attachments.append(attachment)
    if not segments:
        issues.append(Issue("Meddelelsen skal have en tekst.", "Communication.payload", "required"))
    if envelope.activity not in CC_ACTIVITIES:
        issues.append(
            Issue(f"Ukendt aktivitet '{envelope.activity}'.", "Provenance.activity", "code-invalid")
        )
    elif envelope.activity != "new-message" and not envelope.previous_id:
        issues.append(
            Issue("Et svar eller en videresendelse skal pege på den forrige meddelelse.", "Provenance.entity")
        )
    if issues:
        raise MessageInvalid(issues)
    return CareCommunication(
        bundle_id=envelope.bundle_id,
        message_id=envelope.message_id,
        sender=envelope.sender,
        receiver=envelope.receiver,
        cpr=patient_cpr(envelope.patient),
        name=patient_name(envelope.patient),
        activity=envelope.activity,
        category=category,
        topic=topic[:200],
        segments=tuple(segments),
        attachments=tuple(attachments),
        occurred_at=envelope.occurred_at,
        previous_id=envelope.previous_id if envelope.activity != "new-message" else "",
    )
