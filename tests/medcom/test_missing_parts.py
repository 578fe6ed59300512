"""A MedCom Bundle with a required part missing is refused: each part of an accepted example (every entry, the
Bundle's type and timestamp, and the elements the MedCom profiles require of each resource) removed in turn gives a
4xx OperationOutcome in Danish, and nothing but the refused message's own log row is stored."""

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from admissions.models import Course, Message
from admissions.services import consent_record
from medcom.models import InboundMessage
from medcom.services.parties import hospital_side_user
from tests.medcom.conftest import CC_URL, HN_URL, cc_example, example

ELMER = "2509479989"

# The elements each resource must have (FHIR R4 cardinality 1.., and the MedCom profiles' "must be present").
REQUIRED = {
    "Bundle": ("type", "timestamp", "entry"),
    "MessageHeader": ("eventCoding", "destination", "sender", "source", "focus"),
    "Patient": ("identifier",),
    "Encounter": ("status", "class", "subject", "period", "serviceProvider"),
    "Communication": ("status", "category", "subject", "payload"),
    "Organization": ("identifier",),
    "Provenance": ("target", "recorded", "activity", "agent"),
}
# Entries a message may go without: the author's practitioner, role and care team of a CareCommunication, and
# the Provenance of the message a discharge follows (only the message's own Provenance is required).
OPTIONAL = {
    "CareCommunication-new": {"entry 3", "entry 4", "entry 5", "entry 6", "entry 7"},
    "HospitalNotification-SLHJ": {"entry 5", "Provenance[5].activity"},
}


