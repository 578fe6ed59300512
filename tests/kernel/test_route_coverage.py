"""No route can be forgotten: every URL with a parameter (HTML and API) is in the role × endpoint matrix
(``tests/citizen_endpoints.ENDPOINTS``, walked by ``test_visibility`` and ``test_access_log``), or listed with its
reason as showing no citizen data or as write-only — and a write-only route refuses a foreign citizen's record."""

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from sundhedsaftale.citizens.models import Citizen
from tests.citizen_endpoints import ENDPOINTS, Endpoint, endpoint_id, url_for
from tests.citizen_records import records_create
from tests.citizen_routes import NO_CITIZEN_DATA, WRITE_ONLY, Write
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member


def _routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, bool]]:
    """Yield (URL name with its namespace, pattern, has a parameter) for every route below ``resolver``."""
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, pattern, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            parameters = set(entry.pattern.regex.groupindex) - {"format"}  # DRF's format-suffix duplicates
            yield f"{namespace}{entry.name}", pattern, bool(parameters)


def routes_with_a_parameter() -> dict[str, str]:
    """Every named route that takes a parameter, except Django's admin and the API root."""
    return {
        name: pattern
        for name, pattern, has_parameter in _routes(get_resolver())
        if has_parameter and not pattern.startswith("admin/") and name != "api:api-root"
    }


def test_every_route_with_a_parameter_is_in_the_matrix_or_listed_with_a_reason() -> None:
    # given the routes the project serves and the lists in tests/citizen_endpoints.py
    routes = routes_with_a_parameter()
    covered = {e.route for e in ENDPOINTS} | set(NO_CITIZEN_DATA) | set(WRITE_ONLY)
    # then each is in the matrix, or listed as showing no citizen data or as write-only
    missing = sorted(f"{name}  ({pattern})" for name, pattern in routes.items() if name not in covered)
    assert not missing, (
        "Routes with a parameter that no test checks for visibility and the access log. Add an Endpoint to "
        "ENDPOINTS in tests/citizen_endpoints.py, or list the route (tests/citizen_routes.py) in NO_CITIZEN_DATA or WRITE_ONLY with its "
        "reason:\n  " + "\n  ".join(missing)
    )


def test_the_lists_name_only_routes_that_exist_and_give_a_reason() -> None:
    # guard: a renamed route must not leave a stale entry behind that covers nothing
    names = {name for name, _pattern, _ in _routes(get_resolver())}
    listed = {e.route for e in ENDPOINTS if e.route} | set(NO_CITIZEN_DATA) | set(WRITE_ONLY)
    assert listed - names == set()
    assert all(reason.strip() for reason in NO_CITIZEN_DATA.values())
    assert all(write.reason.strip() for write in WRITE_ONLY.values())
    assert not set(NO_CITIZEN_DATA) & set(WRITE_ONLY)


@pytest.fixture
def anna(db: None) -> Citizen:
    """A citizen of Aarhus with her GP, a course at AUH and one of every record a course can hold."""
    citizen = CitizenFactory.create(name="Anna Rutesen", gp_practice=PracticeFactory.create())
    CourseFactory.create(citizen=citizen, at="AUH-ORT")
    records_create(citizen)
    return citizen


def test_every_record_endpoint_finds_its_record(anna: Citizen) -> None:
    # guard: an endpoint whose record is never made would be skipped by the matrix and check nothing
    assert [e.id for e in ENDPOINTS if e.records and e.url(anna) is None] == []
    assert [name for name, write in WRITE_ONLY.items() if write.url(anna) is None] == []


def _counts() -> dict[str, int]:
    skip = {"sessions", "axes", "contenttypes", "auth", "admin"}
    return {
        m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label not in skip
    }


@pytest.mark.parametrize("route", sorted(WRITE_ONLY))
def test_a_write_to_a_foreign_citizens_record_is_refused_and_writes_nothing(
    route: str, anna: Citizen
) -> None:
    # given ward staff and the visitation of Herning, who have no care relation with Anna
    write: Write = WRITE_ONLY[route]
    url = write.url(anna)
    assert url is not None
    for intruder in (member("ward_staff", "HEV-MED"), member("visitation", "657")):
        client = Client()
        client.force_login(intruder)
        before = _counts()
        # when they post to the route for Anna's record
        response = getattr(client, write.method)(url, data=write.data or {}, content_type="application/json")
        # then it answers as for a record that does not exist, and nothing is written
        assert response.status_code == 404, (intruder.username, response.status_code)
        assert _counts() == before


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.records], ids=endpoint_id)
def test_a_record_page_of_a_foreign_citizen_is_404_and_not_logged(endpoint: Endpoint, anna: Citizen) -> None:
    # given ward staff at Herning, with no care relation with Anna
    client = Client()
    client.force_login(_herning_ward())
    before = _counts()
    # when they ask for the page of Anna's record
    response = client.get(url_for(endpoint, anna))
    # then it does not exist for them, and nothing is logged or written
    assert response.status_code == 404
    assert _counts() == before


def _herning_ward() -> User:
    return member("ward_staff", "HEV-MED")
