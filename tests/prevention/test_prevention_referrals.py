"""Screening and referrals seen from both sides: the hospital screens and refers with consent, the offer's
provider receives the referral (and a care relation for its life) and moves its status, the referring side follows
it; nobody else sees it, and every read is logged."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from admissions.models import Course
from prevention.models import Offer, Referral, Screening
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.relations import CareRelation
from sundhedsaftale.organisations.actor import actor_for
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.prevention import OfferFactory, referral_made

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def course() -> Course:
    return CourseFactory.create(at="AUH-ORT")


@pytest.fixture
def smoking_offer() -> Offer:
    return OfferFactory.create(title="Rygestop på hold", provider=organisation_get("751"))


def test_a_referral_lives_from_sent_to_completed_seen_from_both_sides(
    course: Course, smoking_offer: Offer, ward: User, visitator: User
) -> None:
    # given the ward opens prevention from the course page and screens the patient as motivated to stop smoking
    ward_client = _client(ward)
    hub = ward_client.get(f"/forloeb/{course.pk}/").content.decode()
    assert f'href="/forebyggelse/forloeb/{course.pk}/"' in hub and "Ikke screenet" in hub
    response = ward_client.post(
        f"/forebyggelse/forloeb/{course.pk}/screening/",
        {"screened_on": timezone.localdate().strftime("%d.%m.%Y"), "smoking": "motivated"},
    )
    assert response.status_code == 302
    page = ward_client.get(f"/forebyggelse/forloeb/{course.pk}/").content.decode()
    assert "Behov og motiveret" in page and "Karen Sygeplejerske" in page

    # when it refers the patient to Aarhus' smoking cessation with the citizen's consent
    response = ward_client.post(
        f"/forebyggelse/forloeb/{course.pk}/henvis/",
        {"offer": smoking_offer.pk, "consent_by": "citizen", "reason": "Ryger 20 om dagen"},
    )
    referral = Referral.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/forebyggelse/henvisninger/{referral.pk}/"
    )

    # then Aarhus finds it among its new referrals, and may read the citizen while it is open
    municipality = _client(visitator)
    received = municipality.get("/forebyggelse/henvisninger/?retning=received&status=sent").content.decode()
    assert course.citizen.name in received and "Rygestop på hold" in received
    assert CareRelation.objects.filter(
        citizen=course.citizen, organisation__code="751", kind=CareRelation.Kind.REFERRAL_RECEIVER
    ).exists()

    # when Aarhus moves it through its life
    for status in ("received", "contacted", "started", "completed"):
        response = municipality.post(
            f"/forebyggelse/henvisninger/{referral.pk}/status/", {"status": status, "note": f"{status} ok"}
        )
        assert response.status_code == 302

    # then the ward sees each step with who did it, and the referral has ended for both
    detail = ward_client.get(f"/forebyggelse/henvisninger/{referral.pk}/").content.decode()
    assert "Gennemført" in detail and "Mette Visitator" in detail and "started ok" in detail
    assert 'data-testid="status-form"' not in detail
    sent = ward_client.get("/forebyggelse/henvisninger/?retning=sent").content.decode()
    assert "Gennemført" in sent
    relation = CareRelation.objects.get(source=f"prevention-referral:{referral.pk}")
    assert relation.ends_at is not None


def test_only_the_receiver_moves_the_status(course: Course, ward: User, visitator: User) -> None:
    referral = referral_made(course=course, by=ward)
    # when the referring ward tries to mark its own referral started
    response = _api(ward).post(f"/api/v1/prevention/referrals/{referral.pk}/status/", {"status": "received"})
    # then it is refused, and the status form is not offered to it
    assert response.status_code == 403
    page = _client(ward).get(f"/forebyggelse/henvisninger/{referral.pk}/").content.decode()
    assert 'data-testid="status-form"' not in page
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


def test_a_status_the_referral_cannot_take_is_a_409(course: Course, ward: User, visitator: User) -> None:
    referral = referral_made(course=course, by=ward)
    client = _api(visitator)
    # a referral just sent cannot be completed before it has started
    response = client.post(f"/api/v1/prevention/referrals/{referral.pk}/status/", {"status": "completed"})
    assert response.status_code == 409
    assert "kan ikke få status" in response.json()["detail"]
    # a known-nothing status is a 400 naming the field
    response = client.post(f"/api/v1/prevention/referrals/{referral.pk}/status/", {"status": "lost"})
    assert response.status_code == 400 and "status" in response.json()["errors"]
    # the receiver declines: the referral ends, and a later status is refused
    response = client.post(f"/api/v1/prevention/referrals/{referral.pk}/status/", {"status": "declined"})
    assert response.status_code == 200 and response.json()["closed_at"] is not None
    assert [e["status"] for e in response.json()["events"]] == ["sent", "declined"]
    again = client.post(f"/api/v1/prevention/referrals/{referral.pk}/status/", {"status": "received"})
    assert again.status_code == 409


@pytest.mark.parametrize("who", ["foreign_visitator", "foreign_ward", "gp"])
def test_a_referral_of_others_is_404(
    who: str, request: pytest.FixtureRequest, ward: User, practice: object
) -> None:
    # given a referral between AUH and Aarhus (the GP sees the citizen, but is no party to it)
    course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(gp_practice=practice))
    referral = referral_made(course=course, by=ward)
    outsider: User = request.getfixturevalue(who)
    # then a page, the API detail and a status change by an outsider are all 404
    assert _client(outsider).get(f"/forebyggelse/henvisninger/{referral.pk}/").status_code == 404
    api = _api(outsider)
    assert api.get(f"/api/v1/prevention/referrals/{referral.pk}/").status_code == 404
    assert (
        api.post(f"/api/v1/prevention/referrals/{referral.pk}/status/", {"status": "received"}).status_code
        == 404
    )
    assert referral.pk not in {
        row["id"] for row in api.get("/api/v1/prevention/referrals/").json()["results"]
    }


def test_reads_of_referrals_and_screenings_are_logged(course: Course, ward: User, visitator: User) -> None:
    referral = referral_made(course=course, by=ward)
    screening = Screening.objects.get()
    before = AccessLog.objects.filter(citizen=course.citizen).count()
    assert _client(visitator).get(f"/forebyggelse/henvisninger/{referral.pk}/").status_code == 200
    assert _api(visitator).get(f"/api/v1/prevention/referrals/{referral.pk}/").status_code == 200
    assert _api(ward).get(f"/api/v1/prevention/screenings/{screening.pk}/").status_code == 200
    assert _client(ward).get(f"/forebyggelse/forloeb/{course.pk}/").status_code == 200
    assert AccessLog.objects.filter(citizen=course.citizen).count() == before + 4


def test_the_api_refers_a_citizen_with_consent(course: Course, smoking_offer: Offer, ward: User) -> None:
    client = _api(ward)
    body = {"course": course.pk, "offer": smoking_offer.pk, "reason": "Motiveret"}
    # without consent nothing is sent
    assert client.post("/api/v1/prevention/referrals/", body).status_code == 400
    response = client.post("/api/v1/prevention/referrals/", body | {"consent_by": "citizen"})
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "sent" and response.json()["provider"] == "751"
    assert response.json()["citizen"] == course.citizen.pk


def test_the_api_records_a_screening_on_a_course(course: Course, ward: User) -> None:
    response = _api(ward).post(
        "/api/v1/prevention/screenings/",
        {"course": course.pk, "screened_on": timezone.localdate().isoformat(), "alcohol": "need"},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["alcohol"] == "need" and response.json()["organisation"] == "AUH"
    # a screening in the future, or of nothing, is refused in Danish
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    late = _api(ward).post(
        "/api/v1/prevention/screenings/", {"course": course.pk, "screened_on": tomorrow, "diet": "need"}
    )
    assert late.status_code == 400 and "fremtiden" in late.json()["detail"]


def test_a_municipality_neither_screens_nor_refers(
    course: Course, smoking_offer: Offer, visitator: User
) -> None:
    response = _api(visitator).post(
        "/api/v1/prevention/referrals/",
        {"course": course.pk, "offer": smoking_offer.pk, "consent_by": "citizen"},
    )
    assert response.status_code == 403


def test_the_receiving_provider_sees_the_citizen_while_the_referral_is_open(
    course: Course, ward: User
) -> None:
    # given an offer of Randers, whose citizen is not
    randers = organisation_get("730")
    referral = referral_made(course=course, by=ward, offer=OfferFactory.create(provider=randers))
    actor = actor_for(user=member("visitation", "730"), organisation=randers)
    # then Randers may read the citizen while the referral is open
    assert Citizen.objects.visible_to(actor).filter(pk=course.citizen.pk).exists()
    assert (
        _client(member("visitation", "730")).get(f"/forebyggelse/henvisninger/{referral.pk}/").status_code
        == 200
    )


def test_a_gp_refers_by_cpr_from_the_offer_page(smoking_offer: Offer, gp: User, practice: object) -> None:
    citizen = CitizenFactory.create(gp_practice=practice)
    client = _client(gp)
    page = client.get(f"/forebyggelse/tilbud/{smoking_offer.pk}/").content.decode()
    assert 'data-testid="refer-form"' in page
    # an unknown CPR number is a Danish error on the form, and nothing is sent
    response = client.post(
        "/forebyggelse/henvis/", {"offer": smoking_offer.pk, "cpr": "010101-0000", "consent_by": "citizen"}
    )
    assert response.status_code == 400 and "Ingen borger med dette CPR-nummer" in response.content.decode()
    assert not Referral.objects.exists()
    response = client.post(
        "/forebyggelse/henvis/", {"offer": smoking_offer.pk, "cpr": citizen.cpr, "consent_by": "citizen"}
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and referral.referrer.code == practice.code  # type: ignore[attr-defined]


def test_the_dashboard_counts_new_referrals_for_the_receiver(
    course: Course, ward: User, visitator: User
) -> None:
    referral_made(course=course, by=ward)
    body = _client(visitator).get("/").content.decode()
    assert "nye henvisninger modtaget" in body
    assert (
        '<span class="app-figure">1</span> <span class="app-figure-label">nye henvisninger modtaget' in body
    )
    assert course.citizen.name not in body.split("panel-prevention-h")[1].split("</section>")[0]
