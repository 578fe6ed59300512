"""The API keeps the promises of its OpenAPI schema: schemathesis generates requests for every operation and
checks each answer (no 5xx, documented status code, documented content type, body matching the schema).

Bounded for CI: a few cases per operation, each sent as two roles (ward staff at a hospital department and a
municipal visitator) by token. ``bench/schemathesis_run.py`` runs the long version against a live server.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sundhedsaftale.wsgi import application
from tests.factories import CourseFactory, member

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 4


@pytest.fixture(autouse=True)
def _one_connection(db: None) -> Iterator[None]:
    """The WSGI app runs in this thread on the test's connection: keep Django from closing it per request
    (the test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db: None) -> list[str]:
    CourseFactory()
    CourseFactory(at="RHR-MED")
    ward = member("ward_staff", "AUH-ORT")
    visitator = member("visitation", "751")
    return [Token.objects.create(user=user).key for user in (ward, visitator)]


# The schema view reads no table: loading it at collection needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
# Bounded for CI: explicit examples and a few generated cases (valid and invalid) per operation; the coverage
# phase (hundreds of boundary cases per operation) runs in bench/schemathesis_run.py.
schema.config.phases.update(phases=["examples", "fuzzing"])


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_answers_as_its_schema_promises(case: schemathesis.Case, tokens: list[str]) -> None:
    for token in tokens:
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
