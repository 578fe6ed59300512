"""The regional secretariat's MedCom page: every message in and out with its outcome, filtered; one message's
Bundle with the citizen left out; a message that had no course processed again once the course exists."""

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from admissions.models import Course, Message
from admissions.services import consent_record
from medcom.models import InboundMessage
from medcom.services.parties import hospital_side_user
from sundhedsaftale.access.models import AccessLog
from tests.factories import member
from tests.medcom.conftest import CC_URL, cc_example, example

ELMER = "2509479989"


@pytest.fixture
def cc_post(post: Callable[..., Any]) -> Callable[..., Any]:
    return lambda bundle: post(bundle, CC_URL)


def _admin() -> Client:
    client = Client()
    client.force_login(member("regional_admin"))
    return client


def test_the_admin_sees_the_messages_and_filters_them(post: Callable[..., Any]) -> None:
    post(example("STIN_H"))
    post(example("TEK_FCC"))
    client = _admin()
    page = client.get("/medcom/").content.decode()
    assert "STIN" in page and "Afvist" in page
    assert "250947" not in page
    only_rejected = client.get("/medcom/?outcome=rejected").content.decode()
    assert "Afvist: " in only_rejected and "Borgeren var ukendt og er oprettet" not in only_rejected
    # the page shows no citizen, so it reads none
    assert not AccessLog.objects.filter(what__startswith="MedCom-meddelelse").exists()


def test_a_message_is_shown_with_its_bundle_and_the_citizen_left_out(
    post: Callable[..., Any], cc_post: Callable[..., Any]
) -> None:
    post(example("STIN_H"))
    cc_post(cc_example("receive/Bundle-R-A-new"))
    client = _admin()
    for row in InboundMessage.objects.all():
        page = html.unescape(client.get(f"/medcom/modtaget/{row.pk}/").content.decode())
        assert '"resourceType": "Bundle"' in page
        assert "250947" not in page and "Elmer" not in page
        assert "[patientoplysninger udeladt]" in page
    cc_row = InboundMessage.objects.get(kind="care_communication")
    page = html.unescape(client.get(f"/medcom/modtaget/{cc_row.pk}/").content.decode())
    assert '"contentString": "[tekst udeladt]"' in page


def test_others_may_not_see_the_page(post: Callable[..., Any]) -> None:
    post(example("STIN_H"))
    client = Client()
    client.force_login(member("visitation", "751"))
    assert client.get("/medcom/").status_code == 403
    assert client.get(f"/medcom/modtaget/{InboundMessage.objects.get().pk}/").status_code == 403


def test_a_message_that_had_no_course_is_applied_when_processed_again(
    post: Callable[..., Any], cc_post: Callable[..., Any], settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    # given a message from Hjerteafdelingen about a citizen the product did not know yet
    cc_post(cc_example("receive/Bundle-R-Tek-E"))
    early = InboundMessage.objects.get()
    assert early.outcome == "no_case"
    # and then the citizen's admission there, with consent to share with Aarhus
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
    # when the admin presses "Behandl igen"
    client = _admin()
    response = client.post(f"/medcom/modtaget/{early.pk}/", follow=True)
    # then the message joins the course's correspondence
    assert "Meddelelsen er behandlet igen." in response.content.decode()
    early.refresh_from_db()
    assert early.outcome == "applied" and early.attempts == 2
    assert Message.objects.get().course == course
    # and an applied message is not applied twice
    again = client.post(f"/medcom/modtaget/{early.pk}/", follow=True)
    assert "kunne ikke behandles igen" in again.content.decode()
    assert Message.objects.count() == 1
