import random
from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from admissions.demo import FEMALE_NAMES, MALE_NAMES, SURNAMES, cpr_fake
from admissions.models import Course, Stay
from admissions.services import course_care_relations_sync
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.services import citizen_relations_sync
from tests.factories.organisations import organisation_get

FIRST_NAMES = [name for pair in zip(FEMALE_NAMES, MALE_NAMES, strict=False) for name in pair]


class CitizenFactory(DjangoModelFactory[Citizen]):
    """A generated citizen: a valid CPR no real person has (see ``admissions.demo.cpr_fake``), living in Aarhus.

    ``CitizenFactory(municipality=municipality("730"), gp_practice=practice)`` for others.
    """

    class Meta:
        model = Citizen
        skip_postgeneration_save = True

    cpr = factory.Sequence(lambda n: cpr_fake(random.Random(f"citizen-{n}")))
    name = factory.Sequence(
        lambda n: f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[(n * 7) % len(SURNAMES)]}"
    )
    municipality = factory.LazyFunction(lambda: organisation_get("751"))
    gp_practice = None
    address = factory.Sequence(lambda n: f"Testvej {n % 99 + 1}, 8000 Aarhus C")

    @factory.post_generation
    def relations(obj: Citizen, create: bool, extracted: Any, **kwargs: Any) -> None:
        """The municipality of residence and the listed GP hold care relations, as the services record them."""
        if create:
            citizen_relations_sync(citizen=obj, at=obj.created_at)


class CourseFactory(DjangoModelFactory[Course]):
    """A course at a department (``at="RHR-MED"``, default ``AUH-ORT``) with its first stay there."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    class Params:
        at = "AUH-ORT"

    citizen = factory.SubFactory(CitizenFactory)
    kind = Course.Kind.ACUTE
    state = Course.State.ADMITTED
    department = factory.LazyAttribute(lambda o: organisation_get(o.at))
    hospital = factory.LazyAttribute(lambda o: o.department.parent)
    admitted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    discharged_at = None

    @factory.post_generation
    def stay(obj: Course, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Every course starts with a stay at its hospital; ``stay=False`` leaves it out."""
        if not create or extracted is False:
            return
        Stay.objects.create(
            course=obj,
            hospital=obj.hospital,
            department=obj.department,
            started_at=obj.admitted_at,
            ended_at=obj.discharged_at,
        )
        course_care_relations_sync(course=obj)
