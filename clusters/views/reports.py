"""Key-figure reports as PDF: the twice-yearly ones and those ordered here, rendered by a worker while the page
shows the progress (htmx polls; without JavaScript the page reloads itself)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from clusters.keyfigures.periods import PeriodError, period_parse
from clusters.models import KeyFigureReport
from clusters.selectors import units
from clusters.services import report_request
from clusters.tasks import render_report
from sundhedsaftale.ops.enqueue import enqueue_on_commit
from sundhedsaftale.requests import AppRequest

REPORTS_SHOWN = 100


@login_required
def report_list_view(request: AppRequest) -> HttpResponse:
    reports = KeyFigureReport.objects.select_related("unit").defer("pdf")[:REPORTS_SHOWN]
    return render(request, "clusters/reports.html", {"reports": reports})


@login_required
@require_POST
def report_request_view(request: AppRequest) -> HttpResponse:
    """Order a report of a unit and period (from the dashboard's current choice)."""
    unit = units().filter(code=request.POST.get("enhed", "")[:32]).first()
    try:
        period = period_parse(request.POST.get("periode", ""))
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("keyfigures")
    if unit is None:
        messages.error(request, "Vælg en enhed, der findes.")
        return redirect("keyfigures")
    report = report_request(unit=unit, period=period, user=request.user)
    enqueue_on_commit(render_report, report.pk)
    return redirect("keyfigure-report", report.pk)


@login_required
def report_detail_view(request: AppRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(KeyFigureReport.objects.select_related("unit").defer("pdf"), pk=pk)
    context = {
        "report": report,
        "period": period_parse(report.period),
        "working": report.state in ("pending", "rendering"),
    }
    template = "clusters/report.html#status" if request.htmx else "clusters/report.html"
    response = render(request, template, context)
    if request.htmx and not context["working"]:
        response["HX-Trigger"] = "report-done"
    return response


@login_required
def report_pdf_view(request: AppRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        KeyFigureReport.objects.select_related("unit"), pk=pk, state=KeyFigureReport.State.DONE
    )
    response = HttpResponse(bytes(report.pdf or b""), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="noegletal-{report.unit.code}-{report.period}.pdf"'
    )
    return response
