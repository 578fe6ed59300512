"""The deadline API: the public rule catalogue with previews, and the visible deadlines and alerts."""

import re
from datetime import date, datetime
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from sundhedsaftale.api.filters import IsoDateTimeFilter
from sundhedsaftale.api.viewsets import ReadOnlyVisibleViewSet
from sundhedsaftale.deadlines import selectors, services
from sundhedsaftale.deadlines.api.serializers import (
    AlertSerializer,
    DeadlineSerializer,
    PreviewSerializer,
    RuleSerializer,
)
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.rules import CATALOGUE

DEFAULT_RULE_SET = "2008"
#: the years a preview computes (the holiday calendar and date arithmetic stop long before year 1 and 9999)
ANCHOR_YEARS = (1900, 2200)
ERROR = inline_serializer(
    "DeadlineError",
    {"detail": serializers.CharField(), "code": serializers.CharField(), "errors": serializers.DictField()},
)
NOT_FOUND = OpenApiResponse(ERROR, description="Ukendt, eller ikke synlig for brugerens organisationer.")
# A "+" in a query string arrives as a space when the client did not encode it as %2B.
_SPACE_OFFSET = re.compile(r" (\d{2}(:?\d{2})?)$")


def parse_anchor(text: str) -> date | datetime:
    """Return the ISO 8601 date or date-time in ``text``; raises ValueError when it is neither."""
    text = _SPACE_OFFSET.sub(r"+\1", text.strip())
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


def _rule_set_codes() -> list[str]:
    return [candidate.code for candidate in CATALOGUE]


