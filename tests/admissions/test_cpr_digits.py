"""CPR numbers are ASCII digits only: a CPR typed with other digits (full-width, Arabic-Indic, ...) is refused
with a Danish reason everywhere it enters, so it never becomes a second citizen beside the real one."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from admissions.models import Course
from sundhedsaftale.citizens.cpr import cpr_validate
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.errors import DomainError
from tests.factories import CitizenFactory, organisation_get

DIGITS_MESSAGE = "CPR-nummeret må kun indeholde cifrene 0–9."
TODAY = datetime(2026, 6, 1, 12, tzinfo=UTC)
FOREIGN = str.maketrans("0123456789", "０１２３４５６７８９")
pytestmark = pytest.mark.django_db
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("０４１０８０３７３８", id="full-width"),
        pytest.param("٠٤١٠٨٠٣٧٣٨", id="arabic-indic"),
        pytest.param("۰۴۱۰۸۰۳۷۳۸", id="extended-arabic-indic"),
        pytest.param("०४१०८०३७३८", id="devanagari"),
        pytest.param("041080-３７３８", id="mixed-with-dash"),
        pytest.param("٠٤١٠٨٠1AB2", id="replacement-cpr-arabic-birth-date"),
        pytest.param("0410801AB２", id="replacement-cpr-full-width-last-digit"),
    ],
)
def test_a_cpr_with_other_than_ascii_digits_is_refused_in_danish(value: str) -> None:
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as raised:
        cpr_validate(value)

    assert raised.value.code == "cpr_digits"
    assert raised.value.messages == [DIGITS_MESSAGE]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("0101605123", "cpr_date", id="born-1860"),
        pytest.param("3112695123", "cpr_date", id="born-1869"),
    ],
)
def test_a_cpr_with_an_implausible_birth_year_is_refused(value: str, code: str) -> None:
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as raised:
        cpr_validate(value)

    assert raised.value.code == code
    assert "fødselsdato" in raised.value.messages[0]


@pytest.mark.parametrize("digits", [FOREIGN, ARABIC], ids=["full-width", "arabic-indic"])
def test_admitting_an_admitted_citizen_with_other_digits_creates_no_second_citizen(admit, digits) -> None:
    first = admit()

    with pytest.raises(DomainError) as raised:
        admit(cpr=first.citizen.cpr.translate(digits))

    assert (raised.value.field, raised.value.message) == ("cpr", DIGITS_MESSAGE)
    assert Citizen.objects.count() == 1 and Course.objects.count() == 1


def test_the_api_refuses_a_full_width_cpr_with_a_400_json_body(api_client, ward) -> None:
    citizen = CitizenFactory.create()
    api_client.force_authenticate(ward)

    response = api_client.post(
        "/api/v1/admissions/",
        {
            "cpr": citizen.cpr.translate(FOREIGN),
            "name": citizen.name,
            "municipality": "751",
            "kind": "acute",
            "department": "AUH-ORT",
            "admitted_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"cpr": [DIGITS_MESSAGE]}
    assert Citizen.objects.count() == 1 and not Course.objects.exists()


def test_the_admit_form_refuses_a_full_width_cpr_in_danish(client, ward) -> None:
    client.force_login(ward)

    response = client.post(
        "/indlaeggelse/ny/",
        {
            "cpr": "０４１０８０-３７３８",
            "name": "Else Testesen",
            "municipality": organisation_get("751").pk,
            "kind": "acute",
            "department": organisation_get("AUH-ORT").pk,
            "admitted_at": timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%d.%m.%Y %H.%M"),
        },
    )

    assert response.status_code == 400
    assert DIGITS_MESSAGE in response.content.decode()
    assert not Citizen.objects.exists()


def test_searching_with_other_digits_does_not_find_the_citizen_by_cpr() -> None:
    citizen = CitizenFactory.create()

    assert list(Citizen.objects.search(citizen.cpr[:6])) == [citizen]
    assert not Citizen.objects.search(citizen.cpr[:6].translate(FOREIGN)).exists()


def test_the_database_refuses_a_cpr_that_is_not_ascii_digits() -> None:
    citizen = CitizenFactory.create()

    with pytest.raises(IntegrityError), transaction.atomic():
        Citizen.objects.filter(pk=citizen.pk).update(cpr=citizen.cpr.translate(FOREIGN))
    with transaction.atomic():
        Citizen.objects.filter(pk=citizen.pk).update(cpr=citizen.cpr[:6] + "1AB2")
