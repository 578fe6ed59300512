"""Requests at the edges: caching of health data, oversized bodies, NUL bytes, bad cursors and filters, hostile
JSON. Each is refused with a clear 4xx (JSON for the API, a Danish page for people), never a 500."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sundhedsaftale.forms import DesignSystemForm
from sundhedsaftale.limits import FREE_TEXT_MAX_LENGTH
from tests.factories import member

pytestmark = pytest.mark.django_db

POST_JSON = "/api/v1/admission-reports/submit/"


@pytest.fixture
def ward() -> User:
    return member("ward_staff", "AUH-ORT")


@pytest.fixture
def api(ward: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=ward).key}")
    return client


@pytest.fixture
def browser(ward: User) -> Client:
    client = Client()
    client.force_login(ward)
    return client


def _assert_json_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    return body


# --- caching ---------------------------------------------------------------------------------------
def test_pages_of_a_logged_in_user_are_never_stored(browser: Client) -> None:
    response = browser.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_api_answers_to_a_token_are_never_stored(api: APIClient) -> None:
    assert api.get("/api/v1/citizens/")["Cache-Control"] == "no-store, private"
    assert api.get("/api/v1/citizens/999999/")["Cache-Control"] == "no-store, private"


def test_the_public_deadline_rules_stay_cacheable_for_anonymous_readers() -> None:
    for url in ("/frister/", "/api/v1/deadline-rules/"):
        response = Client().get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")


# --- size ------------------------------------------------------------------------------------------
def test_an_oversized_api_body_is_refused_unread_with_json(api: APIClient) -> None:
    response = api.post(
        POST_JSON, "{}", content_type="application/json", CONTENT_LENGTH=str(300 * 1024 * 1024)
    )
    assert _assert_json_error(response, 413)["code"] == "request_too_large"


def test_an_oversized_upload_to_a_page_gets_a_danish_page(browser: Client) -> None:
    response = browser.post(
        "/kontakter/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "for stor" in response.content.decode()


def test_a_free_text_longer_than_the_limit_is_refused(api: APIClient) -> None:
    body = json.dumps({"course": 1, "functional_level": "x" * (FREE_TEXT_MAX_LENGTH + 1)})
    detail = _assert_json_error(api.post(POST_JSON, body, content_type="application/json"), 400)["detail"]
    assert f"{FREE_TEXT_MAX_LENGTH} tegn" in detail


def test_text_areas_of_forms_have_a_length_limit() -> None:
    from django import forms

    class NoteForm(DesignSystemForm):
        note = forms.CharField(widget=forms.Textarea)
        title = forms.CharField()

    form = NoteForm(data={"note": "x" * (FREE_TEXT_MAX_LENGTH + 1), "title": "kort"})
    assert not form.is_valid()
    assert "note" in form.errors
    assert NoteForm(data={"note": "x" * FREE_TEXT_MAX_LENGTH, "title": "kort"}).is_valid()
    assert not NoteForm(data={"note": "x", "title": "x" * 501}).is_valid()


# --- causes of 500 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/citizens/?cpr=%00",
        "/api/v1/deadlines/?state=%00",
        "/api/v1/alerts/?organisation=751%00",
    ],
)
def test_a_nul_byte_in_the_api_query_is_a_json_400(api: APIClient, url: str) -> None:
    # (PostgreSQL refuses NUL in a text parameter: before, these were 500s there)
    assert "NUL" in _assert_json_error(api.get(url), 400)["detail"]


def test_a_nul_byte_in_a_page_query_is_a_danish_400(browser: Client) -> None:
    response = browser.get("/kontakter/?q=a%00b")
    assert response.status_code == 400
    assert "ugyldigt tegn" in response.content.decode()


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("ikke-base64!", id="not-base64"),
        pytest.param("cD1hYmM=", id="position-not-a-number"),
        pytest.param("cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5", id="position-too-large"),
    ],
)
def test_a_garbage_cursor_is_a_400_naming_the_cursor(api: APIClient, cursor: str) -> None:
    body = _assert_json_error(api.get("/api/v1/citizens/", {"cursor": cursor}), 400)
    assert "cursor" in body["errors"]


@pytest.mark.parametrize("offset", ["+16:00", "-23:59", "+99:00"])
def test_a_timezone_offset_postgresql_cannot_store_is_a_400(api: APIClient, offset: str) -> None:
    body = _assert_json_error(
        api.get("/api/v1/deadlines/", {"due_after": f"2025-04-15T08:00:00{offset}"}), 400
    )
    assert "due_after" in body["errors"]


def test_a_preview_anchor_in_year_one_is_a_400() -> None:
    response = APIClient().get(
        "/api/v1/deadline-rules/discharge.home_care/preview/", {"anchor": "0001-01-01"}
    )
    assert "anchor" in _assert_json_error(response, 400)["errors"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('{"a":' * 50_000 + "1" + "}" * 50_000, id="nested-50000-deep"),
        pytest.param('{"course": 1e400}', id="overflows-to-infinity"),
        pytest.param('{"course": NaN}', id="nan"),
        pytest.param('{"course": "1\\u0000"}', id="nul-in-string"),
        pytest.param('{"course": ', id="malformed"),
    ],
)
def test_hostile_json_is_a_json_400(api: APIClient, body: str) -> None:
    assert (
        _assert_json_error(api.post(POST_JSON, body, content_type="application/json"), 400)["code"]
        == "parse_error"
    )


# --- error bodies match the schema -----------------------------------------------------------------
def test_every_api_error_body_has_the_errors_key(api: APIClient) -> None:
    _assert_json_error(api.get("/api/v1/citizens/999999/"), 404)
    _assert_json_error(api.get("/api/v1/findes-ikke/"), 404)
    _assert_json_error(APIClient().get("/api/v1/citizens/"), 401)


def test_the_schema_documents_the_error_answers_and_nullable_codes() -> None:
    schema = json.loads(Client().get("/api/schema/?format=json").content)
    responses = schema["paths"]["/api/v1/citizens/"]["get"]["responses"]
    for status in ("400", "401", "403", "429"):
        assert responses[status]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail", "code", "errors"]
    components = schema["components"]["schemas"]
    assert components["Citizen"]["properties"]["gp_practice"]["nullable"] is True
    assert components["Organisation"]["properties"]["cluster"]["nullable"] is True
    assert components["Deadline"]["properties"]["citizen"]["nullable"] is True


def test_a_nul_byte_in_a_multipart_field_is_a_json_400(api: APIClient) -> None:
    response = api.post(POST_JSON, {"course": "1\x00"}, format="multipart")
    body = _assert_json_error(response, 400)
    assert body["code"] == "parse_error" and "NUL" in body["detail"]


def test_the_schema_says_what_a_plan_send_and_an_alert_really_answer() -> None:
    schema = json.loads(Client().get("/api/schema/?format=json").content)
    alert = schema["components"]["schemas"]["Alert"]["properties"]
    assert alert["acknowledged_by"]["nullable"] is True and alert["assigned_to"]["nullable"] is True
    sent = schema["paths"]["/api/v1/rehab/plans/{id}/send/"]["post"]["responses"]["200"]
    assert sent["content"]["application/json"]["schema"]["type"] == "array"
    assert "409" in schema["paths"]["/api/v1/rehab/plans/{id}/send/"]["post"]["responses"]
