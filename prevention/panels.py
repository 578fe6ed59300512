"""The prevention panel of the dashboard: new and open referrals received, open referrals sent.

Counts only, no names: the dashboard shows nothing that needs the access log."""

from typing import Any

from prevention.permissions import may_refer
from prevention.selectors import referral_counts
from sundhedsaftale.requests import AppRequest


def panel(request: AppRequest) -> dict[str, Any] | None:
    """Return the prevention panel for providers and referrers, or None for roles without citizen data."""
    actor = request.actor
    if actor.membership is None or not actor.reads_personal_data:
        return None
    is_provider = actor.organisation_kind in {"municipality", "hospital", "department", "practice"}
    if not is_provider:
        return None
    return {
        "template": "prevention/_panel.html",
        "counts": referral_counts(actor=actor),
        "refers": may_refer(actor),
    }
