"""Thin Celery tasks: render a plan's PDF, and pull planned discharge dates into the plan deadlines."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rehab.models import Plan, PlanPdf, PlanVersion

# Unsent plans are drafts on wards in progress: a few hundred at most region-wide. 500 per run keeps one
# run well under a second; a full batch re-enqueues itself for the rest.
SYNC_BATCH = 500


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_plan_pdf(version_id: int) -> None:
    """Render the PDF of a final plan version once; running twice is harmless (the state is re-checked)."""
    from rehab.pdf import plan_pdf_bytes

    version = PlanVersion.objects.select_related("plan__course__citizen").filter(pk=version_id).first()
    if version is None or version.state == PlanVersion.State.DRAFT:
        return
    pdf, _created = PlanPdf.objects.get_or_create(version=version)
    if pdf.state == PlanPdf.State.READY and pdf.file:
        return
    try:
        content = plan_pdf_bytes(version=version)
    except Exception as error:  # the page shows the failure and offers a new attempt
        PlanPdf.objects.filter(pk=pdf.pk).update(state=PlanPdf.State.FAILED, error=str(error)[:300])
        raise
    with transaction.atomic():
        pdf = PlanPdf.objects.select_for_update().get(pk=pdf.pk)
        if pdf.state == PlanPdf.State.READY and pdf.file:
            return
        pdf.file.save(
            f"genoptraeningsplan-{version.plan_id}-v{version.number}.pdf", ContentFile(content), save=False
        )
        pdf.state = PlanPdf.State.READY
        pdf.rendered_at = timezone.now()
        pdf.error = ""
        pdf.save()


@shared_task
def sync_plan_deadlines(after_pk: int = 0) -> int:
    """Pull the discharge anchor (planned date from the discharge app, or the actual discharge) of every
    unsent plan into its ``rehab.plan_by_discharge`` deadline; return how many plans have a deadline."""
    from rehab.services import plan_deadline_sync

    plans = list(
        Plan.objects.filter(sent_at__isnull=True, pk__gt=after_pk)
        .exclude(course__state__in=["cancelled", "deceased"])
        .select_related("course__citizen__municipality", "course__department")
        .order_by("pk")[:SYNC_BATCH]
    )
    synced = sum(1 for plan in plans if plan_deadline_sync(plan=plan))
    if len(plans) == SYNC_BATCH:
        sync_plan_deadlines.delay(plans[-1].pk)
    return synced


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_letter_3_10(department_id: int) -> None:
    """Render (once) the department's information letter on self-training without a plan (annex 3.10)."""
    from django.core.files.storage import default_storage

    from clusters.models import Organisation
    from rehab.pdf import letter_3_10_bytes, letter_3_10_path

    department = Organisation.objects.select_related("parent").filter(pk=department_id).first()
    if department is None:
        return
    path = letter_3_10_path(department=department)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(letter_3_10_bytes(department=department)))
