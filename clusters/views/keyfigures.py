"""Nøgletal: the key-figure dashboard of a unit and period, and each figure's tables as CSV.

Figures only — no citizen is read here, so nothing is access-logged; every small number is suppressed by the
selectors. Any signed-in user may read any unit's figures (they are the same numbers the steering groups
publish); the unit and period are chosen with a plain GET form that htmx turns into a partial swap.
"""

import csv
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from clusters.charts import bars, columns
from clusters.keyfigures.catalogue import BY_CODE
from clusters.keyfigures.periods import Period, PeriodError, period_of, period_parse
from clusters.selectors import FigureView, dashboard, figure_view, units
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date

_GROUPS = (
    (Organisation.Kind.REGION, "Region"),
    (Organisation.Kind.CLUSTER, "Klynger"),
    (Organisation.Kind.MUNICIPALITY, "Kommuner"),
    (Organisation.Kind.HOSPITAL, "Hospitalsenheder"),
    (Organisation.Kind.DEPARTMENT, "Afdelinger"),
)


@dataclass
class Choice:
    unit: Organisation
    period: Period
    errors: list[str]


def _default_unit(request: AppRequest) -> Organisation | None:
    acting = request.actor.acting_organisation
    if acting is not None and acting.kind in dict(_GROUPS):
        return acting
    if acting is not None and acting.cluster is not None:
        return acting.cluster
    return Organisation.objects.filter(kind=Organisation.Kind.REGION).first()


def _choice(request: AppRequest) -> Choice:
    """The unit and period asked for, or the defaults (the user's own unit, the current half-year) with a Danish
    message saying what was wrong."""
    errors: list[str] = []
    today = local_date(timezone.now())
    period = period_of(today, "half")
    if code := request.GET.get("periode", "").strip():
        try:
            period = period_parse(code)
        except PeriodError as error:
            errors.append(str(error))
    unit = None
    if code := request.GET.get("enhed", "").strip():
        unit = units().filter(code=code[:32]).first()
        if unit is None:
            errors.append(f"Enheden {code[:32]!r} findes ikke; viser din egen enhed i stedet.")
    unit = unit or _default_unit(request)
    if unit is None:  # a database without reference data
        raise Organisation.DoesNotExist("Ingen region i referencedata.")
    return Choice(unit, period, errors)


def _periods(today: date, chosen: Period) -> list[tuple[str, list[Period]]]:
    half, quarter, month = period_of(today, "half"), period_of(today, "quarter"), period_of(today, "month")
    halves = [half]
    for _ in range(5):
        halves.append(halves[-1].previous())
    quarters = [quarter]
    for _ in range(5):
        quarters.append(quarters[-1].previous())
    months = [month]
    for _ in range(11):
        months.append(months[-1].previous())
    years = [period_of(today, "year")]
    for _ in range(2):
        years.append(years[-1].previous())
    groups = [("Halvår", halves), ("Kvartaler", quarters), ("Måneder", months), ("År", years)]
    if not any(chosen in periods for _label, periods in groups):
        groups.insert(0, ("Valgt", [chosen]))
    return groups


def _unit_groups() -> list[tuple[str, list[Organisation]]]:
    everything = list(units().order_by("name"))
    return [(label, [unit for unit in everything if unit.kind == kind]) for kind, label in _GROUPS]


def _section(view: FigureView) -> dict[str, object]:
    code = view.figure.code
    return {
        "view": view,
        "trend_chart": columns(view, f"trend-{code}"),
        "bar_chart": bars(view, f"bars-{code}") if view.breakdown else None,
    }


@login_required
def keyfigures_view(request: AppRequest) -> HttpResponse:
    """Nøgletal: every key figure of the chosen unit and period with its trend, breakdown and comparisons."""
    choice = _choice(request)
    today = local_date(timezone.now())
    context = {
        "unit": choice.unit,
        "period": choice.period,
        "errors": choice.errors,
        "sections": [_section(view) for view in dashboard(choice.unit, choice.period)],
        "unit_groups": _unit_groups(),
        "period_groups": _periods(today, choice.period),
    }
    template = "clusters/keyfigures.html#figures" if request.htmx else "clusters/keyfigures.html"
    return render(request, template, context, status=400 if choice.errors else 200)


@login_required
def keyfigures_csv_view(request: AppRequest) -> HttpResponse:
    """One key figure's tables (per month, per place, per series) as CSV for a spreadsheet."""
    choice = _choice(request)
    figure = BY_CODE.get(request.GET.get("noegletal", ""))
    if figure is None or choice.errors:
        message = "; ".join(choice.errors) or "Vælg et nøgletal (noegletal=...)."
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    view = figure_view(figure, choice.unit, choice.period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"noegletal-{figure.code}-{choice.unit.code}-{choice.period.code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow([figure.title, choice.unit.name, choice.period.label])
    writer.writerow(["Definition", figure.definition])
    writer.writerow(["Aftale", figure.clause])
    writer.writerow(["tabel", "raekke", "vaerdi", "ud_af", "procent"])
    writer.writerow(["i alt", choice.period.label, view.headline.text, "", ""])
    tables = (
        ("maaned", view.trend),
        (view.breakdown_heading.lower(), view.breakdown),
        ("serie", view.series),
    )
    for table, rows in tables:
        for row in rows:
            percent = "" if row.percent is None else f"{row.percent:.1f}".replace(".", ",")
            writer.writerow([table, row.label, row.value, "" if row.base is None else row.base, percent])
    return response
