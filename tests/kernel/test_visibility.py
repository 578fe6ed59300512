"""The role × endpoint matrix: every role sees exactly its own citizens on every citizen-data endpoint.

A new endpoint that shows citizen data is added to ``tests/citizen_endpoints.py`` with one line; the matrix
then walks it for every role (and ``test_access_log`` checks that it logs each read). Foreign rows answer 404 (never 403), so a user cannot learn that a citizen exists.
"""

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client

from sundhedsaftale.access.logmask import CPR_PATTERN
from sundhedsaftale.citizens.models import Citizen
from tests.citizen_endpoints import ENDPOINTS, SURNAME, Endpoint, course_of, endpoint_id, shown, url_for
from tests.citizen_records import records_create
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member, organisation_get

# The world: who lives where, and where they have a course.
#   aarhus          lives in Aarhus (751), course at AUH, listed with the demo practice
#   aarhus_at_home  lives in Aarhus, no course, no GP in the system
#   randers         lives in Randers (730), course at RHR
#   randers_at_auh  lives in Randers, course at AUH (a hospital sees it, Aarhus municipality does not)
#   herning         lives in Herning (657), course at HEV
EVERYONE = frozenset({"aarhus", "aarhus_at_home", "randers", "randers_at_auh", "herning"})
ROLES: dict[str, frozenset[str]] = {
    "ward_staff": frozenset({"aarhus", "randers_at_auh"}),  # AUH-ORT: everyone with a stay at AUH
    "visitation": frozenset({"aarhus", "aarhus_at_home"}),  # Aarhus: its residents
    "gp": frozenset({"aarhus"}),  # the practice: its listed patients
    "steering_group": frozenset(),  # klynge-aarhus: aggregated figures only
    # The region has no care relation: it reads a citizen only by a look-up for a stated purpose
    # (tests/kernel/test_care_relations.py); operations (superusers) read none.
    "regional_admin": frozenset(),
    "integration": frozenset({"aarhus", "randers_at_auh"}),  # a REST client acting for AUH
    "superuser": frozenset(),
}


@pytest.fixture
def world(db: None) -> dict[str, Citizen]:
    practice = PracticeFactory.create(name="Lægerne i Matrixbyen")
    aarhus, randers, herning = (organisation_get(code) for code in ("751", "730", "657"))

    def citizen(first: str, municipality: object, at: str | None, **extra: object) -> Citizen:
        person = CitizenFactory.create(name=f"{first} {SURNAME}", municipality=municipality, **extra)
        if at:
            CourseFactory.create(citizen=person, at=at)
        return person

    return {
        "aarhus": citizen("Anna", aarhus, "AUH-ORT", gp_practice=practice),
        "aarhus_at_home": citizen("Bent", aarhus, None),
        "randers": citizen("Else", randers, "RHR-MED"),
        "randers_at_auh": citizen("Jens", randers, "AUH-NEU"),
        "herning": citizen("Karen", herning, "HEV-MED"),
    }


@pytest.fixture
def user_of(world: dict[str, Citizen]) -> Callable[[str], User]:
    practice_code = world["aarhus"].gp_practice.code  # type: ignore[union-attr]
    codes = {"gp": practice_code}
    return lambda role: member(role, codes.get(role))


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if not e.records], ids=endpoint_id)
@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_exactly_its_own_citizens(
    role: str, endpoint: Endpoint, world: dict[str, Citizen], user_of: Callable[[str], User]
) -> None:
    # given a member of the role
    _assert_sees_exactly_its_own(_client_for(user_of(role)), role, endpoint, world)


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_exactly_its_own_citizens_records(
    role: str, world: dict[str, Citizen], user_of: Callable[[str], User]
) -> None:
    # given a citizen seen by every role that sees a citizen and one seen by the hospital only, each with one of
    # every record a course holds (made once: the pages of the records are walked in one test per role)
    for key in ("aarhus", "randers_at_auh"):
        records_create(world[key])
    client = _client_for(user_of(role))
    # when each page of a record is asked for, then the role sees exactly its own citizens' records
    failures = []
    for endpoint in (e for e in ENDPOINTS if e.records):
        try:
            _assert_sees_exactly_its_own(client, role, endpoint, world)
        except AssertionError as error:
            failures.append(f"{endpoint.id}: {error}".splitlines()[0])
    assert not failures, "\n".join(failures)


def _body(response: HttpResponseBase) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return content.decode(errors="replace")


