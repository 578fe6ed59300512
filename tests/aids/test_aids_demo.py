"""The aids demo on the AUH ward's courses: a rollator missing for the citizen who needs special aids at
discharge, loans with their slips, one open dispute; loading twice adds nothing."""

import pytest
from django.test import Client
from django.utils import timezone

from admissions import demo as admissions_demo
from aids import demo
from aids.models import AidNeed, Dispute, Loan
from discharge import demo as discharge_demo
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_demo_shows_needs_loans_and_a_dispute_and_loads_once() -> None:
    now = timezone.now()
    admissions_demo.load(now=now)
    discharge_demo.load(now=now)
    demo.load(now=now)
    counts = (AidNeed.objects.count(), Loan.objects.count(), Dispute.objects.count())

    demo.load(now=now)

    assert (AidNeed.objects.count(), Loan.objects.count(), Dispute.objects.count()) == counts
    assert counts == (4, 2, 1)
    client = Client()
    client.force_login(member("visitation", "751"))
    page = client.get("/hjaelpemidler/").content.decode()
    assert "Mangler: Rollator" in page
    assert "leverer i mellemtiden" in page
