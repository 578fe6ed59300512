"""In the browser: the psychiatric ward starts the course of an admission from its board, records consent,
informs the municipality, assesses children in the family and registers that the patient left; the
municipality finds the alert in its psychiatry inbox, opens the course and marks the alert read."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from psychiatry.models import Notice, PsychiatricCourse
from tests.factories import TEST_PASSWORD, CitizenFactory, member
from tests.psychiatry.conftest import admission_at

pytestmark = pytest.mark.browser


def test_the_ward_registers_an_unplanned_discharge_and_the_municipality_sees_the_alert(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a citizen of Aarhus admitted to adult psychiatry at AUH two hours ago
    nurse = member("ward_staff", "AUH-PSY")
    visitation = member("visitation", "751")
    citizen = CitizenFactory.create(name="Palle Psykiatrisen")
    admission_at(citizen, timezone.now() - timedelta(hours=2))

    # when the nurse starts the psychiatric course from the board with the patient's consent
    login(page, nurse.username, TEST_PASSWORD)
    page.get_by_role("link", name="Psykiatri").first.click()
    row = page.locator("tr", has_text="Palle Psykiatrisen")
    row.get_by_label("Samtykke").select_option(label="Samtykke fra patienten")
    row.get_by_role("button", name="Start psykiatrisk forløb").click()
    page.wait_for_url("**/psykiatri/forloeb/*/")
    page.get_by_text("Ikke vurderet: forløbet kan ikke afsluttes uden vurderingen.").wait_for()

    # and informs the municipality, assesses the children in the family and registers that the patient left
    page.get_by_text("Orientér kommunen eller egen læge om indlæggelsen").click()
    page.get_by_role("button", name="Send orientering").click()
    page.get_by_test_id("notices").get_by_text("Orientering om indlæggelse").wait_for()
    page.get_by_role("button", name="Gem vurdering").click()
    page.get_by_test_id("child-assessments").get_by_text("ingen børn under 18 år").wait_for()
    page.get_by_text("Uplanlagt udskrivning (patienten forlod afdelingen)").click()
    page.get_by_label("Pårørende orienteret (efter patientens ønske)").fill("Broren er ringet op.")
    page.get_by_role("button", name="Registrér og alarmér kommunen").click()
    page.get_by_text("Uplanlagt: patienten forlod afdelingen").wait_for()
    course = PsychiatricCourse.objects.get(citizen=citizen)
    assert course.state == PsychiatricCourse.State.ENDED

    # then the municipality finds the alert in its psychiatry inbox and opens the course
    page.context.clear_cookies()
    login(page, visitation.username, TEST_PASSWORD)
    page.get_by_role("link", name="Psykiatri").first.click()
    alert = page.locator("tr", has_text="Uplanlagt udskrivning")
    alert.get_by_text("Patienten forlod").wait_for()
    alert.get_by_role("button", name="Markér som læst").click()
    page.wait_for_url("**/psykiatri/indbakke/")
    assert Notice.objects.get(course=course, kind=Notice.Kind.UNPLANNED).read_at is not None
    page.locator("tr", has_text="Uplanlagt udskrivning").get_by_role(
        "link", name="Palle Psykiatrisen"
    ).click()
    page.get_by_test_id("legal-status").get_by_text("Frivillig").wait_for()
    page.get_by_text("Broren er ringet op.").wait_for()
