"""The discharge story: courses of Aarhus citizens listed with ``practice``, admitted at AUH-ORT (the people, and
the outsiders ``foreign_visitator``, ``foreign_gp``, ``foreign_ward``, are in tests/conftest.py)."""

import random
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from admissions.demo import cpr_fake
from admissions.models import Course
from admissions.services import consent_record
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, CourseFactory, organisation_get
from tests.factories.discharge import local

_rng = random.Random("discharge-tests")


@pytest.fixture(autouse=True)
def _care_relations_outlast_november_2026(settings: Any) -> None:
    """These tests replay courses discharged in November 2026, also under a clock moved to Christmas
    (``make test-clocks``); the hospital's care relation must still hold (the 30-day window itself is tested in
    tests/kernel/test_care_relations.py)."""
    settings.CARE_RELATION_DAYS_AFTER_COURSE = 3650


@pytest.fixture
def make_course(practice: Organisation) -> Callable[..., Course]:
    """``make_course(admitted_at=local(2026, 11, 16, 10))``: an Aarhus citizen listed with ``practice``,
    admitted at AUH-ORT, with contact person. The citizen is registered no later than the admission, so the
    municipality's and the GP's care relations hold from then (a test may travel back to the admission week)."""

    def make(**overrides: Any) -> Course:
        citizen_fields = {
            "municipality": overrides.pop("municipality", organisation_get("751")),
            "gp_practice": overrides.pop("gp_practice", practice),
            "cpr": cpr_fake(_rng),
        }
        if "admitted_at" in overrides:
            citizen_fields["created_at"] = min(timezone.now(), overrides["admitted_at"])
        values: dict[str, Any] = {
            "citizen": CitizenFactory.create(**citizen_fields),
            "contact_name": "Karen Sygeplejerske",
            "contact_role": "Sygeplejerske",
            "contact_phone": "7846 0000",
        }
        values.update(overrides)
        course: Course = CourseFactory.create(**values)
        return course

    return make


@pytest.fixture
def give_consent() -> Callable[[Course, User], Course]:
    """``give_consent(course, ward)``: the citizen consents to sharing with the municipality and the GP."""

    def give(course: Course, ward: User) -> Course:
        consent_record(
            course=course,
            given_by="citizen",
            given_at=course.admitted_at,
            to_municipality=True,
            to_gp=True,
            acting_user=ward,
        )
        return course

    return give


@pytest.fixture
def course_admitted_16_november(make_course: Callable[..., Course]) -> Course:
    """Admitted Monday 16 November 2026 at 10:00."""
    return make_course(admitted_at=local(2026, 11, 16, 10))
