"""A received FHIR message Bundle, read with the R4B models of ``fhir.resources``: the structure is validated by
the library, the MedCom rules that matter on top of it, and every failure is collected as an issue for the
OperationOutcome. Pure: no Django."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.messageheader import MessageHeader
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.provenance import Provenance
from fhir.resources.R4B.resource import Resource
from pydantic import ValidationError

from medcom.fhir.codes import (
    CPR_SYSTEM,
    DESTINATION_USE_URL,
    GLN_SYSTEM,
    SOR_SYSTEM,
)

# A Bundle nests deeper than any MedCom message; a deeper body is refused before the library walks it.
MAX_DEPTH = 40


@dataclass(frozen=True)
class Issue:
    """One problem of a message: an OperationOutcome ``issue`` (``code`` from the FHIR issue-type value set)."""

    diagnostics: str
    expression: str = ""
    code: str = "invalid"


class MessageInvalid(Exception):
    """The message breaks the standard or a MedCom rule; nothing of it is applied."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(issue.diagnostics for issue in issues))
        self.issues = issues


@dataclass(frozen=True)
class Party:
    """An organisation of a message, by its identifiers."""

    sor: str
    gln: str = ""
    name: str = ""


@dataclass
class Envelope:
    """The parts every MedCom message has: header, sender, primary receiver, the one patient, the provenance of
    this message and the message it follows (``previous_id``, a MessageHeader id)."""

    bundle: Bundle
    header: MessageHeader
    bundle_id: str
    message_id: str
    event_code: str
    sender: Party
    receiver: Party
    patient: Patient
    provenance: Provenance
    activity: str
    occurred_at: datetime | None
    previous_id: str = ""
    previous_role: str = ""
    resources: dict[str, Resource] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def focused[R: Resource](self, kind: type[R]) -> list[R]:
        """The resources of type ``kind`` the MessageHeader's ``focus`` points to."""
        found = (self.resolve(reference) for reference in self.header.focus or [])
        return [resource for resource in found if isinstance(resource, kind)]

    def resolve(self, reference: Any) -> Resource | None:
        """The resource a ``Reference`` points to inside the Bundle (``Type/id`` or a full URL ending so)."""
        target = getattr(reference, "reference", None) or ""
        parts = target.rstrip("/").split("/")
        return self.resources.get("/".join(parts[-2:])) if len(parts) >= 2 else None


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _expression(loc: tuple[Any, ...]) -> str:
    """``("entry", 2, "resource", "class")`` as the FHIRPath-like ``Bundle.entry[2].resource.class``."""
    text = "Bundle"
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _danish(detail: Any) -> str:
    """A Danish text for one of the library's validation errors (its English message kept in parentheses)."""
    loc = [part for part in detail["loc"] if isinstance(part, str)]
    name = loc[-1] if loc else "Bundle"
    kind = detail.get("type", "")
    if kind == "missing":
        return f"Feltet '{name}' er påkrævet, men mangler."
    if kind == "extra_forbidden":
        return f"Feltet '{name}' findes ikke i FHIR R4 på dette sted."
    return f"Ugyldig værdi i '{name}' ({detail['msg']})."


def bundle_read(data: Any) -> Bundle:
    """Validate ``data`` as a FHIR R4 Bundle of type ``message``; raise ``MessageInvalid`` with every issue."""
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise MessageInvalid([Issue("Indholdet er ikke en FHIR Bundle (resourceType 'Bundle').", "Bundle")])
    if _depth(data) > MAX_DEPTH:
        raise MessageInvalid([Issue("Bundlen er for dybt indlejret.", "Bundle", "too-costly")])
    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as error:
        issues = [
            Issue(_danish(detail), _expression(detail["loc"]), "structure") for detail in error.errors()[:20]
        ]
        raise MessageInvalid(issues) from None
    except (TypeError, ValueError) as error:  # the library's own checks outside pydantic
        raise MessageInvalid(
            [Issue(f"Ugyldig Bundle ({str(error)[:500]}).", "Bundle", "structure")]
        ) from None
    if bundle.type != "message":
        raise MessageInvalid([Issue("Bundle.type skal være 'message'.", "Bundle.type")])
    return bundle


def _resources(bundle: Bundle) -> Iterator[tuple[str, Resource]]:
    for entry in bundle.entry or []:
        resource = entry.resource
        if resource is not None and resource.id:
            yield f"{resource.get_resource_type()}/{resource.id}", resource


def party_of(organization: Resource | None) -> Party | None:
    """The SOR code, GLN and name of an ``Organization``; None when it is none or has no SOR code."""
    if not isinstance(organization, Organization):
        return None
    sor = gln = ""
    for identifier in organization.identifier or []:
        if identifier.system == SOR_SYSTEM and identifier.value:
            sor = identifier.value.strip()
        elif identifier.system == GLN_SYSTEM and identifier.value:
            gln = identifier.value.strip()
    return Party(sor=sor, gln=gln, name=(organization.name or "").strip()) if sor else None


