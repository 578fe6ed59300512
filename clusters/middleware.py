from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from clusters.selectors import membership_list

SESSION_KEY = "active_membership_id"


def active_membership_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Set ``request.membership``: the membership the user acts in (chosen in the user menu)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        memberships = membership_list(user=request.user)
        chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        request.membership = next(  # type: ignore[attr-defined]
            (m for m in memberships if m.pk == chosen), memberships[0] if memberships else None
        )
        return get_response(request)

    return middleware
