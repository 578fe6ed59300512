"""Every API write operation of the OpenAPI schema (walked, not listed) refuses a truncated JSON body with a JSON
400 and an oversized body with a JSON 413, and writes nothing. The operations act on real records (one of every
kind, ``tests/citizen_records.records_create``) as the parties to them, so the body is parsed, not refused at
the door for a missing record."""

import json
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import resolve
from rest_framework.test import APIClient

from sundhedsaftale.citizens.models import Citizen
from tests.citizen_records import records_create
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch")
TRUNCATED = '{"course": 1, "text": "Borgeren er udskre'
JSON_TYPES = ("application/json", "application/fhir+json")
# the token endpoint answers anonymous clients; logging out revokes the token it is called with
LEFT_OUT = ("/api/v1/auth/",)


def _write_operations() -> list[tuple[str, str, str]]:
    """(method, path template, JSON content type) for every write operation that takes a JSON body."""
    schema = json.loads(Client().get("/api/schema/?format=json").content)
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            types = operation.get("requestBody", {}).get("content", {})
            json_type = next((t for t in JSON_TYPES if t in types), None)
            if method in WRITES and json_type and not path.startswith(LEFT_OUT):
                found.append((method, path, json_type))
    return found


def _counts() -> dict[str, int]:
    skip = {"sessions", "axes", "contenttypes", "auth", "authtoken"}
    return {
        m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label not in skip
    }


def _url(path: str) -> str:
    """The path with ``{id}`` filled in by the newest row of the model its viewset serves."""
    if "{id}" not in path:
        return path
    view: Any = resolve(path.replace("{id}", "1")).func
    model: type[Model] = view.cls.queryset.model
    row = model._default_manager.order_by("-pk").first()
    assert row is not None, f"no {model._meta.label} row for {path}"
    return path.replace("{id}", str(row.pk))


@pytest.fixture
def anna(db: None) -> Citizen:
    citizen = CitizenFactory.create(name="Anna Fejlsen", gp_practice=PracticeFactory.create())
    CourseFactory.create(citizen=citizen, at="AUH-ORT")
    records_create(citizen)
    return citizen


@pytest.fixture
def clients(anna: Citizen) -> dict[str, APIClient]:
    users: dict[str, User] = {
        "ward": member("ward_staff", "AUH-ORT"),
        "visitation": member("visitation", anna.municipality.code),
        "gp": member("gp", anna.gp_practice.code),  # type: ignore[union-attr]
        "integration": member("integration", anna.municipality.code),  # the MedCom endpoints' only client
    }
    result = {}
    for name, user in users.items():
        client = APIClient()
        client.force_authenticate(user)
        result[name] = client
    return result


def _error(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith(("application/json", "application/fhir+json")), response[
        "Content-Type"
    ]
    body = json.loads(response.content)
    return body


def test_the_walk_finds_the_write_operations() -> None:
    # guard: a schema the walk cannot read would make the tests below check nothing
    operations = _write_operations()
    assert len(operations) > 60
    assert ("post", "/api/v1/admissions/", "application/json") in operations
    assert "/api/v1/fhir/hospital-notification/" in {path for _, path, _ in operations}


def test_a_truncated_json_body_is_a_400_everywhere_and_writes_nothing(clients: dict[str, APIClient]) -> None:
    before = _counts()
    wrong, unparsed = [], []
    for method, path, content_type in _write_operations():
        url = _url(path)
        answers = {}
        for role, client in clients.items():
            response = getattr(client, method)(url, TRUNCATED, content_type=content_type)
            answers[role] = response.status_code
            if response.status_code >= 500 or not 400 <= response.status_code < 500:
                wrong.append(f"{method.upper()} {path} as {role}: {response.status_code}")
            _error(response)
        # at least one party reached the body and found it malformed
        if 400 not in answers.values():
            unparsed.append(f"{method.upper()} {path}: {answers}")
    assert wrong == []
    assert unparsed == []
    assert _counts() == before


def test_an_oversized_body_is_a_413_everywhere_and_writes_nothing(clients: dict[str, APIClient]) -> None:
    too_big = json.dumps({"text": "x" * int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)})
    before = _counts()
    wrong = []
    for method, path, content_type in _write_operations():
        response = getattr(clients["ward"], method)(_url(path), too_big, content_type=content_type)
        if response.status_code != 413 or (
            "detail" not in _error(response) and "issue" not in _error(response)
        ):
            wrong.append(f"{method.upper()} {path}: {response.status_code}")
    assert wrong == []
    assert _counts() == before
