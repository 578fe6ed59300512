"""Ship Region Midtjylland's organisations and the annexes' contact data with the schema."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from sundhedsaftale.organisations.reference_data import ModelSet, reference_data_load

    reference_data_load(
        models=ModelSet(
            apps.get_model("clusters", "Organisation"),
            apps.get_model("clusters", "Contact"),
            apps.get_model("clusters", "OpeningHours"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
