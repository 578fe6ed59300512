"""API for courses and admissions: read the visible courses; admit, and act on a course through the services."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from admissions import services
from admissions.api.actions import ServiceActionMixin
from admissions.api.serializers import (
    AdmitInputSerializer,
    ContactPersonInputSerializer,
    CourseCancelInputSerializer,
    CourseSerializer,
    CourseWhenInputSerializer,
    PlaceInputSerializer,
    TransferInputSerializer,
)
from admissions.models import Course
from admissions.querysets import CourseQuerySet
from sundhedsaftale.api.viewsets import VisibleViewSet

ERROR = inline_serializer(
    "AdmissionsError",
    {"detail": serializers.CharField(), "code": serializers.CharField(), "errors": serializers.DictField()},
)
BAD_REQUEST = OpenApiResponse(
    ERROR,
    description="Ugyldigt input eller en regel i aftalen er brudt (dansk besked, feltet i `errors`).",
    examples=[
        OpenApiExample(
            "Forkert CPR",
            value={
                "detail": "CPR-nummeret indeholder ikke en gyldig fødselsdato.",
                "code": "cpr",
                "errors": {"cpr": ["CPR-nummeret indeholder ikke en gyldig fødselsdato."]},
            },
        )
    ],
)
FORBIDDEN = OpenApiResponse(ERROR, description="Brugerens organisation må ikke gøre dette på forløbet.")
NOT_FOUND = OpenApiResponse(ERROR, description="Ukendt, eller ikke synlig for brugerens organisationer.")
CONFLICT = OpenApiResponse(
    ERROR,
    description="Opholdet er allerede registreret, borgeren er allerede indlagt, eller borgeren findes i forvejen "
    "med andre stamdata (`master_data_differs`; send `update_master_data: true` for at ændre dem).",
    examples=[
        OpenApiExample(
            "Andre stamdata",
            value={
                "detail": "Borgeren findes i forvejen med andre stamdata (bopælskommune). Indlæggelsen bruger de "
                "registrerede stamdata: ret det indtastede, eller vælg “Opdatér borgerens stamdata” for at ændre dem.",
                "code": "master_data_differs",
                "errors": {"municipality": ["Afviger fra borgerens registrerede stamdata."]},
            },
        ),
        OpenApiExample(
            "Dobbelt indlæggelse",
            value={
                "detail": "Opholdet er allerede registreret (samme hospital og forløbs-id).",
                "code": "duplicate_admission",
                "errors": {
                    "episode_of_care_id": ["Opholdet er allerede registreret (samme hospital og forløbs-id)."]
                },
            },
        ),
    ],
)
ADMIT_EXAMPLE = OpenApiExample(
    "Akut indlæggelse",
    request_only=True,
    value={
        "cpr": "250947-9989",
        "name": "Else Testesen",
        "municipality": "751",
        "gp_practice": None,
        "kind": "acute",
        "department": "AUH-ORT",
        "admitted_at": "2026-11-22T08:15:00+01:00",
        "episode_of_care_id": "EOC-2026-0001",
    },
)


class CourseQueryMixin:
    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        assert isinstance(queryset, CourseQuerySet)
        queryset = queryset.select_related("citizen__municipality", "hospital", "department").with_place()
        state = self.request.query_params.get("state")  # type: ignore[attr-defined]
        return queryset.filter(state=state) if state else queryset


@extend_schema_view(
    list=extend_schema(summary="Forløb, som brugerens organisationer må se (?state=admitted)"),
    retrieve=extend_schema(summary="Ét forløb", responses={200: CourseSerializer, 404: NOT_FOUND}),
)
class CourseViewSet(CourseQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Course.objects.all()
    serializer_class = CourseSerializer
    citizen_id_path = "citizen_id"

    def _act(self, request: Request, serializer_class: type[serializers.Serializer], act: Any) -> Response:
        course = self.get_object()
        data = serializer_class(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        act(course, data.validated_data)
        course.refresh_from_db()
        for annotated in ("stay_room", "stay_bed"):  # read again after the action (``course_place``)
            course.__dict__.pop(annotated, None)
        return Response(CourseSerializer(course, context={"request": request}).data)

    @extend_schema(
        summary="Udpeg fast kontaktperson",
        request=ContactPersonInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="contact-person")
    def contact_person(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            ContactPersonInputSerializer,
            lambda course, d: services.course_set_contact_person(
                course=course, acting_user=self.acting_user, **d
            ),
        )

    @extend_schema(
        summary="Angiv stue og seng på det nuværende ophold (tomme felter fjerner dem)",
        request=PlaceInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def place(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            PlaceInputSerializer,
            lambda course, d: services.stay_set_place(course=course, acting_user=self.acting_user, **d),
        )

    @extend_schema(
        summary="Overflyt til anden afdeling eller andet hospital i regionen",
        request=TransferInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            TransferInputSerializer,
            lambda course, d: services.course_transfer(
                course=course, department=d["department"], at=d["at"], acting_user=self.acting_user
            ),
        )

    @extend_schema(
        summary="Orlov begynder",
        request=CourseWhenInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="leave-start")
    def leave_start(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            CourseWhenInputSerializer,
            lambda course, d: services.leave_start(
                course=course, started_at=d["at"], note=d["note"], acting_user=self.acting_user
            ),
        )

    @extend_schema(
        summary="Orlov slutter",
        request=CourseWhenInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="leave-end")
    def leave_end(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            CourseWhenInputSerializer,
            lambda course, d: services.leave_end(
                course=course, ended_at=d["at"], acting_user=self.acting_user
            ),
        )

    @extend_schema(
        summary="Registrér dødsfald (kontaktpersonen underrettes straks)",
        request=CourseWhenInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def death(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            CourseWhenInputSerializer,
            lambda course, d: services.course_record_death(
                course=course, died_at=d["at"], acting_user=self.acting_user
            ),
        )

    @extend_schema(
        summary="Annullér forløbet (registreret ved en fejl, eller indlæggelsen blev ikke til noget)",
        description="Forløbet ender straks; hospitalets adgang til borgeren via forløbet ophører med det samme, "
        "og forløbets ventende frister annulleres (en overskredet frist forbliver overskredet).",
        request=CourseCancelInputSerializer,
        responses={200: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            CourseCancelInputSerializer,
            lambda course, d: services.course_cancel(
                course=course, reason=d["reason"], acting_user=self.acting_user
            ),
        )


@extend_schema_view(
    list=extend_schema(summary="Indlæggelser (forløb), som brugerens organisationer må se"),
    retrieve=extend_schema(summary="Én indlæggelse", responses={200: CourseSerializer, 404: NOT_FOUND}),
)
class AdmissionViewSet(
    CourseQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceActionMixin
):
    """An admission is the start of a course: creating one admits the citizen (``course_admit``)."""

    queryset = Course.objects.all()
    serializer_class = CourseSerializer
    citizen_id_path = "citizen_id"

    @extend_schema(
        summary="Indlæg en borger: opretter forløb og ophold, sender indlæggelsesadvis og afbestiller hjemmepleje",
        request=AdmitInputSerializer,
        examples=[ADMIT_EXAMPLE],
        responses={201: CourseSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 409: CONFLICT},
    )
    def create(self, request: Request) -> Response:
        try:
            return self.act(services.course_admit, AdmitInputSerializer, created=True)
        except services.MasterDataDiffers as error:
            # Names the differing fields, never the stored values: a CPR sent is no right to read the citizen.
            message = _("Afviger fra borgerens registrerede stamdata.")
            return Response(
                {
                    "detail": error.message,
                    "code": error.code,
                    "errors": {field: [message] for field in error.differences},
                },
                status=error.status_code,
            )
