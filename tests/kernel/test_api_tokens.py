"""API tokens expire, are revoked on a password change, a membership removal and log-out; axes lock-outs
answer the token endpoint with a clear 429."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sundhedsaftale.organisations.models import Membership
from tests.factories import TEST_PASSWORD, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward() -> User:
    return member("ward_staff", "AUH-ORT")


def _login(username: str, password: str = TEST_PASSWORD) -> APIClient:
    response = APIClient().post("/api/v1/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200, response.json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_the_token_answer_says_when_it_expires(ward: User) -> None:
    body = (
        APIClient().post("/api/v1/auth/token/", {"username": ward.username, "password": TEST_PASSWORD}).json()
    )
    assert set(body) == {"token", "expires_at"}
    assert body["expires_at"]


def test_a_token_older_than_a_shift_is_refused_with_a_clear_detail(ward: User) -> None:
    # given a token issued nine hours ago (a shift is eight)
    client = _login(ward.username)
    Token.objects.filter(user=ward).update(created=Token.objects.get(user=ward).created - timedelta(hours=9))
    # when it is used
    response = client.get("/api/v1/citizens/")
    # then the API answers 401 and says the token has expired
    assert response.status_code == 401
    assert "udløbet" in response.json()["detail"]
    # and a new log-in gives a fresh token that works
    assert _login(ward.username).get("/api/v1/citizens/").status_code == 200


def test_a_token_within_the_shift_still_works(ward: User) -> None:
    client = _login(ward.username)
    Token.objects.filter(user=ward).update(created=Token.objects.get(user=ward).created - timedelta(hours=7))
    assert client.get("/api/v1/citizens/").status_code == 200


def test_a_password_change_revokes_the_token(ward: User) -> None:
    client = _login(ward.username)
    # when the password is changed (the admin, changepassword and the reset form all call set_password)
    ward.set_password("et-helt-nyt-kodeord-42")
    ward.save()
    # then the old token no longer opens the API
    assert client.get("/api/v1/citizens/").status_code == 401


def test_saving_the_user_without_a_new_password_keeps_the_token(ward: User) -> None:
    client = _login(ward.username)
    ward.first_name = "Anna"
    ward.save()
    assert client.get("/api/v1/citizens/").status_code == 200


def test_removing_a_membership_revokes_the_token(ward: User) -> None:
    client = _login(ward.username)
    # when the user's membership is removed
    Membership.objects.filter(user=ward).delete()
    # then the token is gone
    assert client.get("/api/v1/citizens/").status_code == 401


def test_a_client_logs_out_and_its_token_is_revoked(ward: User) -> None:
    client = _login(ward.username)
    # when the client logs out
    assert client.post("/api/v1/auth/logout/").status_code == 204
    # then its token is refused
    assert client.get("/api/v1/citizens/").status_code == 401


def test_log_out_needs_credentials() -> None:
    assert APIClient().post("/api/v1/auth/logout/").status_code == 401


def test_a_locked_out_username_gets_a_429_with_retry_after_from_the_token_endpoint(ward: User) -> None:
    client = APIClient()
    # given five wrong passwords
    for _ in range(5):
        client.post("/api/v1/auth/token/", {"username": ward.username, "password": "forkert-kode"})
    # when the right one is tried
    response = client.post("/api/v1/auth/token/", {"username": ward.username, "password": TEST_PASSWORD})
    # then the answer is 429 with a Danish detail and when to try again, not a misleading 400
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert "For mange forkerte forsøg" in response.json()["detail"]
    assert int(response["Retry-After"]) == 15 * 60
    assert "token" not in response.json()
