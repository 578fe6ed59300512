"""The municipality's notices from psychiatry filtered by read/unread, kind and the day sent, a page at a time;
htmx swaps the list; a value the page does not know is ignored."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from psychiatry.models import Notice, PsychiatricCourse
from psychiatry.services import course_inform

INBOX = "/psykiatri/indbakke/"


@pytest.fixture
def informed(client: Client, course: PsychiatricCourse, psychiatrist: User, visitator: User) -> Client:
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    client.force_login(visitator)
    return client


def test_the_read_filter_moves_a_notice_between_unread_and_read(informed: Client) -> None:
    notice = Notice.objects.get()
    assert notice.get_kind_display() in informed.get(f"{INBOX}?status=ulaest").content.decode()
    assert "Ingen orienteringer." in informed.get(f"{INBOX}?status=laest").content.decode()

    informed.post(f"/psykiatri/orientering/{notice.pk}/laest/")

    assert "Ingen orienteringer." in informed.get(f"{INBOX}?status=ulaest").content.decode()
    assert notice.get_kind_display() in informed.get(f"{INBOX}?status=laest").content.decode()


def test_the_kind_and_date_filters(informed: Client) -> None:
    notice = Notice.objects.get()
    other_kind = next(kind for kind in Notice.Kind.values if kind != notice.kind)
    today = timezone.localdate(notice.sent_at).strftime("%d.%m.%Y")

    assert "Ingen orienteringer." not in informed.get(f"{INBOX}?type={notice.kind}").content.decode()
    assert "Ingen orienteringer." in informed.get(f"{INBOX}?type={other_kind}").content.decode()
    assert "Ingen orienteringer." not in informed.get(f"{INBOX}?fra={today}&til={today}").content.decode()
    assert "Ingen orienteringer." in informed.get(f"{INBOX}?til=01.01.2020").content.decode()


def test_bad_values_are_ignored_and_htmx_gets_the_list(informed: Client) -> None:
    page = informed.get(f"{INBOX}?status=x&type=y&fra=32.13.2026&side=z")
    fragment = informed.get(INBOX, headers={"HX-Request": "true"}).content.decode()

    assert page.status_code == 200 and "Ingen orienteringer." not in page.content.decode()
    assert fragment.lstrip().startswith('<div id="psychiatry-inbox-list"') and "<h1>" not in fragment
