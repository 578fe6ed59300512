"""In the browser: a planned discharge's notification deadline warns, then breaches, in both inboxes.

The discharge app is built elsewhere, so the deadline is planned through the engine's service. The clock
is moved (time_machine) only around the beat task: the browser's session cookies live in real time.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.tasks import scan_deadlines
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member
from tests.factories.deadlines import home_care_deadline

pytestmark = pytest.mark.browser

TITLE = "Varsling ved behov for hjemmepleje og omfattende sygepleje"


def beat_at(moment: Any) -> None:
    """Deliver the beat's scan task with the clock at ``moment``."""
    with time_machine.travel(moment, tick=False):
        scan_deadlines.apply()


def inbox_row(page: Any) -> Any:
    page.goto("/advarsler/?state=all")
    return page.locator("#alert-rows tr")


def test_warning_and_breach_appear_in_the_ward_and_the_municipal_inbox(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a course at AUH-ORT for a citizen of Aarhus, discharge planned in two weeks
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(name="Birte Browsersen"))
    deadline: Deadline = home_care_deadline(
        course=course, discharge_on=local_date(timezone.now()) + timedelta(days=14)
    )

    # the ward sees the computed notification deadline on the citizen's timeline
    login(page, ward.username, TEST_PASSWORD)
    page.goto(f"/frister/borger/{course.citizen_id}/")
    timeline = page.locator(".app-timeline")
    expect(timeline).to_contain_text(TITLE)
    expect(timeline).to_contain_text(f"{timezone.localtime(deadline.due_at):%d.%m.%Y} kl. 23.59")

    # when the warning time passes and the beat runs
    beat_at(deadline.warn_at + timedelta(minutes=1))

    # then the ward and the municipality each see the warning
    rows = inbox_row(page)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Advarsel: fristen nærmer sig")
    expect(rows.first).to_contain_text(TITLE)
    page.context.clear_cookies()
    login(page, visitation.username, TEST_PASSWORD)
    rows = inbox_row(page)
    expect(rows.first).to_contain_text("Advarsel: fristen nærmer sig")
    expect(rows.first).to_contain_text("Birte Browsersen")

    # when the due time passes
    beat_at(deadline.due_at + timedelta(minutes=1))

    # then the breach is there too, and it can be acknowledged inline (htmx swaps the row)
    page.goto("/advarsler/")
    breach = page.locator("#alert-rows tr", has_text="Fristen er overskredet")
    expect(breach).to_have_count(1)
    count = page.locator("nav .app-alert-count")
    expect(count).to_have_text("2")
    breach.get_by_role("button", name="Kvittér").click()
    expect(page.locator("#alert-rows tr.app-alert-acknowledged")).to_contain_text("Kvitteret")
    # the header's count follows through the alerts-changed trigger
    expect(count).to_have_text("1")

    page.context.clear_cookies()
    login(page, ward.username, TEST_PASSWORD)
    page.goto("/advarsler/")
    expect(page.locator("#alert-rows tr", has_text="Fristen er overskredet")).to_have_count(1)
