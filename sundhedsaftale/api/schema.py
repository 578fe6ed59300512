"""The schema's error answers: every operation documents the errors the API can give, all with one body.

A postprocessing hook of drf-spectacular (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``): it adds the
``Error`` component (the body of ``sundhedsaftale.api.errors.error_body``) and, to each operation, the 4xx
answers it lacks, and gives the body to those declared without one. A client generated from the schema can
then read every answer the API gives.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "description": "Fejlsvar: en læsbar besked, en kode og fejlene pr. felt (tom ved andre fejl end valideringsfejl).",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {}},
    },
    "required": ["detail", "code", "errors"],
}
EVERY_OPERATION = {
    "400": "Ugyldig forespørgsel: parametre, cursor eller indhold.",
    "401": "Ikke logget ind (ingen eller ukendt token).",
    "403": "Ingen adgang for brugerens rolle.",
    "404": "Ukendt, eller ikke synlig for brugerens organisationer.",
    "429": "For mange forespørgsler; prøv igen senere.",
    "503": "Databasen svarer ikke lige nu; prøv igen efter Retry-After sekunder.",
}
WITH_BODY = {
    "413": "Forespørgslen er for stor.",
    "415": "Indholdstypen understøttes ikke.",
}
#: answered by the web server (gunicorn) before Django sees the request, with no body the API shapes
URI_TOO_LONG = {"description": "Adressen (med forespørgslen) er for lang."}
WRITES = {"409": "Forløbet er i en tilstand, hvor handlingen ikke kan udføres."}
UNSAFE = ("put", "post", "patch", "delete")
METHODS = ("get", "put", "post", "patch", "delete", "head", "options")
#: DRF writes a clock time as local "HH:MM[:SS[.ffffff]]"; JSON Schema's "time" format demands an offset
LOCAL_TIME = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"}


def _local_times(node: Any) -> None:
    """Describe clock times as what the API writes (no offset) instead of the "time" format."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("format") == "time" and item.get("type") == "string":
                del item["format"]
                item.update(LOCAL_TIME)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def document_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    _local_times(result)
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            wanted = dict(EVERY_OPERATION)
            if "requestBody" in operation:
                wanted.update(WITH_BODY)
            if method in UNSAFE:
                wanted.update(WRITES)
            for code, description in wanted.items():
                responses.setdefault(code, {"description": description})
            for code, response in responses.items():
                if code.startswith(("4", "5")) and not response.get("content"):
                    response["content"] = {"application/json": {"schema": ERROR_REF}}
            responses.setdefault("414", dict(URI_TOO_LONG))
    return result


class SingleObjectSchema(AutoSchema):
    """For a ViewSet whose ``list`` answers one object (a computation, not a collection): drf-spectacular
    otherwise documents every ``list`` as an array."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False
