"""The key-figure dashboard as a steering-group member reads it: figures only, small numbers hidden, unit and
period chosen with a plain GET (htmx swaps only the figures), every table as CSV."""

import csv
import io
from datetime import date

import pytest
from django.test import Client

from clusters.keyfigures.refresh import keyfigures_rebuild
from tests.factories.citizens import CitizenFactory, CourseFactory
from tests.factories.discharge import local
from tests.factories.organisations import organisation_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering_client(make_member) -> Client:
    client = Client()
    client.force_login(make_member("steering_group", "klynge-aarhus"))
    return client


@pytest.fixture
def figures() -> None:
    aarhus, samso = organisation_get("751"), organisation_get("741")
    for day in range(1, 8):
        CourseFactory(citizen=CitizenFactory(municipality=aarhus), admitted_at=local(2026, 3, day, 10))
    CourseFactory(citizen=CitizenFactory(municipality=samso), admitted_at=local(2026, 3, 3, 10))
    keyfigures_rebuild(first=date(2026, 1, 1), last=date(2026, 6, 1), today=date(2026, 12, 6))


def test_the_cluster_dashboard_shows_figures_and_hides_small_numbers(
    steering_client: Client, figures: None
) -> None:
    response = steering_client.get("/noegletal/?periode=2026-H1")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Klynge Aarhus · 1. halvår 2026" in page
    assert "Akutte genindlæggelser inden for 30 dage" in page
    assert "Færdigbehandlede sengedage" in page
    assert '<p class="app-figure-number">8</p>' in page
    assert "Samsø" in page and "&lt;5" in page  # Samsø's 1 admission, and Aarhus's 7 that would reveal it
    assert "Forrige periode" in page and "Region Midtjylland" in page
    assert "<svg" in page and "<title" in page


def test_htmx_swaps_only_the_figures_and_a_bad_period_is_explained_in_danish(
    steering_client: Client, figures: None
) -> None:
    partial = steering_client.get("/noegletal/?periode=2026-03&enhed=751", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert partial.content.decode().lstrip().startswith('<div id="figures"')
    assert "Aarhus · Marts 2026" in partial.content.decode()

    bad = steering_client.get("/noegletal/?periode=2026-13&enhed=XYZ")
    assert bad.status_code == 400
    assert "Måned 13 findes ikke." in bad.content.decode()
    assert "findes ikke; viser din egen enhed i stedet" in bad.content.decode()
    assert steering_client.get("/noegletal/?enhed=%00").status_code == 400


def test_every_table_downloads_as_csv_with_the_same_suppression(
    steering_client: Client, figures: None
) -> None:
    response = steering_client.get("/noegletal/csv/?periode=2026-H1&noegletal=admissions")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == ["Indlæggelser", "Klynge Aarhus", "1. halvår 2026"]
    assert ["i alt", "1. halvår 2026", "8", "", ""] in rows
    assert ["kommune", "Samsø", "<5", "", ""] in rows
    assert ["kommune", "Aarhus", "<5", "", ""] in rows
    assert steering_client.get("/noegletal/csv/?noegletal=nope").status_code == 400


def test_the_dashboard_needs_a_login() -> None:
    response = Client().get("/noegletal/")
    assert response.status_code == 302


def test_the_api_gives_the_same_numbers_and_suppression(make_member, figures: None) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    assert client.get("/api/v1/keyfigures/").status_code == 401
    client.force_authenticate(make_member("steering_group", "klynge-aarhus"))

    response = client.get("/api/v1/keyfigures/?unit=klynge-aarhus&period=2026-H1&figure=admissions")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["unit"], body["period"], body["period_label"]) == (
        "klynge-aarhus",
        "2026-H1",
        "1. halvår 2026",
    )
    [figure] = body["figures"]
    assert figure["headline"]["value"] == 8
    assert {row["name"]: row["value"] for row in figure["breakdown"]} == {"Aarhus": "<5", "Samsø": "<5"}
    # no planned admission: 0 is under 5, and 8 acute would then give it away
    assert [(row["name"], row["value"]) for row in figure["series"]] == [
        ("Planlagte", "<5"),
        ("Akutte", "<5"),
    ]
    bad = client.get("/api/v1/keyfigures/?unit=nowhere&period=2026-H3&figure=x")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"unit", "period", "figure"}
