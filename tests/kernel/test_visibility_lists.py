"""Every page without a parameter (inboxes, boards, lists, dashboards, API lists, exports, forms), read as every
role of the visibility matrix: no citizen outside the role's visible set is on it, and every citizen of the set it
shows is in the access log for that read.

The routes are placed in ``tests/citizen_lists.py``; the coverage tests below fail for a route that is not, so a
new list page is walked from the day it is added. The world is ``test_visibility``'s, with one of every record.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from admissions.models import AdmissionNotice
from discharge.models import DischargeLetter
from psychiatry.models import Notice, PsychiatricCourse
from rehab.models import Delivery
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.citizens.models import Citizen
from tests.citizen_lists import LISTS, NO_CITIZEN_LIST, NOT_WALKED, REQUIRED_QUERY
from tests.citizen_records import records_create
from tests.factories import CourseFactory
from tests.kernel.test_route_coverage import _routes
from tests.kernel.test_visibility import ROLES, user_of, world  # noqa: F401  (the matrix's world and its users)

# A page may refuse a role (403), not know the route for it (404) or take only a POST (405); anything else than
# 200 and these (a 500 above all) fails the walk.
REFUSALS = {403, 404, 405}


def routes_without_a_parameter() -> dict[str, str]:
    """Every named route without a parameter, except Django's admin: its name and its address."""
    return {
        name: reverse(name)
        for name, pattern, has_parameter in _routes(get_resolver())
        if not has_parameter and not pattern.startswith("admin/")
    }


def _walked() -> Iterator[tuple[str, str, bool]]:
    """(route, address with its query, read by htmx) for every read of the walk: the pages that list citizens
    are read as a full page and as htmx asks for them (the fragment of the rows)."""
    for route, url in sorted(routes_without_a_parameter().items()):
        if route in NOT_WALKED:
            continue
        queries = LISTS[route].queries if route in LISTS else (REQUIRED_QUERY.get(route, ""),)
        for query in queries:
            if url.startswith("/api/"):
                query = f"{query}&page_size=500" if query else "?page_size=500"
            yield route, url + query, False
            if route in LISTS and not url.startswith("/api/"):
                yield route, url + query, True


@pytest.fixture
def full_world(world: dict[str, Citizen]) -> dict[str, Citizen]:  # noqa: F811  (pytest's fixture by name)
    """The matrix's world with one of every record on each citizen's course, so that the inboxes and lists are
    full; the records discharge that course, so each of these citizens is admitted again on a second one (at the
    same department) for the boards of the admitted."""
    for citizen in world.values():
        first = citizen.courses.order_by("pk").first()
        if first is None:
            continue
        records_create(citizen)
        CourseFactory.create(citizen=citizen, at=first.department.code)
    # and an admission notice, an epikrise and a rehab plan about Else (Randers) addressed to Aarhus and to Anna's
    # practice, as when she lived and was listed there: only the visibility rule keeps them out of their inboxes
    # (the alerts of the records are all addressed to AUH-ORT, which sees only two of the citizens)
    course = world["randers"].courses.earliest("pk")
    aarhus, practice = world["aarhus"].municipality, world["aarhus"].gp_practice
    assert practice is not None
    AdmissionNotice.objects.create(
        course=course, municipality=aarhus, gp_practice=practice, sent_at=timezone.now()
    )
    DischargeLetter.objects.create(course=course, gp_practice=practice, summary="Pneumoni, behandlet.")
    sent = Delivery.objects.filter(plan__course=course).earliest("pk")
    Delivery.objects.create(
        plan=sent.plan,
        version=sent.version,
        recipient=Delivery.Recipient.MUNICIPALITY,
        organisation=aarhus,
        consent=True,
    )
    # and the psychiatric admission of Jens (Randers, at AUH), told to Aarhus as if he lived there
    Notice.objects.create(
        course=PsychiatricCourse.objects.filter(citizen=world["randers_at_auh"]).earliest("pk"),
        kind=Notice.Kind.ADMISSION,
        recipient=aarhus,
    )
    return world


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _body(response: HttpResponseBase) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return content.decode(errors="replace")


def _named(body: str, citizens: dict[str, Citizen]) -> set[str]:
    """The citizens whose name or CPR number, in any of its printed forms, is in the body."""
    return {
        key
        for key, c in citizens.items()
        if any(text in body for text in (c.name, c.cpr, c.cpr_display, f"{c.cpr[:6]} {c.cpr[6:]}"))
    }


