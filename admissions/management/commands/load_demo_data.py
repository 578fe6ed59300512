"""``manage.py load_demo_data``: generated citizens, their courses through every area, and one log-in per role.

Runs the areas' demo loaders (``demo_loader`` on their AppConfig) by ``demo_order`` (admissions, then the apps
that build on it), then one deadline scan so the warnings and breaches the data implies are in the alert
inboxes. Idempotent.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from admissions.demo import DEMO_PASSWORD_DEFAULT, DEMO_PASSWORD_ENV, demo_logins, demo_password
from sundhedsaftale.areas import demo_loaders
from sundhedsaftale.deadlines.catalogue import rule_set_for
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Indlæser demodata (opdigtede borgere med forløb) og én demobruger pr. rolle. Kan køres flere gange."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        try:
            with transaction.atomic():
                for load in demo_loaders():
                    load(now=now)
        except ValidationError as error:
            raise CommandError(f"{DEMO_PASSWORD_ENV} kan ikke bruges: " + " ".join(error.messages)) from error
        scan_due(now=timezone.now())
        self._rule_sets(now)
        logins = demo_logins()
        password = demo_password()
        shown = password if password == DEMO_PASSWORD_DEFAULT else f"(fra {DEMO_PASSWORD_ENV})"
        width = max(len(username) for username, _ in logins)
        self.stdout.write(self.style.SUCCESS(f"Demodata er klar. Log ind på {URL}"))
        self.stdout.write(f"Adgangskode for alle demobrugere: {shown}\n")
        self.stdout.write(f"{'Brugernavn'.ljust(width)}  Rolle og organisation")
        self.stdout.write(f"{'-' * width}  {'-' * 40}")
        for username, description in logins:
            self.stdout.write(f"{username.ljust(width)}  {description}")

    def _rule_sets(self, now: Any) -> None:
        """Say which agreement each cluster works by today: the demo puts one back on 2008 so both show."""
        day = local_date(now)
        rows = [
            f"{cluster.name}: {rule_set_for(on=day, organisation=cluster).code}"
            for cluster in Organisation.objects.filter(kind=Organisation.Kind.CLUSTER).order_by("name")
        ]
        self.stdout.write(
            "Regelsæt i dag (2021 = samarbejdsaftalen med aftalt udskrivningstidspunkt, 2008 = faste "
            "varslingsfrister; demodata sætter Klynge Aarhus tilbage på 2008): " + "; ".join(rows)
        )
