"""The shared catalogue of offers: search and filters for everyone logged in (page with htmx, API), the public
read-only view without log-in that shows no citizen, and the providers' writes."""

from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from prevention.models import Offer
from sundhedsaftale.access.models import AccessLog
from tests.factories import CourseFactory, member, organisation_get
from tests.factories.prevention import OfferFactory, referral_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue() -> dict[str, Offer]:
    return {
        "smoking_aarhus": OfferFactory.create(title="Rygestop på hold", provider=organisation_get("751")),
        "diabetes_aarhus": OfferFactory.create(
            title="Diabetesrehabilitering",
            provider=organisation_get("751"),
            kram_smoking=False,
            kram_diet=True,
            kram_exercise=True,
            programme="diabetes",
            education="disease_specific",
        ),
        "copd_auh": OfferFactory.create(
            title="KOL-skole", provider=organisation_get("AUH"), kram_exercise=True, programme="copd"
        ),
        "alcohol_randers": OfferFactory.create(
            title="Alkoholbehandling", provider=organisation_get("730"), kram_smoking=False, kram_alcohol=True
        ),
        "ended": OfferFactory.create(
            title="Gammelt rygestop", active_from=date(2020, 1, 1), active_until=date(2021, 1, 1)
        ),
    }


def _titles(body: str, catalogue: dict[str, Offer]) -> set[str]:
    return {key for key, offer in catalogue.items() if offer.title in body}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "", {"smoking_aarhus", "diabetes_aarhus", "copd_auh", "alcohol_randers"}, id="all-active"
        ),
        pytest.param("kram=smoking", {"smoking_aarhus", "copd_auh"}, id="kram-smoking"),
        pytest.param("kram=alcohol&kram=diet", {"diabetes_aarhus", "alcohol_randers"}, id="kram-either"),
        pytest.param("programme=copd", {"copd_auh"}, id="programme"),
        pytest.param("education=disease_specific", {"diabetes_aarhus"}, id="education"),
        pytest.param("municipality=751", {"smoking_aarhus", "diabetes_aarhus"}, id="municipality"),
        pytest.param("q=alkohol", {"alcohol_randers"}, id="search-title"),
        pytest.param("q=Randers", {"alcohol_randers"}, id="search-provider"),
        pytest.param(
            "kram=nonsense&programme=astma&education=&orientation=alle",
            {"smoking_aarhus", "diabetes_aarhus", "copd_auh", "alcohol_randers"},
            id="unknown-ignored",
        ),
    ],
)
def test_the_catalogue_page_filters_for_anyone_logged_in(
    query: str, expected: set[str], catalogue: dict[str, Offer]
) -> None:
    # given a steering-group member, who sees no citizen but may read the catalogue
    client = Client()
    client.force_login(member("steering_group", "klynge-aarhus"))
    # when the catalogue is filtered
    response = client.get(f"/forebyggelse/tilbud/?{query}")
    # then exactly the matching active offers are listed
    assert response.status_code == 200
    assert _titles(response.content.decode(), catalogue) == expected


def test_an_htmx_filter_gets_only_the_result_rows(catalogue: dict[str, Offer]) -> None:
    client = Client()
    client.force_login(member("ward_staff", "AUH-ORT"))
    response = client.get("/forebyggelse/tilbud/?kram=smoking", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="catalogue-results"' in body
    assert "<form" not in body and "<html" not in body
    assert _titles(body, catalogue) == {"smoking_aarhus", "copd_auh"}


def test_the_cluster_overview_shows_the_clusters_providers_at_a_glance(catalogue: dict[str, Offer]) -> None:
    client = Client()
    client.force_login(member("visitation", "751"))
    cluster = organisation_get("klynge-aarhus")
    body = client.get(f"/forebyggelse/tilbud/?klynge={cluster.pk}").content.decode()
    assert 'data-testid="cluster-overview"' in body
    # Aarhus and AUH are in Klynge Aarhus; Randers is not
    assert _titles(body, catalogue) == {"smoking_aarhus", "diabetes_aarhus", "copd_auh"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("kram=smoking", {"smoking_aarhus", "copd_auh"}, id="kram"),
        pytest.param("kram=diet,alcohol", {"diabetes_aarhus", "alcohol_randers"}, id="kram-comma"),
        pytest.param("programme=diabetes", {"diabetes_aarhus"}, id="programme"),
        pytest.param("municipality=730", {"alcohol_randers"}, id="municipality"),
        pytest.param("q=KOL", {"copd_auh"}, id="q"),
        pytest.param(
            "include_inactive=true&kram=smoking", {"smoking_aarhus", "copd_auh", "ended"}, id="inactive"
        ),
    ],
)
def test_the_api_lists_the_catalogue_without_log_in(
    query: str, expected: set[str], catalogue: dict[str, Offer]
) -> None:
    response = APIClient().get(f"/api/v1/prevention/offers/?{query}")
    assert response.status_code == 200
    assert {
        key
        for key, offer in catalogue.items()
        if offer.pk in {row["id"] for row in response.json()["results"]}
    } == expected


