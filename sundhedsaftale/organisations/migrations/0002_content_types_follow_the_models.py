"""The content types (audit log entries, permissions of the regional secretariat) follow the moved models."""

from django.db import migrations

MOVED = {
    ("clusters", "organisation"): "organisations",
    ("clusters", "contact"): "organisations",
    ("clusters", "openinghours"): "organisations",
    ("clusters", "membership"): "organisations",
    ("clusters", "rulesetadoption"): "deadlines",
    ("clusters", "closedday"): "deadlines",
    ("admissions", "citizen"): "citizens",
    ("admissions", "citizenmasterdatachange"): "citizens",
}


def forwards(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for (old_label, model), new_label in MOVED.items():
        if not content_type.objects.filter(app_label=new_label, model=model).exists():
            content_type.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def backwards(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for (old_label, model), new_label in MOVED.items():
        if not content_type.objects.filter(app_label=old_label, model=model).exists():
            content_type.objects.filter(app_label=new_label, model=model).update(app_label=old_label)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("citizens", "0001_initial"),
        ("deadlines", "0003_calendar_data_from_clusters"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
