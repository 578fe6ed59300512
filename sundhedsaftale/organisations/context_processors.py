from typing import Any

from django.http import HttpRequest

from sundhedsaftale.organisations.actor import actor_of
from sundhedsaftale.organisations.selectors import membership_list


def actor(request: HttpRequest) -> dict[str, Any]:
    """The actor, its membership, the others the user may switch to, and whether citizen data is on offer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = actor_of(request)
    return {
        "actor": current,
        "active_membership": current.membership,
        "memberships": membership_list(user=user),
        "can_see_citizens": current.reads_personal_data,
    }
