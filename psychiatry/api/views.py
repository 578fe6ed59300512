"""The psychiatry API under ``/api/v1/psychiatry/``: courses (with their actions), contact persons, meetings,
treatment plans, discharge agreements, coordination plans, action plans, child assessments and referrals.
Every viewset is a ``VisibleViewSet`` over the psychiatric care relation; services decide, serializers shape."""

from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from psychiatry import services
from psychiatry.api import serializers as s
from psychiatry.models import (
    CarePlan,
    ChildAssessment,
    ContactPerson,
    Meeting,
    PsychiatricCourse,
    Referral,
    TreatmentPlan,
)
from sundhedsaftale.api.viewsets import ReadOnlyVisibleViewSet

COURSE = "course.citizen_id"


def _valid(serializer_class: type[Serializer], request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


@extend_schema_view(
    list=extend_schema(summary="Psykiatriske forløb (kun med psykiatrisk behandlingsrelation)"),
    retrieve=extend_schema(summary="Ét psykiatrisk forløb"),
)
class CourseViewSet(ReadOnlyVisibleViewSet):
    queryset = PsychiatricCourse.objects.all()
    serializer_class = s.PsychiatricCourseSerializer

    def scope_queryset(self, queryset: Any) -> Any:
        return (
            queryset.select_related("department")
            .prefetch_related("contact_persons__organisation")
            .order_by("-pk")
        )

    def _respond(self, course: PsychiatricCourse, code: int = status.HTTP_200_OK) -> Response:
        course = PsychiatricCourse.objects.prefetch_related("contact_persons__organisation").get(pk=course.pk)
        return Response(s.PsychiatricCourseSerializer(course).data, status=code)

    @extend_schema(
        summary="Start det psykiatriske forløb for en indlæggelse på en psykiatrisk afdeling",
        request=s.CourseCreateSerializer,
        responses={201: s.PsychiatricCourseSerializer},
        examples=[
            OpenApiExample(
                "Frivillig indlæggelse",
                value={"admission": 12, "legal_status": "voluntary", "consent": "citizen"},
            )
        ],
    )
    def create(self, request: Request) -> Response:
        data = _valid(s.CourseCreateSerializer, request)
        course = services.course_start_admitted(acting_user=self.acting_user, **data)
        self._read_rows().append(course)
        return self._respond(course, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Retsgrundlag, samtykke og ønsker om pårørende",
        request=s.ConsentSerializer,
        responses={200: s.PsychiatricCourseSerializer},
    )
    @action(detail=True, methods=["post"])
    def consent(self, request: Request, pk: Any = None) -> Response:
        course = self.get_object()
        services.course_update(
            course=course, acting_user=self.acting_user, **_valid(s.ConsentSerializer, request)
        )
        return self._respond(course)

    @extend_schema(
        summary="Orientér kommunen eller egen læge om indlæggelsen",
        request=s.InformSerializer,
        responses={200: s.NoticeSerializer},
    )
    @action(detail=True, methods=["post"])
    def inform(self, request: Request, pk: Any = None) -> Response:
        notice = services.course_inform(
            course=self.get_object(), acting_user=self.acting_user, **_valid(s.InformSerializer, request)
        )
        return Response(s.NoticeSerializer(notice).data)

    @extend_schema(
        summary="Aftal eller ændr udskrivningstidspunktet",
        request=s.DischargeTimeSerializer,
        responses={200: s.PsychiatricCourseSerializer},
    )
    @action(detail=True, methods=["post"], url_path="discharge-time")
    def discharge_time(self, request: Request, pk: Any = None) -> Response:
        course = self.get_object()
        services.discharge_time_agree(
            course=course, acting_user=self.acting_user, **_valid(s.DischargeTimeSerializer, request)
        )
        return self._respond(course)

    @extend_schema(
        summary="Afslut forløbet (kræver vurdering af børn i familien)",
        request=s.EndSerializer,
        responses={200: s.PsychiatricCourseSerializer},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: Any = None) -> Response:
        course = self.get_object()
        services.course_complete(
            course=course, acting_user=self.acting_user, **_valid(s.EndSerializer, request)
        )
        return self._respond(course)

    @extend_schema(
        summary="Uplanlagt udskrivning: patienten forlod afdelingen",
        request=s.UnplannedSerializer,
        responses={200: s.PsychiatricCourseSerializer},
    )
    @action(detail=True, methods=["post"], url_path="unplanned-discharge")
    def unplanned_discharge(self, request: Request, pk: Any = None) -> Response:
        course = self.get_object()
        services.course_unplanned_discharge(
            course=course, acting_user=self.acting_user, **_valid(s.UnplannedSerializer, request)
        )
        return self._respond(course)

    @extend_schema(
        summary="Send brev til egen læge om udskrivning / afslutning",
        request=s.LetterSerializer,
        responses={200: s.NoticeSerializer},
    )
    @action(detail=True, methods=["post"], url_path="gp-letter")
    def gp_letter(self, request: Request, pk: Any = None) -> Response:
        notice = services.gp_letter_send(
            course=self.get_object(), acting_user=self.acting_user, **_valid(s.LetterSerializer, request)
        )
        return Response(s.NoticeSerializer(notice).data)


class _CourseRecordViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    """A record hanging on a psychiatric course, created through ``service``."""

    citizen_id_path = COURSE
    create_serializer: ClassVar[type[Serializer]]

    def create_record(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.create_record(_valid(self.create_serializer, request))
        self._read_rows().append(row)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(request=s.ContactPersonCreateSerializer, summary="Tilføj kommunal kontaktperson")
)
class ContactPersonViewSet(_CourseRecordViewSet):
    queryset = ContactPerson.objects.all()
    serializer_class = s.ContactPersonSerializer
    create_serializer = s.ContactPersonCreateSerializer

    def create_record(self, data: dict[str, Any]) -> Any:
        return services.contact_person_add(acting_user=self.acting_user, **data)


@extend_schema_view(
    create=extend_schema(
        request=s.MeetingCreateSerializer, summary="Planlæg samarbejdsmøde, udskrivningsmøde eller konference"
    )
)
class MeetingViewSet(_CourseRecordViewSet):
    queryset = Meeting.objects.all()
    serializer_class = s.MeetingSerializer
    create_serializer = s.MeetingCreateSerializer

    def create_record(self, data: dict[str, Any]) -> Any:
        return services.meeting_schedule(acting_user=self.acting_user, **data)


@extend_schema_view(
    create=extend_schema(
        request=s.TreatmentPlanCreateSerializer,
        summary="Skriv behandlingsplanen (senest 7 dage efter indlæggelse)",
    )
)
class TreatmentPlanViewSet(_CourseRecordViewSet):
    queryset = TreatmentPlan.objects.all()
    serializer_class = s.TreatmentPlanSerializer
    create_serializer = s.TreatmentPlanCreateSerializer

    def create_record(self, data: dict[str, Any]) -> Any:
        return services.treatment_plan_write(acting_user=self.acting_user, **data)


class _CarePlanViewSet(_CourseRecordViewSet):
    serializer_class = s.CarePlanSerializer
    create_serializer = s.CarePlanCreateSerializer
    kind: ClassVar[str]

    def create_record(self, data: dict[str, Any]) -> Any:
        course = data.pop("course")
        return services.care_plan_save(course=course, kind=self.kind, acting_user=self.acting_user, **data)


@extend_schema_view(create=extend_schema(request=s.CarePlanCreateSerializer, summary="Udskrivningsaftale"))
class DischargeAgreementViewSet(_CarePlanViewSet):
    queryset = CarePlan.objects.filter(kind=CarePlan.Kind.DISCHARGE_AGREEMENT)
    kind = CarePlan.Kind.DISCHARGE_AGREEMENT


@extend_schema_view(create=extend_schema(request=s.CarePlanCreateSerializer, summary="Koordinationsplan"))
class CoordinationPlanViewSet(_CarePlanViewSet):
    queryset = CarePlan.objects.filter(kind=CarePlan.Kind.COORDINATION_PLAN)
    kind = CarePlan.Kind.COORDINATION_PLAN


@extend_schema_view(create=extend_schema(request=s.CarePlanCreateSerializer, summary="Kommunal handleplan"))
class ActionPlanViewSet(_CarePlanViewSet):
    queryset = CarePlan.objects.filter(kind=CarePlan.Kind.ACTION_PLAN)
    kind = CarePlan.Kind.ACTION_PLAN

    @extend_schema(
        summary="Registrér den årlige opfølgning",
        request=s.FollowUpSerializer,
        responses={200: s.CarePlanSerializer},
    )
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request: Request, pk: Any = None) -> Response:
        plan = services.action_plan_follow_up(
            plan=self.get_object(), acting_user=self.acting_user, **_valid(s.FollowUpSerializer, request)
        )
        return Response(s.CarePlanSerializer(plan).data)


