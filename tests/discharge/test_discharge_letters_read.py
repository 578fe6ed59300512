"""The GP's epikriser can be read off: opening one or "Markér som læst" marks it read for the practice, and the
dashboard's count of unread epikriser falls. Another practice sees none of it (404)."""

import re
from typing import Any

import pytest
from django.test import Client

from admissions.models import Course
from discharge.models import DischargeLetter
from discharge.services import discharge_letter_send

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def unread_on_dashboard(client: Client) -> int:
    html = client.get("/").content.decode()
    match = re.search(
        r'<span class="app-figure">(\d+)</span> <span class="app-figure-label">ulæste epikriser', html
    )
    assert match, "the GP's dashboard shows the unread epikriser"
    return int(match.group(1))


@pytest.fixture
def two_letters(course_admitted_16_november: Course, ward: Any, give_consent: Any) -> list[DischargeLetter]:
    give_consent(course_admitted_16_november, ward)
    return [
        discharge_letter_send(course=course_admitted_16_november, summary=text, acting_user=ward)
        for text in ("Indlagt med pneumoni.", "Opfølgning på blodprøver.")
    ]


def test_opening_an_epikrise_marks_it_read_and_the_dashboard_count_falls(
    two_letters: list[DischargeLetter], gp: Any
) -> None:
    client = as_user(gp)
    assert unread_on_dashboard(client) == 2

    page = client.get(f"/praksis/epikriser/{two_letters[0].pk}/")

    assert page.status_code == 200 and "Indlagt med pneumoni." in page.content.decode()
    assert unread_on_dashboard(client) == 1


def test_mark_read_from_the_list_without_javascript_returns_to_the_filtered_list(
    two_letters: list[DischargeLetter], gp: Any
) -> None:
    client = as_user(gp)

    response = client.post(f"/praksis/epikriser/{two_letters[1].pk}/laest/?status=ulaest")

    assert response.status_code == 302 and response["Location"] == "/praksis/epikriser/?status=ulaest"
    unread = client.get("/praksis/epikriser/?status=ulaest").content.decode()
    assert "Indlagt med pneumoni." in unread and "Opfølgning på blodprøver." not in unread
    assert unread_on_dashboard(client) == 1


def test_mark_read_with_htmx_swaps_the_list(two_letters: list[DischargeLetter], gp: Any) -> None:
    response = as_user(gp).post(f"/praksis/epikriser/{two_letters[0].pk}/laest/", headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200 and response["HX-Trigger"] == "letters-changed"
    assert html.lstrip().startswith('<div id="letters"') and html.count("Markér som læst") == 1


def test_mark_read_is_post_only(two_letters: list[DischargeLetter], gp: Any) -> None:
    assert as_user(gp).get(f"/praksis/epikriser/{two_letters[0].pk}/laest/").status_code == 405
    two_letters[0].refresh_from_db()
    assert two_letters[0].read_at is None


def test_another_practice_can_neither_open_nor_mark_the_epikrise(
    two_letters: list[DischargeLetter], foreign_gp: Any, visitator: Any, gp: Any
) -> None:
    letter = two_letters[0]

    assert as_user(foreign_gp).get(f"/praksis/epikriser/{letter.pk}/").status_code == 404
    assert as_user(foreign_gp).post(f"/praksis/epikriser/{letter.pk}/laest/").status_code == 404
    assert as_user(visitator).post(f"/praksis/epikriser/{letter.pk}/laest/").status_code == 404
    letter.refresh_from_db()
    assert letter.read_at is None
    assert unread_on_dashboard(as_user(gp)) == 2


@pytest.mark.parametrize(
    "query",
    ["status=ukendt", "fra=31.02.2026", "til=igår", "side=abc", "side=999"],
    ids=["unknown-status", "no-such-day", "not-a-date", "page-not-a-number", "page-past-the-end"],
)
def test_bad_filter_values_are_ignored(two_letters: list[DischargeLetter], gp: Any, query: str) -> None:
    response = as_user(gp).get(f"/praksis/epikriser/?{query}")

    assert response.status_code == 200
    assert "Indlagt med pneumoni." in response.content.decode()


def test_the_date_filter_keeps_the_days_asked_for(two_letters: list[DischargeLetter], gp: Any) -> None:
    DischargeLetter.objects.filter(pk=two_letters[0].pk).update(
        sent_at=two_letters[0].sent_at.replace(year=2025)
    )
    html = as_user(gp).get("/praksis/epikriser/?til=31.12.2025").content.decode()

    assert "Indlagt med pneumoni." in html and "Opfølgning på blodprøver." not in html
    assert 'value="31.12.2025"' in html
