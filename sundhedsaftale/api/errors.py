"""One mapping from errors to JSON bodies with a human-readable ``detail``."""

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from sundhedsaftale.errors import DomainError


def _validation_detail(errors: Any) -> str:
    if isinstance(errors, dict):
        for field, messages in errors.items():
            text = _validation_detail(messages)
            return text if field in ("non_field_errors", "__all__") else f"{field}: {text}"
    if isinstance(errors, list) and errors:
        return _validation_detail(errors[0])
    return str(errors)


def _flat_errors(errors: Any, path: str = "") -> dict[str, list[str]]:
    """DRF's nested errors as one flat mapping of a field's path to its messages, the way the schema's
    ``Error`` promises: ``{"needs": {0: [...]}}`` becomes ``{"needs[0]": [...]}``, a nested serializer's
    ``{"plan": {"date": [...]}}`` becomes ``{"plan.date": [...]}``."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            if isinstance(key, int) or str(key).isdigit():
                name = f"{path}[{key}]"
            else:
                name = f"{path}.{key}" if path else str(key)
            flat.update(_flat_errors(value, name))
    elif isinstance(errors, list) and any(isinstance(item, dict | list) for item in errors):
        for index, item in enumerate(errors):
            if item:
                flat.update(_flat_errors(item, f"{path}[{index}]"))
    else:
        messages = errors if isinstance(errors, list) else [errors]
        flat[path or "non_field_errors"] = [str(message) for message in messages]
    return flat


def error_body(detail: str, code: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    """The one error body of the API (the ``Error`` component of the schema): ``errors`` is always there."""
    return {"detail": detail, "code": code, "errors": errors or {}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Return a JSON body ``{"detail": ..., "code": ..., "errors": {...}}`` for every API error."""
    if isinstance(exc, DomainError):
        errors = {exc.field: [exc.message]} if exc.field else {}
        return Response(error_body(exc.message, exc.code, errors), status=exc.status_code)
    if isinstance(exc, OperationalError | InterfaceError):
        # the database is down or restarting (bench/faults/pg_restart.py): a client can tell that from a bug
        # and try again, rather than get a 500
        return Response(
            error_body(_("Databasen svarer ikke lige nu; prøv igen om lidt."), "unavailable"),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body(_("Forespørgslen er for stor."), "request_too_large"),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, TooManyFieldsSent):
        exc = exceptions.ParseError(_("Forespørgslen har for mange felter."))
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Ikke fundet."))
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            _validation_detail(exc.detail),
            "invalid",
            _flat_errors(exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}),
        )
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = error_body(str(detail), getattr(detail, "code", "error"))
    return response


def json_404(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(error_body(_("Ikke fundet."), "not_found"), status=404)


def json_500(request: HttpRequest) -> JsonResponse:
    return JsonResponse(error_body(_("Der opstod en fejl på serveren."), "server_error"), status=500)
