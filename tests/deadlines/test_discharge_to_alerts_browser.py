"""In the browser, end to end (issue 3): a discharge planned on the ward warns, then breaches, in both inboxes.

A nurse at AUH-ORT plans the discharge of an Aarhus citizen (need: home care, 3 working days' notice) on the
real planning form, sees the notification deadline computed live before saving, and saves. The clock is then
moved (time_machine) only around each scan: the browsers' session cookies live in real time.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from admissions.models import Course
from discharge.models import DischargePlan
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.deadlines.scan import ScanResult, scan_due
from sundhedsaftale.workdays import TZ
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Varsling ved behov for hjemmepleje og omfattende sygepleje"
WARNING = "Advarsel: fristen nærmer sig"
BREACH = "Fristen er overskredet"
CITIZEN = "Bodil Udskrivningsen"


@dataclass(frozen=True)
class Case:
    """A planned discharge day and its deadline, counted by hand on the calendar (3 working days before;
    weekends, public holidays and Juleaftensdag are not working days). Warning: 08:00 on the working day
    before the due day."""

    planned: date
    due: str
    warn_at: datetime
    why: str


CASES = (
    Case(
        date(2026, 12, 29),
        "22.12.2026",
        datetime(2026, 12, 21, 8, tzinfo=TZ),
        "Tue 29.12: Mon 28 (1), Sun 27/Sat 26/2. juledag 26/1. juledag 25/Juleaftensdag 24 skipped, "
        "Wed 23 (2), Tue 22 (3); warning Mon 21.12 08:00",
    ),
    Case(
        date(2027, 3, 30),
        "22.03.2027",
        datetime(2027, 3, 19, 8, tzinfo=TZ),
        "Tue 30.03 after Easter 2027: 2. påskedag 29, påskedag 28, Sat 27, langfredag 26, skærtorsdag 25 "
        "skipped, Wed 24 (1), Tue 23 (2), Mon 22 (3); warning Fri 19.03 08:00 (over the weekend)",
    ),
    Case(
        date(2027, 12, 28),
        "22.12.2027",
        datetime(2027, 12, 21, 8, tzinfo=TZ),
        "Tue 28.12: Mon 27 (1), Sun 26/Sat 25/Juleaftensdag Fri 24 skipped, Thu 23 (2), Wed 22 (3); "
        "warning Tue 21.12 08:00",
    ),
)


def upcoming_case() -> Case:
    """The first hand-checked case whose warning still lies ahead (the form plans in real time)."""
    for case in CASES:
        if case.warn_at - timedelta(days=1) > timezone.now():
            return case
    pytest.fail("every hand-checked case is in the past: add a later one to CASES")


def scan_at(moment: datetime) -> ScanResult:
    """Run the beat's scan with the clock at ``moment`` (and back to real time at once)."""
    with time_machine.travel(moment, tick=False):
        return scan_due(now=timezone.now())


@pytest.fixture
def second_page(browser: Any, live_server: Any, page: Any) -> Iterator[Any]:
    """A second, separate browser (its own cookies) for the municipality."""
    context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def inbox_rows(page: Any) -> Any:
    page.goto("/advarsler/")
    return page.locator("#alert-rows tr")


def test_a_planned_discharge_warns_then_breaches_in_the_ward_and_the_municipal_inbox(
    page: Any, second_page: Any, login: Callable[[Any, str, str], None]
) -> None:
    case = upcoming_case()
    # given ward staff at AUH-ORT, a visitator in Aarhus and a current course of an Aarhus citizen
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    course: Course = CourseFactory.create(
        at="AUH-ORT",
        citizen=CitizenFactory.create(name=CITIZEN),
        admitted_at=timezone.now() - timedelta(days=1),
    )
    assert course.citizen.municipality.code == "751"
    login(page, ward.username, TEST_PASSWORD)
    login(second_page, visitation.username, TEST_PASSWORD)

    # when the nurse opens the course from the ward board and plans a home-care discharge
    page.goto("/afdeling/tavle/")
    page.get_by_role("row", name=CITIZEN).get_by_role("link", name="Planlæg").click()
    page.wait_for_url(f"**/forloeb/{course.pk}/udskrivning/plan/")
    page.get_by_label("Forventet funktionsevne ved udskrivning").select_option("reduced")
    page.get_by_label("Behov efter udskrivning").select_option("home_care")
    page.get_by_label("Planlagt udskrivningsdato").fill(f"{case.planned:%d.%m.%Y}")

    # then the notification deadline appears live, before anything is saved
    due = page.get_by_test_id("plan-due")
    expect(due).to_contain_text(f"Varsl kommunen senest {case.due} kl. 23.59")
    expect(due).to_contain_text(f"{TITLE} · regelsæt 2008")
    assert not DischargePlan.objects.exists()
    assert not Deadline.objects.exists()

    # when the nurse saves, the engine holds that deadline for the ward, awaited by Aarhus
    page.get_by_role("button", name="Gem plan").click()
    page.wait_for_url(f"**/forloeb/{course.pk}/udskrivning/")
    expect(page.get_by_text("Udskrivningsplanen er gemt.")).to_be_visible()
    deadline = Deadline.objects.select_related("responsible", "counterpart").get()
    assert deadline.counterpart is not None
    assert (deadline.rule_code, deadline.responsible.code, deadline.counterpart.code) == (
        "discharge.home_care",
        "AUH-ORT",
        "751",
    )
    assert f"{timezone.localtime(deadline.due_at):%d.%m.%Y %H:%M}" == f"{case.due} 23:59"
    assert deadline.warn_at == case.warn_at, case.why

    # a minute before the warning time the scan finds nothing, and the inboxes are empty
    assert scan_at(case.warn_at - timedelta(minutes=1)) == ScanResult()
    for who in (page, second_page):
        expect(inbox_rows(who)).to_have_text(["Ingen advarsler."])

    # when the warning time passes and the scan runs
    assert scan_at(case.warn_at + timedelta(minutes=1)) == ScanResult(warned=1)

    # then the ward and the municipality each see the warning
    for who in (page, second_page):
        rows = inbox_rows(who)
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(WARNING)
        expect(rows.first).to_contain_text(TITLE)
        expect(rows.first).to_contain_text(f"{case.due} kl. 23.59")
        expect(rows.first).to_contain_text("Ikke kvitteret")
        expect(who.locator("nav .app-alert-count")).to_have_text("1")
    expect(second_page.locator("#alert-rows tr").first).to_contain_text(CITIZEN)

    # when the due time passes and the scan runs
    assert scan_at(deadline.due_at + timedelta(minutes=1)) == ScanResult(breached=1)

    # then both inboxes show the breach beside the warning
    for who in (page, second_page):
        rows = inbox_rows(who)
        expect(rows).to_have_count(2)
        breach = who.locator("#alert-rows tr", has_text=BREACH)
        expect(breach).to_have_count(1)
        expect(breach).to_contain_text(TITLE)
        expect(breach).to_contain_text(f"{case.due} kl. 23.59")
        expect(who.locator("#alert-rows tr", has_text=WARNING)).to_have_count(1)
        expect(who.locator("nav .app-alert-count")).to_have_text("2")

    # one warning and one breach per organisation, no more
    assert sorted(Alert.objects.values_list("kind", "organisation__code")) == [
        ("breach", "751"),
        ("breach", "AUH-ORT"),
        ("warning", "751"),
        ("warning", "AUH-ORT"),
    ]
