"""Serializer fields of the API."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)
class VisiblePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """The id of a row the requesting user may see (``queryset.visible_to(actor)``): a foreign id gets exactly
    the answer of an id that does not exist (400, »Ugyldig primærnøgle«), so no answer tells which ids exist.
    Without a request in the serializer's context no row exists."""

    def get_queryset(self) -> Any:
        rows: Any = super().get_queryset()
        request = self.context.get("request")
        return rows.none() if request is None else rows.visible_to(request.actor)
