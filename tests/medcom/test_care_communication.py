"""CareCommunication in: every official example accepted or refused, threads rebuilt from the provenance chain,
duplicates recognised, and a message between the parties of a course lands in the course's correspondence."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from admissions.models import Course, Message
from admissions.services import consent_record
from medcom.models import InboundMessage
from medcom.services.parties import hospital_side_user
from tests.medcom.conftest import CC, CC_URL, cc_example, example

ELMER = "2509479989"
EXAMPLES = sorted((CC / "receive").glob("*.json")) + sorted((CC / "send").glob("*.json"))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:30])
def test_each_example_is_accepted_or_refused_as_its_name_says(path: Path, post: Callable[..., Any]) -> None:
    # when the example is delivered on its own
    response = post(json.loads(path.read_text()), CC_URL)
    # then the invalid example (Tek-M: a Communication without a category code) is refused, every other accepted
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    if "Tek-M" in path.name:
        assert response.status_code == 400
        assert "Communication.category" in body["issue"][0]["diagnostics"]
        assert InboundMessage.objects.get().outcome == "rejected"
    else:
        assert response.status_code == 200, body
        row = InboundMessage.objects.get()
        assert row.outcome in ("no_case", "noted", "applied")
        assert row.thread_key


def test_a_forward_joins_the_thread_of_the_message_it_forwards(post: Callable[..., Any]) -> None:
    # the forward (R-C) carries the provenance of the new message before it (42fa2844-...)
    post(cc_example("receive/Bundle-R-C-forward"), CC_URL)
    row = InboundMessage.objects.get()
    assert row.event == "forward-message"
    assert row.previous_message_id == "42fa2844-5020-45dd-bd5f-77137ba5ca1f"
    assert row.thread_key == "42fa2844-5020-45dd-bd5f-77137ba5ca1f"
    assert row.category == "examination-results" and row.topic == "Resultater fra hjemmesygeplejen"


def test_a_reply_to_a_received_message_is_in_its_thread(post: Callable[..., Any]) -> None:
    first = cc_example("receive/Bundle-R-A-new")
    post(first, CC_URL)
    reply = cc_example("receive/Bundle-R-A-new")
    header = reply["entry"][0]["resource"]
    original_id = header["id"]
    header["id"] = "0a1b2c3d-0000-4000-8000-000000000001"
    for entry in reply["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Provenance":
            resource["target"] = [{"reference": f"MessageHeader/{header['id']}"}]
            resource["activity"]["coding"][0]["code"] = "reply-message"
            resource["entity"] = [{"role": "revision", "what": {"reference": f"MessageHeader/{original_id}"}}]
            break
    response = post(reply, CC_URL)
    assert response.status_code == 200, response.json()
    rows = InboundMessage.objects.order_by("received_at", "pk")
    assert [r.thread_key for r in rows] == [original_id, original_id]


def test_a_duplicate_is_recognised_and_adds_nothing(post: Callable[..., Any]) -> None:
    post(cc_example("receive/Bundle-R-Tek-K"), CC_URL)
    again = post(cc_example("receive/Bundle-R-Tek-K"), CC_URL)
    assert again.status_code == 200
    assert again["X-Message-Outcome"] == "duplicate"
    assert InboundMessage.objects.filter(duplicate_of__isnull=True).count() == 1
    assert InboundMessage.objects.filter(outcome="duplicate").count() == 1


def test_a_message_from_the_hospital_lands_in_the_course_correspondence(post: Callable[..., Any]) -> None:
    # given Elmer admitted at Hjerteafdelingen (by its HospitalNotification) with consent to share with Aarhus
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
    # when the department writes to Visitationen in Aarhus (R-Tek-E, category nursing)
    response = post(cc_example("receive/Bundle-R-Tek-E"), CC_URL)
    # then the message is on the course, from the department to the municipality
    assert response.status_code == 200
    assert response["X-Message-Outcome"] == "applied"
    message = Message.objects.select_related("thread", "recipient").get()
    assert message.course == course
    assert message.recipient.code == "751"
    assert message.thread.topic == "Forspørgsel på seneste resultater"
    assert message.body.strip()