@extend_schema_view(
    list=extend_schema(
        summary="Regelkataloget: alle regler i alle regelsæt (offentligt)",
        parameters=[
            OpenApiParameter("rule_set", str, enum=_rule_set_codes(), description="Kun ét regelsæt.")
        ],
        responses={
            200: RuleSerializer(many=True),
            400: OpenApiResponse(ERROR, description="Ukendt regelsæt."),
        },
    ),
)
class DeadlineRuleViewSet(viewsets.ViewSet):
    """The catalogue is the public pocket edition: anyone may read it, and preview a deadline."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[a-z_]+\.[a-z_]+"
    serializer_class = RuleSerializer

    def _rule_set_code(self, request: Request, default: str = "") -> str:
        code = request.query_params.get("rule_set", default)
        if code and code not in _rule_set_codes():
            message = f"Ukendt regelsæt {code!r}; kendte: {', '.join(_rule_set_codes())}."
            raise ValidationError({"rule_set": [message]})
        return code

    def list(self, request: Request) -> Response:
        rules = selectors.rule_catalogue_list(rule_set_code=self._rule_set_code(request))
        return Response(RuleSerializer(rules, many=True).data)

    @extend_schema(
        summary="Beregn en frist for et anker (offentligt)",
        description=(
            "En dato er en dansk kalenderdato; et tidspunkt med offset omregnes til Europe/Copenhagen, et "
            "tidspunkt uden offset er dansk tid. Husk at kode '+' som %2B i forespørgslen."
        ),
        parameters=[
            OpenApiParameter("anchor", str, required=True, description="ISO 8601-dato eller -tidspunkt."),
            OpenApiParameter("rule_set", str, enum=_rule_set_codes(), description="Standard: 2008."),
        ],
        responses={
            200: PreviewSerializer,
            400: OpenApiResponse(ERROR, description="Manglende eller ugyldigt anker, eller ukendt regelsæt."),
            404: OpenApiResponse(ERROR, description="Ukendt regelkode."),
        },
        examples=[
            OpenApiExample(
                "3 hverdage før udskrivning over påsken",
                value={
                    "rule": "discharge.home_care",
                    "anchor": "2025-04-22",
                    "due_date": "2025-04-14",
                    "due_at": "2025-04-14T23:59:59+02:00",
                    "warn_at": "2025-04-11T08:00:00+02:00",
                    "guidance": False,
                },
                response_only=True,
            ),
            OpenApiExample(
                "Ugyldigt anker",
                value={
                    "detail": "anchor: Ikke en ISO 8601-dato eller -tidspunkt: 'i morgen'.",
                    "code": "invalid",
                    "errors": {"anchor": ["Ikke en ISO 8601-dato eller -tidspunkt: 'i morgen'."]},
                },
                response_only=True,
                status_codes=["400"],
            ),
            OpenApiExample(
                "Ukendt regel",
                value={"detail": "Ukendt regel 'discharge.never'.", "code": "not_found"},
                response_only=True,
                status_codes=["404"],
            ),
        ],
    )
    @action(detail=True, methods=["get"])
    def preview(self, request: Request, code: str) -> Response:
        if not any(code in candidate.rules or code in candidate.guidance for candidate in CATALOGUE):
            raise NotFound(f"Ukendt regel {code!r}.")
        rule_set_code = self._rule_set_code(request, DEFAULT_RULE_SET)
        text = request.query_params.get("anchor", "")
        if not text.strip():
            raise ValidationError(
                {"anchor": ["Parameteren anchor mangler (ISO 8601-dato eller -tidspunkt)."]}
            )
        try:
            anchor = parse_anchor(text)
        except ValueError:
            raise ValidationError(
                {"anchor": [f"Ikke en ISO 8601-dato eller -tidspunkt: {text!r}."]}
            ) from None
        if not ANCHOR_YEARS[0] <= anchor.year <= ANCHOR_YEARS[1]:
            message = f"Ankeret skal ligge mellem år {ANCHOR_YEARS[0]} og {ANCHOR_YEARS[1]}."
            raise ValidationError({"anchor": [message]})
        try:
            preview = selectors.deadline_preview(rule_set_code=rule_set_code, code=code, anchor=anchor)
        except KeyError:
            raise NotFound(f"Regel {code!r} findes ikke i regelsæt {rule_set_code!r}.") from None
        return Response(preview)


class DueRangeFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Deadline.State.choices)
    rule = django_filters.CharFilter(field_name="rule_code")
    organisation = django_filters.CharFilter(method="filter_organisation", label="Organisationskode")
    due_after = IsoDateTimeFilter(field_name="due_at", lookup_expr="gte")
    due_before = IsoDateTimeFilter(field_name="due_at", lookup_expr="lt")

    class Meta:
        model = Deadline
        fields = ["state", "rule", "organisation", "due_after", "due_before"]

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(responsible__code=value) | Q(counterpart__code=value))


class AlertFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        method="filter_state", choices=[("unacknowledged", "Ikke kvitteret"), ("acknowledged", "Kvitteret")]
    )
    kind = django_filters.ChoiceFilter(choices=Alert.Kind.choices)
    rule = django_filters.CharFilter(field_name="deadline__rule_code")
    organisation = django_filters.CharFilter(field_name="organisation__code", label="Modtagerens kode")
    due_after = IsoDateTimeFilter(field_name="deadline__due_at", lookup_expr="gte")
    due_before = IsoDateTimeFilter(field_name="deadline__due_at", lookup_expr="lt")

    class Meta:
        model = Alert
        fields = ["state", "kind", "rule", "organisation", "due_after", "due_before"]

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(acknowledged_at__isnull=value == "unacknowledged")


@extend_schema_view(
    list=extend_schema(summary="Frister, som brugerens organisationer må se"),
    retrieve=extend_schema(summary="Én frist", responses={200: DeadlineSerializer, 404: NOT_FOUND}),
)
class DeadlineViewSet(ReadOnlyVisibleViewSet):
    queryset = Deadline.objects.all()
    serializer_class = DeadlineSerializer
    filterset_class = DueRangeFilter

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("responsible", "counterpart", "subject_type")


@extend_schema_view(
    list=extend_schema(summary="Advarsler til brugerens organisationer"),
    retrieve=extend_schema(summary="Én advarsel", responses={200: AlertSerializer, 404: NOT_FOUND}),
)
class AlertViewSet(ReadOnlyVisibleViewSet):
    queryset = Alert.objects.all()
    serializer_class = AlertSerializer
    filterset_class = AlertFilter
    citizen_id_path = "deadline.citizen_id"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("deadline", "organisation", "acknowledged_by", "assigned_to")

    @extend_schema(
        summary="Kvittér for en advarsel (idempotent: første kvittering gælder)",
        request=None,
        responses={200: AlertSerializer, 404: NOT_FOUND},
        examples=[
            OpenApiExample(
                "Kvitteret",
                value={
                    "id": 17,
                    "kind": "breach",
                    "organisation": "751",
                    "created_at": "2025-04-16T00:00:30+02:00",
                    "acknowledged_at": "2025-04-16T08:12:00+02:00",
                    "acknowledged_by": "visitator",
                    "assigned_to": None,
                    "deadline": {
                        "id": 5,
                        "rule": "discharge.home_care",
                        "title": "Varsling ved behov for hjemmepleje og omfattende sygepleje",
                        "state": "breached",
                        "citizen": 3,
                        "due_date": "2025-04-15",
                        "due_at": "2025-04-15T23:59:59+02:00",
                    },
                },
                response_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: Any = None) -> Response:
        alert = services.alert_acknowledge(alert=self.get_object(), acting_user=self.acting_user)
        alert = self.get_queryset().get(pk=alert.pk)
        return Response(AlertSerializer(alert).data)
