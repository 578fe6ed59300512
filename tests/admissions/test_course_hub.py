"""The course page is the hub: each party finds the discharge, the rehabilitation plan, the correspondence
and the deadlines there with what it may do, opening it from the inbox reads the notice, and the timeline
says in Danish what happened, who and when."""

import pytest
from django.utils import timezone

from admissions.models import AdmissionNotice
from discharge.events import discharge_event_record
from tests.factories import organisation_get

pytestmark = pytest.mark.django_db


def test_the_ward_finds_every_page_of_the_course_with_its_actions(client, ward, admitted_course):
    client.force_login(ward)

    page = client.get(f"/forloeb/{admitted_course.pk}/").content.decode()

    hub = page.split('id="course-hub"')[1].split("</nav>")[0]
    assert f'href="/forloeb/{admitted_course.pk}/udskrivning/"' in hub
    assert "Ingen udskrivningsplan endnu" in hub and "Planlæg udskrivningen" in hub
    assert f'action="/genoptraening/forloeb/{admitted_course.pk}/ny-plan/"' in hub
    assert "Opret genoptræningsplan" in hub
    assert "Frister" in hub and "Skriv en meddelelse" in hub


def test_the_visitator_gets_the_discharge_page_but_not_the_wards_actions(client, visitator, admitted_course):
    client.force_login(visitator)

    page = client.get(f"/forloeb/{admitted_course.pk}/").content.decode()

    hub = page.split('id="course-hub"')[1].split("</nav>")[0]
    assert f'href="/forloeb/{admitted_course.pk}/udskrivning/"' in hub
    assert "Planlæg udskrivningen" not in hub and "Opret genoptræningsplan" not in hub
    assert "Indlæggelsesadvis" in hub and "Markér som læst" in hub


def test_opening_the_course_from_the_inbox_reads_the_notice_for_the_municipality(
    client, visitator, admitted_course
):
    client.force_login(visitator)
    inbox = client.get("/kommune/indbakke/").content.decode()
    assert f"/forloeb/{admitted_course.pk}/?fra=indbakke" in inbox

    client.get(f"/forloeb/{admitted_course.pk}/")
    assert AdmissionNotice.objects.get(course=admitted_course).read_at is None  # not from the inbox: unread

    page = client.get(f"/forloeb/{admitted_course.pk}/?fra=indbakke").content.decode()

    notice = AdmissionNotice.objects.get(course=admitted_course)
    assert notice.read_at is not None and notice.read_by == visitator
    assert "Markér som læst" not in page and "Indlæggelsesadvis læst" in page


def test_the_ward_opening_the_course_from_a_link_reads_nothing(client, ward, admitted_course):
    client.force_login(ward)

    client.get(f"/forloeb/{admitted_course.pk}/?fra=indbakke")

    assert AdmissionNotice.objects.get(course=admitted_course).read_at is None


def test_the_timeline_says_what_the_discharge_did_not_andet(client, ward, admitted_course):
    discharge_event_record(
        course=admitted_course,
        at=timezone.now(),
        text="Udskrivning planlagt til 01.12.2026 (hjemmepleje)",
        acting_user=ward,
        organisation=organisation_get("AUH-ORT"),
    )
    client.force_login(ward)

    page = client.get(f"/forloeb/{admitted_course.pk}/").content.decode()

    timeline = page.split('id="course-timeline"')[1].split("</ol>")[0]
    assert "<strong>Udskrivning planlagt til 01.12.2026 (hjemmepleje)</strong>" in timeline
    assert "Andet" not in timeline
    assert " kl. " in timeline and ward.get_full_name() in timeline


def test_the_message_form_opens_from_the_hub_link(client, ward, admitted_course):
    client.force_login(ward)

    page = client.get(f"/forloeb/{admitted_course.pk}/?aaben=message_form").content.decode()

    assert '<details class="app-action" id="message_form" open>' in page
