"""Reporting periods: a month (``2026-11``), a quarter (``2026-Q4``), a half-year (``2026-H1``) or a year (``2026``).

The agreement follows up twice a year ("2 gange årligt (1. april og 1. oktober)"), so the half-year is the
steering groups' default; months give the trend inside it. A period is ``[start, end)`` in local dates.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["month", "quarter", "half", "year"]

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
_LENGTH: dict[Kind, int] = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_PATTERN = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12])))?")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(ValueError):
    """A period code that is not one of the four shapes, or outside the years the product counts."""


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """``months`` calendar months from the first day of ``start``."""

    start: date
    kind: Kind

    @property
    def end(self) -> date:
        """The first day after the period."""
        return _add_months(self.start, _LENGTH[self.kind])

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "half":
            return f"{self.start.year}-H{(self.start.month - 1) // 6 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        """The period in Danish: "november 2026", "4. kvartal 2026", "1. halvår 2026", "2026"."""
        if self.kind == "month":
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.kind == "quarter":
            return f"{(self.start.month - 1) // 3 + 1}. kvartal {self.start.year}"
        if self.kind == "half":
            return f"{(self.start.month - 1) // 6 + 1}. halvår {self.start.year}"
        return str(self.start.year)

    def previous(self) -> "Period":
        """The period of the same kind just before this one."""
        return Period(_add_months(self.start, -_LENGTH[self.kind]), self.kind)

    def months(self) -> list["Period"]:
        """The calendar months of the period, in order (the trend of a figure)."""
        return [Period(_add_months(self.start, i), "month") for i in range(_LENGTH[self.kind])]

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def period_parse(code: str) -> Period:
    """Return the period ``code`` names (``2026-11``, ``2026-Q4``, ``2026-H1``, ``2026``); PeriodError otherwise."""
    match = _PATTERN.fullmatch(code.strip()) if code.isascii() else None
    if match is None:
        raise PeriodError(f"Ukendt periode {code[:20]!r}: brug fx 2026-H1, 2026-Q4, 2026-11 eller 2026.")
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"Perioden skal ligge mellem {FIRST_YEAR} og {LAST_YEAR}.")
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"Måned {month} findes ikke.")
        return Period(date(year, month, 1), "month")
    if match["quarter"]:
        return Period(date(year, 3 * int(match["quarter"]) - 2, 1), "quarter")
    if match["half"]:
        return Period(date(year, 6 * int(match["half"]) - 5, 1), "half")
    return Period(date(year, 1, 1), "year")


def period_of(day: date, kind: Kind) -> Period:
    """Return the period of ``kind`` that holds ``day``."""
    length = _LENGTH[kind]
    return Period(date(day.year, (day.month - 1) // length * length + 1, 1), kind)


def last_completed_half(today: date) -> Period:
    """The half-year the twice-yearly report covers: on 1 April the half ending 31 March is not a calendar
    half, so the report of 1 April covers the second half of last year and that of 1 October the first half
    of this year — the last calendar half completed before ``today``."""
    return period_of(today, "half").previous()
