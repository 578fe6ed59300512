"""Reading the key figures for a unit (region, cluster, municipality, hospital, department) and a period.

Numbers only, from ``FigureCell``; every number a person could be identified by is suppressed here, so the
pages, the CSV, the PDF and the API show the same. The breakdown of a region or a cluster is per
municipality, of a hospital per department, of a municipality per hospital.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet, Sum

from clusters.keyfigures.catalogue import CATALOGUE, KeyFigure
from clusters.keyfigures.periods import Period
from clusters.keyfigures.suppression import HIDDEN, Group, suppress
from clusters.models import FigureCell
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rulesets import all_rules

UNIT_KINDS = (
    Organisation.Kind.REGION,
    Organisation.Kind.CLUSTER,
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.HOSPITAL,
    Organisation.Kind.DEPARTMENT,
)
type Shown = int | str


def units() -> QuerySet[Organisation]:
    """The units key figures can be read for."""
    return Organisation.objects.filter(kind__in=UNIT_KINDS, is_active=True, is_external=False).select_related(
        "parent"
    )


def _scope(unit: Organisation) -> Q:
    """The unit's cells, at the level stored for it (``FigureCell.Level``)."""
    by_municipality = Q(level=FigureCell.Level.MUNICIPALITY)
    match unit.kind:
        case Organisation.Kind.REGION:
            return by_municipality
        case Organisation.Kind.CLUSTER:
            return by_municipality & Q(municipality__cluster=unit)
        case Organisation.Kind.MUNICIPALITY:
            return by_municipality & Q(municipality=unit)
        case Organisation.Kind.HOSPITAL:
            return Q(level=FigureCell.Level.DEPARTMENT, hospital=unit)
        case _:
            return Q(level=FigureCell.Level.DEPARTMENT, department=unit)


def _breakdown_field(unit: Organisation) -> str | None:
    return {
        Organisation.Kind.REGION: "municipality",
        Organisation.Kind.CLUSTER: "municipality",
        Organisation.Kind.HOSPITAL: "department",
        Organisation.Kind.MUNICIPALITY: "hospital",
    }.get(unit.kind)  # type: ignore[call-overload]


def comparison_units(unit: Organisation) -> list[Organisation]:
    """The cluster the unit belongs to and the region, for comparison."""
    found: list[Organisation] = []
    cluster = unit.cluster or (unit.parent.cluster if unit.parent is not None else None)
    if unit.kind != Organisation.Kind.CLUSTER and cluster is not None:
        found.append(cluster)
    if unit.kind != Organisation.Kind.REGION:
        found.extend(Organisation.objects.filter(kind=Organisation.Kind.REGION)[:1])
    return found


@dataclass
class Headline:
    """The figure's number for one unit and period as shown: a count, a share or a median and percentile."""

    value: Shown | None = None  # a count, or the numerator of a share
    base: Shown | None = None  # the denominator of a share
    percent: float | None = None
    median: int | None = None
    p90: int | None = None
    extra: str = ""  # e.g. the care fee implied by the færdigbehandlede sengedage
    unit: str = "dage"

    @property
    def text(self) -> str:
        if self.median is not None:
            return f"median {self.median} {self.unit}, 90 % inden for {self.p90} {self.unit}"
        if self.base is None:
            return _number(self.value)
        if self.percent is None:
            return f"{_number(self.value)} af {_number(self.base)}"
        return f"{self.percent:.0f} % ({_number(self.value)} af {_number(self.base)})"


def _number(value: Shown | None) -> str:
    if value is None:
        return "–"
    return value if isinstance(value, str) else f"{value:,}".replace(",", ".")


@dataclass
class Row:
    label: str
    value: Shown
    base: Shown | None = None
    percent: float | None = None


@dataclass
class Comparison:
    unit: Organisation
    headline: Headline


@dataclass
class FigureView:
    figure: KeyFigure
    headline: Headline
    previous: Headline
    comparisons: list[Comparison] = field(default_factory=list)
    trend: list[Row] = field(default_factory=list)  # per month
    breakdown: list[Row] = field(default_factory=list)  # per municipality / department / hospital
    breakdown_heading: str = ""
    series: list[Row] = field(default_factory=list)  # planned/acute, or per rule


