"""In the browser: the ward registers a rollator for a citizen and sees, as it chooses the situation, that the
municipality delivers and why; the municipality finds it on its worklist and records the delivery."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from aids.models import AidNeed
from aids.reference_data import aid_types_load
from discharge import services as discharge
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD, CitizenFactory, member
from tests.factories.rehab import course_at

pytestmark = pytest.mark.browser


def test_the_ward_registers_a_need_and_the_municipality_delivers_it(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a citizen of Aarhus admitted at AUH-ORT with a planned discharge
    aid_types_load()
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    course = course_at(at="AUH-ORT", citizen=CitizenFactory(name="Hans Hjælpesen"))
    discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="special_aids",
        planned_date=local_date(timezone.now()) + timedelta(days=7),
        acting_user=ward,
    )

    # when the ward opens the citizen's aids from its worklist and chooses the aid and the situation
    login(page, ward.username, TEST_PASSWORD)
    page.goto("/hjaelpemidler/")
    page.get_by_test_id("ward-courses").locator("tr", has_text="Hans Hjælpesen").get_by_role(
        "link", name="Hjælpemidler"
    ).click()
    page.get_by_label("Hjælpemiddel", exact=True).select_option(label="Rollator")
    page.get_by_label("Situation (afgør hvem der leverer og betaler)").select_option(
        label="Almen genoptræning efter udskrivning"
    )

    # then the decision is shown before saving, with the agreement's words
    page.get_by_test_id("aid-decision").get_by_text("Kommunen leverer, fordi aftalen").wait_for()
    page.get_by_label("Begrundelse for behovet").fill("Går usikkert efter hoftebrud")
    page.get_by_role("button", name="Registrér behov").click()
    page.get_by_test_id("aid-needs").get_by_role("link", name="Rollator").wait_for()
    need = AidNeed.objects.get(course=course)
    assert need.delivers == "municipality"

    # and the municipality finds it on its worklist and records the delivery
    page.context.clear_cookies()
    login(page, visitation.username, TEST_PASSWORD)
    page.goto("/hjaelpemidler/")
    assert "Mangler: Rollator" in page.get_by_test_id("ready-at-discharge").inner_text()
    page.get_by_test_id("aid-needs").get_by_role("link", name="Rollator").click()
    page.get_by_text("Registrér levering uden udlån").click()
    page.get_by_role("button", name="Registrér levering").click()
    page.get_by_text("Leveringen er registreret.").wait_for()
    assert page.get_by_test_id("need-state").inner_text().startswith("Leveret")
    need.refresh_from_db()
    assert need.state == "delivered"
