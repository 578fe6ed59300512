"""Thin Celery tasks: pull what admissions decided into the psychiatric courses."""

from celery import shared_task

# Open inpatient psychiatric courses whose admission ended: a handful per run region-wide.
SYNC_BATCH = 500


@shared_task
def sync_with_admissions() -> int:
    """End the psychiatric courses whose admission was discharged, died or was cancelled outside psychiatry (the
    GP letter's deadline starts at the discharge); return how many changed. Safe to run twice."""
    from psychiatry.models import PsychiatricCourse
    from psychiatry.services import course_sync_with_admission

    rows = (
        PsychiatricCourse.objects.filter(state__in=("active", "waiting", "referred"), admission__isnull=False)
        .exclude(admission__state__in=("admitted", "on_leave"))
        .select_related("admission", "citizen")[:SYNC_BATCH]
    )
    return sum(course_sync_with_admission(course=course) for course in rows)