type Sums = dict[tuple[date, int | None, str, str], int]  # (month, place, figure, key) -> value


def _sums(chosen: list[KeyFigure], scope: Q, months: list[date], by: str | None) -> Sums:
    """The cells of ``chosen`` figures in ``scope`` summed per month, place (when broken down ``by``) and key."""
    figures = {name for figure in chosen for name in (figure.figure, figure.base_figure) if name}
    rows = (
        FigureCell.objects.filter(scope, figure__in=figures, month__in=months)
        .values_list("month", by if by else "figure", "figure", "key")
        .order_by()
        .annotate(total=Sum("value"))
    )
    sums: Sums = {}
    for month, place, name, key, total in rows:
        sums[(month, place if by else None, name, key)] = int(total)
    return sums


def _total(
    sums: Sums,
    name: str,
    *,
    keys: set[str] | None = None,
    months: set[date] | None = None,
    places: set[int | None] | None = None,
) -> int:
    return sum(
        value
        for (month, where, figure, key), value in sums.items()
        if figure == name
        and (keys is None or key in keys)
        and (months is None or month in months)
        and (places is None or where in places)
    )


def _share(part: int, whole: int) -> tuple[Shown, Shown, float | None]:
    """A part of a whole, suppressed: the part, the rest (whole minus part) and the whole are cells of one group,
    so neither a small part nor a small rest can be read off."""
    shown = suppress({"part": part, "rest": whole - part, "whole": whole}, [Group(["part", "rest"], "whole")])
    hidden = HIDDEN in (shown["part"], shown["rest"], shown["whole"])
    return shown["part"], shown["whole"], None if hidden or not whole else 100 * part / whole


def _quantile(histogram: dict[int, int], fraction: float) -> int:
    total = sum(histogram.values())
    running = 0
    for days in sorted(histogram):
        running += histogram[days]
        if running >= fraction * total:
            return days
    return 0


def _headline(figure: KeyFigure, sums: Sums, months: set[date]) -> Headline:
    if figure.shape == "count":
        total = _total(sums, figure.figure, months=months)
        headline = Headline(value=suppress({"v": total})["v"])
        if figure.code == "finished_bed_days" and headline.value != HIDDEN:
            fee = total * settings.SUNDHEDSAFTALE_CARE_FEE_PER_DAY
            headline.extra = (
                f"Plejetakst {_number(fee)} kr. ved {settings.SUNDHEDSAFTALE_CARE_FEE_PER_DAY} kr. pr. dag"
            )
        return headline
    if figure.shape == "distribution":
        histogram: dict[int, int] = defaultdict(int)
        for (month, _where, name, key), value in sums.items():
            if month in months and name == figure.figure:
                histogram[int(key)] += value
        if sum(histogram.values()) < 5:
            return Headline(value=HIDDEN if histogram else 0)
        return Headline(
            value=sum(histogram.values()),
            median=_quantile(histogram, 0.5),
            p90=_quantile(histogram, 0.9),
            unit=figure.unit,
        )
    if figure.shape == "per_rule":
        met = _total(sums, figure.figure, months=months)
        whole = met + _total(sums, figure.base_figure, months=months)
    else:  # a share
        met = _total(sums, figure.figure, keys=set(figure.series) or None, months=months)
        whole = _total(sums, figure.base_figure, months=months)
    part, base, percent = _share(met, whole)
    return Headline(value=part, base=base, percent=percent)


def _rows(figure: KeyFigure, sums: Sums, groups: dict[str, set[Any]], field_name: str) -> list[Row]:
    """One row per group (months or places) with its value suppressed against the others and their total."""
    if figure.shape == "count":
        values = {
            label: _total(sums, figure.figure, **{field_name: members}) for label, members in groups.items()
        }
        shown = suppress({**values, "\0total": sum(values.values())}, [Group(list(values), "\0total")])
        return [Row(label, shown[label]) for label in values]
    rows = []
    for label, members in groups.items():
        headline = _headline(
            figure, {k: v for k, v in sums.items() if _member(k, field_name, members)}, _all(sums)
        )
        rows.append(
            Row(label, headline.value if headline.value is not None else 0, headline.base, headline.percent)
        )
        if headline.median is not None:
            rows[-1] = Row(label, f"{headline.median} / {headline.p90}")
    return rows


