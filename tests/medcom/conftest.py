"""MedCom fixtures: the official test examples (copied into tests/medcom/data/, CI has no ../shared), the
examples' receivers registered as units of Aarhus, and the EOJ integration of Aarhus posting them."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from medcom.demo import example_receivers_register
from tests.factories import member

DATA = Path(__file__).parent / "data"
HN = DATA / "hospitalnotification"
CC = DATA / "carecommunication"
HN_URL = "/api/v1/fhir/hospital-notification"
CC_URL = "/api/v1/fhir/care-communication"


def example(name: str) -> dict[str, Any]:
    """A HospitalNotification example by its name after ``HospitalNotification_Ex_`` (``STIN_A``, ``RE_STIN-P``)."""
    return json.loads((HN / f"HospitalNotification_Ex_{name}.json").read_text())


def cc_example(prefix: str) -> dict[str, Any]:
    """A CareCommunication example by the start of its file name (``receive/Bundle-R-A-new``)."""
    folder, start = prefix.split("/")
    (path,) = sorted((CC / folder).glob(f"{start}*.json"))
    return json.loads(path.read_text())


@pytest.fixture
def receivers(db: None) -> None:
    example_receivers_register()


@pytest.fixture
def eoj(receivers: None) -> User:
    """The EOJ integration of Aarhus Kommune (the examples' receivers are its units)."""
    return member("integration", "751")


@pytest.fixture
def post(eoj: User) -> Callable[..., Any]:
    """Post a Bundle as the EOJ integration (token authentication); return the response."""
    client = APIClient()
    client.force_authenticate(eoj)

    def send(bundle: dict[str, Any], url: str = HN_URL) -> Any:
        return client.post(url, data=json.dumps(bundle), content_type="application/fhir+json")

    return send
