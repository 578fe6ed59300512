"""The citizen search (``/borgere/?q=``): a name part matches anywhere in the name, in any case, Danish letters
included, and only among the citizens the user may read. A hospital's and a practice's search take another
query shape on PostgreSQL than a municipality's (``CitizenQuerySet.visible_to_for_search``); both are walked."""

import pytest
from django.db import connection
from django.test import Client

from sundhedsaftale.citizens.models import Citizen
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member, organisation_get

pytestmark = pytest.mark.django_db

#: who searches, at which organisation: a municipality, a hospital's ward and a practice
SEARCHERS = [
    pytest.param("visitation", "751", id="municipality"),
    pytest.param("ward_staff", "AUH-ORT", id="ward"),
    pytest.param("gp", "practice", id="practice"),
]

#: the case of æ, ø and å themselves: PostgreSQL's UPPER folds them; SQLite's LIKE folds ASCII letters only
#: (the embedded default's known limit, left as it is)
CASE_OF_DANISH_LETTERS = [
    pytest.param(
        text,
        marks=pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's LIKE folds ASCII only"),
    )
    for text in ["SØREN", "ærø", "ÆRØ", "ågård", "åGÅRD", "ren ærø"]
]


def _searcher(role: str, code: str, practice_code: str) -> Client:
    client = Client()
    client.force_login(member(role, practice_code if code == "practice" else code))
    return client


def _citizens() -> tuple[Citizen, Citizen, str]:
    """Søren Ærø Ågård lives in Aarhus, has a stay at AUH and is listed with a practice; his namesake lives in
    Randers with a stay at RHR and no GP: nobody searching here may find the namesake."""
    practice = PracticeFactory.create()
    soren = CitizenFactory.create(name="Søren Ærø Ågård", gp_practice=practice)
    CourseFactory.create(at="AUH-ORT", citizen=soren)
    namesake = CitizenFactory.create(name="Søren Ærø Ågård", municipality=organisation_get("730"))
    CourseFactory.create(at="RHR-MED", citizen=namesake)
    return soren, namesake, practice.code


def _found(client: Client, text: str) -> list[int]:
    response = client.get("/borgere/", {"q": text})
    assert response.status_code == 200
    return [citizen.pk for citizen in response.context["results"]]


@pytest.mark.parametrize(("role", "code"), SEARCHERS)
@pytest.mark.parametrize("text", ["søren", "SøREN", "Ågård søren", *CASE_OF_DANISH_LETTERS])
def test_a_name_part_finds_the_citizen_in_any_case_danish_letters_included(
    role: str, code: str, text: str
) -> None:
    # given a citizen with æ, ø and å in his name, and a namesake the searcher may not read
    soren, _, practice_code = _citizens()
    # when the searcher types a part of the name in another case
    found = _found(_searcher(role, code, practice_code), text)
    # then the citizen is found, the namesake is not
    assert found == [soren.pk]


@pytest.mark.parametrize(("role", "code"), SEARCHERS)
def test_a_name_nobody_visible_has_finds_nobody(role: str, code: str) -> None:
    _, _, practice_code = _citizens()
    assert _found(_searcher(role, code, practice_code), "Åse") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists on PostgreSQL only")
def test_on_postgresql_the_name_search_has_a_trigram_index() -> None:
    # The search for a rare name part reads the index instead of every citizen (bench/README.md).
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Citizen._meta.db_table)
    assert "citizen_name_upper_trgm" in indexes
    assert "citizen_by_name" in indexes
