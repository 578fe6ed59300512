"""In a browser: the course page's facts and headings never lie on top of each other at 1,400 px or on a 390 px
phone (an empty value, "Ikke udpeget", is muted words in its line, not a dashed box over the heading above),
and a nurse whose browser speaks English still types and reads the discharge date the Danish way."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from admissions.models import Course
from discharge.models import DischargePlan
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# every pair of boxes on the page's facts, hub and headings that intersect (neither inside the other)
OVERLAPS = """() => {
  const parts = [...document.querySelectorAll(
    '#course-body .app-facts dt, #course-body .app-facts dd, #course-body .app-facts dd *, #course-body h2,'
    + ' #course-hub li, #course-body .app-empty')].filter(e => e.getClientRects().length);
  const found = [];
  for (const [i, a] of parts.entries()) for (const b of parts.slice(i + 1)) {
    if (a.contains(b) || b.contains(a)) continue;
    const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
    const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
    const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
    if (w > 1 && h > 1) found.push(`${a.textContent.trim().slice(0, 30)} / ${b.textContent.trim().slice(0, 30)}`);
  }
  return found;
}"""


@pytest.mark.parametrize("width", [390, 1400])
def test_nothing_on_the_course_page_overlaps(
    page: Any, login: Callable[[Any, str, str], None], ward: User, admitted_course: Course, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    login(page, ward.username, TEST_PASSWORD)
    page.goto(f"/forloeb/{admitted_course.pk}/")
    facts = page.locator(".app-facts")
    expect(facts.get_by_text("Ikke udpeget")).to_be_visible()
    expect(facts.get_by_text("Intet samtykke: kun adviser deles")).to_be_visible()
    assert page.evaluate(OVERLAPS) == []
    # the heading of the empty value and the value are one above the other, not on top of each other
    heading = facts.get_by_text("Fast kontaktperson", exact=True).bounding_box()
    value = facts.get_by_text("Ikke udpeget").bounding_box()
    assert value["y"] >= heading["y"] + heading["height"] - 1


def test_an_english_browser_still_types_the_discharge_date_in_danish(
    browser: Any, live_server: Any, reference_data: None, ward: User, admitted_course: Course
) -> None:
    context = browser.new_context(base_url=live_server.url, locale="en-US", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/login/")
        page.get_by_label("Brugernavn").fill(ward.username)
        page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Log ind").click()
        page.goto(f"/forloeb/{admitted_course.pk}/udskrivning/plan/")
        page.get_by_label("Forventet funktionsevne ved udskrivning").select_option("reduced")
        page.get_by_label("Behov efter udskrivning").select_option("home_care")
        field = page.get_by_label("Planlagt udskrivningsdato")
        # a text field with the Danish hint beside it, not the browser's mm/dd/yyyy picker
        assert field.get_attribute("type") == "text" and field.get_attribute("inputmode") == "numeric"
        expect(page.locator("#id_planned_date_helptext")).to_have_text("dd.mm.åååå")
        planned = local_date(timezone.now()) + timedelta(days=14)
        field.click()
        field.press_sequentially(f"{planned:%d.%m.%Y}")
        field.press("Tab")
        expect(page.get_by_test_id("plan-due")).to_contain_text("Varsl kommunen senest")
        page.get_by_role("button", name="Gem plan").click()
        page.wait_for_url(f"**/forloeb/{admitted_course.pk}/udskrivning/")
        expect(page.get_by_test_id("planned-date")).to_have_text(f"{planned:%d.%m.%Y}")
        assert DischargePlan.objects.get(course=admitted_course).planned_date == planned
    finally:
        context.close()