def patient_cpr(patient: Patient) -> str:
    """The patient's CPR number (10 digits) or ``""`` when the message has none."""
    for identifier in patient.identifier or []:
        if identifier.system == CPR_SYSTEM and identifier.value:
            return identifier.value.replace("-", "").strip()
    return ""


def patient_identified(patient: Patient) -> bool:
    """Whether the patient has an identifier with a system and a value: a CPR number, or a replacement number
    (eCPR) where the citizen has none. MedComCorePatient: "SHALL include an identifier"."""
    return any(
        identifier.system and (identifier.value or "").strip() for identifier in patient.identifier or []
    )


def subject_check(envelope: Envelope, subject: Any, *, expression: str, what: str) -> None:
    """Add an issue unless ``subject`` (a Reference) points to the message's one Patient: a MedCom Encounter and
    Communication must name whom they are about (``subject`` 1..1), and it must be the patient the message
    carries, not someone else."""
    if subject is None or not getattr(subject, "reference", None):
        envelope.issues.append(Issue(f"{what} mangler sin patient ({expression}).", expression, "required"))
    elif envelope.resolve(subject) is not envelope.patient:
        envelope.issues.append(
            Issue(f"{what} skal handle om meddelelsens patient ({expression}).", expression)
        )


def patient_name(patient: Patient) -> str:
    for name in patient.name or []:
        parts = [*(name.given or []), name.family or ""]
        text = " ".join(part for part in parts if part).strip()
        if text:
            return text
    return ""


def envelope_read(data: Any, *, event_code: str) -> Envelope:
    """Read the envelope of a MedCom message with the event ``event_code``; raise ``MessageInvalid``."""
    bundle = bundle_read(data)
    resources = dict(_resources(bundle))
    issues: list[Issue] = []
    headers = [r for r in resources.values() if isinstance(r, MessageHeader)]
    first = bundle.entry[0].resource if bundle.entry else None
    if len(headers) != 1 or not isinstance(first, MessageHeader):
        raise MessageInvalid([Issue("Bundlen skal begynde med præcis én MessageHeader.", "Bundle.entry[0]")])
    header = headers[0]
    if bundle.timestamp is None:
        issues.append(Issue("Bundlen mangler sit tidsstempel (Bundle.timestamp).", "Bundle.timestamp"))
    coding = getattr(header, "eventCoding", None)
    if coding is None or coding.code != event_code:
        issues.append(
            Issue(f"MessageHeader.eventCoding skal være '{event_code}'.", "MessageHeader.eventCoding")
        )
    patients = [r for r in resources.values() if isinstance(r, Patient)]
    if len(patients) != 1:
        raise MessageInvalid([*issues, Issue("Meddelelsen skal indeholde præcis én patient.", "Patient")])
    envelope = Envelope(
        bundle=bundle,
        header=header,
        bundle_id=bundle.id or "",
        message_id=header.id or "",
        event_code=event_code,
        sender=Party(sor=""),
        receiver=Party(sor=""),
        patient=patients[0],
        provenance=Provenance.model_construct(),
        activity="",
        occurred_at=None,
        resources=resources,
        issues=issues,
    )
    sender = party_of(envelope.resolve(header.sender))
    if sender is None:
        issues.append(Issue("Afsenderen (MessageHeader.sender) mangler en SOR-kode.", "MessageHeader.sender"))
    else:
        envelope.sender = sender
    primary = [d for d in header.destination or [] if _destination_use(d) == "primary"]
    if len(primary) != 1:
        issues.append(Issue("Meddelelsen skal have præcis én primær modtager.", "MessageHeader.destination"))
    else:
        receiver = party_of(envelope.resolve(primary[0].receiver))
        if receiver is None:
            issues.append(Issue("Modtageren mangler en SOR-kode.", "MessageHeader.destination.receiver"))
        else:
            envelope.receiver = receiver
    _provenance_read(envelope, header.id or "")
    return envelope


def _destination_use(destination: Any) -> str:
    for extension in destination.extension or []:
        if extension.url == DESTINATION_USE_URL and extension.valueCoding is not None:
            return str(extension.valueCoding.code or "")
    return ""


def _provenance_read(envelope: Envelope, message_id: str) -> None:
    """The Provenance whose target is this message: its activity, time and the message it revises or removes."""
    own = [
        r
        for r in envelope.resources.values()
        if isinstance(r, Provenance)
        and any((t.reference or "").endswith(f"MessageHeader/{message_id}") for t in r.target or [])
    ]
    if len(own) != 1:
        envelope.issues.append(
            Issue("Meddelelsen skal have præcis én Provenance for sig selv.", "Provenance.target")
        )
        return
    provenance = own[0]
    envelope.provenance = provenance
    codes = [c.code for c in (provenance.activity.coding if provenance.activity else None) or [] if c.code]
    envelope.activity = codes[0] if codes else ""
    envelope.occurred_at = getattr(provenance, "occurredDateTime", None)
    for entity in provenance.entity or []:
        reference = (entity.what.reference or "") if entity.what is not None else ""
        if entity.role in ("revision", "removal") and "MessageHeader/" in reference:
            envelope.previous_id = reference.rsplit("MessageHeader/", 1)[1]
            envelope.previous_role = entity.role
