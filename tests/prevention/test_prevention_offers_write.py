"""Offers are maintained by their providing organisation (and the regional secretariat, which keeps the shared
list): through the API and the pages."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from prevention.models import Offer
from tests.factories import member, organisation_get
from tests.factories.prevention import OfferFactory

pytestmark = pytest.mark.django_db

BODY = {
    "title": "Rygestop for unge",
    "orientation": "patient",
    "target_group": "Unge rygere 15-25 år",
    "content": "Hold med rygestoprådgiver",
    "kram": ["smoking"],
    "waiting_weeks": 1,
    "active_from": "2026-01-01",
}


def _api(user: object) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)  # type: ignore[arg-type]
    return client


def test_a_municipality_adds_an_offer_of_its_own_through_the_api() -> None:
    response = _api(member("visitation", "751")).post("/api/v1/prevention/offers/", BODY, format="json")
    assert response.status_code == 201, response.json()
    offer = Offer.objects.get(pk=response.json()["id"])
    assert offer.provider.code == "751" and offer.kram == ["smoking"]
    assert response.json()["kram"] == ["smoking"]


def test_an_organisation_cannot_add_or_change_another_providers_offer() -> None:
    client = _api(member("visitation", "730"))
    response = client.post("/api/v1/prevention/offers/", {**BODY, "provider": "751"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "not_provider"
    offer = OfferFactory.create(provider=organisation_get("751"))
    response = client.patch(f"/api/v1/prevention/offers/{offer.pk}/", {"title": "Overtaget"}, format="json")
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.title != "Overtaget"


def test_the_regional_secretariat_maintains_every_providers_offer() -> None:
    response = _api(member("regional_admin", "1082")).post(
        "/api/v1/prevention/offers/", {**BODY, "provider": "741"}, format="json"
    )
    assert response.status_code == 201
    assert Offer.objects.get(pk=response.json()["id"]).provider.code == "741"


def test_citizen_oriented_prevention_is_the_municipalitys_alone() -> None:
    response = _api(member("ward_staff", "AUH-ORT")).post(
        "/api/v1/prevention/offers/", {**BODY, "provider": "AUH", "orientation": "citizen"}, format="json"
    )
    assert response.status_code == 400
    assert "orientation" in response.json()["errors"]


def test_a_hospital_department_edits_its_hospitals_offer_and_ends_it() -> None:
    offer = OfferFactory.create(provider=organisation_get("AUH"), title="KOL-skole")
    client = _api(member("ward_staff", "AUH-ORT"))
    response = client.patch(
        f"/api/v1/prevention/offers/{offer.pk}/",
        {"waiting_weeks": 6, "active_until": "2021-06-30"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["waiting_weeks"] == 6
    assert APIClient().get("/api/v1/prevention/offers/?q=KOL").json()["results"] == []


@pytest.mark.parametrize(
    "change",
    [
        {"title": "\x00"},
        {"waiting_weeks": 10**12},
        {"active_from": "9999-12-31"},
        {"active_until": "2019-01-01"},
        {"kram": ["smoking", "chocolate"]},
        {"orientation": {"deep": [[[[]]]]}},
    ],
    ids=["nul", "huge-number", "far-future", "ends-before-start", "unknown-kram", "nested-json"],
)
def test_bad_offer_input_is_a_400_in_the_one_error_body(change: dict[str, object]) -> None:
    response = _api(member("visitation", "751")).post(
        "/api/v1/prevention/offers/", {**BODY, **change}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "code", "errors"}
    assert not Offer.objects.exists()


def test_the_provider_creates_and_edits_an_offer_on_the_pages() -> None:
    client = Client()
    client.force_login(member("visitation", "751"))
    form = {
        "title": "Stop alkohol",
        "orientation": "patient",
        "target_group": "Voksne",
        "content": "Samtaler",
        "kram": ["alcohol"],
        "active_from": "01.02.2026",
        "accepts_referrals": "on",
    }
    response = client.post("/forebyggelse/tilbud/ny/", form)
    offer = Offer.objects.get(title="Stop alkohol")
    assert response.status_code == 302 and response["Location"] == f"/forebyggelse/tilbud/{offer.pk}/"
    assert offer.kram == ["alcohol"] and offer.provider.code == "751"
    response = client.post(f"/forebyggelse/tilbud/{offer.pk}/ret/", {**form, "waiting_weeks": "3"})
    offer.refresh_from_db()
    assert offer.waiting_weeks == 3
    # another municipality may not edit it
    other = Client()
    other.force_login(member("visitation", "730"))
    assert other.post(f"/forebyggelse/tilbud/{offer.pk}/ret/", {**form, "title": "Nej"}).status_code == 403
