"""Only 0–9 in a CPR (issue 8): rows saved with other digits (full-width, Arabic-Indic, ...) before the check
existed are rewritten with ASCII digits, then the database refuses any other; and the audit of explicit
master-data changes.

A row whose ASCII form is another citizen's CPR is a duplicate citizen: merging two citizens' histories is a
decision for a person, so the migration stops and names both rows (ids only, no CPR) instead of guessing."""

import re
import unicodedata

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

CPR_PATTERN = r"^[0-9]{6}([0-9]{4}|[0-9][A-Z]{2}[0-9])$"
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d\u200b-\u200d\u2060\ufeff]")


def _ascii(value: str) -> str:
    compact = SEPARATORS.sub("", value).upper()
    return "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in compact)


def cpr_to_ascii_digits(apps, schema_editor):  # type: ignore[no-untyped-def]
    Citizen = apps.get_model("admissions", "Citizen")
    duplicates = []
    for citizen in Citizen.objects.exclude(cpr__regex=CPR_PATTERN).only("pk", "cpr"):
        fixed = _ascii(citizen.cpr)
        other = Citizen.objects.filter(cpr=fixed).exclude(pk=citizen.pk).values_list("pk", flat=True).first()
        if other is not None:
            duplicates.append(f"borger {citizen.pk} er en dublet af borger {other}")
        elif re.match(CPR_PATTERN, fixed):
            Citizen.objects.filter(pk=citizen.pk).update(cpr=fixed)
        else:
            duplicates.append(f"borger {citizen.pk} har et CPR-nummer, der ikke kan rettes automatisk")
    if duplicates:
        raise RuntimeError(
            "CPR-numre med andre cifre end 0–9 skal rettes eller sammenlægges manuelt før migrationen: "
            + "; ".join(duplicates)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0002_course_records"),
        ("clusters", "0002_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CitizenMasterDataChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="ændret"),
                ),
                ("changed_by_name", models.CharField(blank=True, max_length=200, verbose_name="ændret af")),
                ("reason", models.CharField(max_length=300, verbose_name="begrundelse")),
                (
                    "changes",
                    models.JSONField(
                        help_text='{"felt": {"before": ..., "after": ...}}', verbose_name="ændringer"
                    ),
                ),
            ],
            options={
                "verbose_name": "stamdataændring",
                "verbose_name_plural": "stamdataændringer",
                "ordering": ["-changed_at"],
            },
        ),
        migrations.RunPython(cpr_to_ascii_digits, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="citizen",
            constraint=models.CheckConstraint(
                condition=models.Q(("cpr__regex", "^[0-9]{6}([0-9]{4}|[0-9][A-Z]{2}[0-9])$")),
                name="citizen_cpr_ascii",
            ),
        ),
        migrations.AddField(
            model_name="citizenmasterdatachange",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="citizenmasterdatachange",
            name="citizen",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="master_data_changes",
                to="admissions.citizen",
            ),
        ),
    ]
