"""Departments carry their kind (somatic, psychiatry, child and adolescent psychiatry): the general agreement's
discharge rules apply to somatic departments (001 l. 1299). Every existing department is somatic; the reference
data's psychiatric departments are added with their kind."""

from django.db import migrations, models


def load(apps, schema_editor):
    from sundhedsaftale.organisations.reference_data import (
        ModelSet,
        department_kinds_apply,
        reference_data_load,
    )

    model_set = ModelSet(
        apps.get_model("organisations", "Organisation"),
        apps.get_model("organisations", "Contact"),
        apps.get_model("organisations", "OpeningHours"),
    )
    reference_data_load(models=model_set)
    department_kinds_apply(models=model_set)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_content_types_follow_the_models"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="department_kind",
            field=models.CharField(
                choices=[
                    ("somatic", "Somatisk"),
                    ("psychiatry", "Psykiatri"),
                    ("child_psychiatry", "Børne- og ungdomspsykiatri"),
                ],
                default="somatic",
                help_text="Somatisk, psykiatri eller børne- og ungdomspsykiatri; meningsfuld for afdelinger.",
                max_length=16,
                verbose_name="afdelingstype",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
