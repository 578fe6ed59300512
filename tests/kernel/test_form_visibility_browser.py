"""In the browser: every form control of every page, for every role, is one a person can see and click.

The walk takes every HTML page the resolver knows (the pages without a parameter, and the citizen pages of the
endpoint matrix, ``tests/citizen_endpoints.py``, for four citizens whose courses stand at the moments the forms
belong to), logs in as each role, and for each page that shows a form checks at 1,400 px and at 390 px that
every input, select, text area, radio button and checkbox

- has a box of its own (not 0×0) inside the viewport's width, and is not transparent — a DKFDS checkbox or
  radio button is transparent on purpose, so its label, which follows it at once, must draw the box over it;
- has a label that is visible and sits next to it (not in the page's top-left corner);
- can be clicked without ``force`` (Playwright's trial click: visible, stable, enabled, not covered).

A route without a parameter that is not walked says why (``NOT_PAGES``); a route with one is walked through the
endpoint matrix, which ``tests/kernel/test_route_coverage.py`` keeps complete (or is write-only, or shows no
citizen's data, ``tests/citizen_routes.py``).
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from discharge import services as discharge
from rehab import services as rehab
from rehab.models import Delivery
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date
from tests.citizen_endpoints import ENDPOINTS
from tests.citizen_records import records_create
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, PracticeFactory, member
from tests.factories.rehab import plan_written
from tests.kernel.test_route_coverage import _routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1400, 390)
# how far (px) a control may be from its label, besides its own hint and error message standing between them
LABEL_GAP = 120
# a control a person fills in, with its name: what makes a page a form page, and which form it is
CONTROL_NAME = re.compile(
    r"<(?:input(?![^>]*type=\"(?:hidden|submit|button)\")|select|textarea)\b[^>]*?\bname=\"[^\"]*\"", re.I
)

# routes that are no page with a form a person fills in, and why
NOT_PAGES: dict[str, str] = {
    "logout": "a POST that ends the session",
    "membership-switch": "a POST from the header's organisation picker (checked on every page it is on)",
    "set_language": "a POST from the language picker",
    "healthz": "the machines' health check",
    "alert-count": "an htmx fragment: the number of alerts",
    "rule-catalogue-pdf": "a PDF",
    "rehab-letter-3-10": "a PDF",
}

# Form pages with known defects this walk found, left to their area (each to be rendered with
# templates/forms/field.html): the walk skips them until the entry is removed. Keep this list short.
NOT_YET: dict[str, str] = {
    "aids-course": "aids/_field.html draws checkboxes without DKFDS's .form-group-checkbox: the boxes sit in "
    "the page's top-left corner",
    "aids-need": "the need form is wider than a 390 px phone",
    "aids-dispute": "the decision form's fields have no label",
    "psychiatry-course": "hand-written radio buttons and checkboxes without DKFDS's classes have no box",
}


@dataclass
class Walk:
    """The people who log in, and the pages (URL name, address) of the walk."""

    users: dict[str, User]
    pages: list[tuple[str, str]]


def _citizens(practice: Organisation) -> list[Citizen]:
    """Four Aarhus citizens at AUH-ORT whose courses stand where the forms are: a course with one of every
    record (discharged), a discharge planned and notified with a rehab plan in draft, a rehab plan finished but
    not sent, and a rehab plan received by the municipality but not acted on."""
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    today = local_date(timezone.now())

    def citizen(name: str) -> tuple[Citizen, Any]:
        person = CitizenFactory.create(name=name, gp_practice=practice)
        return person, CourseFactory.create(citizen=person, at="AUH-ORT")

    full, _ = citizen("Frida Formularsen")
    records_create(full)
    planned, course = citizen("Gunnar Formularsen")
    plan = discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=today + timedelta(days=7),
        acting_user=ward,
    )
    discharge.discharge_notification_send(plan=plan, text="Forventet udskrivning.", acting_user=ward)
    rehab.plan_create(course=course, acting_user=ward)
    finished, course = citizen("Hanne Formularsen")
    plan_written(course=course, author=ward)
    received, course = citizen("Ib Formularsen")
    written = plan_written(course=course, author=ward)
    deliveries = rehab.plan_send(plan=written, acting_user=ward, consent_municipality=True)
    for delivery in deliveries:
        if delivery.organisation_id == full.municipality_id:
            rehab.delivery_receive(delivery=delivery, acting_user=visitation)
    return [full, planned, finished, received]


def walk_pages(citizens: list[Citizen]) -> list[tuple[str, str]]:
    """Every HTML page: the routes without a parameter, and the matrix's pages for each citizen."""
    pages: list[tuple[str, str]] = []
    for name, pattern, has_parameter in _routes(get_resolver()):
        if pattern.startswith(("api/", "admin/")) or name in NOT_PAGES or has_parameter:
            continue
        pages.append((name, reverse(name)))
    for endpoint in ENDPOINTS:
        if endpoint.route.startswith("api:") or (endpoint.url(citizens[0]) is None and not endpoint.records):
            continue
        for citizen in citizens:
            url = endpoint.url(citizen)
            if url and not url.startswith("/api/"):
                pages.append((endpoint.route or endpoint.id, url))
    # the matrix opens a citizen's first delivery (her own copy); the receiver's forms are on the municipality's
    for delivery in Delivery.objects.filter(plan__course__citizen__in=citizens, organisation__isnull=False):
        pages.append(("rehab-delivery", reverse("rehab-delivery", args=[delivery.pk])))
    return list(dict.fromkeys(pages))


