"""Bad CPR numbers where a person enters a citizen: the admission form and the admission API refuse each one
(wrong length, a date that does not exist, a letter where a digit belongs, digits of another script) with a
Danish reason and a 400, and no citizen, course or audit row is written."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import member, organisation_get

pytestmark = pytest.mark.django_db

BAD_CPR = [
    pytest.param("01019012", id="eight-digits"),
    pytest.param("010190-12345", id="eleven-digits"),
    pytest.param("", id="empty"),
    pytest.param("310290-1234", id="31-february"),
    pytest.param("2902971234", id="29-february-not-leap-year"),
    pytest.param("0113901234", id="month-13"),
    pytest.param("0001901234", id="day-zero"),
    pytest.param("01019A1234", id="letter-in-birth-date"),
    pytest.param("0101901A34", id="letter-in-sequence"),
    pytest.param("010190ABCD", id="four-letters"),
    pytest.param("０１０１９０１２３４", id="full-width-digits"),
    pytest.param("٠١٠١٩٠١٢٣٤", id="arabic-indic-digits"),
    pytest.param("0101 90 12 34 <b>", id="markup"),
]


def _counts() -> dict[str, int]:
    labels = ("citizens.Citizen", "admissions.Course", "admissions.Stay", "auditlog.LogEntry")
    return {label: apps.get_model(label).objects.count() for label in labels}


@pytest.fixture
def ward() -> User:
    return member("ward_staff", "AUH-ORT")


@pytest.mark.parametrize("cpr", BAD_CPR)
def test_the_admission_form_refuses_a_bad_cpr_in_danish(ward: User, cpr: str) -> None:
    client = Client()
    client.force_login(ward)
    before = _counts()

    response = client.post(
        "/indlaeggelse/ny/",
        {
            "cpr": cpr,
            "name": "Else Testesen",
            "municipality": organisation_get("751").pk,
            "kind": "acute",
            "department": organisation_get("AUH-ORT").pk,
            "admitted_at": timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%d.%m.%Y %H.%M"),
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "CPR" in page and "<b>" not in page
    assert _counts() == before


@pytest.mark.parametrize("cpr", BAD_CPR)
def test_the_admission_api_refuses_a_bad_cpr_with_a_json_400(ward: User, cpr: str) -> None:
    client = APIClient()
    client.force_authenticate(ward)
    before = _counts()

    response = client.post(
        "/api/v1/admissions/",
        {
            "cpr": cpr,
            "name": "Else Testesen",
            "municipality": "751",
            "kind": "acute",
            "department": "AUH-ORT",
            "admitted_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["cpr"] and errors["cpr"][0].endswith(".")  # a Danish sentence about the CPR
    assert _counts() == before
