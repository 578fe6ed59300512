"""Shape and validation of the rehab API; the services decide."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from admissions.models import Course
from rehab.diagnoses import icd10_validate
from rehab.forms import PLAN_FIELDS
from rehab.models import (
    AdvanceNotice,
    CapacityNotice,
    Delivery,
    FinalStatus,
    FirstContact,
    Plan,
    PlanVersion,
    RehabCourse,
)
from rehab.plan_rows import plan_rows_clean, plan_rows_read
from sundhedsaftale.api.fields import VisiblePrimaryKeyRelatedField
from sundhedsaftale.organisations.models import Organisation

ORG: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)


def _org_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all(), **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    """A validated choice documented as a string with its values listed: the generic field names (``state``,
    ``kind``) would otherwise collide with other apps' enums in the one OpenAPI schema."""


def _choice(choices: Any, **kwargs: Any) -> PlainChoiceField:
    values = ", ".join(str(value) for value, _label in choices)
    return PlainChoiceField(choices=choices, help_text=f"Én af: {values}", **kwargs)


class CodeTextSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=10)
    text = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


class MeasurementSerializer(serializers.Serializer):
    test = serializers.CharField(max_length=200)
    date = serializers.DateField(required=False, allow_null=True)
    score = serializers.CharField(max_length=100, allow_blank=True)


