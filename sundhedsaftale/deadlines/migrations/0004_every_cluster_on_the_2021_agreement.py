"""Ship the rule sets in force as the texts say: every cluster on the 2021 cooperation agreement from
1 June 2021 (reference data, editable by the regional secretariat)."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from sundhedsaftale.deadlines.reference_data import rule_set_adoptions_load

    rule_set_adoptions_load(
        adoption_model=apps.get_model("deadlines", "RuleSetAdoption"),
        organisation_model=apps.get_model("organisations", "Organisation"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0003_calendar_data_from_clusters"),
        ("clusters", "0003_organisations_moved_to_kernel"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
