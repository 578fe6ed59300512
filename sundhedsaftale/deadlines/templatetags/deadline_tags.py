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
