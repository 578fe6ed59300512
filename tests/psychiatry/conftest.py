"""Shared fixtures of the psychiatry tests: the staff of AUH's adult and child and adolescent psychiatric
departments, a citizen of Aarhus listed with a GP, and an admission to adult psychiatry on Good Friday 2026
(Langfredag, 3 April: the first working day after it is Tuesday 7 April)."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User

from admissions.models import Course
from psychiatry.models import PsychiatricCourse
from psychiatry.services import course_start_admitted, course_update
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, CourseFactory, member

CPH = ZoneInfo("Europe/Copenhagen")
GOOD_FRIDAY = datetime(2026, 4, 3, 10, 0, tzinfo=CPH)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Copenhagen moment."""
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


@pytest.fixture(autouse=True)
def _care_relations_outlast_2026(settings: Any) -> None:
    """These tests replay courses of 2026 at today's date: ended relations keep their grace window."""
    settings.CARE_RELATION_DAYS_AFTER_COURSE = 3650


@pytest.fixture
def psychiatrist(db: None) -> User:
    """A nurse at AUH's adult psychiatric department."""
    return member("ward_staff", "AUH-PSY", first_name="Jonas", last_name="Psykiatri")


@pytest.fixture
def child_psychiatrist(db: None) -> User:
    """A nurse at AUH's child and adolescent psychiatric department."""
    return member("ward_staff", "AUH-BUP", first_name="Ida", last_name="Børnepsykiatri")


@pytest.fixture
def citizen(practice: Organisation) -> Citizen:
    """A citizen of Aarhus listed with the test practice."""
    return cast(Citizen, CitizenFactory(name="Peter Demo Holm", gp_practice=practice))


@pytest.fixture
def clock() -> Iterator[Any]:
    """The clock at Good Friday 2026, 10:00 (moved on with ``clock.move_to``)."""
    with time_machine.travel(GOOD_FRIDAY, tick=False) as traveller:
        yield traveller


def admission_at(citizen: Citizen, at: datetime, department: str = "AUH-PSY") -> Course:
    return cast(Course, CourseFactory(citizen=citizen, at=department, admitted_at=at))


@pytest.fixture
def course(citizen: Citizen, psychiatrist: User, clock: Any) -> PsychiatricCourse:
    """An adult psychiatric course of an admission on Good Friday 2026 at 10:00, the patient's consent given."""
    admission = admission_at(citizen, GOOD_FRIDAY)
    course = course_start_admitted(admission=admission, acting_user=psychiatrist)
    return course_update(
        course=course,
        legal_status=PsychiatricCourse.LegalStatus.VOLUNTARY,
        consent=PsychiatricCourse.Consent.CITIZEN,
        relatives_wishes="Datteren må orienteres.",
        acting_user=psychiatrist,
    )
