"""One of every prevention record of a citizen, for the role × endpoint matrix (``tests/citizen_records.py``): the
ward of the course screens the citizen and refers them, with consent, to an offer of their own municipality (so no
organisation gains a care relation it would not have had); the municipality receives the referral."""

from admissions.models import Course
from prevention import services as prevention
from prevention.models import Referral
from sundhedsaftale.citizens.models import Citizen
from tests.factories import member
from tests.factories.prevention import OfferFactory, referral_made


def prevention_records_create(citizen: Citizen, course: Course) -> None:
    if Referral.objects.filter(citizen=citizen).exists():
        return
    offer = OfferFactory.create(provider=citizen.municipality)
    referral = referral_made(course=course, by=member("ward_staff", course.department.code), offer=offer)
    prevention.referral_status_set(
        referral=referral,
        status=Referral.Status.RECEIVED,
        acting_user=member("visitation", citizen.municipality.code),
    )
