"""The deadlines panel of the dashboard: unacknowledged alerts and the open deadlines by urgency.

Counts only, no names: the dashboard shows nothing that needs the access log.
"""

from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.selectors import alert_count_unacknowledged
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.requests import AppRequest

# The ward and the municipality look at the chart; the GP gets the same figures as text.
CHART_ROLES = frozenset({Role.WARD_STAFF, Role.VISITATION})
PANEL_ROLES = CHART_ROLES | {Role.GP}


def deadline_counts_by_urgency(*, actor: Actor, organisation_ids: list[int], now: datetime) -> dict[str, int]:
    """Return how many open deadlines the user may see the organisations owe: ``breached``, ``due_soon``,
    ``ok`` and ``awaited`` (deadlines other parties owe them) — the buckets of ``Deadline.urgency``."""
    visible = Deadline.objects.visible_to(actor).open()
    overdue = Q(state=Deadline.State.BREACHED) | Q(due_at__lte=now)
    owed = visible.filter(responsible_id__in=organisation_ids).aggregate(
        total=Count("pk"),
        breached=Count("pk", filter=overdue),
        due_soon=Count("pk", filter=~overdue & Q(warn_at__lte=now)),
    )
    awaited = (
        visible.filter(counterpart_id__in=organisation_ids)
        .exclude(responsible_id__in=organisation_ids)
        .aggregate(total=Count("pk"), breached=Count("pk", filter=overdue))
    )
    return {
        "breached": owed["breached"],
        "due_soon": owed["due_soon"],
        "ok": owed["total"] - owed["breached"] - owed["due_soon"],
        "owed": owed["total"],
        "awaited": awaited["total"],
        "awaited_breached": awaited["breached"],
    }


def urgency_chart(*, counts: dict[str, int]) -> dict[str, Any]:
    """Return the bar chart (``kernel/_bar_chart.html``) of open deadlines by urgency."""
    rows = [
        {"label": "Overskredet", "value": counts["breached"], "tone": "breached"},
        {"label": "Nærmer sig", "value": counts["due_soon"], "tone": "due-soon"},
        {"label": "I god tid", "value": counts["ok"], "tone": "ok"},
    ]
    return {
        "id": "chart-deadline-urgency",
        "title": "Åbne frister efter hastegrad",
        "unit": "frister",
        "label_heading": "Hastegrad",
        "rows": rows,
        "max": max(counts["breached"], counts["due_soon"], counts["ok"]) or 1,
    }


def panel(request: AppRequest) -> dict[str, Any] | None:
    """Return the alerts-and-deadlines panel for the active membership, or None for roles without one."""
    membership = request.actor.membership
    if membership is None or membership.role not in PANEL_ROLES:
        return None
    counts = deadline_counts_by_urgency(
        actor=request.actor,
        organisation_ids=list(request.actor.organisation_ids),
        now=timezone.now(),
    )
    return {
        "template": "deadlines/_panel.html",
        "alerts": alert_count_unacknowledged(actor=request.actor),
        "counts": counts,
        "chart": urgency_chart(counts=counts) if membership.role in CHART_ROLES else None,
    }
