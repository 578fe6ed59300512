"""The code systems and codes of the MedCom messages (HospitalNotification IG 3.x, CareCommunication IG 5.x), and
how a HospitalNotification's event is read from them. Pure: no Django."""

from enum import StrEnum

CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
SOR_SYSTEM = "urn:oid:1.2.208.176.1.1"
GLN_SYSTEM = "https://www.gs1.org/gln"
SOR_ENDPOINT = "https://sor2.sum.dsdn.dk/#id="
LPR3_SYSTEM = "https://www.esundhed.dk/Registre/Landspatientregisteret"
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
EVENT_SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes"
ACTIVITY_SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
DESTINATION_USE_URL = (
    "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension"
)
DESTINATION_USE_SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse"
LEAVE_PERIOD_URL = "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalnotifiation-leave-period-extension"
REPORT_OF_ADMISSION_URL = "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-messaging-reportOfAdmissionExtension"
HN_EVENT = "hospital-notification-message"
CC_EVENT = "care-communication-message"
HN_PROFILE = (
    "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message"
)
CC_PROFILE = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message"
CC_CATEGORY_SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes"
CC_ACTIVITIES = ("new-message", "reply-message", "forward-message")


class Event(StrEnum):
    """The events of a HospitalNotification, by their OIOXML names (the test examples' prefixes)."""

    STIN = "STIN"  # admitted as inpatient
    STAA = "STAA"  # acute ambulant start
    STOR = "STOR"  # start of leave
    SLOR = "SLOR"  # end of leave
    SLHJ = "SLHJ"  # discharged home / to primary sector
    MORS = "MORS"  # deceased


# activity code → (event, Encounter.class codes allowed, Encounter.status allowed)
ACTIVITIES: dict[str, tuple[Event, frozenset[str], frozenset[str]]] = {
    "admit-inpatient": (Event.STIN, frozenset({"IMP"}), frozenset({"in-progress"})),
    "admit-emergency": (Event.STAA, frozenset({"EMER"}), frozenset({"in-progress"})),
    "start-leave-inpatient": (Event.STOR, frozenset({"IMP"}), frozenset({"onleave"})),
    "end-leave-inpatient": (Event.SLOR, frozenset({"IMP"}), frozenset({"in-progress"})),
    # discharged straight from a leave: the encounter may still say "onleave" (the example SLHJ_I)
    "discharge-inpatient-home": (Event.SLHJ, frozenset({"IMP"}), frozenset({"finished", "onleave"})),
    "discharge-emergency-home": (Event.SLHJ, frozenset({"EMER"}), frozenset({"finished"})),
}
REVISE, CANCEL = "revise-", "cancel-"
# A deceased patient keeps the activity of the current state (IG: "it shall remain the current activity"); the
# encounter may then be in progress, on leave or finished.
DECEASED_STATUSES = frozenset({"in-progress", "onleave", "finished"})


class Correction(StrEnum):
    NONE = ""
    REVISION = "RE"  # RE_*: corrects the message it revises (time or department)
    CANCELLATION = "AN"  # AN_*: cancels the message it removes


def activity_parse(code: str) -> tuple[str, Correction]:
    """Split ``revise-admit-inpatient`` into (``admit-inpatient``, REVISION); an unknown base is returned as is."""
    if code.startswith(REVISE):
        return code.removeprefix(REVISE), Correction.REVISION
    if code.startswith(CANCEL):
        return code.removeprefix(CANCEL), Correction.CANCELLATION
    return code, Correction.NONE


def event_label(event: str, correction: str) -> str:
    """``RE_STIN``, ``AN_STOR`` or plain ``SLHJ``: the name the test examples and the OIOXML advis use."""
    return f"{correction}_{event}" if correction else event
