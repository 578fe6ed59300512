"""PDFs of the psychiatric documents (treatment plan, discharge agreement, coordination plan, action plan,
dual-diagnosis plan, discharge statement): rendered from the record on request (a read, access-logged)."""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string

from psychiatry.models import CarePlan, PsychiatricCourse, TreatmentPlan
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.requests import AppRequest


def _pdf(title: str, course: PsychiatricCourse, rows: list[tuple[str, Any]], filename: str) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string("psychiatry/pdf/document.html", {"title": title, "course": course, "rows": rows})
    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _rows(record: Any, names: list[str]) -> list[tuple[str, Any]]:
    rows = []
    for name in names:
        field = record._meta.get_field(name)
        value = getattr(record, name)
        if hasattr(record, f"get_{name}_display"):
            value = getattr(record, f"get_{name}_display")()
        if isinstance(value, bool):
            value = "Ja" if value else "Nej"
        rows.append((str(field.verbose_name).capitalize(), value if value not in (None, "") else "–"))
    return rows


@login_required
def care_plan_pdf(request: AppRequest, pk: int) -> HttpResponse:
    plan = read_or_404(
        request,
        CarePlan.objects.select_related("course__citizen", "course__department"),
        what="Psykiatri: plan (PDF)",
        pk=pk,
    )
    names = [
        "treatment_offers",
        "social_offers",
        "participants",
        "responsibilities",
        "follow_up_on",
        "patient_participates",
    ]
    if plan.kind == CarePlan.Kind.DUAL_DIAGNOSIS:
        names.append("joint_team_referred_on")
    if plan.kind == CarePlan.Kind.ACTION_PLAN:
        names.append("followed_up_on")
    return _pdf(plan.get_kind_display(), plan.course, _rows(plan, names), f"{plan.kind}-{plan.pk}.pdf")


@login_required
def treatment_plan_pdf(request: AppRequest, pk: int) -> HttpResponse:
    plan = read_or_404(
        request,
        TreatmentPlan.objects.select_related("course__citizen", "course__department"),
        what="Psykiatri: behandlingsplan (PDF)",
        pk=pk,
    )
    rows = _rows(
        plan, ["written_at", "goals", "treatment", "handed_to_patient", "patient_objected", "author_name"]
    )
    return _pdf("Behandlingsplan", plan.course, rows, f"behandlingsplan-{plan.pk}.pdf")


@login_required
def statement_pdf(request: AppRequest, pk: int) -> HttpResponse:
    course = read_or_404(
        request,
        PsychiatricCourse.objects.select_related("citizen", "department"),
        what="Psykiatri: udskrivningserklæring (PDF)",
        pk=pk,
    )
    statement = getattr(course, "statement", None) if hasattr(course, "statement") else None
    if statement is None:
        raise Http404
    from psychiatry.services.child import STATEMENT_FIELDS

    return _pdf(
        "Udskrivningserklæring",
        course,
        _rows(statement, list(STATEMENT_FIELDS)),
        f"udskrivningserklaering-{course.pk}.pdf",
    )
