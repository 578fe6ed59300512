"""The access log (Sundhedsloven § 42 a): one row per citizen per read, on every citizen-data endpoint."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.services import citizen_relations_sync
from tests.citizen_endpoints import ENDPOINTS, SURNAME, Endpoint, endpoint_id, shown, url_for
from tests.citizen_records import records_create
from tests.factories import (
    TEST_PASSWORD,
    CitizenFactory,
    CourseFactory,
    PracticeFactory,
    member,
    organisation_get,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward() -> User:
    return member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")


@pytest.fixture
def admitted() -> list[Citizen]:
    """Three citizens admitted to AUH, and one at RHR that AUH's staff cannot see."""
    CourseFactory.create(
        at="RHR-MED", citizen=CitizenFactory.create(name="Else Fremmed", municipality=organisation_get("730"))
    )
    return [
        CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(name=f"{n} Logsen")).citizen
        for n in ("Anna", "Bent", "Inge")
    ]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows() -> list[AccessLog]:
    return list(AccessLog.objects.order_by("citizen_id"))


def _looked_up(admin: User, *citizens: Citizen) -> Client:
    """The regional admin's client after a purpose look-up of each citizen (POST /borgere/opslag/): the region
    has no care relation of its own and reads a citizen only for a stated purpose."""
    client = _client(admin)
    for citizen in citizens:
        response = client.post(
            "/borgere/opslag/",
            {"cpr": citizen.cpr, "purpose": "access_request", "reference": "Indsigt 2026-7"},
        )
        assert response.status_code == 302
    return client


@pytest.fixture
def named() -> dict[str, Citizen]:
    """Three citizens admitted to AUH, named so that the endpoints' search by name finds them."""
    return {
        first: CourseFactory.create(
            at="AUH-ORT", citizen=CitizenFactory.create(name=f"{first} {SURNAME}")
        ).citizen
        for first in ("Anna", "Bent", "Inge")
    }


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if not e.records], ids=endpoint_id)
def test_every_citizen_data_endpoint_logs_one_row_per_citizen_shown(
    endpoint: Endpoint, named: dict[str, Citizen]
) -> None:
    # given a regional admin who looked the three citizens up for a stated purpose, and so may use every
    # endpoint for them (the look-ups are logged; only the reads below are counted)
    admin = member("regional_admin")
    client = _looked_up(admin, *named.values())
    AccessLog.objects.all().delete()
    # when the endpoint is read once, for Bent
    response = client.get(url_for(endpoint, named["Bent"]))
    # then every citizen it showed has exactly one row of this user
    assert response.status_code == 200
    expected = shown(response.content.decode(), named) if endpoint.kind == "list" else {"Bent"}
    assert expected, "the endpoint showed no citizen: the check would be empty"
    logged = sorted(AccessLog.objects.filter(user_id=admin.pk).values_list("citizen_id", flat=True))
    assert logged == sorted(named[key].pk for key in expected)


def test_every_page_of_a_record_logs_one_row_for_its_citizen(named: dict[str, Citizen]) -> None:
    # given Bent's course with one of every record, and a member of each party to the records
    bent = named["Bent"]
    bent.gp_practice = PracticeFactory.create()
    bent.save()
    citizen_relations_sync(citizen=bent, at=bent.created_at)
    records_create(bent)
    readers = {
        "ward_staff": member("ward_staff", "AUH-ORT"),
        "visitation": member("visitation", bent.municipality.code),
        "gp": member("gp", bent.gp_practice.code),
    }
    failures = []
    for endpoint in (e for e in ENDPOINTS if e.records):
        role = next(r for r in readers if endpoint.readers is None or r in endpoint.readers)
        user = readers[role]
        AccessLog.objects.all().delete()
        # when a party reads the page of Bent's record
        response = _client(user).get(url_for(endpoint, bent))
        # then it is shown, and logged once for Bent (and for no one else)
        logged = list(AccessLog.objects.filter(user_id=user.pk).values_list("citizen_id", flat=True))
        expected = [bent.pk] if endpoint.logged else []
        if response.status_code != 200 or logged != expected:
            failures.append(f"{endpoint.id} as {role}: {response.status_code}, logged {logged}")
    assert not failures, "\n".join(failures)


def test_an_api_list_writes_one_row_per_citizen_shown(ward: User, admitted: list[Citizen]) -> None:
    before = timezone.now()
    # when ward staff read the citizen list through the API
    response = _client(ward).get("/api/v1/citizens/")
    # then each of the three citizens shown has one row, with who, from where, when and what
    assert response.status_code == 200
    rows = _rows()
    assert [r.citizen_id for r in rows] == sorted(c.pk for c in admitted)
    for row in rows:
        assert row.user_id == ward.pk and row.username == ward.username
        assert row.organisation == organisation_get("AUH-ORT")
        assert row.role == "ward_staff"
        assert row.action == AccessLog.Action.API
        assert "citizen-list" in row.what
        assert row.at.utcoffset() == timedelta(0)
        assert before <= row.at <= timezone.now()


