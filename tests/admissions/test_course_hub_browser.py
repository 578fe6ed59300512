"""In a browser: the visitator goes from her inbox to the course, which reads the notice, and from the course
to the discharge; the ward writes to the municipality from the course page's own link."""

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from admissions.models import AdmissionNotice, Course
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("HUB_SCREENSHOTS", "")  # a folder: the pages are saved there to be looked at


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_visitator_goes_from_the_inbox_to_the_course_and_on_to_the_discharge(
    page: Any, login: Callable[[Any, str, str], None], visitator: User, admitted_course: Course
) -> None:
    login(page, visitator.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Indbakke").click()
    page.locator("#inbox-notices").get_by_role("link", name=admitted_course.citizen.name).click()

    hub = page.get_by_role("navigation", name="Forløbet")
    expect(hub.get_by_role("link", name="Udskrivning")).to_be_visible()
    expect(hub).not_to_contain_text("Markér som læst")
    expect(page.locator("#course-timeline")).to_contain_text("Indlæggelsesadvis læst")
    assert AdmissionNotice.objects.get(course=admitted_course).read_at is not None
    _shot(page, "course-visitator-1400")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "course-visitator-390")

    hub.get_by_role("link", name="Udskrivning").click()
    expect(page).to_have_url(f"{page.url.split('/forloeb/')[0]}/forloeb/{admitted_course.pk}/udskrivning/")


def test_the_ward_writes_to_the_municipality_from_the_course_page(
    page: Any, login: Callable[[Any, str, str], None], ward: User, admitted_course: Course
) -> None:
    login(page, ward.username, TEST_PASSWORD)
    page.goto(f"/forloeb/{admitted_course.pk}/")
    _shot(page, "course-ward-1400")

    page.get_by_role("navigation", name="Forløbet").get_by_role("link", name="Skriv en meddelelse").click()

    expect(page.locator("#message_form")).to_have_attribute("open", "")
    expect(page.locator("#message_form").get_by_role("button", name="Send meddelelse")).to_be_visible()
