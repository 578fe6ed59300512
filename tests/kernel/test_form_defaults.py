"""Fewer keystrokes, fewer mistakes: times start at now, a department's staff find their department chosen, a
choice that must be made on purpose starts blank, and no consent is ticked beforehand."""

from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from admissions.models import Course
from admissions.services import consent_record
from discharge import services as discharge
from sundhedsaftale.workdays import TZ, local_date
from tests.factories import CitizenFactory, CourseFactory, organisation_get
from tests.factories.rehab import plan_written

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 17, 42, tzinfo=TZ)


class Controls(HTMLParser):
    """The page's inputs by name (their attributes) and each select's options (value, selected)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inputs: dict[str, list[dict[str, str | None]]] = {}
        self.selects: dict[str, list[tuple[str, bool]]] = {}
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "textarea") and found.get("name"):
            self.inputs.setdefault(str(found["name"]), []).append(found)
        elif tag == "select":
            self._select = str(found.get("name"))
            self.selects[self._select] = []
        elif tag == "option" and self._select:
            self.selects[self._select].append((str(found.get("value")), "selected" in found))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None

    def selected(self, name: str) -> list[str]:
        return [value for value, chosen in self.selects[name] if chosen]


def _page(user: User, url: str) -> Controls:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return Controls(response.content.decode())


@pytest.fixture(autouse=True)
def _now() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_admission_form_starts_at_now_in_the_nurses_department_with_no_kind_chosen(ward: User) -> None:
    # when a ward nurse at AUH-ORT opens "Ny indlæggelse"
    page = _page(ward, reverse("course-admit"))
    # then the time is now (to the minute), her department is chosen, and the admission kind is hers to choose
    assert page.inputs["admitted_at"][0]["value"] == "01.12.2026 10.17"
    assert page.selected("department") == [str(organisation_get("AUH-ORT").pk)]
    assert page.selects["kind"][0][0] == "" and page.selected("kind") in ([], [""])


def test_consent_starts_at_now_and_shares_nothing_until_ticked(ward: User) -> None:
    # given a course at AUH-ORT
    course: Course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create())
    # when the nurse opens the course page
    page = _page(ward, reverse("course-detail", args=[course.pk]))
    # then the consent's time is now, and neither sharing is ticked
    assert page.inputs["given_at"][0]["value"] == "01.12.2026 10.17"
    assert all("checked" not in box for box in page.inputs["to_municipality"] + page.inputs["to_gp"])


def test_the_discharge_plan_asks_for_the_need_and_the_notice_starts_at_now(ward: User) -> None:
    course: Course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create())
    # the plan: nothing chosen for the need or the functional ability
    page = _page(ward, reverse("discharge-plan", args=[course.pk]))
    for name in ("need", "functional_ability"):
        assert page.selects[name][0][0] == "" and page.selected(name) in ([], [""])
    # the discharge notice: discharged now
    discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=local_date(timezone.now()) + timedelta(days=7),
        acting_user=ward,
    )
    page = _page(ward, reverse("discharge-notice", args=[course.pk]))
    assert page.inputs["discharged_at"][0]["value"] == "01.12.2026 10.17"


def test_sending_a_rehab_plan_asks_for_the_citizens_consent_each_time(ward: User) -> None:
    # given a finished rehab plan on a course whose consent to share with the municipality is recorded
    course: Course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create())
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(hours=1),
        to_municipality=True,
        to_gp=False,
        acting_user=ward,
    )
    plan = plan_written(course=course, author=ward)
    # when the therapist opens the plan
    client = Client()
    client.force_login(ward)
    response = client.get(reverse("rehab-plan", args=[plan.pk]))
    page = Controls(response.content.decode())
    # then no sending is ticked beforehand: she affirms the citizen's consent herself, and the hint says the
    # course's consent covers the municipality
    consents = [name for name in page.inputs if name.startswith("consent_")]
    assert "consent_municipality" in consents
    assert all("checked" not in box for name in consents for box in page.inputs[name])
    assert "Forløbets samtykke dækker deling med denne modtager." in response.content.decode()
