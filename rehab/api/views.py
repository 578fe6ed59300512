"""The rehab API: plans with versions, deliveries (receipts), first contacts, rehab courses, advance and
capacity notices. Every viewset is a ``VisibleViewSet``; services decide, serializers shape."""

from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from admissions.models import Course
from rehab import services
from rehab.api import serializers as s
from rehab.export import plan_export
from rehab.models import AdvanceNotice, CapacityNotice, Delivery, FirstContact, Plan, PlanVersion, RehabCourse
from sundhedsaftale.api.viewsets import ReadOnlyVisibleViewSet

NOT_FOUND = OpenApiResponse(description="Ukendt, eller ikke synlig for brugerens organisationer.")
DRAFT_EXAMPLE = OpenApiExample(
    "Almen genoptræning efter hoftebrud",
    value={
        "plan_type": "ZZ0175X",
        "diagnosis_code": "S72.0",
        "diagnosis_text": "Brud på lårbenshals",
        "recipient_municipality": "751",
        "outpatient_control": "no",
        "need_activity": "Gang uden hjælpemiddel, trappegang",
        "author_name": "Fysioterapeut Anna Holm",
        "interventions": [{"code": "BLHA", "text": "Genoptræning"}],
        "measurements": [{"test": "TUG", "date": "2026-03-30", "score": "18 s"}],
    },
)


def _versions_with_organisations() -> Prefetch:
    """The versions with the four organisations the serializer names by code (one query, not one per row)."""
    return Prefetch(
        "versions",
        queryset=PlanVersion.objects.select_related(
            "recipient_municipality", "recipient_hospital", "gp_practice", "sender_department"
        ),
    )


