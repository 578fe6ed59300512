"""A HospitalNotification (sygehusadvis, IG 3.x) read from its Bundle: the event it reports and the facts the course
needs. Pure: no Django."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fhir.resources.R4B.encounter import Encounter

from medcom.fhir.bundle import (
    Envelope,
    Issue,
    MessageInvalid,
    Party,
    envelope_read,
    party_of,
    patient_cpr,
    subject_check,
)
from medcom.fhir.bundle import patient_name as _patient_name
from medcom.fhir.codes import (
    ACTIVITIES,
    DECEASED_STATUSES,
    HN_EVENT,
    LEAVE_PERIOD_URL,
    LPR3_SYSTEM,
    REPORT_OF_ADMISSION_URL,
    Correction,
    Event,
    activity_parse,
    event_label,
)


@dataclass(frozen=True)
class HospitalNotification:
    """What a HospitalNotification says, in the product's terms."""

    bundle_id: str
    message_id: str
    sender: Party
    receiver: Party
    service_provider: Party
    cpr: str
    name: str
    event: Event
    correction: Correction
    activity: str
    status: str
    encounter_class: str
    episode_of_care_id: str
    episode_ids: tuple[str, ...]
    started_at: datetime
    ended_at: datetime | None
    leave_started_at: datetime | None
    leave_ended_at: datetime | None
    deceased: bool
    occurred_at: datetime | None
    previous_id: str
    report_of_admission: bool

    @property
    def label(self) -> str:
        """``STIN``, ``RE_STIN``, ``AN_STIN``...: the event as the test examples and the OIOXML advis name it."""
        return event_label(self.event, self.correction)

    @property
    def moment(self) -> datetime:
        """When the reported event happened: the end of the stay for a discharge or a death, the leave's start or
        end for a leave, else the start of the stay."""
        if self.event in (Event.SLHJ, Event.MORS) and self.ended_at is not None:
            return self.ended_at
        if self.event == Event.STOR and self.leave_started_at is not None:
            return self.leave_started_at
        if self.event == Event.SLOR and self.leave_ended_at is not None:
            return self.leave_ended_at
        return self.started_at


def _aware(value: Any, expression: str, issues: list[Issue]) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        issues.append(Issue("Tidspunktet skal have dato, klokkeslæt og tidszone.", expression))
        return None
    return value


def _episode_ids(encounter: Encounter) -> tuple[str, ...]:
    """The episode-of-care identifiers, the sender's own (SOR-scoped, "local") first, then LPR3's."""
    local: list[str] = []
    lpr3: list[str] = []
    for episode in encounter.episodeOfCare or []:
        identifier = episode.identifier
        if identifier is None or not identifier.value:
            continue
        value = identifier.value.strip()
        (lpr3 if identifier.system == LPR3_SYSTEM else local).append(value)
    return tuple(local + lpr3)


def _leave(encounter: Encounter) -> tuple[Any, Any]:
    for extension in encounter.extension or []:
        if extension.url == LEAVE_PERIOD_URL and extension.valuePeriod is not None:
            return extension.valuePeriod.start, extension.valuePeriod.end
    return None, None


def _report_requested(envelope: Envelope) -> bool:
    header = envelope.header
    return any(
        ext.url == REPORT_OF_ADMISSION_URL and bool(ext.valueBoolean)
        for ext in getattr(header, "extension", None) or []
    )


