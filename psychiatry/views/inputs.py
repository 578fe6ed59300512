"""Reading the pages' POST bodies into service arguments: bad input becomes a Danish ``DomainError`` on its
field (never a 500): dates, local date-times, booleans and bounded text."""

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from sundhedsaftale.danish_dates import DATE_ERROR, MOMENT_ERROR, date_implausible, date_parse, moment_parse
from sundhedsaftale.errors import DomainError

MAX_TEXT = 8000


def text(data: Any, name: str, limit: int = MAX_TEXT) -> str:
    value = str(data.get(name, ""))
    if "\x00" in value:
        raise DomainError(_("Teksten indeholder ugyldige tegn."), field=name)
    if len(value) > limit:
        raise DomainError(_("Teksten er for lang (højst %(n)s tegn).") % {"n": limit}, field=name)
    return value


def row_id(data: Any, name: str) -> int | None:
    """The id of a chosen row (ASCII digits only: ``²`` is a digit to ``isdigit()`` but no number to ``int()``),
    or None."""
    value = text(data, name, 12)
    return int(value) if value.isascii() and value.isdigit() else None


def flag(data: Any, name: str) -> bool:
    return str(data.get(name, "")).lower() in ("1", "on", "true", "ja", "yes")


def day(data: Any, name: str) -> date:
    """A required date, typed the Danish way (``dd.mm.åååå``; ISO ``åååå-mm-dd`` is read too)."""
    value = date_parse(text(data, name, 20))
    if value is None:
        raise DomainError(str(DATE_ERROR), field=name)
    if message := date_implausible(value):
        raise DomainError(message, field=name)
    return value


def day_or_none(data: Any, name: str) -> date | None:
    """An optional date: blank is ``None``."""
    return day(data, name) if text(data, name, 20).strip() else None


def moment(data: Any, name: str) -> datetime:
    """A required point in time, typed the Danish way (``dd.mm.åååå tt.mm``), read as Copenhagen time."""
    value = moment_parse(text(data, name, 40))
    if value is None:
        raise DomainError(str(MOMENT_ERROR), field=name)
    if message := date_implausible(value.date()):
        raise DomainError(message, field=name)
    return value


def moment_or_none(data: Any, name: str) -> datetime | None:
    """An optional point in time: blank is ``None``."""
    return moment(data, name) if text(data, name, 40).strip() else None