@pytest.mark.parametrize(
    "query", ["kram=nonsense", "programme=cancer", "cluster=99999999999", "cluster=-1", "q=" + "x" * 300]
)
def test_a_filter_value_the_catalogue_does_not_know_is_a_400_naming_it(query: str) -> None:
    response = APIClient().get(f"/api/v1/prevention/offers/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]


def test_the_public_views_show_no_citizen_and_log_nothing(catalogue: dict[str, Offer]) -> None:
    # given a citizen referred to the smoking offer
    ward = member("ward_staff", "AUH-ORT")
    course = CourseFactory.create(at="AUH-ORT")
    referral_made(course=course, by=ward, offer=catalogue["smoking_aarhus"])
    before = AccessLog.objects.count()
    anonymous = Client()
    pages = [
        "/forebyggelse/offentlig/",
        "/forebyggelse/offentlig/?q=rygestop",
        f"/forebyggelse/offentlig/{catalogue['smoking_aarhus'].pk}/",
        "/api/v1/prevention/offers/",
        f"/api/v1/prevention/offers/{catalogue['smoking_aarhus'].pk}/",
    ]
    for url in pages:
        # when someone without a log-in reads the catalogue
        response = anonymous.get(url)
        body = response.content.decode()
        # then it is there, with no trace of the citizen, the referral or who wrote the offer
        assert response.status_code == 200, url
        assert course.citizen.name not in body and course.citizen.cpr not in body, url
        assert '"citizen":' not in body and "Henvisning" not in body and "created_by" not in body, url
    assert AccessLog.objects.count() == before


def test_the_public_page_hides_ended_offers_and_offers_no_referral_form(catalogue: dict[str, Offer]) -> None:
    anonymous = Client()
    assert anonymous.get(f"/forebyggelse/offentlig/{catalogue['ended'].pk}/").status_code == 404
    body = anonymous.get(f"/forebyggelse/offentlig/{catalogue['smoking_aarhus'].pk}/").content.decode()
    assert "Henvis en borger" not in body and "csrfmiddlewaretoken" not in body


def test_anonymous_requests_are_throttled_like_every_anonymous_request(
    settings: Any, catalogue: dict[str, Offer]
) -> None:
    # given an anonymous rate of 3 a minute
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], anon="3/min")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    cache.clear()
    anonymous = Client()
    # when the API and the public page are asked 4 times from one address
    answers = [anonymous.get("/api/v1/prevention/offers/").status_code for _ in range(3)]
    answers.append(anonymous.get("/forebyggelse/offentlig/").status_code)
    # then the fourth is refused, whichever of the two it asks
    assert answers == [200, 200, 200, 429]
    cache.clear()


def test_anonymous_visitors_cannot_write_offers() -> None:
    response = APIClient().post("/api/v1/prevention/offers/", {"title": "X"}, format="json")
    assert response.status_code in (401, 403)
    assert not Offer.objects.filter(title="X").exists()


def test_the_login_pages_of_the_catalogue_send_anonymous_visitors_to_log_in(
    catalogue: dict[str, Offer],
) -> None:
    for url in [
        "/forebyggelse/tilbud/",
        f"/forebyggelse/tilbud/{catalogue['copd_auh'].pk}/",
        "/forebyggelse/henvisninger/",
    ]:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_catalogue_links_its_public_copy_for_citizens(catalogue: dict[str, Offer]) -> None:
    client = Client()
    client.force_login(member("visitation", "751"))
    assert 'href="/forebyggelse/offentlig/"' in client.get("/forebyggelse/tilbud/").content.decode()
    public = Client().get("/forebyggelse/offentlig/").content.decode()
    assert "Rygestop på hold" in public and "Opret tilbud" not in public
