"""``/api/v1/keyfigures/``: the same numbers and suppression as the dashboard, for the region's own reports."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from clusters.keyfigures.catalogue import BY_CODE
from clusters.keyfigures.periods import PeriodError, period_of, period_parse
from clusters.selectors import FigureView, dashboard, units
from sundhedsaftale.api.schema import SingleObjectSchema
from sundhedsaftale.workdays import local_date

_SHOWN = {"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["<5"]}], "nullable": True}


@extend_schema_field(_SHOWN)
class ShownField(serializers.Field):
    """A count, or "<5" where a small number could identify a person."""

    def to_representation(self, value: Any) -> Any:
        return value


class HeadlineSerializer(serializers.Serializer):
    value = ShownField()
    base = ShownField()
    percent = serializers.FloatField(allow_null=True)
    median = serializers.IntegerField(allow_null=True)
    p90 = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class RowSerializer(serializers.Serializer):
    name = serializers.CharField(source="label")
    value = ShownField()
    base = ShownField()
    percent = serializers.FloatField(allow_null=True)


class ComparisonSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    headline = HeadlineSerializer()


class KeyFigureSerializer(serializers.Serializer):
    code = serializers.CharField(source="figure.code")
    title = serializers.CharField(source="figure.title")
    definition = serializers.CharField(source="figure.definition")
    clause = serializers.CharField(source="figure.clause")
    unit = serializers.CharField(source="figure.unit")
    shape = serializers.CharField(source="figure.shape")
    headline = HeadlineSerializer()
    previous = HeadlineSerializer()
    comparisons = ComparisonSerializer(many=True)
    trend = RowSerializer(many=True)
    breakdown_by = serializers.CharField(source="breakdown_heading")
    breakdown = RowSerializer(many=True)
    series = RowSerializer(many=True)


class KeyFiguresSerializer(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    period = serializers.CharField()
    period_label = serializers.CharField()
    figures = KeyFigureSerializer(many=True)


class KeyFigureViewSet(viewsets.ViewSet):
    """Key figures of a unit (region, cluster, municipality, hospital, department) and period: numbers only."""

    schema = SingleObjectSchema()

    serializer_class = KeyFiguresSerializer

    @extend_schema(
        summary="Nøgletal for en enhed og periode (samme tal og diskretionering som siderne)",
        parameters=[
            OpenApiParameter(
                "unit", str, description="Enhedens kode (fx klynge-aarhus, 751, AUH). Standard: regionen."
            ),
            OpenApiParameter(
                "period", str, description="2026-H1, 2026-Q4, 2026-11 eller 2026. Standard: dette halvår."
            ),
            OpenApiParameter("figure", str, enum=sorted(BY_CODE), description="Kun ét nøgletal."),
        ],
        responses={
            200: KeyFiguresSerializer,
            400: OpenApiResponse(description="Ukendt enhed, periode eller nøgletal."),
        },
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        errors: dict[str, list[str]] = {}
        try:
            period = (
                period_parse(params["period"])
                if "period" in params
                else period_of(local_date(timezone.now()), "half")
            )
        except PeriodError as error:
            errors["period"] = [str(error)]
        code = params.get("unit", "")
        unit = units().filter(code=code[:32]).first() if code else units().filter(kind="region").first()
        if unit is None:
            errors["unit"] = [f"Ukendt enhed {code[:32]!r}."]
        figure = params.get("figure")
        if figure is not None and figure not in BY_CODE:
            errors["figure"] = [f"Ukendt nøgletal {figure[:40]!r}; kendte: {', '.join(sorted(BY_CODE))}."]
        if errors:
            raise ValidationError(errors)
        assert unit is not None
        views: list[FigureView] = dashboard(unit, period, [figure] if figure else None)
        data = {
            "unit": unit.code,
            "unit_name": unit.name,
            "period": period.code,
            "period_label": period.label,
            "figures": views,
        }
        return Response(KeyFiguresSerializer(data).data)
