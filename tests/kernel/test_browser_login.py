"""A person logs in with a browser and finds the municipalities' phone numbers (Playwright, Debian's chromium)."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitation_officer_logs_in_and_finds_aarhus_phone_number(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a visitation officer of Aarhus Kommune, as in the demo data
    member("visitation", "751", username="visitation.aarhus")
    # when she logs in through the form
    login(page, "visitation.aarhus", TEST_PASSWORD)
    # then she lands on her dashboard with her organisation in the user menu
    expect(page.get_by_role("heading", name="Overblik")).to_be_visible()
    expect(page.locator(".portal-info")).to_contain_text("Aarhus")
    # and from the menu she opens the contact list and finds Aarhus with its phone number
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kontaktliste").click()
    expect(page).to_have_url(re.compile(r"/kontakter/$"))
    page.get_by_label("Søg efter kommune, hospital eller enhed").fill("Aarhus")
    page.get_by_role("button", name="Søg").click()
    aarhus = page.get_by_role("region", name=re.compile(r"^Aarhus \(Kommune, kommunekode 751"))
    expect(aarhus).to_be_visible()
    expect(aarhus.get_by_role("link", name="8940 2222")).to_be_visible()


def test_a_wrong_password_keeps_the_person_on_the_login_page(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    member("visitation", "751", username="visitation.aarhus")
    login(page, "visitation.aarhus", "forkert-kode-123")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("alert")).to_be_visible()
