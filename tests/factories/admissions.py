"""Factories for the records on a course (consent, home-care services). Citizens and courses: ``citizens.py``."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from admissions.models import Consent, HomeCareService
from tests.factories.citizens import CitizenFactory, CourseFactory


class ConsentFactory(DjangoModelFactory[Consent]):
    """The citizen's own consent to share with both the municipality and the GP."""

    class Meta:
        model = Consent

    course = factory.SubFactory(CourseFactory)
    given_by = Consent.GivenBy.CITIZEN
    given_at = factory.LazyAttribute(lambda o: o.course.admitted_at + timedelta(minutes=30))
    to_municipality = True
    to_gp = True


class HomeCareServiceFactory(DjangoModelFactory[HomeCareService]):
    """An active home-care service in the citizen's municipality."""

    class Meta:
        model = HomeCareService

    citizen = factory.SubFactory(CitizenFactory)
    municipality = factory.LazyAttribute(lambda o: o.citizen.municipality)
    description = factory.Iterator(["Personlig pleje morgen", "Hjælp til medicin", "Rengøring"])
    schedule = "Dagligt"
    status = HomeCareService.Status.ACTIVE
