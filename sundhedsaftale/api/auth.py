"""Log-in and log-out of REST clients: a username and password for an expiring token, and revoking it."""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sundhedsaftale.access.throttles import LOGIN_THROTTLES
from sundhedsaftale.access.tokens import token_expires_at, token_issue, token_revoke


class AccountLocked(Throttled):
    default_code = "locked_out"


class TokenView(ObtainAuthToken):
    """Exchange username and password for the API token of a REST client (throttled per address and per
    username, locked by axes after repeated failures). The token expires at ``expires_at``."""

    throttle_classes = LOGIN_THROTTLES

    @extend_schema(
        responses={
            200: inline_serializer(
                "TokenResponse", {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()}
            ),
            400: OpenApiResponse(description="Forkert brugernavn eller adgangskode."),
            429: OpenApiResponse(description="For mange forsøg; se Retry-After."),
        }
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            username = str(request.data.get("username", "")) if hasattr(request.data, "get") else ""
            if AxesProxyHandler.is_locked(request._request, {"username": username}):
                cool_off = get_cool_off(request._request)
                raise AccountLocked(
                    wait=cool_off.total_seconds() if cool_off else None,
                    detail=_("For mange forkerte forsøg. Log-in er midlertidigt spærret."),
                )
            raise ValidationError(serializer.errors)
        token = token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key, "expires_at": token_expires_at(token)})


class LogoutView(APIView):
    """Revoke the caller's API token; the next request with it answers 401."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        token_revoke(user_id=request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