class PlanRowsField(serializers.Field):
    """One structured list of the plan (``rehab.plan_rows``): validated whole, every row complete, also in a
    partial update; read tolerantly, so a malformed stored row is left out instead of failing the answer."""

    def __init__(self, *, rows: str, item: type[serializers.Serializer], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.item = item
        set_override(self, "field", item(many=True))  # the OpenAPI schema shows the row shape

    def to_internal_value(self, data: Any) -> list[dict[str, str]]:
        try:
            return plan_rows_clean(self.rows, data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None

    def to_representation(self, value: Any) -> Any:
        return self.item(plan_rows_read(self.rows, value), many=True).data


class PlanVersionSerializer(serializers.ModelSerializer):
    recipient_municipality = _org_field(required=False, allow_null=True)
    recipient_hospital = _org_field(required=False, allow_null=True)
    gp_practice = _org_field(required=False, allow_null=True)
    sender_department = _org_field(required=False, allow_null=True)
    secondary_diagnoses = PlanRowsField(rows="secondary_diagnoses", item=CodeTextSerializer, required=False)
    interventions = PlanRowsField(rows="interventions", item=CodeTextSerializer, required=False)
    measurements = PlanRowsField(rows="measurements", item=MeasurementSerializer, required=False)
    state = _choice(PlanVersion.State.choices, read_only=True)

    class Meta:
        model = PlanVersion
        fields = [
            "number",
            "state",
            "correction_reason",
            "finalised_at",
            "updated_at",
            *PLAN_FIELDS,
            "secondary_diagnoses",
            "interventions",
            "measurements",
        ]
        read_only_fields = ["number", "state", "correction_reason", "finalised_at", "updated_at"]

    def validate_diagnosis_code(self, value: str) -> str:
        icd10_validate(value)
        return value.upper()

    def to_internal_value(self, data):
        """The errors of a structured list come keyed by their path (``measurements[0].date``), not nested."""
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            flat: dict[str, Any] = {}
            for name, detail in error.detail.items():
                flat.update(detail if isinstance(detail, dict) else {name: detail})
            raise serializers.ValidationError(flat) from None


class PlanSerializer(serializers.ModelSerializer):
    citizen = serializers.IntegerField(source="course.citizen_id", read_only=True)
    versions = PlanVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "course", "citizen", "created_at", "sent_at", "versions"]
        read_only_fields = ["id", "citizen", "created_at", "sent_at", "versions"]


class PlanCreateSerializer(serializers.Serializer):
    course = serializers.IntegerField(help_text="Forløbets id")


class CorrectSerializer(serializers.Serializer):
    correction_reason = serializers.CharField(max_length=300)


class SendSerializer(serializers.Serializer):
    consent_municipality = serializers.BooleanField(required=False, allow_null=True, default=None)
    consent_hospital = serializers.BooleanField(required=False, allow_null=True, default=None)
    consent_gp = serializers.BooleanField(required=False, allow_null=True, default=None)


class DeliverySerializer(serializers.ModelSerializer):
    organisation: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    version = serializers.IntegerField(source="version.number", read_only=True)
    citizen = serializers.IntegerField(source="plan.course.citizen_id", read_only=True)
    plan_type = serializers.CharField(source="version.plan_type", read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "plan",
            "version",
            "citizen",
            "plan_type",
            "recipient",
            "organisation",
            "channel",
            "consent",
            "consent_note",
            "is_responsible",
            "sent_at",
            "received_at",
            "contacted_at",
            "forwarded_from",
            "closed_at",
            "closed_reason",
            "declined",
        ]
        read_only_fields = fields


class ForwardSerializer(serializers.Serializer):
    to = _org_field(help_text="Kommunekode eller hospitalets kode")
    consent = serializers.BooleanField()
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class FirstContactSerializer(serializers.ModelSerializer):
    offer_provider = _choice(FirstContact.Provider.choices, required=False, allow_blank=True, default="")
    citizen = serializers.IntegerField(source="delivery.plan.course.citizen_id", read_only=True)

    class Meta:
        model = FirstContact
        fields = [
            "id",
            "delivery",
            "citizen",
            "contacted_at",
            "method",
            "contacted_by_name",
            "offer_place",
            "offer_provider",
            "offer_form",
            "expected_start",
            "waiting_days",
            "note",
            "recorded_at",
        ]
        read_only_fields = ["id", "delivery", "citizen", "recorded_at"]


class RehabCourseSerializer(serializers.ModelSerializer):
    plan = VisiblePrimaryKeyRelatedField(queryset=Plan.objects.all())
    provider = _org_field(required=False, allow_null=True)
    waiting_days = serializers.SerializerMethodField()

    class Meta:
        model = RehabCourse
        fields = [
            "id",
            "plan",
            "level",
            "provider_kind",
            "provider",
            "provider_name",
            "patient_group",
            "services",
            "healing_days",
            "started_on",
            "ended_on",
            "waiting_days",
        ]
        read_only_fields = ["id", "ended_on", "waiting_days"]

    def get_waiting_days(self, obj: RehabCourse) -> int | None:
        from rehab.selectors import rehab_waiting_days

        return rehab_waiting_days(rehab_course=obj)


class CourseEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
    services = serializers.CharField(required=False, allow_blank=True, default="")


class FinalStatusSerializer(serializers.ModelSerializer):
    municipality = ORG

    class Meta:
        model = FinalStatus
        fields = [
            "id",
            "rehab_course",
            "municipality",
            "summary",
            "functional_level",
            "continued_need",
            "sent_at",
        ]
        read_only_fields = ["id", "rehab_course", "municipality", "sent_at"]


class AdvanceNoticeSerializer(serializers.ModelSerializer):
    course = VisiblePrimaryKeyRelatedField(queryset=Course.objects.all())
    municipality = ORG
    therapy_department = _org_field(required=False, allow_null=True)
    citizen = serializers.IntegerField(source="course.citizen_id", read_only=True)

    class Meta:
        model = AdvanceNotice
        fields = [
            "id",
            "course",
            "citizen",
            "municipality",
            "therapy_department",
            "diagnosis_code",
            "diagnosis_text",
            "operation_type",
            "operation_date",
            "expected_discharge",
            "sent_at",
        ]
        read_only_fields = ["id", "citizen", "municipality", "sent_at"]


class CapacityNoticeSerializer(serializers.ModelSerializer):
    kind = _choice(CapacityNotice.Kind.choices)
    sender = _org_field()
    receiver = _org_field()

    class Meta:
        model = CapacityNotice
        fields = [
            "id",
            "kind",
            "sender",
            "receiver",
            "description",
            "effective_on",
            "announced_at",
            "notice_due_on",
            "is_short_notice",
        ]
        read_only_fields = ["id", "announced_at", "notice_due_on", "is_short_notice"]
