"""Server-side charts for the key figures: the geometry is computed here, the SVG drawn by the templates.

A hidden cell ("<5") is drawn as an empty outlined bar with its label, so a reader sees it is there but small.
"""

from dataclasses import dataclass

from clusters.selectors import FigureView, Row


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    length: float  # 0..1 of the longest bar
    hidden: bool
    x: int = 0
    y: int = 0
    size: int = 0  # the bar's drawn length in SVG units


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    unit: str
    bars: list[Bar]
    width: int
    height: int


def _measure(row: Row, as_percent: bool) -> tuple[float | None, str]:
    if isinstance(row.value, str) and " / " in row.value:  # a distribution: median / 90th percentile
        median, p90 = row.value.split(" / ")
        return float(median), f"median {median}, 90 %: {p90}"
    if as_percent:
        if row.percent is None:
            return None, "<5" if "<5" in (row.value, row.base) else "–"
        return row.percent, f"{row.percent:.0f} %"
    if isinstance(row.value, str):
        return None, row.value
    return float(row.value), f"{row.value:,}".replace(",", ".")


def _bars(rows: list[Row], as_percent: bool) -> list[tuple[Row, float | None, str]]:
    return [(row, *_measure(row, as_percent)) for row in rows]


def columns(view: FigureView, chart_id: str) -> Chart:
    """The trend per month as vertical columns (120 units high)."""
    as_percent = view.figure.shape in ("share", "per_rule")
    measured = _bars(view.trend, as_percent)
    top = max((value for _row, value, _text in measured if value), default=1.0)
    bars = []
    for index, (row, value, text) in enumerate(measured):
        size = round(120 * (value or 0) / top) if top else 0
        bars.append(
            Bar(
                row.label, text, (value or 0) / top, value is None, x=10 + index * 60, y=140 - size, size=size
            )
        )
    unit = "%" if as_percent else view.figure.unit
    return Chart(
        chart_id, f"{view.figure.title} pr. måned", unit, bars, width=20 + 60 * len(bars), height=180
    )


def bars(view: FigureView, chart_id: str) -> Chart:
    """The breakdown per place as horizontal bars (220 units long)."""
    as_percent = view.figure.shape in ("share", "per_rule")
    measured = _bars(view.breakdown, as_percent)
    top = max((value for _row, value, _text in measured if value), default=1.0)
    drawn = []
    for index, (row, value, text) in enumerate(measured):
        size = round(220 * (value or 0) / top) if top else 0
        drawn.append(Bar(row.label, text, (value or 0) / top, value is None, x=150, y=index * 28, size=size))
    unit = "%" if as_percent else view.figure.unit
    title = f"{view.figure.title} pr. {view.breakdown_heading.lower()}"
    return Chart(chart_id, title, unit, drawn, width=440, height=max(28 * len(drawn), 28))
