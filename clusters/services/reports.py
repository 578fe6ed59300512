"""Key-figure reports as PDF: the twice-yearly report of 1 April and 1 October for every cluster and
municipality, and reports asked for on a page. Rendering runs in a Celery task; the page polls its state."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clusters.charts import bars, columns
from clusters.keyfigures.periods import Period, period_parse
from clusters.models import KeyFigureReport
from clusters.selectors import dashboard
from sundhedsaftale.organisations.models import Membership, Organisation
from sundhedsaftale.organisations.roles import Role

REPORT_MONTHS = (4, 10)  # "2 gange årligt (1. april og 1. oktober)"


def report_request(*, unit: Organisation, period: Period, user: User | None) -> KeyFigureReport:
    """Ask for a report of ``unit`` and ``period``; the caller enqueues ``render_report`` on commit."""
    return KeyFigureReport.objects.create(
        unit=unit, period=period.code, origin=KeyFigureReport.Origin.ON_DEMAND, requested_by=user
    )


def _due_half(today: date) -> Period:
    """The half-year of the latest report due by ``today``: 1 April reports the second half of last year,
    1 October the first half of this year."""
    if today.month >= REPORT_MONTHS[1]:
        return Period(date(today.year, 1, 1), "half")
    if today.month >= REPORT_MONTHS[0]:
        return Period(date(today.year - 1, 7, 1), "half")
    return Period(date(today.year - 1, 1, 1), "half")


def reports_semiannual_create(*, today: date) -> list[KeyFigureReport]:
    """On or after 1 April and 1 October: the report of the half-year just completed for every cluster and
    municipality that has none yet (idempotent: a day missed or a task delivered twice creates nothing more).
    Returns the reports created."""
    period = _due_half(today)
    created = []
    units = Organisation.objects.filter(
        kind__in=[Organisation.Kind.CLUSTER, Organisation.Kind.MUNICIPALITY],
        is_active=True,
        is_external=False,
    )
    for unit in units:
        try:
            with transaction.atomic():
                report = KeyFigureReport.objects.create(
                    unit=unit, period=period.code, origin=KeyFigureReport.Origin.SEMIANNUAL
                )
        except IntegrityError:
            continue
        created.append(report)
    return created


def report_pdf_bytes(*, unit: Organisation, period: Period) -> bytes:
    """The report's PDF: every key figure with its charts and tables, A4, tagged PDF/UA-1."""
    from weasyprint import HTML

    sections = [
        {
            "view": view,
            "trend_chart": columns(view, f"trend-{view.figure.code}"),
            "bar_chart": bars(view, f"bars-{view.figure.code}") if view.breakdown else None,
        }
        for view in dashboard(unit, period)
    ]
    html = render_to_string(
        "clusters/pdf/report.html",
        {"unit": unit, "period": period, "sections": sections, "made_at": timezone.now()},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def _notify(report: KeyFigureReport) -> None:
    """Tell the steering group of the report's cluster (or the municipality's cluster) that it is ready; the
    e-mail holds a link and the unit's name, no figures."""
    cluster = report.unit if report.unit.kind == Organisation.Kind.CLUSTER else report.unit.cluster
    emails = (
        Membership.objects.filter(organisation=cluster, role=Role.STEERING_GROUP, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not emails:
        return
    subject = f"Nøgletalsrapport klar: {report.unit.name}, {period_parse(report.period).label}"
    body = (
        "Halvårsrapporten til klyngemødet er dannet. Log ind i Sundhedsaftale og hent den under "
        f"Nøgletal → Rapporter ({reverse('keyfigure-reports')}).\n"
    )
    send_mass_mail([(subject, body, None, [email]) for email in emails], fail_silently=False)


def report_render(*, report_id: int) -> KeyFigureReport:
    """Render the report's PDF once (a second delivery of the task finds it done and does nothing)."""
    with transaction.atomic():
        report = KeyFigureReport.objects.select_for_update().select_related("unit").get(pk=report_id)
        if report.state == KeyFigureReport.State.DONE:
            return report
        report.state = KeyFigureReport.State.RENDERING
        report.save(update_fields=["state"])
    try:
        pdf = report_pdf_bytes(unit=report.unit, period=period_parse(report.period))
    except Exception as error:
        report.state = KeyFigureReport.State.FAILED
        report.error = str(error)[:300]
        report.save(update_fields=["state", "error"])
        raise
    report.pdf = pdf
    report.state = KeyFigureReport.State.DONE
    report.finished_at = timezone.now()
    report.save(update_fields=["pdf", "state", "finished_at"])
    if report.origin == KeyFigureReport.Origin.SEMIANNUAL:
        _notify(report)
    return report
