"""The people of the admission story: a ward nurse at AUH-ORT, a visitator in Aarhus (751), a GP, and a
citizen of Aarhus listed with that GP, admitted through the product's own service."""

import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from admissions.demo import cpr_fake
from admissions.models import Course
from admissions.services import course_admit
from sundhedsaftale.organisations.models import Organisation
from tests.factories import PracticeFactory, member, organisation_get


@pytest.fixture
def ward(db: None) -> User:
    return member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")


@pytest.fixture
def visitator(db: None) -> User:
    return member("visitation", "751", first_name="Mette", last_name="Visitator")


@pytest.fixture
def practice(db: None) -> Organisation:
    return PracticeFactory.create()


@pytest.fixture
def gp(practice: Organisation) -> User:
    return member("gp", practice.code, first_name="Jens", last_name="Læge")


@pytest.fixture
def foreign_visitator(db: None) -> User:
    """A visitator in Randers (730): not the citizen's municipality."""
    return member("visitation", "730")


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
def course(admit) -> Course:
    return admit()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    """Uploaded attachments go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
