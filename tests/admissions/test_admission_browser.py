"""In a browser (Playwright, Debian's chromium): the ward admits a citizen, the municipality sees the notice."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.admissions.conftest import new_cpr
from tests.factories import TEST_PASSWORD, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ward_admits_and_the_municipality_sees_the_notice_in_its_inbox(
    page: Any, login: Callable[[Any, str, str], None], browser: Any, live_server: Any
) -> None:
    # given a nurse at Aarhus Universitetshospital, orthopaedics, and a visitator in Aarhus Kommune
    member("ward_staff", "AUH-ORT", username="sygeplejerske")
    member("visitation", "751", username="visitator")
    cpr = new_cpr()
    # when the nurse admits a citizen of Aarhus through the form
    login(page, "sygeplejerske", TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ny indlæggelse").click()
    page.get_by_label("CPR-nummer").fill(cpr)
    page.get_by_label("Navn").fill("Else Browsersen")
    page.get_by_label("Bopælskommune").select_option(label="Aarhus")
    page.get_by_label("Indlæggelsestype").select_option("acute")
    page.get_by_label("Afdeling").select_option(index=1)
    admitted = timezone.localtime(timezone.now() - timedelta(minutes=30)).strftime("%d.%m.%Y %H.%M")
    page.get_by_label("Indlagt").fill(admitted)
    page.get_by_role("button", name="Indlæg borgeren").click()
    # then she is on the course page, which shows the notice was sent
    expect(page).to_have_url(re.compile(r"/forloeb/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Else Browsersen")
    expect(page.locator("#course-timeline")).to_contain_text("Indlæggelsesadvis sendt til Aarhus")
    # and she names the fixed contact person without a page reload (htmx)
    page.locator("summary", has_text="Fast kontaktperson").click()
    page.locator("#contact_form_name").fill("Karen Jensen")
    page.locator("#contact_form_phone").fill("78450000")
    page.get_by_role("button", name="Gem kontaktperson").click()
    expect(page.locator("#course-timeline")).to_contain_text("Karen Jensen")

    # when the visitator logs in (another browser session) and opens the inbox
    context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    other = context.new_page()
    login(other, "visitator", TEST_PASSWORD)
    other.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Indbakke").click()
    # then the new admission notice is there, unread, and can be marked read in place
    notices = other.locator("#inbox-notices")
    expect(notices).to_contain_text("Else Browsersen")
    notices.get_by_role("button", name="Markér som læst").click()
    expect(other.locator("#inbox-notices")).to_contain_text("Læst")
    context.close()
