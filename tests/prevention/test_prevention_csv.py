"""The catalogue as CSV: an export a spreadsheet opens safely and an import that takes every row or none, listing
each wrong row's errors."""

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from prevention.models import Offer
from tests.factories import member, organisation_get
from tests.factories.prevention import OfferFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "id;titel;udbyder;rettet_mod;maalgruppe;indhold;kram;forloebsprogram;patientuddannelse;visitation;"
    "ventetid_uger;kontakt;sted;tidspunkt;aktiv_fra;aktiv_til;modtager_henvisninger"
)
GOOD = ";Motion for hjertepatienter;751;patientrettet;Borgere med hjertesygdom;Hold 2 gange om ugen;motion;hjerte;;;3;;;;01.01.2026;;ja"


def _upload(client: Client, text: str) -> Any:
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = "tilbud.csv"
    return client.post("/forebyggelse/tilbud/import/", {"file": upload})


@pytest.fixture
def aarhus() -> User:
    return member("visitation", "751")


def test_a_file_with_one_wrong_row_imports_nothing_and_lists_every_error(aarhus: User) -> None:
    client = Client()
    client.force_login(aarhus)
    rows = [
        HEADER,
        GOOD,
        ";;751;borgerrettet;Alle;Noget;kost;;;;;;;;31.02.2026;;ja",  # no title, no such date
        ";Alkohol;730;patientrettet;Alle;Samtaler;alkohol;;;;;;;;01.01.2026;;ja",  # Randers is not Aarhus
        ";Kost;751;patientrettet;Alle;Kostvejledning;sukker;astma;;;mange;;;;01.01.2026;;kanske",
    ]
    response = _upload(client, "\n".join(rows))
    body = response.content.decode()
    assert response.status_code == 400
    assert not Offer.objects.exists()
    assert "Filen er ikke indlæst" in body
    for line, column in [
        (3, "titel"),
        (3, "aktiv_fra"),
        (4, "udbyder"),
        (5, "kram"),
        (5, "forloebsprogram"),
        (5, "ventetid_uger"),
        (5, "modtager_henvisninger"),
    ]:
        assert f"<td>{line}</td><td>{column}</td>" in body, (line, column)


def test_a_right_file_imports_every_row_and_updates_by_id(aarhus: User) -> None:
    existing = OfferFactory.create(title="Rygestop", provider=organisation_get("751"))
    client = Client()
    client.force_login(aarhus)
    update = f"{existing.pk};Rygestop for alle;751;patientrettet;Rygere;Hold;rygning;;;;1;;;;01.01.2026;;nej"
    response = _upload(client, "\n".join([HEADER, GOOD, update]))
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.title == "Rygestop for alle" and not existing.accepts_referrals
    added = Offer.objects.get(title="Motion for hjertepatienter")
    assert added.kram == ["exercise"] and added.programme == "heart" and added.waiting_weeks == 3


def test_the_export_reads_back_and_neutralises_formulas(aarhus: User) -> None:
    OfferFactory.create(title='=HYPERLINK("http://x")', provider=organisation_get("751"), programme="copd")
    client = Client()
    client.force_login(aarhus)
    response = client.get("/forebyggelse/tilbud/eksport.csv")
    text = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert text.startswith("\ufeff" + HEADER)
    assert "'=HYPERLINK" in text and ";kol;" in text
    # the exported file imports again unchanged
    assert _upload(client, text).status_code == 302
    assert Offer.objects.get().title == '=HYPERLINK("http://x")'


def test_the_api_import_answers_the_row_errors_as_json(aarhus: User) -> None:
    client = APIClient()
    client.force_authenticate(aarhus)
    bad = ";Kost;751;patientrettet;Alle;Kost;kost;;;;;;;;i morgen;;ja"
    response = client.post(
        "/api/v1/prevention/offers/import/", "\n".join([HEADER, GOOD, bad]), content_type="text/csv"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["rows"] == [
        {"line": 3, "column": "aktiv_fra", "message": "Ugyldig dato »i morgen« (brug dd.mm.åååå)."}
    ]
    assert not Offer.objects.exists()
    ok = client.post("/api/v1/prevention/offers/import/", "\n".join([HEADER, GOOD]), content_type="text/csv")
    assert ok.status_code == 200 and [row["title"] for row in ok.json()] == ["Motion for hjertepatienter"]
