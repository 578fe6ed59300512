"""The demo of prevention: the offers of Klynge Aarhus' municipalities and hospital, and the AUH ward's screenings
and referrals in every status, loaded through the services; loading twice adds nothing."""

import pytest
from django.utils import timezone

from admissions import demo as admissions_demo
from prevention import demo
from prevention.models import Offer, Referral, Screening

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_clusters_offers_and_referrals_in_every_status() -> None:
    now = timezone.now()
    admissions_demo.load(now=now)
    demo.load(now=now)
    counts = (Offer.objects.count(), Screening.objects.count(), Referral.objects.count())
    providers = set(Offer.objects.values_list("provider__code", flat=True))
    assert {"751", "741", "AUH"} <= providers
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    demo.load(now=now)
    assert (Offer.objects.count(), Screening.objects.count(), Referral.objects.count()) == counts
