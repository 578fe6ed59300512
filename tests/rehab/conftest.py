"""Shared fixtures of the rehab tests: a course at AUH-ORT discharged just before Easter 2026, and the people."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from admissions.models import Course
from tests.factories import CitizenFactory, member
from tests.factories.rehab import course_at, local


@pytest.fixture
def therapist(db: None) -> User:
    return member("ward_staff", "AUH-ORT", first_name="Anna", last_name="Berg")


@pytest.fixture
def other_visitator(db: None) -> User:
    return member("visitation", "746")  # Skanderborg


@pytest.fixture
def hospital_therapist(db: None) -> User:
    """A therapist at AUH receiving specialised plans (the hospital unit membership)."""
    return member("ward_staff", "AUH")


@pytest.fixture(autouse=True)
def _care_relations_outlast_the_spring_of_2026(settings: Any) -> None:
    """These tests replay courses of spring 2026 at today's date; the hospital's care relation must still hold
    (the 30-day window itself is tested in tests/kernel/test_care_relations.py)."""
    settings.CARE_RELATION_DAYS_AFTER_COURSE = 3650


@pytest.fixture
def course_discharged_before_easter(db: None) -> Course:
    """Admitted 25 March 2026, discharged Wednesday 1 April 2026 at 11:00 (the day before Skærtorsdag)."""
    citizen = CitizenFactory(name="Grethe Hansen")
    return course_at(
        citizen=citizen,
        admitted_at=local(2026, 3, 25, 8),
        discharged_at=local(2026, 4, 1, 11),
        state=Course.State.DISCHARGED,
    )
