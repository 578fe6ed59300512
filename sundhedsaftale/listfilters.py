"""The filters and pages of the list pages, read from plain GET parameters (``?status=ulaest&fra=01.11.2026``).

A value the page does not know is ignored, as if it had not been given: a list never answers a bad link with
an error. Dates are read the Danish way, ``27.11.2026`` (or ISO ``2026-11-27``), whatever the browser's language.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils import timezone

from sundhedsaftale.danish_dates import PLAUSIBLE_YEARS, date_parse

PAGE_PARAMETER = "side"
DATE_FORMAT = "%d.%m.%Y"  # how a filter's date is shown in its input and in links


def choice_param(params: Mapping[str, str], name: str, allowed: Iterable[str], default: str = "") -> str:
    """The parameter's value if it is one of ``allowed``; ``default`` otherwise."""
    value = params.get(name, "")
    return value if value in set(allowed) else default


def date_param(params: Mapping[str, str], name: str) -> date | None:
    """The date the parameter names, read like every date field (``sundhedsaftale.danish_dates``), or None when it
    is missing or no date (a day that does not exist, foreign digits, a year no record can carry)."""
    day = date_parse(params.get(name, ""))
    return day if day is not None and day.year in PLAUSIBLE_YEARS else None


def id_param(params: Mapping[str, str], name: str) -> int | None:
    """The parameter as a positive whole number, or None."""
    value = params.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def day_start(day: date) -> datetime:
    """The first moment of the day in Danish local time (aware)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_after(day: date) -> datetime:
    """The first moment of the next day in Danish local time: the open end of a date range ``fra..til``."""
    return day_start(day + timedelta(days=1))


def query_string(values: Mapping[str, Any]) -> str:
    """The filters as a query string without the page (for the pager's and the filter form's links); dates
    in the Danish form people typed them in."""
    shown = {
        name: value.strftime(DATE_FORMAT) if isinstance(value, date) else value
        for name, value in values.items()
        if value not in (None, "")
    }
    return urlencode(shown)


def page_of(rows: Any, params: Mapping[str, str], per_page: int, parameter: str = PAGE_PARAMETER) -> Page:
    """The page ``?side=N`` (or ``parameter``) of ``rows``: the last page for a number past the end, the first
    for no number or one that is not a number."""
    return Paginator(rows, per_page).get_page(params.get(parameter))
