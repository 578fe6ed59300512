"""Typed factory_boy factories. The reference organisations come from the migrations; look them up by code."""

from tests.factories.citizens import CitizenFactory, CourseFactory
from tests.factories.organisations import PracticeFactory, organisation_get
from tests.factories.people import TEST_PASSWORD, MembershipFactory, UserFactory, member

__all__ = [
    "TEST_PASSWORD",
    "CitizenFactory",
    "CourseFactory",
    "MembershipFactory",
    "PracticeFactory",
    "UserFactory",
    "member",
    "organisation_get",
]
