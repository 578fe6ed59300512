"""The REST API's ground floor: token log-in, JSON errors, the schema, pagination; and log-in throttling."""

import json
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import TEST_PASSWORD, member

pytestmark = pytest.mark.django_db

MUNICIPALITY_CODES = {
    "751",
    "710",
    "766",
    "657",
    "661",
    "615",
    "756",
    "665",
    "707",
    "727",
    "730",
    "760",
    "741",
    "740",
    "746",
    "779",
    "671",
    "706",
    "791",
}


@pytest.fixture
def ward() -> User:
    return member("ward_staff", "AUH-ORT")


def _token(username: str, password: str) -> tuple[int, dict[str, object]]:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    return response.status_code, response.json()


def test_a_token_from_username_and_password_opens_the_api(ward: User) -> None:
    # when a REST client exchanges username and password for a token
    status, body = _token(ward.username, TEST_PASSWORD)
    # then it gets one, and the token alone opens the API
    assert status == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/v1/citizens/").status_code == 200


def test_the_same_user_gets_the_same_token_twice(ward: User) -> None:
    assert _token(ward.username, TEST_PASSWORD)[1] == _token(ward.username, TEST_PASSWORD)[1]


@pytest.mark.parametrize(
    ("username", "password"),
    [
        pytest.param(None, "forkert-kode", id="wrong-password"),
        pytest.param("findes.ikke", TEST_PASSWORD, id="unknown-user"),
        pytest.param(None, "", id="no-password"),
    ],
)
def test_a_failed_token_request_is_400_with_a_detail(ward: User, username: str | None, password: str) -> None:
    status, body = _token(username or ward.username, password)
    assert status == 400
    assert isinstance(body["detail"], str) and body["detail"]
    assert "token" not in body


def test_an_unknown_token_is_refused_with_a_json_detail() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get("/api/v1/citizens/")
    assert response.status_code in (401, 403)
    assert response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/v1/citizens/", "/api/v1/organisations/", "/api/v1/citizens/1/"])
def test_unauthenticated_requests_get_a_json_detail(url: str) -> None:
    response = APIClient().get(url)
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_an_unknown_citizen_is_a_json_404(ward: User) -> None:
    client = APIClient()
    client.force_authenticate(ward)
    response = client.get("/api/v1/citizens/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_the_openapi_schema_renders_with_the_errors_documented() -> None:
    # when the schema is fetched as JSON
    response = Client().get("/api/schema/?format=json")
    # then it is OpenAPI 3 with the citizen endpoints and their 404 documented
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/citizens/" in schema["paths"]
    assert "404" in schema["paths"]["/api/v1/citizens/{id}/"]["get"]["responses"]
    assert "/api/v1/auth/token/" in schema["paths"]


def test_the_schema_admits_every_value_the_api_answers() -> None:
    # found by the 1,000-case fuzz: blank "not yet" choices and one enum name for two choice sets
    schemas = json.loads(Client().get("/api/schema/?format=json").content)["components"]["schemas"]

    assert schemas["DischargeNeedEnum"]["enum"] == ["simple_nursing", "home_care", "special_aids", "housing"]
    assert schemas["AidDischargeNeedEnum"]["enum"] == ["special_aids", "housing"]
    for component, field in [
        ("Loan", "return_kind"),
        ("Dispute", "outcome"),
        ("Dispute", "pays_afterwards"),
        ("PsychiatricCourse", "end_kind"),
    ]:
        assert (
            schemas[component]["properties"][field]["type"] == "string"
        )  # "" while not yet returned/decided


def test_the_schema_is_built_once_and_served_the_same() -> None:
    first = Client().get("/api/schema/?format=json")
    second = Client().get("/api/schema/?format=json")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_the_interactive_docs_open() -> None:
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_the_organisations_endpoint_lists_the_19_municipalities(ward: User) -> None:
    client = APIClient()
    client.force_authenticate(ward)
    # when filtered by kind
    response = client.get("/api/v1/organisations/?kind=municipality")
    # then exactly the 19 municipalities of Region Midtjylland, by kommunekode
    results = response.json()["results"]
    assert {o["code"] for o in results} == MUNICIPALITY_CODES
    assert {o["kind"] for o in results} == {"municipality"}
    randers = next(o for o in results if o["code"] == "730")
    assert (randers["name"], randers["cluster"], randers["parent"]) == ("Randers", "klynge-randers", "1082")


def test_an_organisation_is_found_by_its_code(ward: User) -> None:
    client = APIClient()
    client.force_authenticate(ward)
    assert client.get("/api/v1/organisations/AUH-ORT/").json()["parent"] == "AUH"


def test_lists_use_cursor_pagination(ward: User) -> None:
    client = APIClient()
    client.force_authenticate(ward)
    # when the first page of five is read
    first = client.get("/api/v1/organisations/?kind=municipality&page_size=5").json()
    # then there is a cursor link to the next page, which continues without overlap
    assert first["next"] and "cursor=" in first["next"]
    assert first["previous"] is None
    next_url = urlparse(first["next"])
    second = client.get(f"{next_url.path}?{next_url.query}").json()
    assert len(first["results"]) == len(second["results"]) == 5
    assert not {o["code"] for o in first["results"]} & {o["code"] for o in second["results"]}


def test_five_wrong_passwords_lock_the_log_in_with_a_danish_page(ward: User) -> None:
    client = Client()
    # given five wrong passwords
    for _ in range(5):
        client.post("/login/", {"username": ward.username, "password": "forkert-kode"})
    # when the right one is tried
    response = client.post("/login/", {"username": ward.username, "password": TEST_PASSWORD})
    # then the log-in stays locked, and the page says so in Danish
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(ward: User) -> None:
    client = Client()
    for _ in range(4):
        response = client.post("/login/", {"username": ward.username, "password": "forkert-kode"})
        assert response.status_code == 200
    response = client.post("/login/", {"username": ward.username, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_a_server_error_in_the_api_is_a_json_500(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a bug behind a public endpoint
    def broken(**kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("sundhedsaftale.deadlines.selectors.rule_catalogue_list", broken)
    # when a client asks
    response = APIClient(raise_request_exception=False).get("/api/v1/deadline-rules/")
    # then the body is JSON with a Danish detail, like every other API error
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "Der opstod en fejl på serveren.",
        "code": "server_error",
        "errors": {},
    }


def test_a_database_outage_is_a_503_the_client_may_retry() -> None:
    from django.db import OperationalError

    from sundhedsaftale.api.errors import exception_handler

    # what a view raises while PostgreSQL restarts (bench/faults/pg_restart.py restarts a real one)
    response = exception_handler(OperationalError("server closed the connection unexpectedly"), {})

    assert response is not None
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.data["code"] == "unavailable"
    assert "prøv igen" in response.data["detail"]
