"""Factories for discharge records. Plans with deadlines go through ``discharge_plan_save``; these make
bare rows for tests that need a record without the service's side effects."""

from datetime import datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from discharge.models import DischargePlan, FinishedTreatment, FunctionalAbility, Need
from sundhedsaftale.workdays import TZ
from tests.factories.citizens import CourseFactory


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """An aware Europe/Copenhagen moment."""
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ)


class DischargePlanFactory(DjangoModelFactory[DischargePlan]):
    """A home-care plan (2008 rule) three days after the course's admission."""

    class Meta:
        model = DischargePlan

    course = factory.SubFactory(CourseFactory)
    functional_ability = FunctionalAbility.REDUCED
    need = Need.HOME_CARE
    planned_date = factory.LazyAttribute(lambda o: (o.course.admitted_at + timedelta(days=3)).date())
    rule_code = "discharge.home_care"
    rule_set = "2008"


class FinishedTreatmentFactory(DjangoModelFactory[FinishedTreatment]):
    class Meta:
        model = FinishedTreatment

    course = factory.SubFactory(CourseFactory)
    finished_on = factory.LazyAttribute(lambda o: o.course.admitted_at.date())
    municipality = factory.LazyAttribute(lambda o: o.course.citizen.municipality)
    doctor_name = "Overlæge Test"
