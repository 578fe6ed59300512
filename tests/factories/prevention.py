"""Factories of prevention: offers of the catalogue, and a citizen's screening and referral made through the
services as the ward would."""

from datetime import date

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory

from admissions.models import Course
from prevention import services
from prevention.models import Offer, Referral
from sundhedsaftale.workdays import local_date
from tests.factories.organisations import organisation_get


class OfferFactory(DjangoModelFactory[Offer]):
    """An active patient-oriented smoking-cessation offer of Aarhus (751) unless told otherwise."""

    class Meta:
        model = Offer

    title = factory.Sequence(lambda n: f"Rygestop på hold {n}")
    provider = factory.LazyFunction(lambda: organisation_get("751"))
    orientation = Offer.Orientation.PATIENT
    target_group = "Borgere, der vil holde op med at ryge"
    content = "Seks mødegange med rygestoprådgiver."
    kram_smoking = True
    active_from = date(2020, 1, 1)
    accepts_referrals = True


def referral_made(*, course: Course, by: User, offer: Offer | None = None) -> Referral:
    """Screen the course's citizen and refer them (with consent) to an offer of their own municipality."""
    offer = offer or OfferFactory.create(provider=course.citizen.municipality)
    screening = services.screening_record(
        citizen=course.citizen,
        course=course,
        screened_on=local_date(course.admitted_at),
        assessments={"smoking": "motivated"},
        acting_user=by,
    )
    return services.referral_create(
        citizen=course.citizen,
        course=course,
        offer=offer,
        screening=screening,
        consent_by=Referral.ConsentBy.CITIZEN,
        acting_user=by,
    )