def test_only_the_citizens_on_the_page_shown_are_logged(ward: User, admitted: list[Citizen]) -> None:
    # when a page of two is read
    response = _client(ward).get("/api/v1/citizens/?page_size=2")
    # then two rows, for exactly the two citizens on it
    shown = {item["id"] for item in response.json()["results"]}
    assert len(shown) == 2
    assert {r.citizen_id for r in _rows()} == shown


def test_an_api_detail_writes_one_row(ward: User, admitted: list[Citizen]) -> None:
    # when one citizen is read
    _client(ward).get(f"/api/v1/citizens/{admitted[0].pk}/")
    # then one row for that citizen
    assert [(r.citizen_id, r.action) for r in _rows()] == [(admitted[0].pk, "api")]
    assert "citizen-detail" in _rows()[0].what


def test_an_api_read_with_a_token_logs_the_clients_organisation(admitted: list[Citizen]) -> None:
    # given a REST client of AUH authenticated with its token, not a session
    client_user = member("integration", "AUH")
    token = (
        APIClient()
        .post(
            "/api/v1/auth/token/",
            {"username": client_user.username, "password": TEST_PASSWORD},
            format="json",
        )
        .json()["token"]
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    # when it reads a citizen
    response = api.get(f"/api/v1/citizens/{admitted[0].pk}/")
    # then the row says which organisation it read for
    assert response.status_code == 200
    row = AccessLog.objects.get()
    assert (row.username, row.role, row.organisation) == (
        client_user.username,
        "integration",
        organisation_get("AUH"),
    )


def test_an_html_search_writes_one_row_per_hit(ward: User, admitted: list[Citizen]) -> None:
    # when ward staff search for a name three visible citizens share
    response = _client(ward).get("/borgere/?q=Logsen")
    # then the three hits are logged as a search, the foreign citizen is not
    assert response.status_code == 200
    assert [(r.citizen_id, r.action, r.what) for r in _rows()] == [
        (c.pk, "search", "Borgersøgning") for c in sorted(admitted, key=lambda c: c.pk)
    ]


def test_an_htmx_search_is_logged_like_a_full_page(ward: User, admitted: list[Citizen]) -> None:
    _client(ward).get(f"/borgere/?q={admitted[1].cpr}", headers={"HX-Request": "true"})
    assert [r.citizen_id for r in _rows()] == [admitted[1].pk]


def test_the_citizen_page_writes_one_row(ward: User, admitted: list[Citizen]) -> None:
    _client(ward).get(f"/borgere/{admitted[2].pk}/")
    assert [(r.citizen_id, r.action, r.what) for r in _rows()] == [(admitted[2].pk, "view", "Borgerside")]


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/borgere/?q=Ingensteds", id="search-without-hits"),
        pytest.param("/borgere/?q=", id="empty-search"),
        pytest.param("/api/v1/citizens/?cpr=010101-0000", id="api-filter-without-hits"),
        pytest.param("/api/v1/organisations/?kind=municipality", id="organisations-are-not-citizen-data"),
        pytest.param("/kontakter/", id="contact-list"),
        pytest.param("/", id="dashboard"),
    ],
)
def test_a_read_of_nothing_writes_nothing(url: str, ward: User, admitted: list[Citizen]) -> None:
    response = _client(ward).get(url)
    assert response.status_code == 200
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/api/v1/citizens/{pk}/", id="api-detail"),
        pytest.param("/borgere/{pk}/", id="html-detail"),
    ],
)
def test_a_foreign_citizen_asked_for_writes_nothing(url: str, ward: User, admitted: list[Citizen]) -> None:
    foreign = Citizen.objects.get(name="Else Fremmed")
    response = _client(ward).get(url.format(pk=foreign.pk))
    assert response.status_code == 404
    assert AccessLog.objects.count() == 0


def test_a_steering_group_list_writes_nothing(admitted: list[Citizen]) -> None:
    _client(member("steering_group", "klynge-aarhus")).get("/api/v1/citizens/")
    assert AccessLog.objects.count() == 0


