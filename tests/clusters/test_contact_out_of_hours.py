"""The contact list's out-of-hours nursing numbers (akut sygepleje aften og nat) and where each number is from:
the reference data is the 2008 agreement's annexes, which print no out-of-hours numbers, so every municipality
says "ikke oplyst" until the regional secretariat enters one; no number is made up."""

import pytest
from django.test import Client

from sundhedsaftale.organisations.models import Contact, Organisation
from sundhedsaftale.organisations.reference_data import contact_source_years_apply

pytestmark = pytest.mark.django_db

OUT_OF_HOURS = "/kontakter/?formaal=out_of_hours"


def sections(html: str) -> dict[str, str]:
    """Each organisation's section of the page by its name."""
    parts = html.split('<section class="app-contact"')[1:]
    return {part.split('">', 2)[2].split("\n")[0].strip(): part for part in parts}


def test_the_reference_data_holds_no_out_of_hours_number() -> None:
    assert not Contact.objects.filter(purpose=Contact.Purpose.OUT_OF_HOURS).exists()


def test_every_municipality_says_its_out_of_hours_number_is_not_known() -> None:
    html = Client().get(OUT_OF_HOURS).content.decode()

    assert html.count("app-out-of-hours-unknown") == 19
    assert "ikke oplyst" in sections(html)["Aarhus"] and "19 organisationer" in html


def test_a_number_the_secretariat_entered_is_shown_and_not_marked_as_from_the_annex() -> None:
    randers = Organisation.objects.get(code="730")
    Contact.objects.create(
        organisation=randers,
        purpose=Contact.Purpose.OUT_OF_HOURS,
        label="Randers Kommune, akut sygepleje",
        phone="1234 5678",
    )

    found = sections(Client().get(OUT_OF_HOURS).content.decode())

    assert "1234 5678" in found["Randers"] and "ikke oplyst" not in found["Randers"]
    assert "Fra bilaget" not in found["Randers"]
    assert "ikke oplyst" in found["Aarhus"]


def test_the_annex_numbers_say_they_are_from_the_2008_annex() -> None:
    aarhus = sections(Client().get("/kontakter/?q=Aarhus").content.decode())["Aarhus"]

    row = aarhus.split("8940 2222")[0].rsplit("<tr>", 1)[1]
    assert "Fra bilaget 2008" in row
    assert "ikke oplyst" in aarhus  # the full list also names the missing out-of-hours number


def test_only_contacts_still_as_the_annex_printed_them_are_marked() -> None:
    changed = Contact.objects.get(organisation__code="751", purpose=Contact.Purpose.CITIZEN)
    changed.phone, changed.source_year = "8940 0000", None
    changed.save()

    contact_source_years_apply()

    changed.refresh_from_db()
    assert changed.source_year is None
    assert Contact.objects.filter(source_year=2008).count() == Contact.objects.count() - 1


def test_the_filter_for_another_purpose_does_not_add_the_out_of_hours_line() -> None:
    html = Client().get("/kontakter/?formaal=rehab").content.decode()

    assert "app-out-of-hours-unknown" not in html
