"""Demo and test data of the MedCom area: the receivers the official MedCom test examples address, registered as
units of a municipality in the region, so the examples can be received as they are."""

from datetime import datetime

from django.db import transaction

from sundhedsaftale.organisations.models import Organisation

# SOR code → (name, GLN) of every receiver in the MedCom test examples (tests/medcom/data/).
EXAMPLE_RECEIVERS: dict[str, tuple[str, str]] = {
    "953741000016009": ("Plejecenter Herlev", "5790001348120"),
    "330461000016004": ("Sundhedsplejen", "5790001353308"),
    "325251000016005": ("Hjemmeplejen Syd", "5790000121526"),
    "382871000016004": ("Visitationen", "5790001387419"),
    "1017421000016003": ("Hjemmesygeplejen", "5790002408496"),
}
EXAMPLE_MUNICIPALITY = "751"  # Aarhus


@transaction.atomic
def example_receivers_register(*, municipality_code: str = EXAMPLE_MUNICIPALITY) -> list[Organisation]:
    """Register the examples' receivers as units of the municipality (idempotent); return them."""
    municipality = Organisation.objects.get(code=municipality_code)
    units = []
    for sor, (name, gln) in EXAMPLE_RECEIVERS.items():
        unit, _created = Organisation.objects.update_or_create(
            code=f"SOR-{sor}",
            defaults={
                "kind": Organisation.Kind.MUNICIPAL_UNIT,
                "name": f"{name}, {municipality.name}",
                "parent": municipality,
                "sor_code": sor,
                "gln": gln,
            },
        )
        units.append(unit)
    return units


def load(*, now: datetime) -> None:
    example_receivers_register()
