"""Discharge resources under /api/v1/: the visibility rule and the access log come from VisibleViewSet;
writes go through the same services as the screens (so a plan made here gets the same deadline)."""

from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from admissions.models import Course
from discharge import models as m
from discharge import services
from discharge.api import serializers as s
from discharge.health_consent import municipality_consent_exists
from discharge.selectors import course_get, plan_deadlines, plans_obligations
from sundhedsaftale.api.viewsets import VisibleViewSet
from sundhedsaftale.errors import DomainError
from sundhedsaftale.listfilters import id_param
from sundhedsaftale.organisations.actor import actor_of

ERRORS = {
    400: OpenApiResponse(
        s.ErrorSerializer,
        description="Ugyldige data eller brud på aftalens regler (dansk besked, felt i `errors`).",
        examples=[
            OpenApiExample(
                "Weekend",
                value={
                    "detail": "Færdigbehandlingsdatoen skal være en hverdag (mandag–fredag); 21.11.2026 er en lørdag.",
                    "code": "weekend",
                    "errors": {"finished_on": ["Færdigbehandlingsdatoen skal være en hverdag …"]},
                },
            )
        ],
    ),
    403: OpenApiResponse(
        s.ErrorSerializer, description="Brugeren handler ikke for den part, der må gøre dette."
    ),
    404: OpenApiResponse(
        s.ErrorSerializer, description="Forløbet findes ikke eller er ikke synligt for brugeren."
    ),
}
COURSE_FILTER = OpenApiParameter("course", int, description="Kun poster på dette forløb.")


def _create_schema(summary: str, request: type, response: type, example: dict[str, Any]) -> Any:
    return extend_schema(
        summary=summary,
        request=request,
        responses={201: response, **ERRORS},
        examples=[OpenApiExample("Eksempel", value=example, request_only=True)],
    )


def _read_schema(name: str, response: type) -> dict[str, Any]:
    return {
        "list": extend_schema(summary=f"{name} på forløb, brugeren må se", parameters=[COURSE_FILTER]),
        "retrieve": extend_schema(summary=f"Én {name.lower()}", responses={200: response, 404: ERRORS[404]}),
    }


class CourseRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """Records hanging on a course: list (``?course=``), retrieve, and create through one service."""

    citizen_id_path = "course.citizen_id"
    input_class: ClassVar[type[serializers.Serializer]]

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        course = id_param(self.request.query_params, "course")  # "²" is a digit to isdigit(), not to int()
        if course is not None:
            queryset = queryset.filter(course_id=course)
        return queryset.select_related("course")

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def acting(self) -> dict[str, Any]:
        membership = actor_of(self.request).membership
        return {
            "acting_user": self.request.user,
            "acting_organisation": membership.organisation if membership is not None else None,
        }

    def create(self, request: Request) -> Response:
        serializer = self.input_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        course = course_get(actor=self.actor, pk=data.pop("course"))
        instance = self.call_service(course=course, data=data)
        self._read_rows().append(instance)
        return Response(self.get_serializer(instance).data, status=status.HTTP_201_CREATED)


PLAN_EXAMPLE = {
    "course": 42,
    "functional_ability": "reduced",
    "need": "home_care",
    "planned_date": "2026-12-10",
}


@extend_schema_view(
    **_read_schema("Udskrivningsplaner", s.PlanOut),
    create=_create_schema(
        "Planlæg udskrivning (opretter varslingsfristen som i skærmbilledet)",
        s.PlanCreateInput,
        s.PlanOut,
        PLAN_EXAMPLE,
    ),
    update=extend_schema(
        summary="Ret planen; en flyttet dato genberegner samme frist og giver kommunen besked",
        request=s.PlanUpdateInput,
        responses={200: s.PlanOut, **ERRORS},
        examples=[
            OpenApiExample(
                "Flyt dato",
                value={**PLAN_EXAMPLE, "planned_date": "2026-12-14", "reason": "Afventer hjælpemidler"},
                request_only=True,
            )
        ],
    ),
)
class DischargePlanViewSet(mixins.UpdateModelMixin, CourseRecordViewSet):
    queryset = m.DischargePlan.objects.all()
    serializer_class = s.PlanOut
    input_class = s.PlanCreateInput
    http_method_names = ["get", "post", "put", "head", "options"]

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            super()
            .scope_queryset(queryset)
            .annotate(shares_health=municipality_consent_exists())
            .prefetch_related("date_changes")
        )

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("many") and args:
            plans = list(args[0])
            obligations = plans_obligations(plans=plans)
            kwargs["context"] = {
                **self.get_serializer_context(),
                "deadlines": plan_deadlines(plans=plans, obligations=obligations),
                "obligations": obligations,
            }
            args = (plans, *args[1:])
        return super().get_serializer(*args, **kwargs)

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.discharge_plan_save(course=course, **data, **self.acting())

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.get_object()
        serializer = s.PlanUpdateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.discharge_plan_save(course=plan.course, **serializer.validated_data, **self.acting())
        return Response(self.get_serializer(plan).data)


@extend_schema_view(
    **_read_schema("Varslinger", s.NotificationOut),
    create=_create_schema(
        "Send varsling af udskrivning (opfylder fristen)",
        s.NotificationInput,
        s.NotificationOut,
        {"course": 42, "text": "Forventes udskrevet med hjemmepleje."},
    ),
)
class DischargeNotificationViewSet(CourseRecordViewSet):
    queryset = m.DischargeNotification.objects.all()
    serializer_class = s.NotificationOut
    input_class = s.NotificationInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        plan = m.DischargePlan.objects.filter(course=course).first()
        if plan is None:
            raise DomainError("Planlæg udskrivningen, før kommunen varsles.", field="course", code="no_plan")
        return services.discharge_notification_send(plan=plan, **data, **self.acting())


