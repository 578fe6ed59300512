"""One Danish date format family for every page, letter and PDF (issue 11).

``{% load dansk %}`` then ``{{ moment|dato }}`` -> ``27.11.2026``, ``{{ moment|dato_tid }}`` ->
``27.11.2026 kl. 13.00``, ``{{ moment|ugedag_dato }}`` -> ``fredag 27.11.2026`` (where the weekday
matters), ``{{ moment|ugedag_dato_tid }}`` -> ``fredag 27.11.2026 kl. 13.00``. Aware moments are shown
in Copenhagen wall-clock time whatever the server's zone; plain dates as they are. An empty value gives
an empty string, so ``|default:"–"`` still works. The functions are plain callables too, for Python code
that writes a date into a text a person reads.
"""

from datetime import date, datetime

from django import template

from sundhedsaftale.workdays import to_local

register = template.Library()

UGEDAGE = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def _local(value: date) -> date:
    if isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() is not None:
        return to_local(value)
    return value


@register.filter
def dato(value: date | None) -> str:
    """``27.11.2026``."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    return f"{_local(value):%d.%m.%Y}"


@register.filter
def dato_tid(value: date | None) -> str:
    """``27.11.2026 kl. 13.00`` (a plain date: ``27.11.2026``)."""
    if not isinstance(value, datetime):
        return dato(value)
    return f"{_local(value):%d.%m.%Y kl. %H.%M}"


@register.filter
def tid(value: datetime | None) -> str:
    """``kl. 13.00``, for a moment whose day is already shown."""
    if not isinstance(value, datetime):
        return ""
    return f"kl. {_local(value):%H.%M}"


@register.filter
def ugedag(value: date | None) -> str:
    """``fredag``."""
    if not isinstance(value, date):
        return ""
    return UGEDAGE[_local(value).weekday()]


@register.filter
def ugedag_dato(value: date | None) -> str:
    """``fredag 27.11.2026``."""
    if not isinstance(value, date):
        return dato(value)
    return f"{ugedag(value)} {dato(value)}"


@register.filter
def ugedag_dato_tid(value: date | None) -> str:
    """``fredag 27.11.2026 kl. 13.00``."""
    if not isinstance(value, date):
        return dato(value)
    return f"{ugedag(value)} {dato_tid(value)}"