def _assert_sees_exactly_its_own(
    client: Client, role: str, endpoint: Endpoint, world: dict[str, Citizen]
) -> None:
    allowed = ROLES[role]
    if endpoint.per_course:
        allowed = frozenset(key for key in allowed if course_of(world[key]) is not None)
    may_use = endpoint.roles is None or role in endpoint.roles
    # a role that sees the citizen but is no party to this kind of record is refused and sees nothing
    refused = allowed if endpoint.readers is not None and role not in endpoint.readers else frozenset()
    allowed -= refused

    if endpoint.kind == "list":
        # when the list is read
        response = client.get(endpoint.url(world["aarhus"]) or "")
        # then exactly the allowed citizens are on it
        assert response.status_code == (200 if may_use else 403)
        assert shown(response.content.decode(), world) == (allowed if may_use else set())
        return

    for key, citizen in world.items():
        url = endpoint.url(citizen)
        if url is None or (endpoint.per_course and course_of(citizen) is None):
            continue
        # when each citizen is asked for
        response = client.get(url)
        body = _body(response)
        if not may_use:
            # then a role without the right is refused alike for every citizen: nothing leaks
            assert response.status_code == 403, key
            assert not shown(body, world), key
        elif endpoint.kind == "detail":
            # then an own citizen is shown, a foreign one does not exist (404, not 403)
            expected = 200 if key in allowed else endpoint.refused if key in refused else 404
            assert response.status_code == expected, (key, response.status_code)
            if endpoint.shows_cpr:
                assert shown(body, world) == ({key} if key in allowed else set()), (key, shown(body, world))
            else:
                assert not shown(body, world), key
        else:
            # then a search for an own citizen finds it; for a foreign one it finds nothing
            assert response.status_code == 200, key
            assert shown(body, world) == ({key} & allowed), key


@pytest.mark.parametrize(
    "endpoint",
    [e for e in ENDPOINTS if e.kind == "detail" and not e.per_course and not e.records],
    ids=endpoint_id,
)
def test_a_citizen_that_does_not_exist_looks_like_a_foreign_one(
    endpoint: Endpoint, world: dict[str, Citizen], user_of: Callable[[str], User]
) -> None:
    # given a regional admin, who may see every citizen that exists
    client = _client_for(user_of("regional_admin"))
    missing = Citizen(pk=max(c.pk for c in world.values()) + 1000)
    # when a citizen that does not exist is asked for
    response = client.get(url_for(endpoint, missing))
    # then the answer is 404, as for a foreign citizen
    assert response.status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=endpoint_id)
def test_anonymous_visitors_see_no_citizen(endpoint: Endpoint, world: dict[str, Citizen]) -> None:
    # when someone who is not logged in asks
    url = url_for(endpoint, world["aarhus"])
    response = Client().get(url)
    # then the API refuses and the pages send to the log-in, without showing anyone
    if url.startswith("/api/"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    assert not shown(response.content.decode(), world)


def test_the_steering_group_never_sees_a_cpr_on_any_page_it_can_reach(
    world: dict[str, Citizen], user_of: Callable[[str], User]
) -> None:
    # given a member of Klynge Aarhus' steering group
    client = _client_for(user_of("steering_group"))
    pages = [
        "/",
        "/kontakter/",
        "/kontakter/?q=Aarhus",
        f"/borgere/?q={SURNAME}",
        "/borgere/?q=01",
        "/api/v1/",
        "/api/v1/citizens/",
        "/api/v1/organisations/?kind=cluster",
    ]
    records_create(world["aarhus"])
    pages += [url for e in ENDPOINTS for c in world.values() if (url := e.url(c))]
    for url in pages:
        # when it opens the page
        response = client.get(url)
        body = response.content.decode()
        # then no citizen and nothing shaped like a CPR number is on it (except the one it typed itself)
        assert not shown(body, world), url
        typed = {c.cpr for c in world.values() if c.cpr in url}
        assert not {m.group(0) for m in CPR_PATTERN.finditer(body)} - typed, url
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            assert SURNAME not in body or url.startswith("/borgere/?q="), url
    # and the menu does not offer the citizen search
    assert 'href="/borgere/"' not in client.get("/").content.decode()


def test_a_user_with_two_memberships_reads_for_the_active_one_only(
    world: dict[str, Citizen], user_of: Callable[[str], User]
) -> None:
    # given a visitation officer in Aarhus who also works for Herning
    user = user_of("visitation")
    member("visitation", "657", username=user.username)
    client = _client_for(user)
    # when the API list is read in the first membership (Aarhus)
    response = client.get("/api/v1/citizens/?page_size=500")
    # then only Aarhus' residents are on it, not the union of both
    assert shown(response.content.decode(), world) == {"aarhus", "aarhus_at_home"}
    # and after switching to Herning in the user menu, only Herning's
    herning = user.memberships.get(organisation__code="657")
    client.post("/organisation/skift/", {"membership": herning.pk})
    response = client.get("/api/v1/citizens/?page_size=500")
    assert shown(response.content.decode(), world) == {"herning"}


def test_a_steering_group_membership_adds_nothing_to_a_ward_membership(
    world: dict[str, Citizen], user_of: Callable[[str], User]
) -> None:
    # given ward staff at AUH who also sits in the steering group of Klynge Vest
    user = user_of("ward_staff")
    member("steering_group", "klynge-vest", username=user.username)
    # when the API list is read
    response = _client_for(user).get("/api/v1/citizens/?page_size=500")
    # then the cluster adds no citizens (Herning's citizen is not shown)
    assert shown(response.content.decode(), world) == ROLES["ward_staff"]


def test_the_cpr_pattern_used_above_recognises_what_the_pages_print(world: dict[str, Citizen]) -> None:
    # guard: the steering-group test would pass vacuously if the pattern missed the printed form
    assert all(re.search(CPR_PATTERN, c.cpr_display) for c in world.values())
