"""The catalogue of aid types as reference data (editable in the admin afterwards)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "aid_types.json"


def load(apps, schema_editor):
    AidType = apps.get_model("aids", "AidType")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        AidType.objects.update_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("aids", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
