"""One language for people: the refusal and error pages are Danish, the footer offers the API only to those
who use it, and the deadline pages cite the agreement by name, never an internal file name."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from sundhedsaftale.organisations.models import Organisation
from tests.factories import member

pytestmark = pytest.mark.django_db


def _client(role: str, code: str | None = None) -> Client:
    client = Client()
    client.force_login(member(role, code))
    return client


def test_a_refused_page_says_so_in_danish_with_a_way_on() -> None:
    response = _client("ward_staff", "AUH-ORT").get("/kommune/indbakke/")

    body = response.content.decode()
    assert response.status_code == 403
    assert "Du har ikke adgang til siden" in body and "Til overblikket" in body
    assert "Forbidden" not in body


def test_a_server_error_and_an_expired_form_are_danish_pages() -> None:
    error = render_to_string("500.html")  # rendered by Django without a request or a context
    expired = render_to_string("403_csrf.html")

    assert "Der skete en fejl" in error and 'lang="da"' in error
    assert "Formularen er udløbet" in expired and "Intet er gemt" in expired


def test_the_footer_offers_the_api_to_the_regional_admin_not_to_the_nurse() -> None:
    api = reverse("swagger-ui")

    nurse_page = _client("ward_staff", "AUH-ORT").get("/").content.decode()
    admin_page = _client("regional_admin").get("/").content.decode()

    assert f'href="{api}"' not in nurse_page
    assert f'href="{api}"' in admin_page and "API-dokumentation" in admin_page


def test_the_deadline_rules_cite_the_agreement_by_name() -> None:
    body = _client("ward_staff", "AUH-ORT").get("/frister/").content.decode()

    assert "Den generelle sundhedsaftale for Region Midtjylland (revision 2008)" in body
    assert ".txt" not in body


def test_the_gps_rehabilitation_menu_opens_the_plans_the_practice_received(practice: Organisation) -> None:
    client = _client("gp", practice.code)

    response = client.get("/genoptraening/indbakke/")

    assert response.status_code == 200
    assert 'href="/genoptraening/indbakke/"' in response.content.decode()
