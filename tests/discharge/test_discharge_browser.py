"""In the browser: a nurse plans a discharge and sees the notification deadline appear before saving."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from admissions.models import Course
from discharge.models import DischargePlan
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import TZ
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _before_christmas_2026() -> Any:
    # The hand-checked dates below cross Christmas 2026: run the whole story on 1 December 2026 (the clock
    # keeps ticking, so the browser's session stays valid).
    with time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=TZ), tick=True):
        yield


def test_planning_shows_the_deadline_live_then_saves_it(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a citizen of Aarhus admitted at AUH-ORT
    ward = member("ward_staff", "AUH-ORT")
    course: Course = CourseFactory.create(
        at="AUH-ORT",
        citizen=CitizenFactory.create(name="Birte Browsersen"),
        admitted_at=timezone.now() - timedelta(days=2),
    )
    login(page, ward.username, TEST_PASSWORD)

    # when the nurse opens the planning form from the ward board and fills it in
    page.goto("/afdeling/tavle/")
    page.get_by_role("row", name="Birte Browsersen").get_by_role("link", name="Planlæg").click()
    due = page.get_by_test_id("plan-due")
    assert "Vælg behov og planlagt udskrivningsdato" in due.inner_text()
    page.get_by_label("Forventet funktionsevne ved udskrivning").select_option("reduced")
    page.get_by_label("Behov efter udskrivning").select_option("home_care")
    page.get_by_label("Planlagt udskrivningsdato").fill("29.12.2026")

    # then the deadline appears before anything is saved (3 working days before, over Christmas)
    page.wait_for_function(
        "() => document.querySelector('#plan-due').innerText.includes('Varsl kommunen senest 22.12.2026 kl. 23.59')"
    )
    assert not DischargePlan.objects.exists()

    # and changing the need recomputes it live (special aids: 5 working days before)
    page.get_by_label("Behov efter udskrivning").select_option("special_aids")
    page.wait_for_function(
        "() => document.querySelector('#plan-due').innerText.includes('Varsl kommunen senest 18.12.2026 kl. 23.59')"
    )

    # when the nurse saves, the discharge page shows the plan and the engine holds the same deadline
    page.get_by_role("button", name="Gem plan").click()
    page.wait_for_url(f"**/forloeb/{course.pk}/udskrivning/")
    assert "Udskrivningsplanen er gemt." in page.content()
    assert page.get_by_test_id("planned-date").inner_text() == "29.12.2026"
    deadline = Deadline.objects.get()
    assert (deadline.rule_code, f"{timezone.localtime(deadline.due_at):%d.%m.%Y}") == (
        "discharge.special_aids",
        "18.12.2026",
    )
