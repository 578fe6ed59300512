"""The admission story: a citizen of Aarhus listed with the GP of ``practice``, admitted at AUH-ORT by ``ward``
through the product's own service (the people are in tests/conftest.py)."""

import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from admissions.demo import cpr_fake
from admissions.models import Course
from admissions.services import course_admit
from sundhedsaftale.organisations.models import Organisation
from tests.factories import organisation_get

_rng = random.Random("admissions-tests")


def new_cpr() -> str:
    return cpr_fake(_rng)


@pytest.fixture
def admit(ward: User, practice: Organisation):
    """``admit(kind="acute", **overrides)``: admit a new Aarhus citizen at AUH-ORT through ``course_admit``."""

    def run(**overrides: object) -> Course:
        values: dict[str, object] = {
            "cpr": new_cpr(),
            "name": "Else Testesen",
            "municipality": organisation_get("751"),
            "gp_practice": practice,
            "kind": Course.Kind.ACUTE,
            "department": organisation_get("AUH-ORT"),
            "admitted_at": timezone.now() - timedelta(hours=2),
            "acting_user": ward,
        }
        values.update(overrides)
        return course_admit(**values)  # type: ignore[arg-type]

    return run


@pytest.fixture
def admitted_course(admit) -> Course:
    return admit()


@pytest.fixture
def planned_course(admit) -> Course:
    """A planned admission: the one kind with the 24-hour reply deadline on information requests (1.2.3.1)."""
    return admit(kind=Course.Kind.PLANNED)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    """Uploaded attachments go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
