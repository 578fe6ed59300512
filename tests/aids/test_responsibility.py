"""The responsibility decision (pure: no database): every situation code with the clause quoted, and the facts
that change the answer (another region's hospital, a private hospital, a citizen unknown at the hospital)."""

import pytest

from aids.responsibility import (
    NOT_KNOWN_TEXT,
    OTHER_REGION_TEXT,
    PRIVATE_TEXT,
    Party,
    Situation,
    UnknownSituation,
    decide,
)

H, M, R = Party.HOSPITAL, Party.MUNICIPALITY, Party.REGION

CASES = [
    ("implanted", H, H, "1.1", "som indopereres som led i behandlingen på hospital"),
    (
        "hospital_treatment",
        H,
        H,
        "1.1",
        "typisk er under kontrol af hospitalet indtil tilstanden er stationær",
    ),
    (
        "apparatus_at_home",
        H,
        H,
        "1.1",
        "A) patienten har fået undervisning i brug af apparaturet på hospital",
    ),
    ("awaiting_treatment", H, H, "1.1", "imens patienten venter på hospitalsbehandling"),
    ("training_in_hospital", H, H, "1.1", "træning af en patient under indlæggelse på hospital"),
    (
        "specialised_rehab",
        H,
        M,
        "1.1",
        "Hospitalerne har leveringsforpligtelsen vedr. hjælpemidler, mens kommunerne",
    ),
    ("general_rehab", M, M, "1.2", "Det er ligeledes kommunens opgave at tilvejebringe hjælpemidlerne."),
    ("lasting_reduced_function", M, M, "1.2", "følger af en varig nedsat funktionsevne"),
    ("home_nursing", M, M, "1.2", "nødvendige til opstart og gennemførelse af hjemmesygepleje"),
    ("staff_work_environment", M, M, "1.2", "(APV-hjælpemidler)"),
    ("hospice_aid", M, M, "1.4", "bevilger kommunen hjælpemidler"),
    ("hospice_treatment_tool", H, R, "1.4", "mens regionen udlåner behandlingsredskaber"),
]


@pytest.mark.parametrize(("code", "delivers", "pays", "section", "quote"), CASES, ids=[c[0] for c in CASES])
def test_every_situation_is_decided_with_its_clause(
    code: str, delivers: Party, pays: Party, section: str, quote: str
) -> None:
    decision = decide(code)

    assert (decision.delivers, decision.pays) == (delivers, pays)
    assert decision.section.startswith(section)
    assert quote in decision.reason
    assert decision.reason.startswith(("Hospitalet leverer, fordi", "Kommunen leverer, fordi"))


def test_the_table_covers_every_code_of_the_api() -> None:
    assert {c[0] for c in CASES} == {s.value for s in Situation}


def test_a_patient_of_another_regions_hospital_borrows_from_the_local_hospital() -> None:
    decision = decide("hospital_treatment", treated_at="other_region")

    assert decision.delivers == Party.HOSPITAL
    assert decision.hospital == "local"
    assert OTHER_REGION_TEXT in decision.reason


def test_a_private_hospitals_patient_borrows_from_the_private_hospital() -> None:
    decision = decide("hospital_treatment", treated_at="private")

    assert decision.delivers == Party.PRIVATE_HOSPITAL
    assert decision.pays == Party.REGION
    assert "udlånes af det private hospital" in decision.reason
    assert decision.reason.startswith("Privathospitalet leverer, fordi")


def test_a_special_agreement_moves_larger_aids_back_to_the_regional_hospital() -> None:
    decision = decide("apparatus_at_home", treated_at="private", private_special_agreement=True)

    assert decision.delivers == Party.HOSPITAL
    assert PRIVATE_TEXT in decision.reason


def test_specialised_rehab_at_a_private_hospital_is_still_paid_by_the_municipality() -> None:
    assert decide("specialised_rehab", treated_at="private").pays == Party.MUNICIPALITY


def test_the_hospital_does_not_lend_to_a_citizen_it_does_not_know() -> None:
    decision = decide("awaiting_treatment", known_at_hospital=False)

    assert (decision.delivers, decision.pays) == (Party.NONE, Party.NONE)
    assert NOT_KNOWN_TEXT in decision.reason
    assert decision.reason.startswith("Hospitalet leverer ikke, fordi")


def test_the_facts_do_not_move_a_municipal_responsibility() -> None:
    decision = decide("home_nursing", treated_at="private", known_at_hospital=False)

    assert (decision.delivers, decision.pays) == (Party.MUNICIPALITY, Party.MUNICIPALITY)


def test_an_unknown_code_names_the_valid_ones() -> None:
    with pytest.raises(UnknownSituation) as error:
        decide("teleport")

    assert "general_rehab" in str(error.value)
    assert "hospice_treatment_tool" in str(error.value)
