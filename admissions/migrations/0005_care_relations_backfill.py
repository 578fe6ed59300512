"""Record the care relations the data already implies: the municipality of residence and the listed GP of every
citizen, and every hospital a course had a stay at (ending 30 days after a course that ended)."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

WINDOW = timedelta(days=30)  # CARE_RELATION_DAYS_AFTER_COURSE's default


def forwards(apps, schema_editor):
    citizen_model = apps.get_model("citizens", "Citizen")
    relation = apps.get_model("citizens", "CareRelation")
    stay_model = apps.get_model("admissions", "Stay")
    now = timezone.now()
    rows = []
    for citizen in citizen_model.objects.all().iterator():
        rows.append(
            relation(
                citizen_id=citizen.pk,
                organisation_id=citizen.municipality_id,
                kind="resident",
                starts_at=citizen.created_at,
            )
        )
        if citizen.gp_practice_id:
            rows.append(
                relation(
                    citizen_id=citizen.pk,
                    organisation_id=citizen.gp_practice_id,
                    kind="listed_gp",
                    starts_at=citizen.created_at,
                )
            )
    seen = set()
    for stay in stay_model.objects.select_related("course__citizen").order_by("started_at").iterator():
        course = stay.course
        key = (course.pk, stay.hospital_id)
        if key in seen:
            continue
        seen.add(key)
        ended = None
        if course.state not in ("admitted", "on_leave"):
            ended = (course.discharged_at or course.citizen.deceased_at or now) + WINDOW
        rows.append(
            relation(
                citizen_id=course.citizen_id,
                organisation_id=stay.hospital_id,
                kind="admitted",
                source=f"course:{course.pk}",
                starts_at=min(stay.started_at, course.admitted_at),
                ends_at=ended,
            )
        )
    relation.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0004_citizen_moved_to_kernel"),
        ("citizens", "0002_care_relations"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