def _member(
    key: tuple[date, int | None, str, str], field_name: str, members: set[date] | set[int | None]
) -> bool:
    return (key[0] if field_name == "months" else key[1]) in members


def _all(sums: Sums) -> set[date]:
    return {month for month, *_rest in sums}


def _series(figure: KeyFigure, sums: Sums, months: set[date]) -> list[Row]:
    current = {key: value for key, value in sums.items() if key[0] in months}
    if figure.shape == "count" and figure.series:
        values = {label: _total(current, figure.figure, keys={key}) for key, label in figure.series.items()}
        shown = suppress({**values, "\0total": sum(values.values())}, [Group(list(values), "\0total")])
        return [Row(label, shown[label]) for label in values]
    if figure.shape != "per_rule":
        return []
    titles = {rule.code: rule.title for rule in all_rules()}
    codes = sorted({key for (_m, _p, name, key) in current if name in (figure.figure, figure.base_figure)})
    rows = []
    for code in codes:
        met = _total(current, figure.figure, keys={code})
        value, base, percent = _share(met, met + _total(current, figure.base_figure, keys={code}))
        rows.append(Row(titles.get(code, code), value, base, percent))
    return rows


_HEADINGS = {"municipality": "Kommune", "department": "Afdeling", "hospital": "Hospital"}


def _view(figure: KeyFigure, period: Period, sums: Sums, by: str | None, names: dict[int, str]) -> FigureView:
    months = [month.start for month in period.months()]
    previous = [month.start for month in period.previous().months()]
    current = {key: value for key, value in sums.items() if key[0] in set(months)}
    view = FigureView(
        figure=figure,
        headline=_headline(figure, sums, set(months)),
        previous=_headline(figure, sums, set(previous)),
        series=_series(figure, sums, set(months)),
    )
    view.trend = _rows(figure, current, {f"{m:%m.%Y}": {m} for m in months}, "months")
    if by is not None:
        places = {
            place
            for (_m, place, name, _k) in current
            if place is not None and name in (figure.figure, figure.base_figure)
        }
        groups = {names[pk]: {pk} for pk in sorted(places, key=lambda pk: names[pk])}
        view.breakdown = _rows(figure, current, groups, "places")
        view.breakdown_heading = _HEADINGS[by]
    return view


def dashboard(unit: Organisation, period: Period, codes: list[str] | None = None) -> list[FigureView]:
    """Every key figure (or those named by ``codes``) for ``unit`` in ``period``: the number, the previous
    period's, the cluster's and the region's, the trend per month, the breakdown per place and the series
    (planned/acute, per rule). One query for the unit and one per unit compared, whatever the figures."""
    chosen = [figure for figure in CATALOGUE if codes is None or figure.code in codes]
    months = [month.start for month in period.months()]
    previous = [month.start for month in period.previous().months()]
    by = _breakdown_field(unit)
    sums = _sums(chosen, _scope(unit), months + previous, by)
    places = {place for (_m, place, _f, _k) in sums if place is not None}
    names = dict(Organisation.objects.filter(pk__in=places).values_list("pk", "name")) if places else {}
    views = [_view(figure, period, sums, by, names) for figure in chosen]
    for other in comparison_units(unit):
        other_sums = _sums(chosen, _scope(other), months, None)
        for view in views:
            view.comparisons.append(Comparison(other, _headline(view.figure, other_sums, set(months))))
    return views


def figure_view(figure: KeyFigure, unit: Organisation, period: Period) -> FigureView:
    """One key figure for ``unit`` in ``period`` (see ``dashboard``)."""
    return dashboard(unit, period, [figure.code])[0]
