"""Danish working-day calendar for the agreement deadlines.

Pure Python (no Django). Conventions come from DOMAIN.md, "Calendar conventions":

* a working day (hverdag) is Monday-Friday that is not a Danish public holiday and not
  Grundlovsdag (5 June), Juleaftensdag (24 Dec) or Nytårsaftensdag (31 Dec), on which the
  public offices are closed;
* Store bededag is a public holiday up to and including 2023 only (abolished by Act no. 1 of
  28 February 2023 from 2024 on);
* 1 May is a working day (it is a holiday in some collective agreements, not by law);
* all times are Europe/Copenhagen wall-clock times.

The product conventions (the three extra closed days, 1 May open, moving a deadline off a closed day) are
not in the agreement texts; a region can switch each of them (``Conventions``, reference data).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Europe/Copenhagen")

_ONE_DAY = timedelta(days=1)
# Store bededag was abolished from 2024 (lov nr. 1 af 28/02/2023); the holidays package agrees
# from version 0.46 on, but we do not depend on which version is installed.
_LAST_YEAR_WITH_STORE_BEDEDAG = 2023
_STORE_BEDEDAG = "Store bededag"
# Closed for the public offices although not public holidays (DOMAIN.md, working day).
_MAY_DAY = (5, 1, "1. maj")


@dataclass(frozen=True)
class Conventions:
    """The product conventions a region can switch; the defaults are the product's own choices."""

    constitution_day_closed: bool = True
    christmas_eve_closed: bool = True
    new_years_eve_closed: bool = True
    may_day_open: bool = True
    move_off_closed_days: bool = True

    def extra_closed_days(self) -> tuple[tuple[int, int, str], ...]:
        """Return (month, day, name) of the days closed by convention although not public holidays."""
        chosen = (
            (self.constitution_day_closed, (6, 5, "Grundlovsdag")),
            (self.christmas_eve_closed, (12, 24, "Juleaftensdag")),
            (self.new_years_eve_closed, (12, 31, "Nytårsaftensdag")),
            (not self.may_day_open, _MAY_DAY),
        )
        return tuple(day for closed, day in chosen if closed)


DEFAULT_CONVENTIONS = Conventions()


def easter_sunday(year: int) -> date:
    """Return the date of Easter Sunday in the Gregorian calendar (anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def closed_days(year: int, conventions: Conventions = DEFAULT_CONVENTIONS) -> Mapping[date, str]:
    """Return the days of ``year`` on which Danish public offices are closed, with Danish names.

    Weekends are not listed. Cached per year and conventions because the holidays package computes a
    year at a time and deadlines are computed in bulk.
    """
    days: dict[date, str] = dict(holidays.country_holidays("DK", years=year, language="da").items())
    # 1 May is a working day in the agreements; guard against a package that lists it.
    days.pop(date(year, 5, 1), None)
    # Store bededag: the 4th Friday after Easter (26 days after Easter Sunday).
    store_bededag = easter_sunday(year) + timedelta(days=26)
    if year <= _LAST_YEAR_WITH_STORE_BEDEDAG:
        days.setdefault(store_bededag, _STORE_BEDEDAG)
    else:
        days.pop(store_bededag, None)
    for month, day, name in conventions.extra_closed_days():
        days.setdefault(date(year, month, day), name)
    return MappingProxyType(dict(sorted(days.items())))


@dataclass(frozen=True)
class Calendar:
    """A working-day calendar: the Danish one under a region's conventions plus an organisation's own
    extra closed days."""

    extra_closed: frozenset[date] = frozenset()
    conventions: Conventions = DEFAULT_CONVENTIONS

    def is_working_day(self, d: date) -> bool:
        """Return True when ``d`` is Monday-Friday and neither a Danish closed day nor extra closed."""
        return (
            d.weekday() < 5 and d not in closed_days(d.year, self.conventions) and d not in self.extra_closed
        )

    def working_days_before(self, d: date, n: int) -> date:
        """Return the day reached by stepping back from ``d`` until ``n`` working days are counted.

        ``d`` itself is never counted; ``n=0`` returns ``d`` unchanged.
        """
        return self._step(d, n, -1)

    def working_days_after(self, d: date, n: int) -> date:
        """Return the day reached by stepping forward from ``d`` until ``n`` working days are counted.

        ``d`` itself is never counted; ``n=0`` returns ``d`` unchanged.
        """
        return self._step(d, n, 1)

    def previous_working_day_on_or_before(self, d: date) -> date:
        """Return ``d`` if it is a working day, else the closest working day before it."""
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def next_working_day_on_or_after(self, d: date) -> date:
        """Return ``d`` if it is a working day, else the closest working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Return the number of working days in the half-open interval (start, end].

        When ``end`` is before ``start`` the count of (end, start] is returned negated.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start + _ONE_DAY
        while d <= end:
            if self.is_working_day(d):
                count += 1
            d += _ONE_DAY
        return count

    def _step(self, d: date, n: int, direction: int) -> date:
        if n < 0:
            raise ValueError(f"number of working days must not be negative, got {n}")
        step = timedelta(days=direction)
        while n:
            d += step
            if self.is_working_day(d):
                n -= 1
        return d


DANISH = Calendar()


def add_months(d: date, n: int) -> date:
    """Return ``d`` moved ``n`` months (``n`` may be negative).

    The day of month is kept, or clipped to the last day of a shorter month
    (31 Aug + 6 months = 28/29 Feb), as DOMAIN.md's month arithmetic prescribes.
    """
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last_day = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


def local_datetime(d: date, t: time) -> datetime:
    """Return the aware Europe/Copenhagen datetime showing wall-clock ``t`` on ``d``.

    The UTC offset is the one in force on that day, so 13:00 stays 13:00 across DST changes.
    A wall-clock time that does not exist (02:30 on the spring-forward day) resolves as
    zoneinfo does with fold=0, i.e. with the winter offset (03:30 CEST).
    """
    return datetime.combine(d, t.replace(tzinfo=None), tzinfo=TZ)


def end_of_day(d: date) -> datetime:
    """Return 23:59:59 local time on ``d`` (aware): the moment a date deadline falls due."""
    return local_datetime(d, time(23, 59, 59))


def to_local(dt: datetime) -> datetime:
    """Return the aware datetime ``dt`` converted to Europe/Copenhagen.

    Raises ValueError for a naive datetime: its instant would be a guess.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt!r}: an aware datetime is required")
    return dt.astimezone(TZ)


def local_date(dt: datetime) -> date:
    """Return the Europe/Copenhagen calendar date of the aware datetime ``dt``."""
    return to_local(dt).date()


def add_elapsed(dt: datetime, delta: timedelta) -> datetime:
    """Return the local datetime ``delta`` of elapsed time after the aware ``dt``.

    Python adds timedeltas to aware datetimes as wall-clock arithmetic; going through UTC makes
    "24 hours" mean 24 real hours across a DST change.
    """
    return to_local(to_local(dt).astimezone(UTC) + delta)
