"""Reading the dates and times people type, the Danish way, whatever the browser's language.

A date is ``27.11.2026`` (also ``27-11-2026``, ``27/11/2026``, ``27.11.2026`` without leading zeros, ``27112026``
from a phone's number pad, and ISO ``2026-11-27`` from API-like and older clients). A moment is such a date and
a time, ``27.11.2026 13.00`` (also ``13:00``, ``kl. 13.00``, ``1300``, and ISO ``2026-11-27T13:00``). Only the
digits 0–9 count: a date typed in other scripts' digits is refused, not silently read. A moment without a zone
is Copenhagen wall-clock time. Parsing gives ``None`` when the text is no date, and ``date_implausible`` says
when a real date is none a record can carry (year 1); the callers say so in Danish.
"""

import re
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

DATE_HINT = _("dd.mm.åååå")
MOMENT_HINT = _("dd.mm.åååå tt.mm")
DATE_ERROR = _("Skriv datoen som dd.mm.åååå, fx 27.11.2026.")
MOMENT_ERROR = _("Skriv tidspunktet som dd.mm.åååå tt.mm, fx 27.11.2026 13.00.")
IMPLAUSIBLE_ERROR = _("Datoen %(date)s er ikke troværdig; skriv året med fire cifre (fx %(year)s).")
# how a date and a moment are written (strftime; ``date_show`` also pads a year before 1000)
DATE_FORMAT = "%d.%m.%Y"
MOMENT_FORMAT = "%d.%m.%Y %H.%M"
# a date a record can carry (before 1870 is year 1 or a two-digit year read as 0042; the services say the same)
PLAUSIBLE_YEARS = range(1870, 2200)

_DANISH_DATE = r"(?P<d>[0-9]{1,2})(?P<sep>[.\-/])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
_COMPACT_DATE = r"(?P<cd>[0-9]{2})(?P<cm>[0-9]{2})(?P<cy>[0-9]{4})"
_ISO_DATE = r"(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})"
_DATE = rf"(?:{_DANISH_DATE}|{_ISO_DATE}|{_COMPACT_DATE})"
_TIME = r"(?P<h>[0-9]{1,2})(?:[.:]?(?P<min>[0-9]{2}))(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
DATE_PATTERN = re.compile(rf"{_DATE}")
MOMENT_PATTERN = re.compile(rf"{_DATE}(?:T|,?\s+(?:kl\.?\s*)?){_TIME}", re.IGNORECASE)


def _date_from(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    if parts["d"] is not None:
        day, month, year = parts["d"], parts["m"], parts["y"]
    elif parts["iy"] is not None:
        day, month, year = parts["id"], parts["im"], parts["iy"]
    else:
        day, month, year = parts["cd"], parts["cm"], parts["cy"]
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_parse(raw: str) -> date | None:
    """The date ``raw`` names, or ``None`` (no date, a day that does not exist, foreign digits)."""
    text = raw.strip()
    match = DATE_PATTERN.fullmatch(text) if text.isascii() else None
    return _date_from(match) if match else None


def moment_parse(raw: str) -> datetime | None:
    """The aware moment ``raw`` names (Copenhagen time unless it says its zone), or ``None``."""
    text = raw.strip()
    if not text.isascii():
        return None
    match = MOMENT_PATTERN.fullmatch(text)
    if match is None:
        return _iso_with_zone(text)
    day = _date_from(match)
    hour, minute = int(match["h"]), int(match["min"])
    if day is None or hour > 23 or minute > 59:
        return None
    try:
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))
    except OverflowError:  # the first hours of year 1
        return None


def _iso_with_zone(text: str) -> datetime | None:
    """An ISO 8601 moment with its zone (``2026-11-27T13:00:00+01:00``), as API-like clients send it."""
    try:
        value = parse_datetime(text)
    except ValueError:
        return None
    if value is None or timezone.is_naive(value):
        return None
    return value


def date_implausible(value: date) -> str | None:
    """The Danish message for a date no record can carry (year 1, 0042, 1869, 2200), else ``None``."""
    if value.year in PLAUSIBLE_YEARS:
        return None
    return str(IMPLAUSIBLE_ERROR) % {"date": date_show(value), "year": timezone.localdate().year}


def date_show(value: date) -> str:
    """``27.11.2026``: a date as an input shows it (the year always with four digits, also year 42)."""
    return f"{value.day:02}.{value.month:02}.{value.year:04}"


def moment_show(value: datetime) -> str:
    """``27.11.2026 13.00``: a moment as an input shows it (Copenhagen time)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{date_show(value)} {value.hour:02}.{value.minute:02}"
