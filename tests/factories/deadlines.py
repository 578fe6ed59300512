"""Deadlines and alerts. Most tests create deadlines through ``deadline_ensure`` (the real computation);
``DeadlineFactory`` writes a row directly, with explicit times, for scopes, scans and the benchmark."""

from datetime import timedelta
from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from factory.django import DjangoModelFactory

from admissions.models import Course
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.deadlines.services import deadline_ensure
from tests.factories.citizens import CourseFactory
from tests.factories.organisations import organisation_get


class DeadlineFactory(DjangoModelFactory[Deadline]):
    """A pending ``discharge.home_care`` deadline on a new course at AUH-ORT, awaited by Aarhus (751).

    ``DeadlineFactory(due_at=..., warn_at=...)`` sets the times; ``due_date`` follows ``due_at``.
    """

    class Meta:
        model = Deadline
        exclude = ["course"]

    course = factory.SubFactory(CourseFactory)
    subject_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Course))
    subject_id = factory.LazyAttribute(lambda o: o.course.pk)
    citizen = factory.LazyAttribute(lambda o: o.course.citizen)
    rule_code = "discharge.home_care"
    rule_set = "2008"
    responsible = factory.LazyAttribute(lambda o: o.course.department)
    counterpart = factory.LazyFunction(lambda: organisation_get("751"))
    anchor_at = factory.LazyAttribute(lambda o: o.due_at + timedelta(days=3))
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    due_date = factory.LazyAttribute(lambda o: timezone.localtime(o.due_at).date())
    warn_at = factory.LazyAttribute(lambda o: o.due_at - timedelta(days=1))
    state = Deadline.State.PENDING


class AlertFactory(DjangoModelFactory[Alert]):
    """A warning about a new deadline, addressed to the deadline's responsible organisation."""

    class Meta:
        model = Alert

    deadline = factory.SubFactory(DeadlineFactory)
    kind = Alert.Kind.WARNING
    organisation = factory.LazyAttribute(lambda o: o.deadline.responsible)


def home_care_deadline(*, course: Course, discharge_on: Any, **kwargs: Any) -> Deadline:
    """The ``discharge.home_care`` deadline of ``course`` for a planned discharge day, through the service."""
    return deadline_ensure(
        subject=course,
        rule_code="discharge.home_care",
        anchor=discharge_on,
        responsible=course.department,
        counterpart=course.citizen.municipality,
        citizen=course.citizen,
        **kwargs,
    )