def test_the_active_membership_is_the_organisation_logged(admitted: list[Citizen]) -> None:
    # given a user who works at AUH and in Randers' visitation, and switched to Randers
    user = member("ward_staff", "AUH-ORT")
    randers = member("visitation", "730", username=user.username).memberships.get(role="visitation")
    client = _client(user)
    client.post("/organisation/skift/", {"membership": randers.pk})
    # when a citizen living in Randers is opened
    response = client.get(f"/borgere/{Citizen.objects.get(name='Else Fremmed').pk}/")
    # then the read is logged for Randers Kommune, the organisation acted for
    assert response.status_code == 200
    row = AccessLog.objects.get()
    assert (row.organisation, row.role) == (organisation_get("730"), "visitation")


def test_regional_admins_can_see_who_has_read_a_citizen(ward: User, admitted: list[Citizen]) -> None:
    # given ward staff who opened the citizen's page
    citizen = admitted[0]
    _client(ward).get(f"/borgere/{citizen.pk}/")
    # when a regional admin looks the citizen up for an access request and opens "Hvem har set mine oplysninger"
    response = _looked_up(member("regional_admin"), citizen).get(f"/borgere/{citizen.pk}/adgangslog/")
    # then the earlier read is listed with who and from where
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hvem har set mine oplysninger" in body
    assert "Karen Sygeplejerske" in body and ward.username not in body  # the person, not the login
    assert "Ortopædkirurgi" in body
    assert "Borgerside" in body


def test_the_access_log_is_paged_and_filtered_by_action(ward: User, admitted: list[Citizen]) -> None:
    # given an evening of reads: 60 page views and one search
    citizen = admitted[0]
    AccessLog.objects.bulk_create(
        AccessLog(citizen=citizen, user=ward, username=ward.username, action="view", what=f"Forløbsside {n}")
        for n in range(60)
    )
    AccessLog.objects.create(
        citizen=citizen, user=ward, username=ward.username, action="search", what="Søgning"
    )
    client = _looked_up(member("regional_admin"), citizen)
    # when the admin opens the log, then page 2, then only the searches
    first = client.get(f"/borgere/{citizen.pk}/adgangslog/").content.decode()
    second = client.get(f"/borgere/{citizen.pk}/adgangslog/?side=2").content.decode()
    searches = client.get(f"/borgere/{citizen.pk}/adgangslog/?handling=search").content.decode()
    # then 50 rows a page with the way on, the rest on page 2, and the filter keeps only the search
    assert first.count("<tr><td>") == 50 and "Side 1 af 2" in first and "Næste side" in first
    assert "Side 2 af 2" in second and "Forrige side" in second
    assert searches.count("<tr><td>") == 1 and "Næste side" not in searches


def test_reading_the_access_log_is_itself_logged(admitted: list[Citizen]) -> None:
    admin = member("regional_admin")
    client = _looked_up(admin, admitted[0])
    AccessLog.objects.all().delete()  # the look-up's own row
    client.get(f"/borgere/{admitted[0].pk}/adgangslog/")
    row = AccessLog.objects.get()
    assert (row.username, row.organisation, row.action) == (admin.username, organisation_get("1082"), "view")


@pytest.mark.parametrize("role", ["ward_staff", "visitation", "gp", "steering_group", "integration"])
def test_other_roles_cannot_open_the_access_log(role: str, admitted: list[Citizen]) -> None:
    response = _client(member(role)).get(f"/borgere/{admitted[0].pk}/adgangslog/")
    assert response.status_code == 403
    assert AccessLog.objects.count() == 0


def test_the_access_log_export_is_a_csv_of_every_read(ward: User, admitted: list[Citizen]) -> None:
    # given two reads of the citizen by ward staff
    citizen = admitted[0]
    ward_client = _client(ward)
    ward_client.get(f"/borgere/{citizen.pk}/")
    ward_client.get(f"/api/v1/citizens/{citizen.pk}/")
    # when a regional admin exports the log for the citizen's right of access
    admin = member("regional_admin")
    response = _looked_up(admin, citizen).get(f"/borgere/{citizen.pk}/adgangslog/?format=csv")
    # then it is a CSV with a header and every read, newest first (the export itself too), times in UTC
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == ["tidspunkt_utc", "bruger", "organisation", "rolle", "handling", "hvad"]
    assert [(r[1], r[2], r[3], r[4]) for r in rows[1:]] == [
        (admin.username, "Region Midtjylland", "regional_admin", "Eksport"),
        (admin.username, "Region Midtjylland", "regional_admin", "Opslag med formål"),
        (ward.username, "Ortopædkirurgi", "ward_staff", "API"),
        (ward.username, "Ortopædkirurgi", "ward_staff", "Visning"),
    ]
    assert all(r[0].endswith("+00:00") for r in rows[1:])
    # and the export itself is logged as one export
    export = AccessLog.objects.filter(action="export").get()
    assert (export.citizen_id, export.username) == (citizen.pk, admin.username)