def test_the_routes_left_out_of_the_walk_exist() -> None:
    # guard: a renamed route must not leave a stale reason behind (the routes with a parameter are all in the
    # endpoint matrix or the route lists: tests/kernel/test_route_coverage.py)
    assert set(NOT_PAGES) | set(NOT_YET) <= {name for name, _pattern, _ in _routes(get_resolver())}


@pytest.fixture
def walk(live_server: Any, reference_data: None) -> Walk:
    practice = PracticeFactory.create()
    users = {
        "ward_staff": member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske"),
        "visitation": member("visitation", "751", first_name="Mette", last_name="Visitator"),
        "gp": member("gp", practice.code, first_name="Jens", last_name="Læge"),
        "regional_admin": member("regional_admin", "1082"),
        "steering_group": member("steering_group", "klynge-aarhus"),
        "integration": member("integration", "AUH"),
        "superuser": member("superuser"),
    }
    return Walk(users=users, pages=walk_pages(_citizens(practice)))


# Measures every control in the page. Returns one row per control: its index (also written to the control as
# data-form-check, for the trial click), name, type, label and what is wrong with it.
MEASURE = r"""
(maxGap) => {
  document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; });
  window.scrollTo(0, 0);
  const skip = ['hidden', 'submit', 'button', 'reset', 'image'];
  const controls = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !skip.includes(el.type) && !el.disabled);
  const opacity = el => { let o = 1; for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity); return o; };
  const box = r => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  const gap = (a, b) => Math.max(0, a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom);
  return controls.map((el, index) => {
    el.dataset.formCheck = String(index);
    const problems = [];
    const r = el.getBoundingClientRect();
    const labelledBy = el.getAttribute('aria-labelledby');
    const label = (el.labels && el.labels[0]) || (labelledBy && document.getElementById(labelledBy)) || null;
    if (r.width < 1 || r.height < 1) problems.push(`no box (${box(r)})`);
    if (getComputedStyle(el).visibility !== 'visible') problems.push('visibility: hidden');
    if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`outside the viewport's width (${box(r)})`);
    if (!label && !el.getAttribute('aria-label')) problems.push('no label');
    if (opacity(el) < 0.5) {
      const next = el.nextElementSibling;
      if ((el.type === 'checkbox' || el.type === 'radio') && label && next === label) {
        const before = getComputedStyle(label, '::before');
        if (before.content === 'none' || !(parseFloat(before.width) >= 16) || !(parseFloat(before.borderTopWidth) > 0) || opacity(label) < 0.5)
          problems.push('transparent, and its label draws no box in its place');
        else if (gap(r, label.getBoundingClientRect()) > 0)
          problems.push(`transparent, away from the box its label draws (${box(r)} vs ${box(label.getBoundingClientRect())})`);
      } else {
        problems.push(`transparent (opacity ${opacity(el).toFixed(2)}) with nothing drawn in its place`);
      }
    }
    if (label) {
      const l = label.getBoundingClientRect();
      if (l.width < 1 || l.height < 1 || opacity(label) < 0.5) problems.push('its label is not visible');
      else {
        // the field's own hint and error message stand between its label and it: their height is no distance
        const between = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
          .map(id => document.getElementById(id)).filter(Boolean)
          .map(e => e.getBoundingClientRect()).filter(h => h.top >= l.bottom - 1 && h.bottom <= r.top + 1)
          .reduce((sum, h) => sum + h.height, 0);
        const distance = gap(r, l) - between;
        if (distance > maxGap) problems.push(`${Math.round(distance)} px from its label (${box(r)} vs ${box(l)})`);
      }
    }
    const text = label ? label.innerText : (el.getAttribute('aria-label') || '');
    return {index, name: el.name || el.id, type: el.type || el.tagName.toLowerCase(), label: text.trim().slice(0, 60), problems};
  });
}
"""


