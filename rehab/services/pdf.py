"""The PDF of a final plan version: ask for it (a page's button, finalising) and render it (the task).

The state machine of ``PlanPdf``: a request creates the row or resets a failed one to *pending* and enqueues the
rendering after the commit; the rendering turns *pending* (or *failed*) into *ready* once, or records the failure.
A ready PDF is never rendered again: a final version does not change.
"""

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehab.models import PlanPdf, PlanVersion
from rehab.tasks import render_plan_pdf
from sundhedsaftale.errors import DomainError
from sundhedsaftale.ops.enqueue import enqueue_on_commit


def plan_pdf_request(*, version: PlanVersion, acting_user: "User") -> PlanPdf:
    """Ask for the PDF of a final version (the caller fetched it through the acting user's visibility): create
    its row, or reset a failed or stalled one to pending, and enqueue the rendering once the transaction commits
    (a broker that is down is logged; ``render_pending_plan_pdfs`` picks the PDF up later). A ready PDF is
    returned as it is. Raise ``DomainError`` for a draft."""
    if version.state == PlanVersion.State.DRAFT:
        raise DomainError(_("Der dannes kun PDF af en færdiggjort plan."), code="draft")
    with transaction.atomic():
        pdf, _created = PlanPdf.objects.select_for_update().get_or_create(version=version)
        if pdf.state == PlanPdf.State.READY and pdf.file:
            return pdf
        pdf.state, pdf.error, pdf.requested_at = PlanPdf.State.PENDING, "", timezone.now()
        pdf.save(update_fields=["state", "error", "requested_at"])
        enqueue_on_commit(render_plan_pdf, version.pk)
    return pdf


def plan_pdf_render(*, version_id: int) -> PlanPdf | None:
    """Render the PDF of a final version once and return it; ``None`` for a draft or a version that is gone.

    Running it twice (a retry, a duplicate message, the periodic pick-up) renders once: the state is checked
    again under a row lock before the file is stored. A failure is recorded on the row (the page shows it and
    offers a new attempt) and raised again, so the task's retries apply."""
    from rehab.pdf import plan_pdf_bytes

    version = PlanVersion.objects.select_related("plan__course__citizen").filter(pk=version_id).first()
    if version is None or version.state == PlanVersion.State.DRAFT:
        return None
    pdf, _created = PlanPdf.objects.get_or_create(version=version)
    if pdf.state == PlanPdf.State.READY and pdf.file:
        return pdf
    try:
        content = plan_pdf_bytes(version=version)
    except Exception as error:
        PlanPdf.objects.filter(pk=pdf.pk).exclude(state=PlanPdf.State.READY).update(
            state=PlanPdf.State.FAILED, error=str(error)[:300]
        )
        raise
    with transaction.atomic():
        pdf = PlanPdf.objects.select_for_update().get(pk=pdf.pk)
        if pdf.state == PlanPdf.State.READY and pdf.file:
            return pdf
        pdf.file.save(
            f"genoptraeningsplan-{version.plan_id}-v{version.number}.pdf", ContentFile(content), save=False
        )
        pdf.state = PlanPdf.State.READY
        pdf.rendered_at = timezone.now()
        pdf.error = ""
        pdf.save()
    return pdf
