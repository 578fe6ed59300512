"""``POST /api/v1/fhir/hospital-notification`` and ``POST /api/v1/fhir/care-communication``: a REST client (an
``integration`` member of the receiving organisation) delivers a MedCom message Bundle and gets an OperationOutcome
back — also for every refusal, so an EPJ/EOJ integration reads one format."""

from collections.abc import Callable
from typing import ClassVar

from django.contrib.auth.models import User
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medcom.api.parsers import FhirJSONParser, PlainFhirJSONParser
from medcom.fhir.bundle import Issue
from medcom.fhir.outcome import operation_outcome
from medcom.services.communications import care_communication_receive
from medcom.services.inbound import Received
from medcom.services.notifications import hospital_notification_receive
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.organisations.roles import Role

FHIR_JSON = "application/fhir+json"

_OUTCOME_EXAMPLE = OpenApiExample(
    "Behandlet",
    value={
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "information",
                "code": "informational",
                "details": {
                    "coding": [{"system": "urn:sundhedsaftale:medcom-outcome", "code": "applied"}],
                    "text": "Borgeren er indlagt.",
                },
            }
        ],
    },
    response_only=True,
)
_REFUSED_EXAMPLE = OpenApiExample(
    "Afvist",
    value={
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "structure",
                "diagnostics": "Feltet 'class' er påkrævet, men mangler.",
                "expression": ["Bundle.entry[2].resource.class"],
            }
        ],
    },
    response_only=True,
    status_codes=["400"],
)
_RESPONSES = {
    200: OpenApiResponse(
        OpenApiTypes.OBJECT, description="OperationOutcome: behandlet, forældet, dublet ..."
    ),
    400: OpenApiResponse(
        OpenApiTypes.OBJECT, description="OperationOutcome: ugyldig meddelelse; intet gemt."
    ),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description="OperationOutcome: ikke logget ind."),
    403: OpenApiResponse(
        OpenApiTypes.OBJECT, description="OperationOutcome: ikke integration for modtageren."
    ),
    422: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="OperationOutcome: ukendt modtager, eller kunne ikke anvendes på forløbet.",
    ),
}


class IsIntegration(BasePermission):
    """Only a REST client (an ``integration`` member of some organisation) delivers messages; which receiver it
    may deliver to is checked once the message is read."""

    message = "Kun en integration (REST-klient) kan aflevere MedCom-meddelelser."

    def has_permission(self, request: Request, view: object) -> bool:
        user = request.user
        return isinstance(user, User) and user.memberships.filter(role=Role.INTEGRATION).exists()


class ReceiveView(APIView):
    """Base of the receiving endpoints: FHIR JSON in, OperationOutcome out."""

    parser_classes = [FhirJSONParser, PlainFhirJSONParser]
    permission_classes = [IsAuthenticated, IsIntegration]
    what: ClassVar[str]
    receive: ClassVar[Callable[..., Received]]

    def post(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        received = type(self).receive(data=request.data, acting_user=user)
        row = received.row
        if row.citizen_id is not None:  # the integration delivered (and so handled) the citizen's data
            access_log_record(
                request=request,
                citizen_ids=[row.citizen_id],
                what=f"{self.what} modtaget ({row.event or '?'}, {row.get_outcome_display().lower()})",
                action=AccessLog.Action.API,
            )
        body = operation_outcome(
            outcome=row.outcome,
            detail=row.detail,
            issues=received.issues,
            message_id=row.message_id,
            duplicate=received.duplicate,
        )
        headers = {"X-Message-Outcome": "duplicate" if received.duplicate else row.outcome}
        return Response(body, status=received.status_code, headers=headers, content_type=FHIR_JSON)

    def handle_exception(self, exc: Exception) -> Response:
        """Every error before the message was read (log-in, malformed JSON, too large) as an OperationOutcome."""
        response = super().handle_exception(exc)
        data = response.data if isinstance(response.data, dict) else {}
        detail = str(data.get("detail", "")) or "Fejl"
        issue_type = {401: "login", 403: "forbidden", 413: "too-costly", 429: "throttled"}.get(
            response.status_code, "structure"
        )
        response.data = operation_outcome(
            outcome="rejected", detail=detail, issues=[Issue(detail, "", issue_type)]
        )
        return response


class HospitalNotificationReceiveView(ReceiveView):
    receive = staticmethod(hospital_notification_receive)
    what = "MedCom-sygehusadvis"

    @extend_schema(
        operation_id="fhir_hospital_notification_receive",
        summary="Modtag en sygehusadvis (MedCom HospitalNotification)",
        description=(
            "Modtager en HospitalNotification-Bundle (FHIR R4, JSON) og anvender hændelsen (STIN, STAA, STOR, SLOR, "
            "SLHJ, MORS og RE_/AN_-rettelser) på borgerens forløb. Idempotent på afsender og MessageHeader.id: en "
            "dublet svarer med det første udfald og ændrer intet. Kræver rollen integration hos modtageren."
        ),
        request={FHIR_JSON: OpenApiTypes.OBJECT, "application/json": OpenApiTypes.OBJECT},
        responses=_RESPONSES,
        examples=[_OUTCOME_EXAMPLE, _REFUSED_EXAMPLE],
        tags=["fhir"],
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


class CareCommunicationReceiveView(ReceiveView):
    receive = staticmethod(care_communication_receive)
    what = "MedCom-korrespondance"

    @extend_schema(
        operation_id="fhir_care_communication_receive",
        summary="Modtag en korrespondancemeddelelse (MedCom CareCommunication)",
        description=(
            "Modtager en CareCommunication-Bundle (FHIR R4, JSON): ny meddelelse, svar eller videresendelse; tråden "
            "genskabes af Provenance-kæden. Idempotent på afsender og MessageHeader.id."
        ),
        request={FHIR_JSON: OpenApiTypes.OBJECT, "application/json": OpenApiTypes.OBJECT},
        responses=_RESPONSES,
        examples=[_OUTCOME_EXAMPLE, _REFUSED_EXAMPLE],
        tags=["fhir"],
    )
    def post(self, request: Request) -> Response:
        return super().post(request)
