"""The prevention API: the public offer catalogue (read without log-in, written by the providers), screenings
and referrals with the receiver's status actions. Every viewset is a ``VisibleViewSet``."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from prevention import services
from prevention.api import serializers as s
from prevention.models import Offer, Referral, Screening
from prevention.selectors import OfferFilters, offer_list
from prevention.services.offer_csv import MAX_BYTES
from prevention.services.referrals import assessments_of
from sundhedsaftale.api.errors import error_body
from sundhedsaftale.api.viewsets import ReadOnlyVisibleViewSet
from sundhedsaftale.workdays import local_date

NOT_FOUND = OpenApiResponse(description="Ukendt, eller ikke synlig for brugerens organisationer.")
OFFER_EXAMPLE = OpenApiExample(
    "Rygestopkursus i Aarhus Kommune",
    value={
        "provider": "751",
        "title": "Rygestop på hold",
        "orientation": "patient",
        "target_group": "Borgere over 18 år, der vil holde op med at ryge",
        "content": "Seks mødegange over fem uger med rygestoprådgiver; nikotinerstatning til nedsat pris.",
        "kram": ["smoking"],
        "visitation": "Henvisning fra hospital eller egen læge, eller egen henvendelse",
        "waiting_weeks": 2,
        "contact": "Sundhedscenter Aarhus, tlf. 8940 0000",
        "location": "Sundhedshuset, Frederiks Allé 12, Aarhus",
        "schedule": "Tirsdage kl. 16-18",
        "active_from": "2026-01-01",
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Det fælles katalog over forebyggelsestilbud (offentligt, uden login)",
        parameters=[s.OfferQuerySerializer],
    ),
    retrieve=extend_schema(
        summary="Ét tilbud",
        responses={200: s.OfferSerializer, 404: NOT_FOUND},
    ),
)
class OfferViewSet(ReadOnlyVisibleViewSet):
    """Offers name no citizen: anyone reads them (anonymous requests are throttled per address, like every
    anonymous API request); the providing organisation writes its own."""

    queryset = Offer.objects.all()
    serializer_class = s.OfferSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    citizen_id_path = None

    def scope_queryset(self, queryset):
        queryset = queryset.select_related("provider__parent")
        if self.action != "list":
            return queryset
        query = s.OfferQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = OfferFilters(
            q=data.get("q", ""),
            kram=tuple(data.get("kram") or ()),
            programme=data.get("programme", ""),
            education=data.get("education", ""),
            orientation=data.get("orientation", ""),
            municipality=data.get("municipality", ""),
            cluster=data.get("cluster"),
            include_inactive=data.get("include_inactive", False),
        )
        ids = offer_list(actor=self.actor, filters=filters, on=local_date(timezone.now())).values("pk")
        return queryset.filter(pk__in=ids)

    @extend_schema(
        summary="Opret et tilbud (af udbyderen)",
        request=s.OfferWriteSerializer,
        responses={201: s.OfferSerializer},
        examples=[OFFER_EXAMPLE],
    )
    def create(self, request: Request) -> Response:
        data = s.OfferWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        provider = data.validated_data.get("provider") or self.actor.acting_organisation
        if provider is None:
            return Response(
                error_body("Angiv udbyderen.", "invalid", {"provider": ["Angiv udbyderen."]}), status=400
            )
        offer = services.offer_create(
            provider=provider,
            data=data.service_data(),
            acting_user=self.acting_user,
            organisation=self.actor.acting_organisation,
        )
        return Response(s.OfferSerializer(offer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ret et tilbud (delvis)", request=s.OfferWriteSerializer, responses={200: s.OfferSerializer}
    )
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        offer = self.get_object()
        data = s.OfferWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        offer = services.offer_update(
            offer=offer,
            data=data.service_data(),
            acting_user=self.acting_user,
            organisation=self.actor.acting_organisation,
        )
        return Response(s.OfferSerializer(offer).data)

    @extend_schema(
        summary="Indlæs tilbud fra CSV (alt eller intet)",
        request={"text/csv": str},
        responses={
            200: s.OfferSerializer(many=True),
            400: OpenApiResponse(
                description="Intet er indlæst: fejlene pr. række står i errors.rows (line, column, message)."
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="import", pagination_class=None)
    def import_csv(self, request: Request) -> Response:
        if request.content_type.startswith("multipart/"):
            upload = request.FILES.get("file")
            raw = upload.read(MAX_BYTES + 1) if upload else b""
        else:  # text/csv: the body is the file (no DRF parser reads it)
            raw = request.body
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return Response(error_body("Filen skal være UTF-8.", "encoding"), status=400)
        try:
            offers = services.offers_import_csv(
                text=text, acting_user=self.acting_user, organisation=self.actor.acting_organisation
            )
        except services.OfferImportError as error:
            rows = [{"line": e.line, "column": e.column, "message": e.message} for e in error.rows]
            return Response(error_body(error.message, error.code, {"rows": rows}), status=400)
        return Response(s.OfferSerializer(offers, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Screeninger for behov og motivation"),
    retrieve=extend_schema(summary="Én screening", responses={200: s.ScreeningSerializer, 404: NOT_FOUND}),
)
class ScreeningViewSet(ReadOnlyVisibleViewSet):
    queryset = Screening.objects.all()
    serializer_class = s.ScreeningSerializer

    def scope_queryset(self, queryset):
        return queryset.select_related("organisation")

    @extend_schema(
        summary="Registrér screening (hospital eller egen læge)",
        request=s.ScreeningCreateSerializer,
        responses={201: s.ScreeningSerializer},
        examples=[
            OpenApiExample(
                "Ryger, motiveret", value={"course": 1, "screened_on": "2026-03-02", "smoking": "motivated"}
            )
        ],
    )
    def create(self, request: Request) -> Response:
        data = s.ScreeningCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        screening = services.screening_record(
            citizen=values["citizen"],
            course=values.get("course"),
            screened_on=values["screened_on"],
            assessments=assessments_of(values),
            note=values["note"],
            acting_user=self.acting_user,
            organisation=self.actor.acting_organisation,
        )
        return Response(s.ScreeningSerializer(screening).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Henvisninger til forebyggelsestilbud (sendt eller modtaget)"),
    retrieve=extend_schema(
        summary="Én henvisning med status", responses={200: s.ReferralSerializer, 404: NOT_FOUND}
    ),
)
class ReferralViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = Referral.objects.all()
    serializer_class = s.ReferralSerializer

    def scope_queryset(self, queryset):
        return queryset.select_related("offer", "referrer", "provider").prefetch_related(
            "events__organisation"
        )

    def _respond(self, referral: Referral, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.scope_queryset(Referral.objects.filter(pk=referral.pk)).get()
        return Response(s.ReferralSerializer(fresh).data, status=code)

    @extend_schema(
        summary="Henvis en borger til et tilbud (med samtykke)",
        request=s.ReferralCreateSerializer,
        responses={201: s.ReferralSerializer},
        examples=[
            OpenApiExample(
                "Rygestop",
                value={
                    "course": 1,
                    "offer": 3,
                    "consent_by": "citizen",
                    "reason": "Ryger 20 om dagen, motiveret",
                },
            )
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.ReferralCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        referral = services.referral_create(
            citizen=values["citizen"],
            course=values.get("course"),
            offer=values["offer"],
            screening=values.get("screening"),
            consent_by=values["consent_by"],
            consent_at=values.get("consent_at"),
            reason=values["reason"],
            acting_user=self.acting_user,
            organisation=self.actor.acting_organisation,
        )
        return self._respond(referral, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ny status (af modtageren): received, contacted, started, completed, declined, no_show",
        request=s.ReferralStatusSerializer,
        responses={
            200: s.ReferralSerializer,
            403: OpenApiResponse(description="Kun modtageren"),
            409: OpenApiResponse(description="Ikke muligt fra nuværende status"),
        },
        examples=[
            OpenApiExample("Borgeren startet", value={"status": "started", "note": "Hold 3, tirsdage"})
        ],
    )
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: Any = None) -> Response:
        referral = self.get_object()
        data = s.ReferralStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = services.referral_status_set(
            referral=referral,
            status=data.validated_data["status"],
            note=data.validated_data["note"],
            acting_user=self.acting_user,
            organisation=self.actor.acting_organisation,
        )
        return self._respond(referral)
