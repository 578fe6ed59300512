"""The API's JSON parser: strict JSON that no view has to distrust.

The form and multipart parsers refuse NUL characters and over-long texts in their fields the same way (a
file's bytes are not looked at). Refused with 400 (``ParseError``): malformed JSON, nesting deeper than ``MAX_DEPTH``, ``NaN``/``Infinity`` and
numbers that overflow to infinity (``1e400``), NUL characters anywhere, and strings longer than
``FREE_TEXT_MAX_LENGTH``. A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused with 413 before it is
parsed.
"""

import json
import math
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework import exceptions, parsers, status

from sundhedsaftale.limits import FREE_TEXT_MAX_LENGTH

MAX_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Forespørgslen er for stor."
    default_code = "request_too_large"


def _constant(name: str) -> Any:
    raise ValueError(f"{name} er ikke et tal i JSON")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"tallet {text[:20]} er for stort")
    return number


def _check(data: Any) -> None:
    """Walk the parsed document without recursion and refuse what no field may hold."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise exceptions.ParseError("JSON indeholder et ugyldigt tegn (NUL).")
            if len(value) > FREE_TEXT_MAX_LENGTH:
                raise exceptions.ParseError(f"En tekst i JSON er længere end {FREE_TEXT_MAX_LENGTH} tegn.")
        elif isinstance(value, Mapping | list):
            if depth > MAX_DEPTH:
                raise exceptions.ParseError(f"JSON er indlejret dybere end {MAX_DEPTH} niveauer.")
            if isinstance(value, Mapping):
                stack.extend((key, depth) for key in value)
                stack.extend((item, depth + 1) for item in value.values())
            else:
                stack.extend((item, depth + 1) for item in value)


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(f"Forespørgslen er for stor: højst {limit // 1024} kB JSON.")
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_constant, parse_float=_finite)
        except RecursionError:
            raise exceptions.ParseError(f"JSON er indlejret dybere end {MAX_DEPTH} niveauer.") from None
        except ValueError as exc:
            raise exceptions.ParseError(f"Ugyldig JSON: {exc}") from None
        _check(data)
        return data


def _check_fields(data: Any) -> None:
    for key, values in data.lists():
        _check([key, *values])


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        _check_fields(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        result = super().parse(stream, media_type, parser_context)
        _check_fields(result.data)
        return result
