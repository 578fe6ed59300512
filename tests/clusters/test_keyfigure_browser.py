"""In the browser: a steering-group member opens the cluster's key figures, changes the period (htmx swaps the
figures, the address follows), and orders and downloads the PDF report."""

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from clusters.keyfigures.refresh import keyfigures_rebuild
from tests.factories import TEST_PASSWORD, CitizenFactory, member
from tests.factories.citizens import CourseFactory
from tests.factories.discharge import local
from tests.factories.organisations import organisation_get

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_a_steering_group_member_changes_the_period_and_downloads_the_report(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    steering = member("steering_group", "klynge-aarhus")
    for day in range(1, 13):
        CourseFactory(
            citizen=CitizenFactory(municipality=organisation_get("751")), admitted_at=local(2026, 2, day, 9)
        )
    for day in range(1, 7):
        CourseFactory(
            citizen=CitizenFactory(municipality=organisation_get("741")), admitted_at=local(2026, 5, day, 9)
        )
    keyfigures_rebuild(first=date(2026, 1, 1), last=date(2026, 12, 1), today=date(2026, 12, 6))

    login(page, steering.username, TEST_PASSWORD)
    page.get_by_role("link", name="Nøgletal").first.click()
    page.get_by_role("heading", name="Nøgletal", exact=True).wait_for()

    page.get_by_label("Periode").select_option(label="1. halvår 2026")
    page.get_by_role("heading", name="Klynge Aarhus · 1. halvår 2026").wait_for()
    assert "periode=2026-H1" in page.url
    admissions = page.locator("section", has=page.get_by_role("heading", name="Indlæggelser", exact=True))
    assert admissions.locator(".app-figure-number").inner_text() == "18"
    chart = admissions.get_by_role("img", name="Indlæggelser pr. måned")
    assert chart.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "keyfigures-cluster.png"), full_page=True)

    page.get_by_role("button", name="Dan rapport som PDF").click()
    page.get_by_text("Rapporten er klar.").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent rapporten (PDF)").click()
    pdf = PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Nøgletal: Klynge Aarhus" in text and "1. halvår 2026" in text
