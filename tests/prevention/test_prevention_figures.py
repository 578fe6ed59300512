"""The follow-up figures: referrals per referring hospital and practice and per receiving municipality, their
outcomes, and the agreement's indicator (referrals to municipal smoking cessation), for a period."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from prevention import figures, services
from prevention.models import Referral
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.prevention import OfferFactory, referral_made

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
START, END = date(2026, 3, 1), date(2026, 3, 31)  # March 2026


@pytest.fixture
def referrals(ward: User, gp: User, practice: object) -> dict[str, Referral]:
    """In March 2026: AUH refers two citizens to Aarhus' smoking cessation (one completes it) and one to
    Randers' alcohol treatment; their GP refers one to Aarhus' diabetes programme. In April: one more."""
    smoking = OfferFactory.create(provider=organisation_get("751"), active_from=date(2026, 1, 1))
    alcohol = OfferFactory.create(
        provider=organisation_get("730"), kram_smoking=False, kram_alcohol=True, active_from=date(2026, 1, 1)
    )
    diabetes = OfferFactory.create(
        provider=organisation_get("751"),
        kram_smoking=False,
        programme="diabetes",
        active_from=date(2026, 1, 1),
    )
    made: dict[str, Referral] = {}
    with time_machine.travel(datetime(2026, 3, 10, 10, tzinfo=CPH), tick=False):
        courses = [
            CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(gp_practice=practice))
            for _ in range(4)
        ]
        made["completed"] = referral_made(course=courses[0], by=ward, offer=smoking)
        made["sent"] = referral_made(course=courses[1], by=ward, offer=smoking)
        made["alcohol"] = referral_made(course=courses[2], by=ward, offer=alcohol)
        made["gp"] = services.referral_create(
            citizen=courses[3].citizen, offer=diabetes, consent_by="citizen", acting_user=gp
        )
        aarhus = member("visitation", "751")
        for status in ("received", "contacted", "started", "completed"):
            services.referral_status_set(referral=made["completed"], status=status, acting_user=aarhus)
    with time_machine.travel(datetime(2026, 4, 1, 0, 30, tzinfo=CPH), tick=False):  # April, Danish time
        made["april"] = referral_made(course=CourseFactory.create(at="AUH-ORT"), by=ward, offer=smoking)
    return made


def test_the_indicator_counts_referrals_to_municipal_smoking_cessation(
    referrals: dict[str, Referral],
) -> None:
    assert figures.smoking_cessation_referrals(start=START, end=END) == 2
    assert figures.smoking_cessation_referrals(start=date(2026, 4, 1), end=date(2026, 4, 30)) == 1
    assert (
        figures.smoking_cessation_referrals(start=START, end=END, municipality=organisation_get("730")) == 0
    )


def test_referrals_per_hospital_practice_and_municipality_with_outcomes(
    referrals: dict[str, Referral], practice: object
) -> None:
    hospitals = figures.referrals_per_hospital(start=START, end=END)
    assert [(row["organisation"].code, row["total"]) for row in hospitals] == [("AUH", 3)]
    assert hospitals[0]["outcomes"]["completed"] == 1 and hospitals[0]["outcomes"]["sent"] == 2
    practices = figures.referrals_per_practice(start=START, end=END)
    assert [(row["organisation"], row["total"]) for row in practices] == [(practice, 1)]
    municipalities = {
        row["organisation"].code: row for row in figures.referrals_per_municipality(start=START, end=END)
    }
    assert {code: row["total"] for code, row in municipalities.items()} == {"751": 3, "730": 1}
    assert municipalities["751"]["smoking_municipal"] == 2
    assert figures.referral_outcomes(start=START, end=END) == {
        "sent": 3,
        "received": 0,
        "contacted": 0,
        "started": 0,
        "completed": 1,
        "declined": 0,
        "no_show": 0,
    }


def test_organisation_filters_narrow_the_figures(referrals: dict[str, Referral]) -> None:
    cluster = organisation_get("klynge-aarhus")
    assert (
        sum(figures.referral_outcomes(start=START, end=END, hospital=organisation_get("AUH")).values()) == 3
    )
    assert (
        sum(figures.referral_outcomes(start=START, end=END, hospital=organisation_get("RHR")).values()) == 0
    )
    # Randers (730) is outside Klynge Aarhus, but AUH, which referred to it, is inside
    assert sum(figures.referral_outcomes(start=START, end=END, cluster=cluster).values()) == 4


def test_the_follow_up_page_shows_counts_and_no_citizen(referrals: dict[str, Referral]) -> None:
    client = Client()
    client.force_login(member("steering_group", "klynge-aarhus"))
    body = client.get("/forebyggelse/opfoelgning/?periode=month&aar=2026&nr=3").content.decode()
    assert 'data-testid="smoking-indicator">2<' in body
    assert "03.2026" in body and "Aarhus Universitetshospital" in body
    assert referrals["sent"].citizen.name not in body