def _without_each_part(bundle: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(what was removed, the bundle without it) for every entry and every required element in turn."""
    for key in REQUIRED["Bundle"]:
        broken = copy.deepcopy(bundle)
        del broken[key]
        yield f"Bundle.{key}", broken
    for index, entry in enumerate(bundle["entry"]):
        kind = entry["resource"]["resourceType"]
        broken = copy.deepcopy(bundle)
        del broken["entry"][index]
        yield f"entry {index} ({kind})", broken
        for key in REQUIRED.get(kind, ()):
            if key in entry["resource"]:
                broken = copy.deepcopy(bundle)
                del broken["entry"][index]["resource"][key]
                yield f"{kind}[{index}].{key}", broken


def _counts() -> dict[str, int]:
    """Rows per model; the audit trail counts the rows about anything but the inbound log."""
    skip = {"sessions", "axes", "contenttypes", "auth", "authtoken"}
    counts = {
        m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label not in skip
    }
    inbound = ContentType.objects.get_for_model(InboundMessage)
    counts["auditlog.LogEntry"] = LogEntry.objects.exclude(content_type=inbound).count()
    return counts


@pytest.mark.parametrize(
    ("name", "url", "bundle"),
    [
        ("HospitalNotification-STIN", HN_URL, lambda: example("STIN_A")),
        ("HospitalNotification-SLHJ", HN_URL, lambda: example("SLHJ_H")),
        ("CareCommunication-new", CC_URL, lambda: cc_example("receive/Bundle-R-A-new")),
    ],
)
def test_a_bundle_without_a_required_part_is_refused_and_stores_nothing(
    name: str, url: str, bundle: Callable[[], dict[str, Any]], post: Callable[..., Any]
) -> None:
    accepted = []
    for removed, broken in _without_each_part(bundle()):
        if removed.split(" (")[0] in OPTIONAL.get(name, set()):
            continue
        before = _counts()
        # when the bundle arrives without the part
        response = post(broken, url)
        # then it is refused with an OperationOutcome that says why, in Danish
        body = json.loads(response.content)
        if not 400 <= response.status_code < 500:
            accepted.append(removed)
            continue
        assert body["resourceType"] == "OperationOutcome", removed
        assert body["issue"][0]["severity"] == "error", removed
        assert body["issue"][0].get("diagnostics") or body["issue"][0].get("details"), removed
        # and only the refused message is logged: no citizen, course, message or organisation is written
        after = _counts()
        logged = after.pop("medcom.InboundMessage") - before.pop("medcom.InboundMessage")
        assert logged <= 1, removed
        assert after == before, removed
    assert accepted == []


def _resource(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind)


def _without(kind: str, key: str) -> Callable[[dict[str, Any]], None]:
    def breaks(bundle: dict[str, Any]) -> None:
        del _resource(bundle, kind)[key]

    return breaks


def _about_someone_else(kind: str) -> Callable[[dict[str, Any]], None]:
    def breaks(bundle: dict[str, Any]) -> None:
        _resource(bundle, kind)["subject"] = {"reference": "Patient/en-anden-patient"}

    return breaks


def _refused_storing_nothing(post: Callable[..., Any], bundle: dict[str, Any], url: str, names: str) -> None:
    """Post ``bundle``; assert a 400 OperationOutcome whose Danish text names ``names`` and that nothing but the
    refused message's log row was written."""
    before = _counts()
    response = post(bundle, url)
    assert response.status_code == 400
    issues = response.json()["issue"]
    assert any(names in issue["diagnostics"] and issue["severity"] == "error" for issue in issues), issues
    after = _counts()
    assert after.pop("medcom.InboundMessage") - before.pop("medcom.InboundMessage") == 1
    assert after == before
    assert InboundMessage.objects.latest("pk").outcome == InboundMessage.Outcome.REJECTED


ENCOUNTER_BREAKS = [
    pytest.param(_without("Encounter", "subject"), "Kontakten mangler sin patient", id="no-subject"),
    pytest.param(_about_someone_else("Encounter"), "Kontakten skal handle om", id="another-patient"),
]


@pytest.mark.parametrize(("breaks", "text"), ENCOUNTER_BREAKS)
def test_an_admission_whose_encounter_is_about_no_patient_creates_no_citizen_and_no_course(
    breaks: Callable[[dict[str, Any]], None], text: str, post: Callable[..., Any]
) -> None:
    # given an admission (STIN_A) of Elmer, unknown to the product, whose Encounter does not name him
    bundle = example("STIN_A")
    breaks(bundle)
    # when it arrives, then it is refused naming Encounter.subject, and Elmer is neither created nor admitted
    _refused_storing_nothing(post, bundle, HN_URL, text)
    assert "Encounter.subject" in InboundMessage.objects.get().detail
    assert not Course.objects.filter(citizen__cpr=ELMER).exists()
    # and the same admission with its subject admits him (the refusal was about the subject alone)
    assert post(example("STIN_A")).status_code == 200
    assert Course.objects.get(citizen__cpr=ELMER).state == Course.State.ADMITTED


@pytest.mark.parametrize(("breaks", "text"), ENCOUNTER_BREAKS)
def test_a_discharge_whose_encounter_is_about_no_patient_leaves_the_course_admitted(
    breaks: Callable[[dict[str, Any]], None], text: str, post: Callable[..., Any]
) -> None:
    # given Elmer admitted by STIN_H
    assert post(example("STIN_H")).status_code == 200
    # when his discharge (SLHJ_H) arrives with an Encounter that does not name him
    bundle = example("SLHJ_H")
    breaks(bundle)
    # then it is refused and stores nothing: the course is still admitted, not discharged
    _refused_storing_nothing(post, bundle, HN_URL, text)
    course = Course.objects.get(citizen__cpr=ELMER)
    assert course.state == Course.State.ADMITTED and course.discharged_at is None
    # and the discharge with its subject discharges him
    assert post(example("SLHJ_H")).status_code == 200
    assert Course.objects.get(citizen__cpr=ELMER).state == Course.State.DISCHARGED


@pytest.mark.parametrize(
    ("breaks", "text"),
    [
        pytest.param(
            _without("Patient", "identifier"), "Patienten mangler et CPR-nummer", id="patient-without-cpr"
        ),
        pytest.param(
            _without("Communication", "subject"), "Korrespondancen mangler sin patient", id="no-subject"
        ),
        pytest.param(
            _about_someone_else("Communication"), "Korrespondancen skal handle om", id="another-patient"
        ),
    ],
)
def test_a_care_communication_about_no_identified_patient_is_not_put_on_the_course(
    breaks: Callable[[dict[str, Any]], None], text: str, post: Callable[..., Any]
) -> None:
    # given Elmer admitted at Hjerteafdelingen with consent to share with Aarhus
    post(example("STIN_A"))
    course = Course.objects.get(citizen__cpr=ELMER)
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=False,
        acting_user=hospital_side_user(course),
    )
    # when the department's message to Aarhus (R-Tek-E) arrives without an identified patient
    bundle = cc_example("receive/Bundle-R-Tek-E")
    breaks(bundle)
    # then it is refused naming the missing part, and no message or thread is on the course
    _refused_storing_nothing(post, bundle, CC_URL, text)
    assert not Message.objects.exists()
    # and the intact message lands on the course (the refusal was about the patient alone)
    response = post(cc_example("receive/Bundle-R-Tek-E"), CC_URL)
    assert response["X-Message-Outcome"] == "applied"
    assert Message.objects.get().course == course
