"""``make screenshots``: the pages people work in, at 1,400 px and at 390 px (a phone), written to
``docs/screenshots/`` — the ward board, the course page, the municipal inbox, the municipality's reply form and
the rehab plan. Runs only when asked (``SCREENSHOTS=1``); the pictures are for people to look at."""

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import get_resolver
from django.utils import timezone

from admissions.services import stay_set_place
from discharge import services as discharge
from rehab import services as rehab
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, PracticeFactory, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.environ.get("SCREENSHOTS"), reason="only with SCREENSHOTS=1 (make screenshots)"
    ),
]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"desktop": 1400, "phone": 390}


def test_screenshots_of_the_pages_people_work_in(page: Any, login: Callable[[Any, str, str], None]) -> None:
    # given a ward at AUH-ORT with three citizens of Aarhus: one just admitted, one whose discharge is planned
    # and notified (with a rehab plan in draft), one planned for tomorrow
    practice = PracticeFactory.create()
    ward = member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")
    visitation = member("visitation", "751", first_name="Mette", last_name="Visitator")
    today = local_date(timezone.now())
    courses = [
        CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(name=name, gp_practice=practice))
        for name in ("Anna Andersen", "Bent Bertelsen", "Camilla Christensen")
    ]
    for course, room, bed in zip(courses, ("3", "3", "12"), ("1", "2", "A"), strict=True):
        stay_set_place(course=course, room=room, bed=bed, acting_user=ward)
    for course, days, need, ability in (
        (courses[1], 5, "home_care", "reduced"),
        (courses[2], 1, "simple_nursing", "unchanged"),
    ):
        plan = discharge.discharge_plan_save(
            course=course,
            functional_ability=ability,
            need=need,
            planned_date=today + timedelta(days=days),
            acting_user=ward,
        )
        discharge.discharge_notification_send(plan=plan, text="Forventet udskrivning.", acting_user=ward)
    rehab_plan = rehab.plan_create(course=courses[1], acting_user=ward)
    course = courses[1]
    OUT.mkdir(parents=True, exist_ok=True)

    def shoot(name: str, url: str) -> None:
        for device, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}-{device}.png"), full_page=True)

    # the ward nurse's pages (the URLconf, with the PDF library, loads here rather than in the login's 15 s)
    get_resolver().check()
    login(page, ward.username, TEST_PASSWORD)
    shoot("ward-board", "/afdeling/tavle/")
    shoot("course", f"/forloeb/{course.pk}/")
    shoot("rehab-plan", f"/genoptraening/plan/{rehab_plan.pk}/")

    # the visitator's pages
    page.context.clear_cookies()
    login(page, visitation.username, TEST_PASSWORD)
    shoot("municipal-inbox", "/kommune/indbakke/")
    shoot("reply-form", f"/forloeb/{course.pk}/udskrivning/svar/")

    # then every picture is there
    assert sorted(p.name for p in OUT.glob("*.png")) >= sorted(
        f"{name}-{device}.png"
        for name in ("ward-board", "course", "rehab-plan", "municipal-inbox", "reply-form")
        for device in WIDTHS
    )
