"""Building MedCom message Bundles from plain facts, validated by the R4B models of ``fhir.resources`` before they
leave. Pure: no Django. The reader (``notification``, ``communication``) accepts everything built here."""

import base64
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from medcom.fhir.bundle import Party
from medcom.fhir.codes import (
    ACT_CODE_SYSTEM,
    ACTIVITY_SYSTEM,
    CC_CATEGORY_SYSTEM,
    CC_EVENT,
    CC_PROFILE,
    CPR_SYSTEM,
    DESTINATION_USE_SYSTEM,
    DESTINATION_USE_URL,
    EVENT_SYSTEM,
    GLN_SYSTEM,
    HN_EVENT,
    HN_PROFILE,
    LEAVE_PERIOD_URL,
    SOR_ENDPOINT,
    SOR_SYSTEM,
)
from medcom.fhir.communication import CONTACT_URL, DATETIME_URL, PRACTITIONER_URL

NAMESPACE = uuid.UUID("5b0c1f0e-16a4-4d51-9d3c-6d4c8f3e2a10")


def stable_id(*parts: object) -> str:
    """A UUID that is the same every time for the same parts: a message built twice has one id (idempotency)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def _organization(party: Party, resource_id: str) -> dict[str, Any]:
    identifiers = [{"system": SOR_SYSTEM, "value": party.sor}]
    if party.gln:
        identifiers.insert(0, {"system": GLN_SYSTEM, "value": party.gln})
    return {
        "resourceType": "Organization",
        "id": resource_id,
        "identifier": identifiers,
        "name": party.name or None,
    }


def _patient(cpr: str, name: str, resource_id: str, *, deceased: bool = False) -> dict[str, Any]:
    given, _space, family = name.rpartition(" ")
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": resource_id,
        "identifier": [{"system": CPR_SYSTEM, "value": cpr}],
        "name": [
            {"use": "official", "family": family or name, **({"given": given.split()} if given else {})}
        ],
    }
    if deceased:
        patient["deceasedBoolean"] = True
    return patient


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _header(
    *,
    message_id: str,
    event: str,
    sender_id: str,
    receiver_id: str,
    receiver: Party,
    sender: Party,
    focus: str,
) -> dict[str, Any]:
    return {
        "resourceType": "MessageHeader",
        "id": message_id,
        "eventCoding": {"system": EVENT_SYSTEM, "code": event},
        "destination": [
            {
                "extension": [
                    {
                        "url": DESTINATION_USE_URL,
                        "valueCoding": {"system": DESTINATION_USE_SYSTEM, "code": "primary"},
                    }
                ],
                "endpoint": f"{SOR_ENDPOINT}{receiver.sor}",
                "receiver": {"reference": f"Organization/{receiver_id}"},
            }
        ],
        "sender": {"reference": f"Organization/{sender_id}"},
        "source": {"endpoint": f"{SOR_ENDPOINT}{sender.sor}"},
        "focus": [{"reference": focus}],
    }


def _provenance(
    *, message_id: str, activity: str, occurred_at: datetime, sender_id: str, previous_id: str, role: str
) -> dict[str, Any]:
    provenance: dict[str, Any] = {
        "resourceType": "Provenance",
        "id": stable_id("provenance", message_id),
        "target": [{"reference": f"MessageHeader/{message_id}"}],
        "occurredDateTime": occurred_at.isoformat(),
        "recorded": occurred_at.isoformat(),
        "activity": {"coding": [{"system": ACTIVITY_SYSTEM, "code": activity}]},
        "agent": [{"who": {"reference": f"Organization/{sender_id}"}}],
    }
    if previous_id:
        provenance["entity"] = [{"role": role, "what": {"reference": f"MessageHeader/{previous_id}"}}]
    return provenance


def _bundle(
    message_id: str, profile: str, timestamp: datetime, resources: list[dict[str, Any]]
) -> dict[str, Any]:
    data = {
        "resourceType": "Bundle",
        "id": stable_id("bundle", message_id),
        "meta": {"profile": [profile]},
        "type": "message",
        "timestamp": timestamp.isoformat(),
        "entry": [
            {
                "fullUrl": f"{r['resourceType']}/{r['id']}",
                "resource": {k: v for k, v in r.items() if v is not None},
            }
            for r in resources
        ],
    }
    return Bundle.model_validate(data).model_dump(mode="json", exclude_none=True)


@dataclass(frozen=True)
class NotificationFacts:
    """One event of a course as a HospitalNotification tells it."""

    message_id: str
    activity: str  # admit-inpatient, start-leave-inpatient, ... (revise-/cancel- prefixed for corrections)
    status: str
    encounter_class: str
    episode_of_care_id: str
    started_at: datetime
    ended_at: datetime | None
    leave_started_at: datetime | None
    leave_ended_at: datetime | None
    deceased: bool
    occurred_at: datetime
    previous_id: str = ""


def hospital_notification_build(
    *, facts: NotificationFacts, sender: Party, receiver: Party, cpr: str, name: str
) -> dict[str, Any]:
    """A HospitalNotification Bundle (JSON) for one event of a course."""
    sender_id, receiver_id = stable_id("org", sender.sor), stable_id("org", receiver.sor)
    patient_id, encounter_id = stable_id("patient", cpr), stable_id("encounter", facts.episode_of_care_id)
    encounter: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": encounter_id,
        "status": facts.status,
        "class": {"system": ACT_CODE_SYSTEM, "code": facts.encounter_class},
        "subject": {"reference": f"Patient/{patient_id}"},
        "episodeOfCare": [
            {"identifier": {"system": f"{SOR_ENDPOINT}{sender.sor}", "value": facts.episode_of_care_id}}
        ],
        "period": {
            "start": _iso(facts.started_at),
            **({"end": _iso(facts.ended_at)} if facts.ended_at else {}),
        },
        "serviceProvider": {"reference": f"Organization/{sender_id}"},
    }
    if facts.leave_started_at is not None:
        period = {"start": _iso(facts.leave_started_at)}
        if facts.leave_ended_at is not None:
            period["end"] = _iso(facts.leave_ended_at)
        encounter["extension"] = [{"url": LEAVE_PERIOD_URL, "valuePeriod": period}]
    role = "removal" if facts.activity.startswith("cancel-") else "revision"
    resources = [
        _header(
            message_id=facts.message_id,
            event=HN_EVENT,
            sender_id=sender_id,
            receiver_id=receiver_id,
            receiver=receiver,
            sender=sender,
            focus=f"Encounter/{encounter_id}",
        ),
        _patient(cpr, name, patient_id, deceased=facts.deceased),
        encounter,
        _organization(sender, sender_id),
        _organization(receiver, receiver_id),
        _provenance(
            message_id=facts.message_id,
            activity=facts.activity,
            occurred_at=facts.occurred_at,
            sender_id=sender_id,
            previous_id=facts.previous_id,
            role=role,
        ),
    ]
    return _bundle(facts.message_id, HN_PROFILE, facts.occurred_at, resources)


@dataclass(frozen=True)
class Segment:
    text: str
    written_at: datetime
    author: str
    phone: str


def care_communication_build(
    *,
    message_id: str,
    activity: str,
    category: str,
    topic: str,
    segments: list[Segment],
    attachments: list[tuple[str, str, bytes]],
    sender: Party,
    receiver: Party,
    cpr: str,
    name: str,
    previous_id: str = "",
) -> dict[str, Any]:
    """A CareCommunication Bundle (JSON): the message's segments (the thread so far, newest last), its
    attachments (filename, content type, bytes) and the provenance link to the message it follows."""
    sender_id, receiver_id = stable_id("org", sender.sor), stable_id("org", receiver.sor)
    patient_id, communication_id = stable_id("patient", cpr), stable_id("communication", message_id)
    practitioners: list[dict[str, Any]] = []
    payload: list[dict[str, Any]] = []
    for segment in segments:
        role_id = stable_id("role", message_id, segment.author, segment.written_at)
        person_id = stable_id("person", message_id, segment.author, segment.written_at)
        given, _space, family = segment.author.rpartition(" ")
        practitioners += [
            {
                "resourceType": "PractitionerRole",
                "id": role_id,
                "practitioner": {"reference": f"Practitioner/{person_id}"},
            },
            {
                "resourceType": "Practitioner",
                "id": person_id,
                "name": [
                    {"family": family or segment.author or "-", **({"given": [given]} if given else {})}
                ],
            },
        ]
        payload.append(
            {
                "extension": [
                    {"url": DATETIME_URL, "valueDateTime": segment.written_at.isoformat()},
                    {"url": PRACTITIONER_URL, "valueReference": {"reference": f"PractitionerRole/{role_id}"}},
                    {
                        "url": CONTACT_URL,
                        "valueContactPoint": {"system": "phone", "value": segment.phone or "-"},
                    },
                ],
                "contentString": segment.text,
            }
        )
    for filename, content_type, data in attachments:
        payload.append(
            {
                "contentAttachment": {
                    "contentType": content_type,
                    "title": filename,
                    "data": base64.b64encode(data).decode(),
                }
            }
        )
    communication = {
        "resourceType": "Communication",
        "id": communication_id,
        "identifier": [{"value": f"urn:uuid:{communication_id}"}],
        "status": "unknown",
        "category": [{"coding": [{"system": CC_CATEGORY_SYSTEM, "code": category}]}],
        "subject": {"reference": f"Patient/{patient_id}"},
        **({"topic": {"text": topic}} if topic else {}),
        "payload": payload,
    }
    occurred_at = segments[-1].written_at
    resources = [
        _header(
            message_id=message_id,
            event=CC_EVENT,
            sender_id=sender_id,
            receiver_id=receiver_id,
            receiver=receiver,
            sender=sender,
            focus=f"Communication/{communication_id}",
        ),
        _patient(cpr, name, patient_id),
        communication,
        *practitioners,
        _organization(sender, sender_id),
        _organization(receiver, receiver_id),
        _provenance(
            message_id=message_id,
            activity=activity,
            occurred_at=occurred_at,
            sender_id=sender_id,
            previous_id=previous_id,
            role="revision",
        ),
    ]
    return _bundle(message_id, CC_PROFILE, occurred_at, resources)
