from typing import Any

from django.http import HttpRequest

from clusters.selectors import membership_list
from sundhedsaftale.access.roles import ROLES_WITHOUT_PERSONAL_DATA


def membership(request: HttpRequest) -> dict[str, Any]:
    """The active membership, the others the user may switch to, and whether citizen data is on offer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = membership_list(user=user)
    return {
        "active_membership": getattr(request, "membership", None),
        "memberships": memberships,
        "can_see_citizens": user.is_superuser
        or any(m.role not in ROLES_WITHOUT_PERSONAL_DATA for m in memberships),
    }
