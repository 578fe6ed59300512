"""Demo data of admissions: reference data, practices, one log-in per role, background citizens and the
wards' current citizens (admitted through the services). ``manage.py load_demo_data`` runs ``load`` and
then the higher apps' loaders (``demo_loader`` by ``demo_order`` on their AppConfigs), which build on the
courses made here.

Every person here is generated, never a real one (see ``admissions.demo.people``).
"""

import os
import random
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from admissions.demo.people import (
    FEMALE_NAMES,
    MALE_NAMES,
    SURNAMES,
    citizens_load,
    cpr_fake,
    practices_load,
)
from admissions.demo.wards import WARD_USERS, demo_course, demo_user, demo_visitation, ward_stays_load
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.reference_data import reference_data_load
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.organisations.services import member_create

__all__ = [
    "DEMO_PASSWORD_DEFAULT",
    "DEMO_PASSWORD_ENV",
    "FEMALE_NAMES",
    "MALE_NAMES",
    "SURNAMES",
    "WARD_USERS",
    "cpr_fake",
    "demo_course",
    "demo_data_load",
    "demo_logins",
    "demo_password",
    "demo_user",
    "demo_visitation",
    "load",
]

DEMO_PASSWORD_ENV = "SUNDHEDSAFTALE_DEMO_PASSWORD"
DEMO_PASSWORD_DEFAULT = "demo-adgang-2026"
# One generator for every random value of the demo, drawn in a fixed order: the same data on every run.
DEMO_SEED = 2026

# (username, role, organisation code). Departments fall back to another department of the same hospital.
DEMO_MEMBERS: list[tuple[str, Role, str]] = [
    ("afdeling.auh", Role.WARD_STAFF, "AUH-ORT"),
    ("afdeling.rhr", Role.WARD_STAFF, "RHR-MED"),
    ("afdeling.hev", Role.WARD_STAFF, "HEV-MED"),
    ("visitation.aarhus", Role.VISITATION, "751"),
    ("visitation.randers", Role.VISITATION, "730"),
    ("visitation.herning", Role.VISITATION, "657"),
    ("laege.aarhus", Role.GP, "012345"),
    ("styregruppe.aarhus", Role.STEERING_GROUP, "klynge-aarhus"),
    ("region.admin", Role.REGIONAL_ADMIN, "1082"),
    ("integration.auh", Role.INTEGRATION, "AUH"),
]
SUPERUSER = "drift"


def _organisation_code(code: str) -> str:
    """The code itself, or for a department that does not exist another department of the same hospital."""
    if Organisation.objects.filter(code=code).exists():
        return code
    hospital_code = code.split("-", 1)[0]
    fallback = (
        Organisation.objects.filter(kind="department", department_kind="somatic", parent__code=hospital_code)
        .order_by("code")
        .first()
    )
    return fallback.code if fallback else hospital_code


def _users(password: str) -> None:
    for username, role, code in DEMO_MEMBERS:
        member_create(
            username=username, password=password, organisation_code=_organisation_code(code), role=role
        )
    user_model = get_user_model()
    superuser = user_model.objects.filter(username=SUPERUSER).first() or user_model(username=SUPERUSER)
    validate_password(password, superuser)
    superuser.is_staff = superuser.is_superuser = True
    superuser.set_password(password)
    superuser.save()


def demo_logins() -> list[tuple[str, str]]:
    """Return ``(username, description)`` of the demo log-ins, in the order of ``DEMO_MEMBERS``."""
    user_model = get_user_model()
    logins: list[tuple[str, str]] = []
    for username, role, _code in DEMO_MEMBERS:
        user = user_model.objects.get(username=username)
        membership = user.memberships.select_related("organisation__parent").get(role=role)
        logins.append((username, f"{role.label} · {membership.organisation}"))
    logins.append((SUPERUSER, "Superbruger (drift): administrationen og driften, ingen borgerdata"))
    return logins


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_ENV) or DEMO_PASSWORD_DEFAULT


@transaction.atomic
def load(*, now: datetime) -> None:
    """Load the reference data, the demo users, ~30 background citizens and the wards' current citizens.

    Idempotent: citizens are keyed by their (deterministic) CPR, the wards' courses by their episode-of-care
    id, users by username; a second run adds nothing and only resets the demo passwords.
    """
    reference_data_load()
    practices_load()  # before the users: laege.aarhus is a member of a demo practice
    _users(demo_password())
    rng = random.Random(DEMO_SEED)
    taken = citizens_load(rng=rng, now=now)
    ward_stays_load(rng=rng, now=now, taken=taken)


def demo_data_load(*, now: datetime | None = None) -> list[tuple[str, str]]:
    """Run ``load`` and return the demo log-ins (admissions' part of the demo only)."""
    load(now=now or timezone.now())
    return demo_logins()
