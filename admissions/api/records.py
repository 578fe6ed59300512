"""API for consents, admission reports, information requests and messages: reads are scoped by the
visibility rule; every write goes through a service, and its rule violations are 4xx with a Danish detail."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from admissions import services
from admissions.api.actions import ServiceActionMixin, api_organisation
from admissions.api.courses import BAD_REQUEST, CONFLICT, ERROR, FORBIDDEN, NOT_FOUND
from admissions.api.serializers import (
    AdmissionNoticeSerializer,
    AdmissionReportSerializer,
    AttachmentInputSerializer,
    AttachmentSerializer,
    ConsentInputSerializer,
    ConsentSerializer,
    InformationReplyInputSerializer,
    InformationRequestInputSerializer,
    InformationRequestSerializer,
    MessageForwardInputSerializer,
    MessageInputSerializer,
    MessageReplyInputSerializer,
    MessageSerializer,
    ReportRequestInputSerializer,
    ReportSubmitInputSerializer,
)
from admissions.models import AdmissionNotice, AdmissionReport, Consent, InformationRequest, Message
from sundhedsaftale.api.parsers import FormParser, JSONParser, MultiPartParser
from sundhedsaftale.listfilters import id_param


class CourseRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceActionMixin):
    """Records on a course: filter with ``?course=<id>``."""

    citizen_id_path = "course.citizen_id"
    #: what the output serializer reads of each row (the organisation codes), fetched with it
    related: tuple[str, ...] = ()

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        course = id_param(self.request.query_params, "course")  # "²" is a digit to isdigit(), not to int()
        queryset = queryset.select_related("course", *self.related)
        return queryset.filter(course_id=course) if course is not None else queryset


@extend_schema_view(
    list=extend_schema(summary="Samtykker på synlige forløb (?course=)"),
    retrieve=extend_schema(summary="Ét samtykke", responses={200: ConsentSerializer, 404: NOT_FOUND}),
)
class ConsentViewSet(CourseRecordViewSet):
    queryset = Consent.objects.all()
    serializer_class = ConsentSerializer

    @extend_schema(
        summary="Registrér samtykke til deling med kommunen og/eller egen læge",
        request=ConsentInputSerializer,
        examples=[
            OpenApiExample(
                "Borgerens samtykke",
                request_only=True,
                value={
                    "course": 1,
                    "given_by": "citizen",
                    "given_at": "2026-11-22T09:00:00+01:00",
                    "to_municipality": True,
                    "to_gp": True,
                },
            )
        ],
        responses={201: ConsentSerializer, 400: BAD_REQUEST, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        return self.act(services.consent_record, ConsentInputSerializer, created=True)

    @extend_schema(
        summary="Tilbagekald samtykket",
        request=None,
        responses={200: ConsentSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: ERROR},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self.act(services.consent_withdraw, subject="consent")


@extend_schema_view(
    list=extend_schema(
        summary="Indlæggelsesadviser til brugerens organisation på synlige forløb (?course=)",
        description="Kommunen får adviset ved enhver indlæggelse; egen læge ved akut og åben indlæggelse "
        "(sundhedsaftalen afsnit 1.2.3.2). Andre får 404.",
    ),
    retrieve=extend_schema(
        summary="Ét indlæggelsesadvis", responses={200: AdmissionNoticeSerializer, 404: NOT_FOUND}
    ),
)
class AdmissionNoticeViewSet(CourseRecordViewSet):
    queryset = AdmissionNotice.objects.all()
    serializer_class = AdmissionNoticeSerializer
    related = ("municipality", "gp_practice")


@extend_schema_view(
    list=extend_schema(summary="Indlæggelsesrapporter (anmodede og modtagne) på synlige forløb (?course=)"),
    retrieve=extend_schema(
        summary="Én indlæggelsesrapport", responses={200: AdmissionReportSerializer, 404: NOT_FOUND}
    ),
)
class AdmissionReportViewSet(CourseRecordViewSet):
    queryset = AdmissionReport.objects.all()
    serializer_class = AdmissionReportSerializer
    related = ("municipality",)

    @extend_schema(
        summary="Afdelingen anmoder kommunen om indlæggelsesrapport",
        request=ReportRequestInputSerializer,
        responses={201: AdmissionReportSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 409: CONFLICT},
    )
    def create(self, request: Request) -> Response:
        return self.act(services.admission_report_request, ReportRequestInputSerializer, created=True)

    @extend_schema(
        summary="Kommunen sender indlæggelsesrapporten (anmodet eller af egen drift)",
        request=ReportSubmitInputSerializer,
        examples=[
            OpenApiExample(
                "Rapport",
                request_only=True,
                value={
                    "course": 1,
                    "functional_level": "Går med rollator",
                    "home_care_received": "Morgenhjælp dagligt",
                    "medication": "Furix 40 mg",
                    "dose_dispensed": True,
                    "aids": "Rollator",
                    "relatives": "Datter",
                    "contact": "Hjemmeplejen tlf. 87130000",
                },
            )
        ],
        responses={200: AdmissionReportSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 409: CONFLICT},
    )
    @action(detail=False, methods=["post"])
    def submit(self, request: Request) -> Response:
        return self.act(services.admission_report_submit, ReportSubmitInputSerializer)


@extend_schema_view(
    list=extend_schema(summary="Forespørgsler til/fra brugerens organisationer på synlige forløb (?course=)"),
    retrieve=extend_schema(
        summary="Én forespørgsel", responses={200: InformationRequestSerializer, 404: NOT_FOUND}
    ),
)
class InformationRequestViewSet(CourseRecordViewSet):
    queryset = InformationRequest.objects.all()
    serializer_class = InformationRequestSerializer
    related = ("sender", "recipient")

    @extend_schema(
        summary="Send forespørgsel til egen læge eller hjemmeplejen (svarfrist 24 timer)",
        request=InformationRequestInputSerializer,
        examples=[
            OpenApiExample(
                "Til egen læge",
                request_only=True,
                value={
                    "course": 1,
                    "recipient": "912345",
                    "question": "Hvilken medicin får borgeren?",
                    "author_phone": "78450000",
                },
            )
        ],
        responses={201: InformationRequestSerializer, 400: BAD_REQUEST, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        return self.act(services.information_request_send, InformationRequestInputSerializer, created=True)

    @extend_schema(
        summary="Besvar forespørgslen (opfylder 24-timersfristen)",
        request=InformationReplyInputSerializer,
        responses={
            200: InformationRequestSerializer,
            400: BAD_REQUEST,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: str | None = None) -> Response:
        return self.act(
            services.information_request_reply, InformationReplyInputSerializer, subject="request"
        )


@extend_schema_view(
    list=extend_schema(summary="Korrespondancemeddelelser på synlige forløb (?course=, ?unread=1)"),
    retrieve=extend_schema(summary="Én meddelelse", responses={200: MessageSerializer, 404: NOT_FOUND}),
)
class MessageViewSet(CourseRecordViewSet):
    queryset = Message.objects.all()
    serializer_class = MessageSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    related = ("thread", "sender", "recipient")

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return super().scope_queryset(queryset).prefetch_related("attachments", "reads__organisation")

    @extend_schema(
        summary="Ny meddelelse (ny tråd) til en organisation med tilknytning til forløbet",
        request=MessageInputSerializer,
        examples=[
            OpenApiExample(
                "Sygepleje",
                request_only=True,
                value={
                    "course": 1,
                    "category": "nursing",
                    "recipient": "751",
                    "body": "Borgeren har tryksår på hælen.",
                    "author_phone": "78450000",
                },
            )
        ],
        responses={201: MessageSerializer, 400: BAD_REQUEST, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        return self.act(services.message_send, MessageInputSerializer, organisation=True, created=True)

    @extend_schema(
        summary="Svar afsenderen",
        request=MessageReplyInputSerializer,
        responses={201: MessageSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: str | None = None) -> Response:
        return self.act(
            services.message_reply,
            MessageReplyInputSerializer,
            subject="message",
            organisation=True,
            created=True,
        )

    @extend_schema(
        summary="Videresend til en anden organisation med tilknytning til forløbet",
        request=MessageForwardInputSerializer,
        responses={201: MessageSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str | None = None) -> Response:
        return self.act(
            services.message_forward,
            MessageForwardInputSerializer,
            subject="message",
            organisation=True,
            created=True,
        )

    @extend_schema(
        summary="Markér som læst for brugerens organisation",
        request=None,
        responses={200: MessageSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        message = self.get_object()
        services.message_mark_read(
            message=message, acting_user=self.acting_user, organisation=api_organisation(request)
        )
        message = self.get_queryset().get(pk=message.pk)
        return Response(self.get_serializer(message).data)

    @extend_schema(
        summary="Vedhæft bilag (PDF, PNG eller JPEG; størrelsen er begrænset, typen kontrolleres på indholdet)",
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={
            201: AttachmentSerializer,
            400: BAD_REQUEST,
            403: FORBIDDEN,
            404: NOT_FOUND,
            413: ERROR,
            415: ERROR,
        },
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        return self.act(
            services.attachment_add,
            AttachmentInputSerializer,
            subject="message",
            organisation=True,
            created=True,
            output=AttachmentSerializer,
        )
