"""The rule sets the clusters work by, shipped as reference data: every cluster on the 2021 cooperation
agreement from 1 June 2021, as the texts say. The regional secretariat edits them afterwards (admin and the
rule-set page); loading never overwrites an edit."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from sundhedsaftale.deadlines.models import RuleSetAdoption
from sundhedsaftale.organisations.models import Organisation

ADOPTIONS = Path(__file__).parent / "data" / "rule_set_adoptions.json"


def rule_set_adoptions_load(
    *, adoption_model: Any = RuleSetAdoption, organisation_model: Any = Organisation
) -> int:
    """Create the shipped adoptions a cluster does not have yet (a cluster missing from the database is
    skipped); returns how many were created. Takes a migration's historical models."""
    data = json.loads(ADOPTIONS.read_text(encoding="utf-8"))
    created = 0
    for entry in data["adoptions"]:
        cluster = organisation_model.objects.filter(code=entry["cluster"], kind="cluster").first()
        if cluster is None:
            continue
        _adoption, new = adoption_model.objects.get_or_create(
            cluster=cluster,
            rule_set=entry["rule_set"],
            defaults={"adopted_on": date.fromisoformat(entry["adopted_on"])},
        )
        created += new
    return created
