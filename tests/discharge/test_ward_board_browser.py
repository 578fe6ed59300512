"""In the browser: the nurse sorts and filters the ward board by choosing in its form (htmx swaps the rows and
puts the choice in the address), and on a 390 px phone each citizen is a compact card."""

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import Course
from admissions.services import stay_set_place
from discharge.services import discharge_plan_save
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member, organisation_get

pytestmark = pytest.mark.browser

#: where to keep the pictures for a person to look at (BOARD_SHOTS=/tmp/board), none by default
SHOTS = os.environ.get("BOARD_SHOTS", "")
CARD_MAX_HEIGHT = 200  # px per citizen on a phone (about 830 px before the cards)


def rows(page: Any) -> list[str]:
    return page.locator("#board-rows tbody tr .app-board-name").all_inner_texts()


def shoot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_nurse_sorts_and_filters_the_board_and_reads_it_on_a_phone(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a ward with four citizens: rooms, plans, one deadline overdue, one from Randers
    ward = member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")
    now = timezone.now()
    today = local_date(now)
    people = (
        ("Åse Østergaard", "751", "10", "1", 6, "home_care", 20),
        ("Bo Andersen", "751", "2", "2", 4, "simple_nursing", 0),
        ("Carl Ærø", "730", "", "", 1, None, None),
        ("Dorthe Dahl", "751", "3", "1", 2, "special_aids", 12),
    )
    courses: dict[str, Course] = {}
    for name, municipality, room, bed, days, need, planned in people:
        course = CourseFactory.create(
            at="AUH-ORT",
            citizen=CitizenFactory.create(name=name, municipality=organisation_get(municipality)),
            admitted_at=now - timedelta(days=days),
        )
        if room:
            stay_set_place(course=course, room=room, bed=bed, acting_user=ward)
        if need:
            discharge_plan_save(
                course=course,
                functional_ability="unchanged" if need == "simple_nursing" else "reduced",
                need=need,
                planned_date=today + timedelta(days=planned or 0),
                acting_user=ward,
            )
        courses[name] = course
    Deadline.objects.filter(citizen=courses["Bo Andersen"].citizen).update(due_at=now - timedelta(minutes=5))
    board = reverse("ward-board")  # loads the URLconf (and the PDF library) here, not in the login's 15 s
    login(page, ward.username, TEST_PASSWORD)

    # when the nurse opens the board on a desktop: earliest deadline first, no deadline last
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(board)
    assert rows(page) == ["Bo Andersen", "Dorthe Dahl", "Åse Østergaard", "Carl Ærø"]
    assert page.get_by_role("row", name="Åse Østergaard").get_by_text("Stue 10, seng 1").is_visible()
    shoot(page, "board-desktop")

    # and sorts by room: the rows are swapped in place and the address keeps the choice
    page.get_by_label("Sortér efter").select_option(label="Stue og seng")
    page.wait_for_url("**/afdeling/tavle/?sorter=stue*")
    page.wait_for_function(
        "() => document.querySelector('#board-rows .app-board-name').innerText === 'Bo Andersen'"
    )
    assert rows(page) == ["Bo Andersen", "Dorthe Dahl", "Åse Østergaard", "Carl Ærø"]
    page.get_by_label("Sortér efter").select_option(label="Navn")
    page.wait_for_url("**sorter=navn*")
    page.wait_for_function("() => document.querySelector('#board-rows caption').innerText.includes('navn')")
    assert rows(page) == ["Bo Andersen", "Carl Ærø", "Dorthe Dahl", "Åse Østergaard"]

    # then filters on Aarhus citizens with an overdue deadline, clicking the checkbox's label
    page.get_by_label("Bopælskommune").select_option(label="Aarhus")
    page.wait_for_function(
        "() => document.querySelector('#board-rows caption').innerText.startsWith('3 af 4')"
    )
    page.get_by_text("Kun overskredne frister").click()
    page.wait_for_function(
        "() => document.querySelector('#board-rows caption').innerText.startsWith('1 af 4')"
    )
    assert rows(page) == ["Bo Andersen"]
    assert "overskredet=1" in page.url and "kommune=751" in page.url

    # and the address shows the same board when reloaded (without htmx)
    page.reload()
    assert rows(page) == ["Bo Andersen"]
    assert page.get_by_label("Kun overskredne frister").is_checked()

    # on a 390 px phone each citizen is a compact card, the CPR on one line, nothing wider than the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(board)
    shoot(page, "board-phone")
    cards = page.locator("#board-rows tbody tr")
    heights = [cards.nth(i).bounding_box()["height"] for i in range(cards.count())]
    assert cards.count() == 4
    assert max(heights) <= CARD_MAX_HEIGHT, heights
    for cpr in page.locator(".app-cpr").all():
        box = cpr.bounding_box()
        assert box["height"] < 24 and box["x"] + box["width"] <= 390  # one line, on the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = cards.first
    assert first.get_by_text("Stue 2, seng 2").is_visible()
    assert first.get_by_text("Overskredet").is_visible()  # Bo's overdue deadline, on the card
