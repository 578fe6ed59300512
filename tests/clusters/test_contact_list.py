"""Reference data (organisations, clusters) and the Kontaktliste page with "Åben nu"/"Lukket nu"."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from sundhedsaftale.organisations.models import Contact, Organisation
from sundhedsaftale.organisations.selectors import contact_is_open

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")

# The list: the 19 municipalities with their official kommunekode.
MUNICIPALITIES = {
    "Aarhus": "751",
    "Favrskov": "710",
    "Hedensted": "766",
    "Herning": "657",
    "Holstebro": "661",
    "Horsens": "615",
    "Ikast-Brande": "756",
    "Lemvig": "665",
    "Norddjurs": "707",
    "Odder": "727",
    "Randers": "730",
    "Ringkøbing-Skjern": "760",
    "Samsø": "741",
    "Silkeborg": "740",
    "Skanderborg": "746",
    "Skive": "779",
    "Struer": "671",
    "Syddjurs": "706",
    "Viborg": "791",
}
# DOMAIN.md, "Organisations": each cluster around its hospital unit with its municipalities.
CLUSTERS = {
    "klynge-vest": ("HEV", {"Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Ringkøbing-Skjern", "Struer"}),
    "klynge-viborg": ("RHV", {"Viborg", "Skive"}),
    "klynge-silkeborg": ("RHS", {"Silkeborg"}),
    "klynge-randers": ("RHR", {"Randers", "Favrskov", "Norddjurs", "Syddjurs"}),
    "klynge-horsens": ("RHH", {"Horsens", "Hedensted", "Odder", "Skanderborg"}),
    "klynge-aarhus": ("AUH", {"Aarhus", "Samsø"}),
}

# Monday 23 November 2026 and the days after it, Danish wall-clock time.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=CPH)
SUNDAY_10 = datetime(2026, 11, 22, 10, 0, tzinfo=CPH)


def test_the_19_municipalities_have_their_kommunekode() -> None:
    municipalities = dict(Organisation.objects.municipalities().values_list("name", "code"))
    assert municipalities == MUNICIPALITIES


def test_there_are_6_clusters_in_the_region() -> None:
    clusters = Organisation.objects.filter(kind="cluster")
    assert set(clusters.values_list("code", flat=True)) == set(CLUSTERS)
    assert {c.parent.code for c in clusters} == {"1082"}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("cluster", "hospital", "members"), [(c, *v) for c, v in CLUSTERS.items()], ids=list(CLUSTERS)
)
def test_each_cluster_has_its_hospital_and_municipalities(
    cluster: str, hospital: str, members: set[str]
) -> None:
    found = Organisation.objects.get(code=cluster)
    assert set(found.members.municipalities().values_list("name", flat=True)) == members
    assert list(found.members.hospitals().values_list("code", flat=True)) == [hospital]


@pytest.mark.parametrize("hospital", ["AUH", "RHR", "RHV", "RHS", "RHH", "HEV"])
def test_each_hospital_unit_has_departments(hospital: str) -> None:
    departments = Organisation.objects.filter(kind="department", parent__code=hospital)
    assert departments.count() >= 3
    assert all(d.code.startswith(f"{hospital}-") for d in departments)


def test_every_municipality_has_a_citizen_contact_with_opening_hours() -> None:
    for municipality in Organisation.objects.municipalities():
        citizen = municipality.contacts.filter(purpose=Contact.Purpose.CITIZEN)
        assert citizen.exists(), municipality.name
        assert citizen.filter(opening_hours__isnull=False).exists(), municipality.name


def test_the_contact_list_is_public_and_shows_aarhus_with_its_phone() -> None:
    response = Client().get("/kontakter/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Kontaktliste</h1>" in body
    assert "Aarhus" in body and "8940 2222" in body


def test_a_search_narrows_the_list() -> None:
    body = Client().get("/kontakter/?q=Randers").content.decode()
    assert "8915 1515" in body  # Randers Kommune
    assert "8940 2222" not in body  # Aarhus Kommune
    assert "9628 2828" not in body  # Herning Kommune


def test_a_search_by_kommunekode_finds_the_municipality() -> None:
    body = Client().get("/kontakter/?q=657&formaal=citizen").content.decode()
    assert "9628 2828" in body and "8940 2222" not in body


def test_an_htmx_search_gets_only_the_results_fragment() -> None:
    # when htmx asks
    response = Client().get("/kontakter/?q=Herning", headers={"HX-Request": "true"})
    body = response.content.decode()
    # then only the results come back, not the page around them
    assert response.status_code == 200
    assert 'id="contact-results"' in body
    assert "<html" not in body and "<h1>" not in body
    assert "9628 2828" in body


def test_without_htmx_the_same_search_is_a_full_page() -> None:
    body = Client().get("/kontakter/?q=Herning").content.decode()
    assert "<html" in body and 'id="contact-results"' in body and "9628 2828" in body


@pytest.mark.parametrize(
    ("moment", "shown", "hidden"),
    [
        pytest.param(MONDAY_10, "Åben nu", "Lukket nu", id="monday-10"),
        pytest.param(SUNDAY_10, "Lukket nu", "Åben nu", id="sunday-10"),
    ],
)
def test_the_page_says_whether_aarhus_is_open_now(moment: datetime, shown: str, hidden: str) -> None:
    # given the clock at the moment
    with time_machine.travel(moment, tick=False):
        # when Aarhus' citizen phone is looked up
        body = (
            Client()
            .get("/kontakter/?q=Aarhus&formaal=citizen", headers={"HX-Request": "true"})
            .content.decode()
        )
    # then the page says whether it is open
    assert "8940 2222" in body
    assert shown in body and hidden not in body


@pytest.mark.parametrize(
    ("code", "moment", "is_open"),
    [
        pytest.param("751", MONDAY_10, True, id="aarhus-monday-10"),
        pytest.param("751", MONDAY_10.replace(hour=16, minute=0), False, id="aarhus-monday-16-closing-time"),
        pytest.param("751", MONDAY_10.replace(day=26, hour=9), False, id="aarhus-thursday-9-opens-late"),
        pytest.param("751", MONDAY_10.replace(day=26, hour=18, minute=30), True, id="aarhus-thursday-18-30"),
        pytest.param("751", MONDAY_10.replace(day=28), True, id="aarhus-saturday-10"),
        pytest.param("751", SUNDAY_10, False, id="aarhus-sunday"),
        pytest.param("741", MONDAY_10.replace(hour=12, minute=45), False, id="samsoe-lunch-break"),
        pytest.param("741", MONDAY_10.replace(hour=13), True, id="samsoe-after-lunch"),
        pytest.param("730", datetime(2026, 7, 6, 17, 30, tzinfo=CPH), True, id="randers-monday-summer-time"),
    ],
)
def test_open_now_follows_the_weekday_opening_hours(code: str, moment: datetime, is_open: bool) -> None:
    contact = Contact.objects.get(organisation__code=code, purpose=Contact.Purpose.CITIZEN)
    assert contact_is_open(contact=contact, at=moment) is is_open


def test_departments_carry_their_kind_from_the_reference_data() -> None:
    """001 l. 1299: the general agreement's discharge rules apply to somatic departments; a department says
    whether it is somatic, psychiatric or child and adolescent psychiatric."""
    kinds = dict(Organisation.objects.filter(kind="department").values_list("code", "department_kind"))
    assert kinds["AUH-ORT"] == "somatic"
    assert kinds["RHR-PSY"] == "psychiatry"
    assert kinds["AUH-BUP"] == "child_psychiatry"
    assert Organisation.objects.get(code="AUH-ORT").is_somatic
    assert Organisation.objects.get(code="AUH-BUP").is_psychiatric


def test_the_contact_list_shows_a_hospitals_departments_with_their_kind(client: Client) -> None:
    """001 l. 1299: somatic and psychiatric departments are told apart where a department is shown."""
    page = client.get("/kontakter/", {"q": "Randers"}).content.decode()
    assert "Regionspsykiatrien Randers (psykiatri)" in page
    assert "Ortopædkirurgi (somatisk)" in page
