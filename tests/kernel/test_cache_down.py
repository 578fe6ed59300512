"""With the cache (Redis) down the throttles let requests through and log a warning: no 500s."""

import pytest
from django.conf import LazySettings
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from tests.factories import TEST_PASSWORD, member

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every connection is refused


@pytest.fixture
def dead_cache(settings: LazySettings) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS}
    }


@pytest.fixture
def ward() -> User:
    return member("ward_staff", "AUH-ORT")


def test_the_token_endpoint_answers_with_the_cache_down(
    ward: User, dead_cache: None, caplog: pytest.LogCaptureFixture
) -> None:
    client = APIClient(raise_request_exception=False)
    # when a client logs in while Redis is down
    right = client.post("/api/v1/auth/token/", {"username": ward.username, "password": TEST_PASSWORD})
    wrong = client.post("/api/v1/auth/token/", {"username": ward.username, "password": "forkert-kode"})
    # then it gets its token, or the usual refusal, and the outage is logged
    assert right.status_code == 200 and right.json()["token"]
    assert wrong.status_code == 400
    assert "the cache failed" in caplog.text


def test_the_api_answers_token_clients_with_the_cache_down(ward: User, settings: LazySettings) -> None:
    client = APIClient(raise_request_exception=False)
    token = client.post("/api/v1/auth/token/", {"username": ward.username, "password": TEST_PASSWORD}).json()[
        "token"
    ]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS}
    }
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/organisations/").status_code == 200
