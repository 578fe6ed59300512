"""Contacts say which year's annex they come from (the reference data is the 2008 agreement's annexes), and a
purpose for the municipalities' out-of-hours nursing numbers, which the annexes do not print (issue 11)."""

from django.db import migrations, models


def mark(apps, schema_editor):  # type: ignore[no-untyped-def]
    from sundhedsaftale.organisations.reference_data import ModelSet, contact_source_years_apply

    contact_source_years_apply(
        models=ModelSet(
            apps.get_model("organisations", "Organisation"),
            apps.get_model("organisations", "Contact"),
            apps.get_model("organisations", "OpeningHours"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_sor_gln_identifiers_and_municipal_units"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="source_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Året for den aftaletekst, oplysningen er hentet fra (fx 2008). Tøm feltet, når oplysningen rettes.",
                null=True,
                verbose_name="fra sundhedsaftalens bilag, år",
            ),
        ),
        migrations.AlterField(
            model_name="contact",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("citizen", "Borgerhenvendelser (bilag 1.1)"),
                    ("rehab", "Genoptræning (bilag 3.3)"),
                    ("therapy", "Terapiafdeling (bilag 3.4)"),
                    ("aids", "Hjælpemidler (bilag 4.1)"),
                    ("out_of_hours", "Akut sygepleje aften og nat"),
                ],
                max_length=16,
                verbose_name="formål",
            ),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
