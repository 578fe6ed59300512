"""Request throttling: log-in per address and per username, the API per user (and anonymous per address).

The client's address is ``REMOTE_ADDR``, or with ``NUM_PROXIES`` trusted proxies in front the address the
nearest of them saw (``X-Forwarded-For`` from the right), so a client cannot pick its own address. Every
throttle fails open: when the cache (Redis) is down a request is let through and a warning logged.
"""

import hashlib
import logging
from typing import Any

from django.http import HttpRequest
from rest_framework import throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest | Request) -> str:
    """The client's address as the throttles see it (axes uses it too: ``AXES_CLIENT_IP_CALLABLE``)."""
    return throttling.BaseThrottle().get_ident(request) or ""  # type: ignore[arg-type]  # it reads only META


class _FailOpen:
    """Read the rate from the settings on every use, and let the request through when the cache fails."""

    scope: str | None

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return super().allow_request(request, view)  # type: ignore[misc]
        except Exception as error:  # the cache backend's connection error (redis.ConnectionError, OSError)
            logger.warning("Throttle %s let a request through: the cache failed (%r)", self.scope, error)
            return True


class UserRateThrottle(_FailOpen, throttling.UserRateThrottle):
    """The whole API per signed-in user, at a generous rate."""


class AnonRateThrottle(_FailOpen, throttling.AnonRateThrottle):
    """The whole API per address for requests without credentials."""


class LoginAddressThrottle(_FailOpen, throttling.SimpleRateThrottle):
    """Log-in attempts (the form and the token endpoint) per client address."""

    scope = "login_address"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class LoginUsernameThrottle(_FailOpen, throttling.SimpleRateThrottle):
    """Log-in attempts per username, whatever address they come from."""

    scope = "login_username"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        data = request.data if isinstance(request, Request) else request.POST
        username = str(data.get("username", "") if hasattr(data, "get") else "").strip().lower()
        if not username:
            return None
        digest = hashlib.sha256(username.encode()).hexdigest()[:32]  # any characters, a safe cache key
        return self.cache_format % {"scope": self.scope, "ident": digest}


LOGIN_THROTTLES: list[type[throttling.BaseThrottle]] = [LoginAddressThrottle, LoginUsernameThrottle]


def login_throttle_wait(request: HttpRequest) -> float | None:
    """Count one log-in attempt of a form post; return the seconds to wait when it is refused, else None."""
    form_request: Any = request  # the throttles read only META and POST, which a Django request has
    waits = []
    for throttle_class in LOGIN_THROTTLES:
        throttle = throttle_class()
        if not throttle.allow_request(form_request, None):  # type: ignore[arg-type]
            waits.append(throttle.wait() or 60.0)
    return max(waits) if waits else None