@extend_schema_view(
    create=extend_schema(
        request=s.CarePlanCreateSerializer, summary="Koordinerende indsatsplan ved dobbeltdiagnose"
    )
)
class DualDiagnosisPlanViewSet(_CarePlanViewSet):
    queryset = CarePlan.objects.filter(kind=CarePlan.Kind.DUAL_DIAGNOSIS)
    kind = CarePlan.Kind.DUAL_DIAGNOSIS


@extend_schema_view(
    create=extend_schema(request=s.ChildAssessmentCreateSerializer, summary="Vurdering af børn i familien")
)
class ChildAssessmentViewSet(_CourseRecordViewSet):
    queryset = ChildAssessment.objects.all()
    serializer_class = s.ChildAssessmentSerializer
    create_serializer = s.ChildAssessmentCreateSerializer

    def create_record(self, data: dict[str, Any]) -> Any:
        return services.child_assessment_record(acting_user=self.acting_user, **data)


@extend_schema_view(
    create=extend_schema(
        request=s.ReferralCreateSerializer, summary="Henvisning til børne- og ungdomspsykiatrien"
    )
)
class ReferralViewSet(_CourseRecordViewSet):
    queryset = Referral.objects.all()
    serializer_class = s.ReferralSerializer
    create_serializer = s.ReferralCreateSerializer

    def create_record(self, data: dict[str, Any]) -> Any:
        return services.referral_receive(acting_user=self.acting_user, **data)

    @extend_schema(
        summary="Visitation: akut, subakut, venteliste eller afvist (med begrundelse)",
        request=s.VisitationSerializer,
        responses={200: s.ReferralSerializer},
    )
    @action(detail=True, methods=["post"])
    def visitate(self, request: Request, pk: Any = None) -> Response:
        referral = services.referral_visitate(
            referral=self.get_object(),
            acting_user=self.acting_user,
            **_valid(s.VisitationSerializer, request),
        )
        return Response(s.ReferralSerializer(referral).data)

    @extend_schema(
        summary="Ambulant kontakt tilbudt (ventetid over 3 måneder)",
        request=None,
        responses={200: s.ReferralSerializer},
    )
    @action(detail=True, methods=["post"], url_path="offer-contact")
    def offer_contact(self, request: Request, pk: Any = None) -> Response:
        referral = services.waitlist_contact_offer(referral=self.get_object(), acting_user=self.acting_user)
        return Response(s.ReferralSerializer(referral).data)
