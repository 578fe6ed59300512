"""In the browser: a therapist writes a plan on the ward (autosave), finalises and sends it; the municipality
sees it arrive in its rehab inbox, receives it and sees the 3-working-day first-contact deadline."""

from collections.abc import Callable
from typing import Any

import pytest

from rehab.models import Delivery, Plan
from sundhedsaftale.deadlines.models import Deadline
from tests.factories import TEST_PASSWORD, CitizenFactory, member
from tests.factories.rehab import course_at

pytestmark = pytest.mark.browser


def test_ward_writes_and_sends_a_plan_that_arrives_in_the_municipal_inbox(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a citizen of Aarhus admitted at AUH-ORT
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    course = course_at(at="AUH-ORT", citizen=CitizenFactory(name="Bodil Browsersen"))

    # when the therapist starts a plan from the ward list and types (autosave)
    login(page, ward.username, TEST_PASSWORD)
    page.goto("/genoptraening/afdeling/")
    page.locator("tr", has_text="Bodil Browsersen").get_by_role("button", name="Ny genoptræningsplan").click()
    page.wait_for_url("**/genoptraening/plan/*/")
    page.get_by_label("Helbredstilstand, der er årsag til genoptræningsbehov").fill("Opereret for hoftebrud.")
    page.get_by_test_id("autosave-status").get_by_text("Gemt kl.").wait_for()
    plan = Plan.objects.get(course=course)
    assert plan.latest.health_state == "Opereret for hoftebrud."

    page.get_by_label("3. Henvisningsdiagnose (ICD-10)").fill("S72.0")
    # the radio buttons and checkboxes are clicked where a person clicks them: on the box drawn beside the label
    page.get_by_role("radio", name="Almen genoptræning (ZZ0175X)").check()
    page.get_by_role("group", name="7. Ambulant kontrol på hospital", exact=True).get_by_role(
        "radio", name="Nej"
    ).check()
    page.get_by_label("13. Genoptræningsbehov: aktivitet og deltagelse").fill("Gang uden rollator, trapper")
    page.get_by_role("button", name="Gem og færdiggør").click()
    page.get_by_text("Planen er færdiggjort").wait_for()

    # and sends it with the citizen's consent, which is not ticked beforehand
    consent = page.get_by_role("checkbox", name="Borgeren har givet tilsagn til at sende planen til kommunen")
    assert not consent.is_checked()
    consent.check()
    page.get_by_role("button", name="Send genoptræningsplan").click()
    page.wait_for_load_state()
    page.get_by_text("Planen er sendt til").wait_for()

    # then the municipality finds it in its rehab inbox, receives it and sees the deadline
    page.context.clear_cookies()
    login(page, visitation.username, TEST_PASSWORD)
    page.goto("/genoptraening/indbakke/")
    row = page.get_by_test_id("rehab-inbox").locator("tr", has_text="Bodil Browsersen")
    assert "Starter ved udskrivningen" in row.inner_text()
    row.get_by_role("link", name="Bodil Browsersen").click()
    page.get_by_role("button", name="Kvittér for modtagelse").click()
    # the plan came while the citizen is admitted: the 3-working-day clock starts at the discharge (l. 2367)
    note = page.get_by_test_id("delivery-deadline")
    assert "starter, når borgeren udskrives" in note.inner_text()
    delivery = Delivery.objects.get(plan=plan, recipient="municipality")
    assert delivery.received_at is not None
    assert not Deadline.objects.for_subject(delivery).filter(rule_code="rehab.first_contact").exists()
