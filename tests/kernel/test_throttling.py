"""Throttling by the client's real address (a forged X-Forwarded-For does not help), per username, and the
whole API per user and per anonymous address."""

from typing import cast

import pytest
from django.conf import LazySettings
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import TEST_PASSWORD, member

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def _rates(settings: LazySettings, **rates: str) -> None:
    framework = dict(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"] = {
        **cast(dict[str, str], framework["DEFAULT_THROTTLE_RATES"]),
        **rates,
    }
    settings.REST_FRAMEWORK = framework


def test_rotating_x_forwarded_for_does_not_dodge_the_token_throttle() -> None:
    client = APIClient()
    # when one address sends 31 token requests, each with a new X-Forwarded-For and a new username
    statuses = [
        client.post(
            TOKEN_URL,
            {"username": f"bruger{i}", "password": "forkert-kode"},
            HTTP_X_FORWARDED_FOR=f"10.0.{i}.1",
        ).status_code
        for i in range(31)
    ]
    # then the address is throttled after 30 attempts a minute
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429


def test_one_username_is_throttled_whatever_address_it_comes_from() -> None:
    member("ward_staff", "AUH-ORT", username="anna.berg")
    client = APIClient()
    statuses = [
        client.post(
            TOKEN_URL, {"username": "anna.berg", "password": TEST_PASSWORD}, REMOTE_ADDR=f"10.1.0.{i}"
        ).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_the_login_form_is_throttled_per_username_across_addresses() -> None:
    member("ward_staff", "AUH-ORT", username="anna.berg")
    client = Client()
    # given ten attempts from ten addresses (axes locks a username per address, so it never fires here)
    for i in range(10):
        client.post("/login/", {"username": "anna.berg", "password": "forkert"}, REMOTE_ADDR=f"10.2.0.{i}")
    # when an eleventh address tries
    response = client.post(
        "/login/", {"username": "anna.berg", "password": TEST_PASSWORD}, REMOTE_ADDR="10.2.1.1"
    )
    # then the form answers 429 in Danish with when to try again, and nobody is logged in
    assert response.status_code == 429
    assert "For mange log-in-forsøg" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_the_login_form_is_throttled_per_address_despite_forged_headers() -> None:
    client = Client()
    for i in range(30):
        client.post(
            "/login/", {"username": f"bruger{i}", "password": "x"}, HTTP_X_FORWARDED_FOR=f"10.3.{i}.1"
        )
    response = client.post(
        "/login/", {"username": "bruger99", "password": "x"}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


def test_behind_one_trusted_proxy_the_address_the_proxy_saw_counts(settings: LazySettings) -> None:
    # given one proxy in front that appends the address it saw to X-Forwarded-For
    _rates(settings, login_address="2/min")
    framework = dict(settings.REST_FRAMEWORK)
    framework["NUM_PROXIES"] = 1
    settings.REST_FRAMEWORK = framework
    client = APIClient()

    def attempt(forwarded: str, username: str) -> int:
        data = {"username": username, "password": "x"}
        return client.post(
            TOKEN_URL, data, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="172.16.0.2"
        ).status_code

    # when a client forges the left part of the header, its real address (the right-most) still counts
    assert [attempt(f"1.1.1.{i}, 192.0.2.7", f"u{i}") for i in range(3)] == [400, 400, 429]
    # and another client behind the same proxy is not affected
    assert attempt("198.51.100.4", "u9") == 400


def test_the_whole_api_is_throttled_per_user(settings: LazySettings) -> None:
    _rates(settings, user="3/min")
    client = APIClient()
    client.force_authenticate(member("ward_staff", "AUH-ORT"))
    statuses = [client.get("/api/v1/organisations/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_anonymous_api_requests_are_throttled_per_address(settings: LazySettings) -> None:
    _rates(settings, anon="2/min")
    client = APIClient()
    statuses = [
        client.get("/api/v1/deadline-rules/", HTTP_X_FORWARDED_FOR=f"10.4.{i}.1").status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]
