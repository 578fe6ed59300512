"""FHIR JSON in: ``application/fhir+json`` or ``application/json``, with the API's checks except the free-text
length (a CareCommunication attachment is a base64 text of up to the request size)."""

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework import exceptions

from sundhedsaftale.api.parsers import MAX_DEPTH, JSONParser, RequestTooLarge, _constant, _finite


def _check(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise exceptions.ParseError("JSON indeholder et ugyldigt tegn (NUL).")
        elif isinstance(value, Mapping | list):
            if depth > MAX_DEPTH:
                raise exceptions.ParseError(f"JSON er indlejret dybere end {MAX_DEPTH} niveauer.")
            items = list(value.values()) + list(value) if isinstance(value, Mapping) else value
            stack.extend((item, depth + 1) for item in items)


class FhirJSONParser(JSONParser):
    media_type = "application/fhir+json"

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


class PlainFhirJSONParser(FhirJSONParser):
    media_type = "application/json"
