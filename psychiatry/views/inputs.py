"""Reading the pages' POST bodies into service arguments: bad input becomes a Danish ``DomainError`` on its
field (never a 500): dates, local date-times, booleans and bounded text."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from sundhedsaftale.errors import DomainError

MAX_TEXT = 8000


def text(data: Any, name: str, limit: int = MAX_TEXT) -> str:
    value = str(data.get(name, ""))
    if "\x00" in value:
        raise DomainError(_("Teksten indeholder ugyldige tegn."), field=name)
    if len(value) > limit:
        raise DomainError(_("Teksten er for lang (højst %(n)s tegn).") % {"n": limit}, field=name)
    return value


def flag(data: Any, name: str) -> bool:
    return str(data.get(name, "")).lower() in ("1", "on", "true", "ja", "yes")


def day(data: Any, name: str) -> date:
    """A required date (``åååå-mm-dd``)."""
    raw = text(data, name, 20).strip()
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        raise DomainError(_("Angiv en gyldig dato (åååå-mm-dd)."), field=name)
    return value


def day_or_none(data: Any, name: str) -> date | None:
    """An optional date: blank is ``None``."""
    return day(data, name) if text(data, name, 20).strip() else None


def moment(data: Any, name: str) -> datetime:
    """A required point in time (a ``datetime-local`` value is read as Copenhagen time)."""
    raw = text(data, name, 40).strip()
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None or not (1900 < value.year < 2200):
        raise DomainError(_("Angiv et gyldigt tidspunkt."), field=name)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def moment_or_none(data: Any, name: str) -> datetime | None:
    """An optional point in time: blank is ``None``."""
    return moment(data, name) if text(data, name, 40).strip() else None
