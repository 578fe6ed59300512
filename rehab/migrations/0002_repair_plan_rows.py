"""Repair the structured lists of plan versions stored before every row was validated (issue 8): a partial
API update could store rows such as ``{"date": ""}`` that failed every read of the hospital's plan list.

An invalid optional cell is emptied, a row without a valid required cell is dropped (``plan_rows_repair``).
Only changed rows are written, with ``update()`` so ``updated_at`` keeps its value; running it again changes
nothing."""

from typing import Any

from django.db import migrations

from rehab.plan_rows import PLAN_ROWS, plan_rows_repair

BATCH = 500


def plan_rows_repair_all(apps: Any, schema_editor: Any) -> int:
    """Repair every version's lists; return how many versions were changed."""
    version_model = apps.get_model("rehab", "PlanVersion")
    changed = 0
    rows = version_model.objects.order_by("pk").values_list("pk", *PLAN_ROWS)
    for pk, *values in rows.iterator(chunk_size=BATCH):
        stored = dict(zip(PLAN_ROWS, values, strict=True))
        repaired = {name: plan_rows_repair(name, value) for name, value in stored.items()}
        repaired = {name: value for name, value in repaired.items() if value != stored[name]}
        if repaired:
            version_model.objects.filter(pk=pk).update(**repaired)
            changed += 1
    return changed


def _forwards(apps: Any, schema_editor: Any) -> None:
    plan_rows_repair_all(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("rehab", "0001_initial")]

    operations = [migrations.RunPython(_forwards, migrations.RunPython.noop, elidable=True)]
