"""Looking ICD-10 and SKS codes up while writing the plan: by the start of the code or by words of the Danish
title; signed-in users only, throttled, and bad input is a 400, never a 500."""

from typing import cast

import pytest
from django.conf import LazySettings
from django.contrib.auth.models import User
from django.test import Client

from rehab.code_search import code_search
from tests.factories import member

pytestmark = pytest.mark.django_db
URL = "/genoptraening/koder/"


@pytest.fixture
def nurse(db: None) -> User:
    return member("ward_staff", "AUH-ORT")


@pytest.mark.parametrize(
    ("kind", "query", "first"),
    [
        pytest.param("icd10", "s72", "S72.0", id="code-prefix-any-case"),
        pytest.param("icd10", "DS721", "S72.1", id="sks-d-code-without-dot"),
        pytest.param("icd10", "S72.3", "S72.3", id="code-with-dot"),
        pytest.param("icd10", "lårbenshals", "S72.0", id="word-with-å"),
        pytest.param("icd10", "FØLGER apopleksi", "I69.4", id="words-any-case-with-ø"),
        pytest.param("sks", "knfb", "KNFB", id="sks-code"),
        pytest.param("sks", "knæled", "KNGB", id="sks-word-with-æ"),
    ],
)
def test_codes_match_by_code_and_by_words(kind: str, query: str, first: str) -> None:
    assert code_search(query=query, kind=kind)[0].code == first  # type: ignore[arg-type]


def test_a_word_finds_every_code_whose_title_holds_it_and_nothing_else() -> None:
    codes = [code.code for code in code_search(query="hofte", kind="icd10")]
    assert "M16.9" in codes and "S70.0" in codes  # Hofteartrose UNS, Kontusion af hofte
    assert all("hofte" in code.title.casefold() for code in code_search(query="hofte", kind="icd10"))
    assert code_search(query="   ", kind="icd10") == []
    assert code_search(query="zzzz", kind="icd10") == []


def test_htmx_gets_the_matches_as_choices(client: Client, nurse: User) -> None:
    client.force_login(nurse)
    response = client.get(URL, {"q": "lårbenshals", "kind": "icd10"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'data-code-pick="S72.0"' in body and "Brud på lårbenshals" in body


def test_without_javascript_the_search_page_lists_the_matches(client: Client, nurse: User) -> None:
    client.force_login(nurse)
    response = client.get(URL, {"q": "S72", "kind": "icd10"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body and "Pertrokantært brud" in body
    assert (
        "Ingen koder i listen matcher »xyz«"
        in client.get(URL, {"q": "xyz", "kind": "icd10"}).content.decode()
    )


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"q": "S" * 10_000, "kind": "icd10"}, id="huge"),
        pytest.param({"q": "S72", "kind": "cpr"}, id="unknown-list"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "page"])
def test_bad_input_is_refused_with_400(
    client: Client, nurse: User, params: dict[str, str], htmx: bool
) -> None:
    client.force_login(nurse)
    response = client.get(URL, params, headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == 400
    assert "Søgningen kan ikke bruges" in response.content.decode()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "page"])
def test_a_nul_byte_is_refused_with_400(client: Client, nurse: User, htmx: bool) -> None:
    client.force_login(nurse)  # the request guard refuses it before the view (the project's 400 page)
    response = client.get(
        URL, {"q": "S72\x00", "kind": "icd10"}, headers={"HX-Request": "true"} if htmx else {}
    )
    assert response.status_code == 400


def test_the_lookup_needs_a_login(client: Client) -> None:
    response = client.get(URL, {"q": "S72", "kind": "icd10"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_lookup_is_throttled_per_user(client: Client, nurse: User, settings: LazySettings) -> None:
    framework = dict(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"] = {
        **cast(dict[str, str], framework["DEFAULT_THROTTLE_RATES"]),
        "user": "3/min",
    }
    settings.REST_FRAMEWORK = framework
    client.force_login(nurse)
    statuses = [client.get(URL, {"q": "S72", "kind": "icd10"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
