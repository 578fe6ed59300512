"""In the browser: a nurse finds the smoking-cessation offer in the catalogue by typing (live filtering), refers
her patient to it with consent; the municipality receives the referral and marks it received, which the ward sees."""

from collections.abc import Callable
from typing import Any

import pytest

from prevention.models import Referral
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.prevention import OfferFactory

pytestmark = pytest.mark.browser


def test_a_nurse_finds_an_offer_and_refers_her_patient_and_the_municipality_receives_it(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a citizen of Aarhus admitted at AUH-ORT, and two offers in the catalogue
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    citizen = CitizenFactory.create(name="Rita Rygersen")
    CourseFactory.create(citizen=citizen, at="AUH-ORT")
    OfferFactory.create(title="Rygestop på hold", provider=organisation_get("751"))
    OfferFactory.create(
        title="Diabetesskole",
        provider=organisation_get("751"),
        kram_smoking=False,
        target_group="Borgere med type 2-diabetes",
        content="Undervisning i kost og motion",
    )

    # when the nurse opens the catalogue from the navigation and types what she looks for
    login(page, ward.username, TEST_PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Forebyggelse").first.click()
    page.get_by_role("searchbox", name="Søg").fill("rygestop")
    results = page.get_by_test_id("offers")
    results.get_by_text("Diabetesskole").wait_for(state="detached")
    # then only the matching offer is left; she opens it and refers her patient by CPR number with consent
    results.get_by_role("link", name="Rygestop på hold").click()
    page.get_by_label("Borgerens CPR-nummer").fill(citizen.cpr)
    page.get_by_role("radio", name="Borgeren", exact=True).check()
    page.get_by_label("Begrundelse").fill("Ryger 20 om dagen, vil gerne stoppe")
    page.get_by_role("button", name="Send henvisning").click()
    page.get_by_text("Rita Rygersen er henvist til Rygestop på hold").wait_for()
    assert page.get_by_test_id("referral-status").inner_text().startswith("Sendt")

    # when Aarhus finds it among its new referrals and marks it received
    page.context.clear_cookies()
    login(page, visitation.username, TEST_PASSWORD)
    page.goto("/forebyggelse/henvisninger/")
    page.get_by_test_id("referrals").get_by_role("link", name="Rita Rygersen").click()
    page.get_by_label("Ny status").select_option(label="Modtaget")
    page.get_by_role("button", name="Gem status").click()
    page.get_by_text("Status er nu »Modtaget«").wait_for()

    # then the nurse sees the new status on her sent referrals
    referral = Referral.objects.get(citizen=citizen)
    assert referral.status == Referral.Status.RECEIVED
    page.context.clear_cookies()
    login(page, ward.username, TEST_PASSWORD)
    page.goto("/forebyggelse/henvisninger/?retning=sent")
    row = page.get_by_test_id("referrals").locator("tr", has_text="Rita Rygersen")
    assert "Modtaget" in row.inner_text()
