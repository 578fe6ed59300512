"""Template helpers: the header's alert count and local-time formatting of deadline moments."""

from datetime import datetime
from typing import Any

from django import template

from sundhedsaftale.deadlines.selectors import alert_count_unacknowledged
from sundhedsaftale.templatetags.dansk import dato_tid

register = template.Library()


@register.simple_tag(takes_context=True)
def alert_count(context: dict[str, Any]) -> int:
    """Return the active organisation's unacknowledged alerts (0 without a request or a login)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return alert_count_unacknowledged(actor=request.actor)


@register.filter
def local(value: datetime | None) -> str:
    """Format an aware moment as Copenhagen wall-clock time: "27.03.2025 kl. 23.59"."""
    if value is None:
        return "–"
    return dato_tid(value)


# The agreement texts the rules cite (/work/shared/agreements), by the names people know them by.
AGREEMENTS = {
    "000_0bfebc4ee134d4c5.txt": "Samarbejdsaftale om den gode indlæggelse og udskrivelse (2021)",
    "001_cd77a9b5d0904ae8.txt": "Den generelle sundhedsaftale for Region Midtjylland (revision 2008)",
    "002_82ab0cfe5f152f69.txt": "Debatoplæg til den næste sundhedsaftale (2023)",
    "003_5e124f45b89f160e.txt": "Slutstatus for Sundhedsaftalen 2019–2023",
    "004_e322127dfecf65c9.txt": "Handleplan for revision af sundhedsaftalerne (2007)",
}


@register.filter
def aftale(source_file: str) -> str:
    """The agreement a rule cites, by name ("Den generelle sundhedsaftale ... (revision 2008)"), never the file."""
    return AGREEMENTS.get(source_file, "Sundhedsaftalen for Region Midtjylland")
