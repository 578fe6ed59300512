"""The region's reference data: organisations and contact lists from the agreement annexes, loaded once and
never overwriting the regional secretariat's edits."""

import json
from datetime import time
from pathlib import Path
from typing import Any

from django.db import transaction

from sundhedsaftale.organisations.models import Contact, OpeningHours, Organisation

REFERENCE_DATA = Path(__file__).parent / "data" / "region_midtjylland.json"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ModelSet:
    """The model classes to load into: the real ones, or a migration's historical ones."""

    def __init__(
        self, organisation: Any = Organisation, contact: Any = Contact, opening_hours: Any = OpeningHours
    ):
        self.organisation, self.contact, self.opening_hours = organisation, contact, opening_hours


def _organisation(m: ModelSet, code: str, kind: str, name: str, **fields: Any) -> tuple[Any, bool]:
    return m.organisation.objects.get_or_create(code=code, defaults={"kind": kind, "name": name, **fields})


def _kind(m: ModelSet, department: dict[str, Any]) -> dict[str, Any]:
    """The department's kind (somatic unless the data says psychiatry or child and adolescent psychiatry); left
    out for a migration's historical model from before the field existed."""
    field_names = {field.name for field in m.organisation._meta.get_fields()}
    if "department_kind" not in field_names:
        return {}
    return {"department_kind": department.get("department_kind", "somatic")}


def department_kinds_apply(*, data: dict[str, Any] | None = None, models: ModelSet | None = None) -> int:
    """Set the kind of the reference data's non-somatic departments that are still marked somatic (the
    default every department got when the field arrived); returns how many changed."""
    data = data if data is not None else json.loads(REFERENCE_DATA.read_text(encoding="utf-8"))
    m = models or ModelSet()
    changed = 0
    for entry in data["hospitals"]:
        for department in entry["departments"]:
            kind = department.get("department_kind", "somatic")
            if kind != "somatic":
                changed += m.organisation.objects.filter(
                    code=department["code"], kind="department", department_kind="somatic"
                ).update(department_kind=kind)
    return changed


def _source_year(m: ModelSet, data: dict[str, Any]) -> dict[str, Any]:
    """The year of the annexes the contacts come from; left out for a migration's historical model from before
    the field existed."""
    if "source_year" not in {field.name for field in m.contact._meta.get_fields()}:
        return {}
    return {"source_year": data.get("annex_year")}


def _contacts(m: ModelSet, organisation: Any, contacts: list[dict[str, Any]], **extra: Any) -> int:
    # Contact data is edited by the regional secretariat after the first load: never overwrite it.
    if organisation.contacts.exists():
        return 0
    for entry in contacts:
        contact = m.contact.objects.create(
            organisation=organisation,
            purpose=entry["purpose"],
            label=entry["label"],
            phone=entry.get("phone", ""),
            email=entry.get("email", ""),
            address=entry.get("address", ""),
            notes=entry.get("notes", ""),
            **extra,
        )
        m.opening_hours.objects.bulk_create(
            m.opening_hours(
                contact=contact,
                weekday=day,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )
            for day, name in enumerate(WEEKDAYS)
            for opens, closes in entry.get("opening_hours", {}).get(name, [])
        )
    return len(contacts)


@transaction.atomic
def reference_data_load(
    *, data: dict[str, Any] | None = None, models: ModelSet | None = None
) -> dict[str, int]:
    """Create the region, clusters, hospitals, departments, municipalities and their contacts from the
    annexes' data. Existing rows (and contact data edited since) are left as they are; returns counts created."""
    data = data if data is not None else json.loads(REFERENCE_DATA.read_text(encoding="utf-8"))
    m = models or ModelSet()
    created = {"organisations": 0, "contacts": 0}
    region, new = _organisation(m, data["region"]["code"], "region", data["region"]["name"])
    created["organisations"] += new
    hospitals: dict[str, Any] = {}
    for entry in data["hospitals"]:
        hospital, new = _organisation(
            m,
            entry["code"],
            "hospital",
            entry["name"],
            parent=region,
            address=entry.get("address", ""),
            phone=entry.get("phone", ""),
        )
        hospitals[entry["code"]] = hospital
        created["organisations"] += new
        for department in entry["departments"]:
            created["organisations"] += _organisation(
                m,
                department["code"],
                "department",
                department["name"],
                parent=hospital,
                **_kind(m, department),
            )[1]
    cluster_of: dict[str, Any] = {}
    for entry in data["clusters"]:
        cluster, new = _organisation(m, f"klynge-{entry['code']}", "cluster", entry["name"], parent=region)
        created["organisations"] += new
        hospital = hospitals[entry["hospital"]]
        if hospital.cluster_id is None:
            hospital.cluster = cluster
            hospital.save(update_fields=["cluster"])
        for code in entry["municipalities"]:
            cluster_of[code] = cluster
    for entry in data["municipalities"]:
        municipality, new = _organisation(
            m,
            entry["code"],
            "municipality",
            entry["name"],
            parent=region,
            cluster=cluster_of[entry["code"]],
            inhabitants=entry.get("inhabitants"),
            address=entry.get("address", ""),
            email=entry.get("email", ""),
        )
        created["organisations"] += new
        created["contacts"] += _contacts(m, municipality, entry.get("contacts", []), **_source_year(m, data))
    by_hospital: dict[str, list[dict[str, Any]]] = {}
    for entry in data.get("hospital_contacts", []):
        by_hospital.setdefault(entry["hospital"], []).append(entry)
    for code, contacts in by_hospital.items():
        created["contacts"] += _contacts(m, hospitals[code], contacts, **_source_year(m, data))
    return created


def contact_source_years_apply(*, data: dict[str, Any] | None = None, models: ModelSet | None = None) -> int:
    """Mark the contacts that are still as the annexes printed them (same organisation, purpose, unit and phone)
    with the annexes' year; returns how many. Contacts the secretariat has changed stay unmarked."""
    data = data if data is not None else json.loads(REFERENCE_DATA.read_text(encoding="utf-8"))
    m = models or ModelSet()
    year = data.get("annex_year")
    entries = [
        (entry["code"], contact) for entry in data["municipalities"] for contact in entry.get("contacts", [])
    ]
    entries += [(contact["hospital"], contact) for contact in data.get("hospital_contacts", [])]
    marked = 0
    for code, contact in entries:
        marked += m.contact.objects.filter(
            organisation__code=code,
            purpose=contact["purpose"],
            label=contact["label"],
            phone=contact.get("phone", ""),
            source_year__isnull=True,
        ).update(source_year=year)
    return marked
