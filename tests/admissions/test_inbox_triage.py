"""Inboxes people can triage: unread notices on top and in bold, a page at a time; the information requests
by their reply deadline, an overdue one flagged with its due time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import AdmissionNotice
from admissions.services import admission_notice_mark_read, consent_record, information_request_send
from sundhedsaftale.deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def test_unread_notices_come_first_in_bold_and_read_ones_after(client, visitator, admit):
    read_course = admit(name="Anna Læst")
    admit(name="Bent Ulæst")
    admission_notice_mark_read(notice=AdmissionNotice.objects.get(course=read_course), acting_user=visitator)
    client.force_login(visitator)

    page = client.get("/kommune/indbakke/").content.decode()

    table = page.split('id="inbox-notices"')[1].split("</table>")[0]
    assert table.index("Bent Ulæst") < table.index("Anna Læst")
    assert table.count('class="app-unread"') == 1


def test_the_notices_are_paged(client, visitator, admit):
    for n in range(27):
        admit(name=f"Borger {n:02d}")
    client.force_login(visitator)

    first = client.get("/kommune/indbakke/").content.decode()
    second = client.get("/kommune/indbakke/?side=2").content.decode()

    assert first.count("?fra=indbakke") == 25 and "Side 1 af 2" in first and "Næste side" in first
    assert second.count("?fra=indbakke") == 2 and "Forrige side" in second


def test_an_overdue_information_request_is_flagged_with_its_due_time(client, ward, visitator, planned_course):
    consent_record(
        course=planned_course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=1),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    information_request_send(
        course=planned_course,
        recipient=planned_course.citizen.municipality,
        question="Hvilken hjemmepleje har borgeren?",
        acting_user=ward,
    )
    client.force_login(visitator)

    in_time = client.get("/kommune/indbakke/").content.decode()
    past = timezone.now() - timedelta(hours=1)  # the 24 hours have run out
    Deadline.objects.filter(rule_code="admission.info_reply").update(due_at=past, warn_at=past)
    overdue = client.get("/kommune/indbakke/").content.decode()

    requests = in_time.split('id="inbox-requests"')[1].split("</ul>")[0]
    assert "svar senest" in requests and "fristen er overskredet" not in requests
    flagged = overdue.split('id="inbox-requests"')[1].split("</ul>")[0]
    assert "fristen er overskredet" in flagged and " kl. " in flagged
