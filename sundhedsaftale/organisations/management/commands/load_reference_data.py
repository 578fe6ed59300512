"""``manage.py load_reference_data``: the region's organisations and the annexes' contact data (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from sundhedsaftale.deadlines.reference_data import rule_set_adoptions_load
from sundhedsaftale.organisations.models import Contact, Organisation
from sundhedsaftale.organisations.reference_data import reference_data_load


class Command(BaseCommand):
    help = (
        "Indlæser Region Midtjyllands organisationer (klynger, hospitaler, afdelinger, kommuner) og bilagenes "
        "kontaktdata. Eksisterende rækker og senere rettede kontaktdata bevares."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = reference_data_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Referencedata: {created['organisations']} nye organisationer, {created['contacts']} nye kontakter."
            )
        )
        adoptions = rule_set_adoptions_load()
        self.stdout.write(f"Regelsæt: {adoptions} nye klyngevalg (2021-aftalen fra 1. juni 2021).")
        counts = ", ".join(
            f"{Organisation.objects.filter(kind=kind).count()} {label.lower()}"
            for kind, label in Organisation.Kind.choices
        )
        self.stdout.write(f"I alt: {counts}; {Contact.objects.count()} kontakter.")
