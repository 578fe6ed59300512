"""/healthz: what a load balancer and an operator read to know the database, the broker and beat are alive."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sundhedsaftale.ops import health
from sundhedsaftale.ops.services import heartbeat_record

pytestmark = pytest.mark.django_db


def _healthz(client: Client) -> dict[str, Any]:
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.json()


def test_healthz_reports_database_broker_and_beat(client: Client) -> None:
    body = _healthz(client)

    assert set(body) >= {"database", "broker", "beat", "status"}
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True, body["broker"]
    assert body["status"] == "ok"


def test_healthz_needs_no_login(client: Client) -> None:
    response = client.get("/healthz", follow=False)

    assert response.status_code == 200


def test_beat_is_not_ok_before_its_first_tick(client: Client) -> None:
    body = _healthz(client)

    assert body["beat"]["ok"] is False
    assert body["beat"]["last_tick"] is None


def test_beat_is_ok_right_after_a_tick(client: Client) -> None:
    heartbeat = heartbeat_record(name="beat")

    body = _healthz(client)

    assert body["beat"]["ok"] is True
    last_tick = parse_datetime(body["beat"]["last_tick"])
    assert last_tick is not None
    assert abs(last_tick - heartbeat.at) < timedelta(seconds=1)


def test_beat_is_not_ok_when_its_last_tick_is_five_minutes_old(client: Client) -> None:
    heartbeat_record(name="beat", at=timezone.now() - timedelta(minutes=5))

    body = _healthz(client)

    assert body["beat"]["ok"] is False
    assert body["beat"]["last_tick"] is not None
    assert body["status"] == "ok"  # a stuck beat degrades the beat, not the web server


def test_a_worker_heartbeat_does_not_count_as_the_beat(client: Client) -> None:
    heartbeat_record(name="worker")

    body = _healthz(client)

    assert body["beat"]["ok"] is False


class _BrokenConnection:
    vendor = "postgresql"

    def cursor(self) -> Any:
        raise OSError("connection refused")


def test_healthz_answers_503_when_the_database_is_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "connection", _BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is False
    assert body["beat"]["ok"] is False
    assert body["status"] == "degraded"