def _check_page(page: Any, width: int) -> list[str]:
    """What is wrong with the page's controls at this width (empty: nothing)."""
    page.set_viewport_size({"width": width, "height": 900})
    rows = page.evaluate(MEASURE, LABEL_GAP)
    found = []
    for row in rows:
        problems = list(row["problems"])
        if not any(p.startswith(("no box", "visibility")) for p in problems):
            try:
                page.locator(f'[data-form-check="{row["index"]}"]').click(trial=True, timeout=3_000)
            except Exception as error:  # Playwright's TimeoutError: it names what stood in the way
                lines = [line.strip() for line in str(error).splitlines() if line.strip()]
                problems.append("cannot be clicked: " + " / ".join(lines[-3:])[:300])
        if problems:
            found.append(
                f'{row["type"]} "{row["label"] or row["name"]}" ({row["name"]}): ' + "; ".join(problems)
            )
    return found


def _form_controls(client: Client, url: str) -> tuple[str, ...]:
    """The controls of the page's forms as the server renders them (tag and name, in order); none: no form."""
    response = client.get(url)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return ()
    return tuple(match.group(0) for match in CONTROL_NAME.finditer(response.content.decode()))


def _controls(page: Any) -> list[str]:
    names: list[str] = page.eval_on_selector_all(
        "[data-form-check]", "els => els.map(e => `${e.type}:${e.name || e.id}`)"
    )
    return names


@pytest.fixture
def role_page(browser: Any, live_server: Any) -> Iterator[Callable[[], Any]]:
    """A fresh browser context per role (its own cookies), closed at the end."""
    contexts: list[Any] = []

    def new() -> Any:
        context = browser.new_context(
            base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


def test_every_form_control_of_every_page_can_be_seen_and_clicked_by_every_role(
    walk: Walk, role_page: Callable[[], Any], login: Callable[[Any, str, str], None]
) -> None:
    failures: list[str] = []
    checked: set[tuple[str, str]] = set()
    # a page whose forms render the same controls as one already measured (another citizen at the same moment,
    # another role with the same form) is not measured again: the walk stays within minutes
    measured: set[tuple[str, tuple[str, ...]]] = set()

    def check(role: str, page: Any, name: str, url: str) -> None:
        response = page.goto(url)
        if response is None or response.status != 200:
            return
        for width in WIDTHS:
            problems = _check_page(page, width)
            failures.extend(f"{role} {url} at {width} px: {problem}" for problem in problems)
        checked.update((name, control) for control in _controls(page))

    # the log-in page, before anyone is logged in
    anonymous = role_page()
    check("anonymous", anonymous, "login", "/login/")

    for role, user in walk.users.items():
        client = Client()
        client.force_login(user)
        page = role_page()
        login(page, user.username, TEST_PASSWORD)
        for name, url in walk.pages:
            controls = _form_controls(client, url)
            if not controls or (name, controls) in measured or name in NOT_YET:
                continue
            measured.add((name, controls))
            check(role, page, name, url)

    assert not failures, f"{len(failures)} form controls a person cannot see or click:\n" + "\n".join(
        failures
    )
    # guard: the walk reached the forms of the hand-offs (else it would pass by checking nothing)
    expected = {
        ("discharge-reply", "radio:answer"),
        ("course-detail", "checkbox:to_municipality"),
        ("discharge-notice", "checkbox:medication_changed"),
        ("discharge-letter", "checkbox:dose_dispensing_cancelled"),
        ("rehab-plan", "checkbox:wheelchair"),
        ("rehab-plan", "radio:plan_type"),
        ("rehab-plan", "checkbox:consent_municipality"),
        ("rehab-delivery", "checkbox:consent"),
        ("course-admit", "select-one:kind"),
    }
    assert expected <= checked, f"the walk never reached: {sorted(expected - checked)}"
