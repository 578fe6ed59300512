"""The aids API: the responsibility decision, the catalogue of aid types, needs (deliver, cancel), loans (with
their slip as PDF, return), disputes (escalate, decide), depots and capacity notes. Every viewset is a
``VisibleViewSet``; services decide, serializers shape."""

import json
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from aids import responsibility, services
from aids.api import serializers as s
from aids.models import AidNeed, AidType, CapacityNote, Depot, Dispute, Loan
from aids.pdf import loan_slip_bytes
from sundhedsaftale.api.schema import SingleObjectSchema
from sundhedsaftale.api.viewsets import ReadOnlyVisibleViewSet
from sundhedsaftale.errors import DomainError

NOT_FOUND = OpenApiResponse(description="Ukendt, eller ikke synlig for brugerens organisationer.")


class PdfRenderer(BaseRenderer):
    """Serves PDF bytes; an error body (a dict) is written as JSON with its own content type."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data, ensure_ascii=False).encode()


@extend_schema(
    summary="Hvem leverer og betaler? (Aftale om hjælpemiddelområdet 1.1, 1.2, 1.4)",
    parameters=[
        OpenApiParameter("situation", str, required=True, enum=[x.value for x in responsibility.Situation]),
        OpenApiParameter("treated_at", str, enum=["other_region", "private"]),
        OpenApiParameter("known_at_hospital", bool),
        OpenApiParameter("private_special_agreement", bool),
    ],
    responses={200: s.ResponsibilitySerializer, 400: OpenApiResponse(description="Ukendt situation")},
    examples=[
        OpenApiExample(
            "Specialiseret genoptræning",
            value={
                "situation": "specialised_rehab",
                "delivers": "hospital",
                "pays": "municipality",
                "reason": "Hospitalet leverer, fordi aftalen (1.1 Hospitalernes ansvarsområder) siger: »…«",
                "section": "1.1 Hospitalernes ansvarsområder",
                "hospital": "treating",
            },
            response_only=True,
        )
    ],
)
class ResponsibilityViewSet(viewsets.ViewSet):
    """The pure decision of ``aids.responsibility``; no citizen data."""

    schema = SingleObjectSchema()

    def list(self, request: Request) -> Response:
        query = s.ResponsibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        try:
            situation = responsibility.situation_parse(values["situation"])
        except responsibility.UnknownSituation as error:
            raise DomainError(str(error), field="situation", code="unknown_situation") from None
        decision = responsibility.decide(
            situation,
            treated_at=values["treated_at"],
            known_at_hospital=values["known_at_hospital"],
            private_special_agreement=values["private_special_agreement"],
        )
        return Response(decision.as_dict())


@extend_schema_view(
    list=extend_schema(summary="Kataloget over hjælpemiddeltyper"),
    retrieve=extend_schema(summary="Én hjælpemiddeltype"),
)
class AidTypeViewSet(ReadOnlyVisibleViewSet):
    queryset = AidType.objects.all()
    serializer_class = s.AidTypeSerializer
    citizen_id_path = None
    pagination_class = None


@extend_schema_view(
    list=extend_schema(summary="Behov for hjælpemidler (begge parter ser dem)"),
    retrieve=extend_schema(summary="Ét behov", responses={200: s.AidNeedSerializer, 404: NOT_FOUND}),
)
class AidNeedViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = AidNeed.objects.all()
    serializer_class = s.AidNeedSerializer
    citizen_id_path = "course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("course", "aid_type", "delivering_organisation", "municipality")

    @extend_schema(
        summary="Registrér et behov; ansvaret afgøres efter aftalen (afvigelse kræver begrundelse)",
        request=s.AidNeedCreateSerializer,
        responses={201: s.AidNeedSerializer},
        examples=[
            OpenApiExample(
                "Rollator ved almen genoptræning",
                value={
                    "course": 1,
                    "aid_type": "rollator",
                    "situation": "general_rehab",
                    "needed_from": "2026-12-10",
                    "lasting": False,
                    "why": "Går usikkert efter hoftebrud",
                },
            )
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.AidNeedCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        need = services.need_register(acting_user=self.acting_user, **values)
        return Response(s.AidNeedSerializer(need).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Registrér levering", request=s.DeliverSerializer, responses={200: s.AidNeedSerializer}
    )
    @action(detail=True, methods=["post"])
    def deliver(self, request: Request, pk: Any = None) -> Response:
        need = self.get_object()
        data = s.DeliverSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        need = services.need_deliver(
            need=need,
            acting_user=self.acting_user,
            at=data.validated_data.get("delivered_at"),
            note=data.validated_data["note"],
        )
        return Response(s.AidNeedSerializer(need).data)

    @extend_schema(
        summary="Annullér behovet", request=s.CancelSerializer, responses={200: s.AidNeedSerializer}
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        need = self.get_object()
        data = s.CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        need = services.need_cancel(
            need=need, acting_user=self.acting_user, reason=data.validated_data["reason"]
        )
        return Response(s.AidNeedSerializer(need).data)


@extend_schema_view(
    list=extend_schema(summary="Udlån"),
    retrieve=extend_schema(summary="Ét udlån", responses={200: s.LoanSerializer, 404: NOT_FOUND}),
)
class LoanViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = Loan.objects.all()
    serializer_class = s.LoanSerializer
    citizen_id_path = "need.course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("need__course", "aid_type", "lender", "depot")

    @extend_schema(
        summary="Udlån et hjælpemiddel (leverer behovet)",
        request=s.LoanCreateSerializer,
        responses={201: s.LoanSerializer},
        examples=[
            OpenApiExample(
                "Rollator fra depotet",
                value={
                    "need": 1,
                    "item_number": "R-10231",
                    "contact_name": "Hjælpemiddeldepotet",
                    "contact_phone": "78450000",
                    "instruction_given": True,
                    "follow_up_on": "2027-01-15",
                },
            )
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.LoanCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        loan = services.loan_create(acting_user=self.acting_user, **data.validated_data)
        return Response(s.LoanSerializer(loan).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Afhentet eller returneret", request=s.LoanReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: Any = None) -> Response:
        loan = self.get_object()
        data = s.LoanReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        loan = services.loan_return(loan=loan, acting_user=self.acting_user, **data.validated_data)
        return Response(s.LoanSerializer(loan).data)

    @extend_schema(
        summary="Lånesedlen som PDF (1.3: hvad, vilkår, kontaktperson)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], url_path="slip.pdf", renderer_classes=[PdfRenderer])
    def slip(self, request: Request, pk: Any = None) -> Response:
        loan = self.get_object()
        response = Response(loan_slip_bytes(loan=loan), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="laaneseddel-{loan.pk}.pdf"'
        return response


@extend_schema_view(
    list=extend_schema(summary="Tvivlstilfælde om myndighedsansvar (3.5)"),
    retrieve=extend_schema(
        summary="Ét tvivlstilfælde med trinene", responses={200: s.DisputeSerializer, 404: NOT_FOUND}
    ),
)
class DisputeViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = Dispute.objects.all()
    serializer_class = s.DisputeSerializer
    citizen_id_path = "need.course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related(
            "need__course", "opened_by_organisation", "interim_organisation"
        ).prefetch_related("steps")

    def _respond(self, dispute: Dispute, code: int = status.HTTP_200_OK) -> Response:
        dispute = self.scope_queryset(Dispute.objects.all()).get(pk=dispute.pk)
        return Response(s.DisputeSerializer(dispute).data, status=code)

    @extend_schema(
        summary="Rejs tvivl om ansvaret; den nærmeste myndighed leverer i mellemtiden",
        request=s.DisputeCreateSerializer,
        responses={201: s.DisputeSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.DisputeCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        dispute = services.dispute_open(acting_user=self.acting_user, **data.validated_data)
        return self._respond(dispute, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Forelæg næste instans", request=s.EscalateSerializer, responses={200: s.DisputeSerializer}
    )
    @action(detail=True, methods=["post"])
    def escalate(self, request: Request, pk: Any = None) -> Response:
        dispute = self.get_object()
        data = s.EscalateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dispute = services.dispute_escalate(
            dispute=dispute, acting_user=self.acting_user, **data.validated_data
        )
        return self._respond(dispute)

    @extend_schema(summary="Registrér afgørelsen og hvem der betaler", request=s.DecideSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: Any = None) -> Response:
        dispute = self.get_object()
        data = s.DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dispute = services.dispute_decide(
            dispute=dispute, acting_user=self.acting_user, **data.validated_data
        )
        return self._respond(dispute)


@extend_schema_view(
    list=extend_schema(summary="Hjælpemiddeldepoter"), retrieve=extend_schema(summary="Ét depot")
)
class DepotViewSet(ReadOnlyVisibleViewSet):
    queryset = Depot.objects.all()
    serializer_class = s.DepotSerializer
    citizen_id_path = None


@extend_schema_view(
    list=extend_schema(summary="Kapacitetsnoter og varsler om ændret behov (ingen personoplysninger)"),
    retrieve=extend_schema(summary="Én note"),
)
class CapacityNoteViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = CapacityNote.objects.all()
    serializer_class = s.CapacityNoteSerializer
    citizen_id_path = None

    def scope_queryset(self, queryset):
        return queryset.select_related("organisation", "depot")

    @extend_schema(summary="Skriv en kapacitetsnote eller varsl ændret behov til klyngen")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.CapacityNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = services.capacity_note_create(acting_user=self.acting_user, **data.validated_data)
        return Response(s.CapacityNoteSerializer(note).data, status=status.HTTP_201_CREATED)