def _rows_citizens(url: str, body: str) -> set[int]:
    """The citizens of the rows an API list answered: its rows name their citizen by id only."""
    view: Any = getattr(resolve(url.split("?")[0]).func, "cls", None)
    rows = getattr(view, "queryset", None)
    if rows is None:
        return set()
    path = getattr(rows.all(), "citizen_path", None)
    if path is None:
        return set()
    data = json.loads(body)
    items = data.get("results", []) if isinstance(data, dict) else data
    ids = [item["id"] for item in items if isinstance(item, dict) and "id" in item]
    return set(rows.model._default_manager.filter(pk__in=ids).values_list(path or "pk", flat=True))


def _shown(url: str, response: HttpResponseBase, citizens: dict[str, Citizen]) -> set[str]:
    body = _body(response)
    shown = _named(body, citizens)
    if url.startswith("/api/") and response.status_code == 200:
        by_id = _rows_citizens(url, body)
        shown |= {key for key, c in citizens.items() if c.pk in by_id}
    return shown


@pytest.mark.parametrize("role", list(ROLES))
def test_every_list_shows_a_role_only_its_own_citizens_and_logs_each(
    role: str,
    full_world: dict[str, Citizen],
    user_of: Callable[[str], User],  # noqa: F811
) -> None:
    # given a member of the role, and citizens it may see and citizens it may not, each with every record
    user = user_of(role)
    client = _client_for(user)
    allowed = ROLES[role]
    failures: list[str] = []
    seen: dict[str, set[str]] = {}
    for route, url, htmx in _walked():
        AccessLog.objects.all().delete()
        # when the page is read
        response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
        status = response.status_code
        label = f"{url} (htmx)" if htmx else url
        if status not in REFUSALS | {200}:
            failures.append(f"{label}: answered {status}")
            continue
        shown = _shown(url, response, full_world)
        seen.setdefault(route, set()).update(shown)
        logged = set(
            AccessLog.objects.filter(user_id=user.pk).values_list("citizen_id", flat=True).distinct()
        )
        # then no citizen outside the role's set is on it
        if foreign := shown - allowed:
            failures.append(f"{label}: shows {sorted(foreign)}, whom {role} may not see")
        # and every own citizen on it was logged by this read
        if unlogged := {k for k in shown & allowed if full_world[k].pk not in logged}:
            failures.append(f"{label}: shows {sorted(unlogged)} without an access-log row")
        # and a page that lists no citizens shows none
        if route in NO_CITIZEN_LIST and shown:
            failures.append(f"{label}: listed in NO_CITIZEN_LIST but shows {sorted(shown)}")
    # and each list that this role is the witness of showed it someone: the checks above were not run on empties
    for route, page in LISTS.items():
        if page.shown_to == role and not seen.get(route):
            failures.append(f"{route}: showed {role} no citizen, so the walk checked nothing there")
    assert not failures, "\n".join(failures)


def test_every_route_without_a_parameter_is_walked_or_listed_with_a_reason() -> None:
    # given the routes without a parameter the project serves, and the tables of tests/citizen_lists.py
    routes = routes_without_a_parameter()
    placed = set(LISTS) | set(NO_CITIZEN_LIST) | set(NOT_WALKED)
    # then each is placed: a list of citizens, a page without citizens, or not walked with the reason
    missing = sorted(f"{name}  ({url})" for name, url in routes.items() if name not in placed)
    assert not missing, (
        "Routes without a parameter that no test walks for visibility and the access log. Add the route to "
        "LISTS in tests/citizen_lists.py (with a role that sees a citizen on it), to NO_CITIZEN_LIST or to "
        "NOT_WALKED with its reason:\n  " + "\n  ".join(missing)
    )


def test_the_list_tables_name_only_routes_that_exist_once_and_give_a_reason() -> None:
    # guard: a renamed route must not leave a stale entry behind that covers nothing
    routes = set(routes_without_a_parameter())
    tables = [set(LISTS), set(NO_CITIZEN_LIST), set(NOT_WALKED)]
    assert set().union(*tables) - routes == set()
    assert sum(len(t) for t in tables) == len(set().union(*tables)), "a route is in two tables"
    assert all(reason.strip() for reason in [*NO_CITIZEN_LIST.values(), *NOT_WALKED.values()])
    assert {page.shown_to for page in LISTS.values()} <= set(ROLES)
    assert set(REQUIRED_QUERY) <= set(NO_CITIZEN_LIST)