@extend_schema_view(
    **_read_schema("Færdigbehandlinger", s.FinishedOut),
    create=_create_schema(
        "Registrér færdigbehandlet dato (hverdag)",
        s.FinishedInput,
        s.FinishedOut,
        {"course": 42, "finished_on": "2026-11-23", "doctor_name": "Overlæge Hansen"},
    ),
)
class FinishedTreatmentViewSet(CourseRecordViewSet):
    queryset = m.FinishedTreatment.objects.all()
    serializer_class = s.FinishedOut
    input_class = s.FinishedInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.finished_treatment_record(course=course, **data, **self.acting())


@extend_schema_view(
    **_read_schema("Udskrivningskonferencer", s.ConferenceOut),
    create=_create_schema(
        "Planlæg konference, telefonkonference eller hjemmebesøg",
        s.ConferenceInput,
        s.ConferenceOut,
        {
            "course": 42,
            "conference_kind": "phone",
            "scheduled_at": "2026-11-24T10:00:00+01:00",
            "participants": "Afdeling, visitator, datter",
        },
    ),
    outcome=extend_schema(
        summary="Registrér resultatet",
        request=s.ConferenceOutcomeInput,
        responses={200: s.ConferenceOut, **ERRORS},
    ),
)
class DischargeConferenceViewSet(CourseRecordViewSet):
    queryset = m.DischargeConference.objects.all()
    serializer_class = s.ConferenceOut
    input_class = s.ConferenceInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.discharge_conference_schedule(course=course, **data, **self.acting())

    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        conference = self.get_object()
        serializer = s.ConferenceOutcomeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        conference = services.discharge_conference_record_outcome(
            conference=conference, outcome=serializer.validated_data["outcome"], **self.acting()
        )
        return Response(s.ConferenceOut(conference).data)


@extend_schema_view(
    **_read_schema("Udskrivningsadviser", s.NoticeOut),
    create=_create_schema(
        "Udskriv borgeren og send udskrivningsadvis",
        s.NoticeInput,
        s.NoticeOut,
        {
            "course": 42,
            "discharged_at": "2026-11-24T11:30:00+01:00",
            "medication_changed": True,
            "dose_dispensing_cancelled": True,
            "aids_handed_out": "Rollator",
        },
    ),
)
class DischargeNoticeViewSet(CourseRecordViewSet):
    queryset = m.DischargeNotice.objects.all()
    serializer_class = s.NoticeOut
    input_class = s.NoticeInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.discharge_notice_send(course=course, **data, **self.acting())


@extend_schema_view(
    **_read_schema("Udskrivningsrapporter", s.ReportOut),
    create=_create_schema(
        "Send udskrivningsrapport til kommunen",
        s.ReportInput,
        s.ReportOut,
        {"course": 42, "functional_level": "Går med rollator", "nursing": "Hjælp til bad"},
    ),
)
class DischargeReportViewSet(CourseRecordViewSet):
    queryset = m.DischargeReport.objects.all()
    serializer_class = s.ReportOut
    input_class = s.ReportInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.discharge_report_send(course=course, **data, **self.acting())


@extend_schema_view(
    **_read_schema("Epikriser", s.LetterOut),
    create=_create_schema(
        "Send epikrise til egen læge",
        s.LetterInput,
        s.LetterOut,
        {
            "course": 42,
            "summary": "Indlagt med pneumoni, behandlet med antibiotika.",
            "medication_changed": True,
            "medication": "Penicillin 1 MIE x 4 i 5 dage",
        },
    ),
)
class DischargeLetterViewSet(CourseRecordViewSet):
    queryset = m.DischargeLetter.objects.all()
    serializer_class = s.LetterOut
    input_class = s.LetterInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.discharge_letter_send(course=course, **data, **self.acting())


@extend_schema_view(
    **_read_schema("Kommunale svar", s.ReplyOut),
    create=_create_schema(
        "Kommunens svar på varsling eller udskrivningsadvis",
        s.ReplyInput,
        s.ReplyOut,
        {
            "course": 42,
            "answer": "needs_time",
            "reason": "Plejebolig klar fra mandag",
            "ready_on": "2026-11-30",
        },
    ),
)
class MunicipalReplyViewSet(CourseRecordViewSet):
    queryset = m.MunicipalReply.objects.all()
    serializer_class = s.ReplyOut
    input_class = s.ReplyInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.municipal_reply_send(course=course, **data, **self.acting())


@extend_schema_view(
    **_read_schema("Pludselige ændringer", s.SuddenChangeOut),
    create=_create_schema(
        "Meld en pludselig ændring (også dødsfald); kontaktpersonen underrettes straks",
        s.SuddenChangeInput,
        s.SuddenChangeOut,
        {
            "course": 42,
            "change_kind": "family",
            "description": "Ægtefællen er indlagt",
            "occurred_at": "2026-11-22T09:00:00+01:00",
        },
    ),
)
class SuddenChangeViewSet(CourseRecordViewSet):
    queryset = m.SuddenChange.objects.all()
    serializer_class = s.SuddenChangeOut
    input_class = s.SuddenChangeInput

    def call_service(self, *, course: Course, data: dict[str, Any]) -> Model:
        return services.sudden_change_report(course=course, **data, **self.acting())
