"""The catalogue of aid types as shipped (``aids/data/aid_types.json``, loaded by migration 0002): loaded again
where the tables were emptied (a transactional test, a fresh demo). Idempotent; edits made in the admin to other
fields than the shipped ones are kept."""

import json
from pathlib import Path

from aids.models import AidType

DATA = Path(__file__).resolve().parent / "data" / "aid_types.json"


def aid_types_load() -> int:
    """Create the shipped aid types that are missing; return how many were created."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    existing = set(AidType.objects.values_list("code", flat=True))
    missing = [AidType(**row) for row in rows if row["code"] not in existing]
    AidType.objects.bulk_create(missing)
    return len(missing)