@extend_schema_view(
    list=extend_schema(summary="Genoptræningsplaner med alle versioner"),
    retrieve=extend_schema(summary="Én genoptræningsplan", responses={200: s.PlanSerializer, 404: NOT_FOUND}),
)
class PlanViewSet(ReadOnlyVisibleViewSet):
    queryset = Plan.objects.all()
    serializer_class = s.PlanSerializer
    citizen_id_path = "course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("course").prefetch_related(_versions_with_organisations())

    def _respond(self, plan: Plan, code: int = status.HTTP_200_OK) -> Response:
        plan = (
            Plan.objects.select_related("course")
            .prefetch_related(_versions_with_organisations())
            .get(pk=plan.pk)
        )
        return Response(s.PlanSerializer(plan).data, status=code)

    @extend_schema(
        summary="Opret en genoptræningsplan på et forløb",
        request=s.PlanCreateSerializer,
        responses={201: s.PlanSerializer},
    )
    def create(self, request: Request) -> Response:
        data = s.PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = get_object_or_404(Course.objects.visible_to(self.actor), pk=data.validated_data["course"])
        plan = services.plan_create(course=course, acting_user=self.acting_user)
        self._read_rows().append(plan)
        return self._respond(plan, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Gem i kladden (delvis opdatering)",
        request=s.PlanVersionSerializer,
        responses={200: s.PlanSerializer, 409: OpenApiResponse(description="Versionen er færdiggjort")},
        examples=[DRAFT_EXAMPLE],
    )
    @action(detail=True, methods=["patch"])
    def draft(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()
        data = s.PlanVersionSerializer(plan.latest, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.plan_version_update(
            version=plan.latest, data=dict(data.validated_data), acting_user=self.acting_user
        )
        return self._respond(plan)

    @extend_schema(
        summary="Færdiggør kladden (bliver skrivebeskyttet)", request=None, responses={200: s.PlanSerializer}
    )
    @action(detail=True, methods=["post"])
    def finalise(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()
        services.plan_finalise(version=plan.latest, acting_user=self.acting_user)
        return self._respond(plan)

    @extend_schema(
        summary="Ret planen: ny version, den gamle bevares",
        request=s.CorrectSerializer,
        responses={200: s.PlanSerializer},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()
        data = s.CorrectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.plan_correct(
            plan=plan, reason=data.validated_data["correction_reason"], acting_user=self.acting_user
        )
        return self._respond(plan)

    @extend_schema(
        summary="Send planen til borger, kommune/hospital og egen læge (med tilsagn)",
        request=s.SendSerializer,
        responses={200: s.DeliverySerializer(many=True)},
        examples=[OpenApiExample("Med tilsagn", value={"consent_municipality": True, "consent_gp": True})],
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def send(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()
        data = s.SendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deliveries = services.plan_send(plan=plan, acting_user=self.acting_user, **data.validated_data)
        return Response(s.DeliverySerializer(deliveries, many=True).data)

    @extend_schema(summary="Planen som struktureret JSON (bilag 3.2 punkt for punkt)", responses={200: dict})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: Any = None) -> Response:
        return Response(plan_export(plan=self.get_object()))


@extend_schema_view(
    list=extend_schema(summary="Forsendelser og kvitteringer for genoptræningsplaner"),
    retrieve=extend_schema(summary="Én forsendelse", responses={200: s.DeliverySerializer, 404: NOT_FOUND}),
)
class DeliveryViewSet(ReadOnlyVisibleViewSet):
    queryset = Delivery.objects.all()
    serializer_class = s.DeliverySerializer
    citizen_id_path = "plan.course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("plan__course", "organisation", "version")

    @extend_schema(summary="Kvittér for modtagelse (starter fristen for første kontakt)", request=None)
    @action(detail=True, methods=["post"])
    def receive(self, request: Request, pk: Any = None) -> Response:
        delivery = services.delivery_receive(delivery=self.get_object(), acting_user=self.acting_user)
        return Response(s.DeliverySerializer(delivery).data)

    @extend_schema(
        summary="Registrér første kontakt og tilbuddet (opfylder fristen)",
        request=s.FirstContactSerializer,
        responses={201: s.FirstContactSerializer},
        examples=[
            OpenApiExample(
                "Telefonisk kontakt",
                value={
                    "contacted_at": "2026-04-07T10:00:00+02:00",
                    "method": "phone",
                    "contacted_by_name": "Visitator Bo Lind",
                    "offer_place": "Sundhedscenter Nord",
                    "offer_provider": "municipality",
                    "offer_form": "team",
                    "expected_start": "2026-04-14",
                    "waiting_days": 7,
                },
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def contact(self, request: Request, pk: Any = None) -> Response:
        delivery = self.get_object()
        data = s.FirstContactSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.first_contact_record(
            delivery=delivery, acting_user=self.acting_user, **data.validated_data
        )
        return Response(s.FirstContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Frit valg: videresend til anden kommune/hospital (fristen flytter)",
        request=s.ForwardSerializer,
        responses={201: s.DeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: Any = None) -> Response:
        delivery = self.get_object()
        data = s.ForwardSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new = services.delivery_forward(
            delivery=delivery, acting_user=self.acting_user, **data.validated_data
        )
        return Response(s.DeliverySerializer(new).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Afvis af kapacitetshensyn (planen går retur til bopælskommunen)",
        request=s.DeclineSerializer,
        responses={201: s.DeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: Any = None) -> Response:
        data = s.DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        back = services.delivery_decline(
            delivery=self.get_object(), acting_user=self.acting_user, **data.validated_data
        )
        return Response(s.DeliverySerializer(back).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Første kontakter"), retrieve=extend_schema(summary="Én kontakt")
)
class FirstContactViewSet(ReadOnlyVisibleViewSet):
    queryset = FirstContact.objects.all()
    serializer_class = s.FirstContactSerializer
    citizen_id_path = "delivery.plan.course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("delivery__plan__course")


@extend_schema_view(
    list=extend_schema(summary="Genoptræningsforløb (start/slut, leverandør, ventetid)"),
    retrieve=extend_schema(summary="Ét genoptræningsforløb"),
)
class RehabCourseViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = RehabCourse.objects.all()
    serializer_class = s.RehabCourseSerializer
    citizen_id_path = "plan.course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("plan__course", "provider")

    @extend_schema(summary="Registrér start af genoptræning")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.RehabCourseSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        plan = values.pop("plan")  # visible: a foreign plan is as unknown as a missing one (400)
        course = services.rehab_course_start(plan=plan, acting_user=self.acting_user, **values)
        return Response(s.RehabCourseSerializer(course).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Registrér afslutning", request=s.CourseEndSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: Any = None) -> Response:
        data = s.CourseEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = services.rehab_course_end(
            rehab_course=self.get_object(), acting_user=self.acting_user, **data.validated_data
        )
        return Response(s.RehabCourseSerializer(course).data)

    @extend_schema(
        summary="Send slutstatus (specialiseret → almen)",
        request=s.FinalStatusSerializer,
        responses={201: s.FinalStatusSerializer},
    )
    @action(detail=True, methods=["post"], url_path="final-status")
    def final_status(self, request: Request, pk: Any = None) -> Response:
        data = s.FinalStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        status_row = services.final_status_send(
            rehab_course=self.get_object(), acting_user=self.acting_user, **data.validated_data
        )
        return Response(s.FinalStatusSerializer(status_row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Varsler om forventet genoptræning"),
    retrieve=extend_schema(summary="Ét varsel"),
)
class AdvanceNoticeViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    queryset = AdvanceNotice.objects.all()
    serializer_class = s.AdvanceNoticeSerializer
    citizen_id_path = "course.citizen_id"

    def scope_queryset(self, queryset):
        return queryset.select_related("course", "municipality", "therapy_department")

    @extend_schema(
        summary="Varsl kommune og terapiafdeling om forventet genoptræning",
        examples=[
            OpenApiExample(
                "Planlagt hoftealloplastik",
                value={
                    "course": 1,
                    "diagnosis_code": "M16.1",
                    "operation_type": "Hoftealloplastik",
                    "operation_date": "2026-05-04",
                    "expected_discharge": "2026-05-06",
                },
            )
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.AdvanceNoticeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        course = values.pop("course")  # visible: a foreign course is as unknown as a missing one (400)
        notice = services.advance_notice_send(course=course, acting_user=self.acting_user, **values)
        return Response(s.AdvanceNoticeSerializer(notice).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Kapacitetsvarsler (ingen personoplysninger)"),
    retrieve=extend_schema(summary="Ét kapacitetsvarsel"),
)
class CapacityNoticeViewSet(mixins.CreateModelMixin, ReadOnlyVisibleViewSet):
    """Capacity notices carry no citizen: visible to sender and receiver organisations (own rule)."""

    queryset = CapacityNotice.objects.all()
    serializer_class = s.CapacityNoticeSerializer
    citizen_id_path = None

    def scope_queryset(self, queryset):
        return queryset.select_related("sender", "receiver")

    @extend_schema(
        summary="Send kapacitetsvarsel (6 måneders varsel; kort varsel markeres)",
        examples=[
            OpenApiExample(
                "Hjemtagning",
                value={
                    "kind": "taking_home",
                    "sender": "751",
                    "receiver": "6620",
                    "description": "Kommunen hjemtager genoptræning efter knæalloplastik",
                    "effective_on": "2027-01-01",
                },
            )
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.CapacityNoticeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notice = services.capacity_notice_create(acting_user=self.acting_user, **data.validated_data)
        return Response(s.CapacityNoticeSerializer(notice).data, status=status.HTTP_201_CREATED)