def hospital_notification_read(data: Any) -> HospitalNotification:
    """Read and check a HospitalNotification Bundle; raise ``MessageInvalid`` with every issue found.

    Checked beyond the FHIR structure: a message Bundle with one MessageHeader of the HospitalNotification
    event, exactly one patient with a CPR number, a primary receiver and a sender with SOR codes, the encounter in
    focus about that patient with an episode-of-care identifier, a start, a service provider with a SOR code, and a status and
    class that fit the Provenance activity (IG 3.x), a leave period for a leave, an end for a discharge, and the
    message a correction or cancellation refers to.
    """
    envelope = envelope_read(data, event_code=HN_EVENT)
    issues = envelope.issues
    cpr = patient_cpr(envelope.patient)
    if len(cpr) != 10 or not cpr.isdigit():
        issues.append(
            Issue("Patienten skal have et CPR-nummer (urn:oid:1.2.208.176.1.2).", "Patient.identifier")
        )
    encounters = envelope.focused(Encounter)
    if len(encounters) != 1:
        raise MessageInvalid(
            [*issues, Issue("MessageHeader.focus skal pege på ét Encounter.", "MessageHeader.focus")]
        )
    encounter = encounters[0]
    subject_check(envelope, encounter.subject, expression="Encounter.subject", what="Kontakten")
    status = encounter.status or ""
    encounter_class = (encounter.class_fhir.code or "") if encounter.class_fhir is not None else ""
    episode_ids = _episode_ids(encounter)
    if not episode_ids:
        issues.append(Issue("Encounter.episodeOfCare skal have et forløbs-id.", "Encounter.episodeOfCare"))
    period = encounter.period
    started_at = _aware(period.start if period else None, "Encounter.period.start", issues)
    if started_at is None and not any(i.expression == "Encounter.period.start" for i in issues):
        issues.append(Issue("Encounter.period.start mangler.", "Encounter.period.start"))
    ended_at = _aware(period.end if period else None, "Encounter.period.end", issues)
    leave_start, leave_end = _leave(encounter)
    leave_started_at = _aware(leave_start, "Encounter.extension(leavePeriod).start", issues)
    leave_ended_at = _aware(leave_end, "Encounter.extension(leavePeriod).end", issues)
    provider = party_of(envelope.resolve(encounter.serviceProvider))
    if provider is None:
        issues.append(
            Issue(
                "Encounter.serviceProvider skal pege på en organisation med SOR-kode.",
                "Encounter.serviceProvider",
            )
        )
    deceased = bool(getattr(envelope.patient, "deceasedBoolean", None)) or (
        getattr(envelope.patient, "deceasedDateTime", None) is not None
    )
    base, correction = activity_parse(envelope.activity)
    known = ACTIVITIES.get(base)
    event = Event.MORS if deceased and correction != Correction.CANCELLATION else None
    if known is None:
        issues.append(
            Issue(
                f"Ukendt aktivitet i Provenance.activity: '{envelope.activity}'.",
                "Provenance.activity",
                "code-invalid",
            )
        )
    else:
        event = event or known[0]
        _combination_check(
            known,
            status=status,
            encounter_class=encounter_class,
            deceased=deceased,
            correction=correction,
            issues=issues,
        )
        if correction == Correction.NONE and not deceased:
            if event == Event.STOR and leave_started_at is None:
                issues.append(
                    Issue("Orlov kræver orlovsperiodens start (leavePeriod.start).", "Encounter.extension")
                )
            if event == Event.SLOR and leave_ended_at is None:
                issues.append(
                    Issue(
                        "Afsluttet orlov kræver orlovsperiodens slut (leavePeriod.end).",
                        "Encounter.extension",
                    )
                )
            if event == Event.SLHJ and ended_at is None:
                issues.append(Issue("Udskrivning kræver Encounter.period.end.", "Encounter.period.end"))
    if correction != Correction.NONE and not envelope.previous_id:
        issues.append(
            Issue(
                "En rettelse eller annullering skal pege på den meddelelse, den gælder (Provenance.entity).",
                "Provenance.entity",
            )
        )
    if issues or event is None or started_at is None or provider is None:
        raise MessageInvalid(issues)
    return HospitalNotification(
        bundle_id=envelope.bundle_id,
        message_id=envelope.message_id,
        sender=envelope.sender,
        receiver=envelope.receiver,
        service_provider=provider,
        cpr=cpr,
        name=_patient_name(envelope.patient),
        event=event,
        correction=correction,
        activity=envelope.activity,
        status=status,
        encounter_class=encounter_class,
        episode_of_care_id=episode_ids[0],
        episode_ids=episode_ids,
        started_at=started_at,
        ended_at=ended_at,
        leave_started_at=leave_started_at,
        leave_ended_at=leave_ended_at,
        deceased=deceased,
        occurred_at=envelope.occurred_at,
        previous_id=envelope.previous_id,
        report_of_admission=_report_requested(envelope),
    )


def _combination_check(
    known: tuple[Event, frozenset[str], frozenset[str]],
    *,
    status: str,
    encounter_class: str,
    deceased: bool,
    correction: Correction,
    issues: list[Issue],
) -> None:
    """Encounter.status and Encounter.class must fit the activity (IG 3.x): a cancellation is 'entered-in-error',
    a death keeps the current activity with the encounter in progress, on leave or finished."""
    _event, classes, statuses = known
    if encounter_class not in classes:
        issues.append(
            Issue(
                f"Encounter.class '{encounter_class or '(mangler)'}' passer ikke til aktiviteten (forventet "
                f"{', '.join(sorted(classes))}).",
                "Encounter.class",
            )
        )
    if correction == Correction.CANCELLATION:
        allowed = frozenset({"entered-in-error"})
    elif deceased:
        allowed = DECEASED_STATUSES
    else:
        allowed = statuses
    if status not in allowed:
        issues.append(
            Issue(
                f"Encounter.status '{status or '(mangler)'}' passer ikke til aktiviteten (forventet "
                f"{', '.join(sorted(allowed))}).",
                "Encounter.status",
            )
        )
