"""Thin Celery tasks: render a plan's PDF (and pick up renderings whose message was lost), and pull planned
discharge dates into the plan deadlines."""

from datetime import timedelta

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from rehab.models import Delivery, Plan, PlanPdf, PlanVersion
from sundhedsaftale.ops.enqueue import enqueue_now

# Unsent plans are drafts on wards in progress: a few hundred at most region-wide. 500 per run keeps one
# run well under a second; a full batch re-enqueues itself for the rest.
SYNC_BATCH = 500
# A PDF renders in seconds; one still pending after this lost its message (broker down, worker killed).
PDF_PENDING_GRACE = timedelta(minutes=5)
PDF_PICKUP_BATCH = 200


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_plan_pdf(version_id: int) -> None:
    """Render the PDF of a final plan version once (``plan_pdf_render``; running twice is harmless)."""
    from rehab.services import plan_pdf_render

    plan_pdf_render(version_id=version_id)


@shared_task
def render_pending_plan_pdfs() -> int:
    """Enqueue the rendering of every final version's PDF pending for longer than ``PDF_PENDING_GRACE`` (its
    message was lost); return how many. Each is asked for at most once per grace period."""
    now = timezone.now()
    pending = PlanPdf.objects.filter(
        state=PlanPdf.State.PENDING, requested_at__lte=now - PDF_PENDING_GRACE
    ).exclude(version__state=PlanVersion.State.DRAFT)
    version_ids = list(
        pending.order_by("requested_at").values_list("version_id", flat=True)[:PDF_PICKUP_BATCH]
    )
    PlanPdf.objects.filter(version_id__in=version_ids).update(requested_at=now)
    return sum(1 for version_id in version_ids if enqueue_now(render_plan_pdf, version_id))


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
        enqueue_now(sync_plan_deadlines, plans[-1].pk)  # if lost, the next beat run starts over
    return synced


@shared_task
def sync_first_contact_deadlines(after_pk: int = 0) -> int:
    """Start ``rehab.first_contact`` for responsible receivers whose plan was delivered while the citizen was
    still admitted, now that the citizen is discharged (001 l. 2367, "efter udskrivning"); return how many
    started. Pulled from the course like the plan deadlines: nothing lower down pushes to rehab."""
    from rehab.services import first_contact_sync
    from sundhedsaftale.deadlines.models import Deadline

    started = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Delivery), rule_code="rehab.first_contact"
    ).values("subject_id")
    deliveries = list(
        Delivery.objects.filter(
            pk__gt=after_pk,
            is_responsible=True,
            closed_at__isnull=True,
            contacted_at__isnull=True,
            organisation__isnull=False,
            plan__course__discharged_at__isnull=False,
        )
        .exclude(pk__in=started)
        .select_related("plan__course__citizen", "plan__course__department", "organisation")
        .order_by("pk")[:SYNC_BATCH]
    )
    synced = sum(1 for delivery in deliveries if first_contact_sync(delivery=delivery))
    if len(deliveries) == SYNC_BATCH:
        enqueue_now(sync_first_contact_deadlines, deliveries[-1].pk)
    return synced


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_letter_3_10(department_id: int) -> None:
    """Render (once) the department's information letter on self-training without a plan (annex 3.10)."""
    from django.core.files.storage import default_storage

    from rehab.pdf import letter_3_10_bytes, letter_3_10_path
    from sundhedsaftale.organisations.models import Organisation

    department = Organisation.objects.select_related("parent").filter(pk=department_id).first()
    if department is None:
        return
    path = letter_3_10_path(department=department)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(letter_3_10_bytes(department=department)))
