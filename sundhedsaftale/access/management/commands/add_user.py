"""``manage.py add_user USERNAME --organisation CODE --role ROLE``: create a member of an organisation."""

import getpass
import os
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.organisations.services import MemberError, member_check, member_create

PASSWORD_ENV = "SUNDHEDSAFTALE_PASSWORD"


class Command(BaseCommand):
    help = (
        "Opretter en bruger som medlem af en organisation med en rolle (eller tilføjer medlemskabet til en "
        f"eksisterende bruger). Adgangskoden læses fra {PASSWORD_ENV} eller spørges om interaktivt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="brugernavn")
        parser.add_argument(
            "--organisation",
            required=True,
            metavar="CODE",
            help="organisationens kode: kommunekode (751), ydernummer, afdelingskode (AUH-ORT), klynge-aarhus, 1082",
        )
        parser.add_argument("--role", required=True, metavar="ROLE", help="rolle: " + ", ".join(Role.values))
        parser.add_argument("--lead", action="store_true", help="leder: modtager eskalerede advarsler")
        parser.add_argument("--email", default="", help="e-mailadresse")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"].strip()
        if not username:
            raise CommandError("Brugernavnet må ikke være tomt.")
        try:
            organisation = member_check(organisation_code=options["organisation"], role=options["role"])
        except MemberError as error:
            raise CommandError(str(error)) from error
        exists = get_user_model().objects.filter(username=username).exists()
        # An existing user keeps the password; only the membership is added.
        password = None if exists else self._password()
        try:
            member_create(
                username=username,
                password=password,
                organisation_code=organisation.code,
                role=options["role"],
                is_lead=options["lead"],
                email=options["email"],
            )
        except ValidationError as error:
            raise CommandError("Adgangskoden kan ikke bruges: " + " ".join(error.messages)) from error
        except MemberError as error:
            raise CommandError(str(error)) from error
        role = Role(options["role"]).label
        if exists:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{username} findes allerede: medlemskab tilføjet ({role}, {organisation})."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{username} oprettet: {role}, {organisation}."))

    def _password(self) -> str:
        if password := os.environ.get(PASSWORD_ENV):
            return password
        try:
            first = getpass.getpass("Adgangskode: ")
            second = getpass.getpass("Adgangskode (igen): ")
        except (EOFError, KeyboardInterrupt) as error:
            raise CommandError(
                f"Ingen adgangskode angivet (sæt {PASSWORD_ENV} eller svar på spørgsmålet)."
            ) from error
        if not first:
            raise CommandError("Adgangskoden må ikke være tom.")
        if first != second:
            raise CommandError("De to adgangskoder er ikke ens.")
        return first
