from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from sundhedsaftale.organisations.actor import actor_of


def actor_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Set ``request.actor``: who acts, in the membership chosen in the user menu (built on first use)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_of(request))  # type: ignore[attr-defined]  # AppRequest
        return get_response(request)

    return middleware
