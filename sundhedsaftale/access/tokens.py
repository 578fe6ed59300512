"""API tokens of REST clients: DRF's token (one per user) that expires ``API_TOKEN_MAX_AGE`` after it was issued.

A token is revoked when its user's password changes, when one of the user's memberships is removed
(``sundhedsaftale.access.apps``), and when the client logs out (``POST /api/v1/auth/logout/``).
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def token_max_age() -> timedelta:
    return timedelta(seconds=settings.API_TOKEN_MAX_AGE)


def token_expires_at(token: Token) -> datetime:
    return token.created + token_max_age()


def token_is_expired(token: Token) -> bool:
    return token_expires_at(token) <= timezone.now()


def token_issue(*, user: Any) -> Token:
    """Return the user's token, a new one when there is none or it has expired."""
    token = Token.objects.filter(user=user).first()
    if token is not None and not token_is_expired(token):
        return token
    Token.objects.filter(user=user).delete()
    try:
        with transaction.atomic():
            return Token.objects.create(user=user)
    except IntegrityError:  # a parallel request issued it first
        return Token.objects.get(user=user)


def token_revoke(*, user_id: int | None) -> int:
    """Delete the user's token; return how many were deleted (0 or 1)."""
    if user_id is None:
        return 0
    deleted, _by_model = Token.objects.filter(user_id=user_id).delete()
    return deleted


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication that refuses (401) and deletes a token older than ``API_TOKEN_MAX_AGE``."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            token.delete()
            raise AuthenticationFailed(
                _("Token er udløbet. Hent et nyt med brugernavn og adgangskode."), code="token_expired"
            )
        return user, token
