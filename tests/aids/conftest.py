"""Shared fixtures of the aids tests: an admitted course at AUH-ORT with a planned discharge, the people."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from admissions.models import Course
from aids.models import AidType
from discharge import services as discharge
from sundhedsaftale.workdays import local_date
from tests.factories import CitizenFactory, member
from tests.factories.rehab import course_at


@pytest.fixture
def course(db: None, ward: User) -> Course:
    """Admitted two days ago at AUH-ORT, living in Aarhus (751); discharge planned in ten days."""
    citizen = CitizenFactory(name="Inger Aidsen")
    course = course_at(citizen=citizen, at="AUH-ORT")
    discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="special_aids",
        planned_date=local_date(timezone.now()) + timedelta(days=10),
        acting_user=ward,
    )
    return Course.objects.get(pk=course.pk)


@pytest.fixture
def rollator(db: None) -> AidType:
    return AidType.objects.get(code="rollator")


@pytest.fixture
def depot_worker(db: None) -> User:
    """A visitator of Aarhus who lends from the municipal depot."""
    return member("visitation", "751", first_name="Bo", last_name="Depot")
