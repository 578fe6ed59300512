"""A plan sent to an organisation gives it a care relation with the citizen from the sending (it receives and
acts on the plan); a closed delivery's relation ends 30 days after it closed."""

from datetime import timedelta

from django.db import migrations

WINDOW = timedelta(days=30)  # CARE_RELATION_DAYS_AFTER_COURSE's default


def forwards(apps, schema_editor):
    delivery_model = apps.get_model("rehab", "Delivery")
    relation = apps.get_model("citizens", "CareRelation")
    rows = []
    deliveries = delivery_model.objects.filter(organisation__isnull=False).select_related(
        "organisation", "plan__course"
    )
    for delivery in deliveries.iterator():
        organisation = delivery.organisation
        holder = organisation.parent_id if organisation.kind == "department" else organisation.pk
        rows.append(
            relation(
                citizen_id=delivery.plan.course.citizen_id,
                organisation_id=holder,
                kind="plan_receiver",
                source=f"delivery:{delivery.pk}",
                starts_at=delivery.sent_at,
                ends_at=delivery.closed_at + WINDOW if delivery.closed_at else None,
            )
        )
    relation.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("rehab", "0003_organisations_in_kernel"),
        ("citizens", "0002_care_relations"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
