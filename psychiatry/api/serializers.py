"""Shape and validation of the psychiatry API; the services decide."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from admissions.models import Course
from psychiatry.models import (
    CarePlan,
    ChildAssessment,
    ContactPerson,
    Meeting,
    Notice,
    PsychiatricCourse,
    Referral,
    TreatmentPlan,
)
from sundhedsaftale.api.fields import VisiblePrimaryKeyRelatedField
from sundhedsaftale.organisations.models import Organisation

ORG: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)


def _text() -> serializers.CharField:
    """An optional free text (blank by default)."""
    return serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")


def _line() -> serializers.CharField:
    """An optional single line (blank by default)."""
    return serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


@extend_schema_field(OpenApiTypes.STR)
class PsychiatryChoiceField(serializers.ChoiceField):
    """A choice documented as a plain string with its values (no enum name collisions in the schema)."""


def _choice(choices: Any, **kwargs: Any) -> PsychiatryChoiceField:
    values = ", ".join(str(value) for value, _label in choices)
    kwargs.setdefault("help_text", f"Én af: {values}")
    return PsychiatryChoiceField(choices=choices, **kwargs)


def _psychiatric_course_field() -> VisiblePrimaryKeyRelatedField:
    return VisiblePrimaryKeyRelatedField(queryset=PsychiatricCourse.objects.all())


class ContactPersonSerializer(serializers.ModelSerializer):
    organisation = ORG

    class Meta:
        model = ContactPerson
        fields = ["id", "course", "role", "name", "phone", "organisation"]
        read_only_fields = fields


class ContactPersonCreateSerializer(serializers.Serializer):
    course = _psychiatric_course_field()
    role = _choice(ContactPerson.Role.choices)
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=40, allow_blank=True, required=False, default="")


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "course", "kind", "requested_by", "scheduled_at", "participants", "held", "notes"]
        read_only_fields = fields


class MeetingCreateSerializer(serializers.Serializer):
    course = _psychiatric_course_field()
    kind = _choice(Meeting.Kind.choices)
    scheduled_at = serializers.DateTimeField()
    participants = _text()


class TreatmentPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = TreatmentPlan
        fields = [
            "id",
            "course",
            "written_at",
            "goals",
            "treatment",
            "handed_to_patient",
            "patient_objected",
            "author_name",
        ]
        read_only_fields = fields


class TreatmentPlanCreateSerializer(serializers.Serializer):
    course = _psychiatric_course_field()
    goals = serializers.CharField(max_length=4000)
    treatment = _text()
    handed_to_patient = serializers.BooleanField()
    patient_objected = serializers.BooleanField(required=False, default=False)
    author_name = _line()


class CarePlanSerializer(serializers.ModelSerializer):
    author_organisation = ORG

    class Meta:
        model = CarePlan
        fields = [
            "id",
            "course",
            "kind",
            "treatment_offers",
            "social_offers",
            "participants",
            "responsibilities",
            "follow_up_on",
            "patient_participates",
            "joint_team_referred_on",
            "followed_up_on",
            "author_organisation",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CarePlanCreateSerializer(serializers.Serializer):
    course = _psychiatric_course_field()
    treatment_offers = _text()
    social_offers = _text()
    participants = _text()
    responsibilities = _text()
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)
    joint_team_referred_on = serializers.DateField(required=False, allow_null=True, default=None)


class FollowUpSerializer(serializers.Serializer):
    on = serializers.DateField()


class ChildAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildAssessment
        fields = [
            "id",
            "course",
            "assessed_at",
            "has_children",
            "children",
            "situation",
            "support_need",
            "concern_reported",
            "concern_reported_on",
        ]
        read_only_fields = fields


class ChildAssessmentCreateSerializer(serializers.Serializer):
    course = _psychiatric_course_field()
    has_children = serializers.BooleanField()
    children = _line()
    situation = _text()
    support_need = _text()
    concern_reported = serializers.BooleanField(required=False, default=False)
    concern_reported_on = serializers.DateField(required=False, allow_null=True, default=None)


class ReferralSerializer(serializers.ModelSerializer):
    class Meta:
        model = Referral
        fields = [
            "id",
            "course",
            "referred_on",
            "referrer",
            "purpose",
            "summary",
            "symptoms",
            "family_view",
            "outcome",
            "rejection_reason",
            "visitated_at",
            "expected_start_on",
            "contact_offered_at",
        ]
        read_only_fields = fields


class ReferralCreateSerializer(serializers.Serializer):
    cpr = serializers.CharField(max_length=11)
    name = serializers.CharField(max_length=200)
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.filter(kind="municipality")
    )
    gp_practice = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(kind="practice"),
        required=False,
        allow_null=True,
        default=None,
    )
    department = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.filter(kind="department")
    )
    referred_on = serializers.DateField()
    purpose = serializers.CharField(max_length=4000)
    referrer = _line()
    summary = _text()
    symptoms = _text()
    family_view = _text()


class VisitationSerializer(serializers.Serializer):
    outcome = _choice([c for c in Referral.Outcome.choices if c[0]])
    rejection_reason = _text()
    expected_start_on = serializers.DateField(required=False, allow_null=True, default=None)


class NoticeSerializer(serializers.ModelSerializer):
    recipient = ORG

    class Meta:
        model = Notice
        fields = ["id", "kind", "recipient", "text", "sent_at", "read_at"]
        read_only_fields = fields


class PsychiatricCourseSerializer(serializers.ModelSerializer):
    department = ORG
    contact_persons = ContactPersonSerializer(many=True, read_only=True)
    end_kind = _choice(PsychiatricCourse.EndKind.choices, read_only=True, allow_blank=True)  # "" while open

    class Meta:
        model = PsychiatricCourse
        fields = [
            "id",
            "citizen",
            "admission",
            "department",
            "kind",
            "setting",
            "state",
            "started_at",
            "legal_status",
            "consent",
            "consent_by",
            "relatives_wishes",
            "agreed_discharge_at",
            "planned_end_on",
            "end_notice_consent",
            "finished_treatment_on",
            "ended_at",
            "end_kind",
            "relatives_informed",
            "contact_persons",
        ]
        read_only_fields = fields


class CourseCreateSerializer(serializers.Serializer):
    admission = VisiblePrimaryKeyRelatedField(queryset=Course.objects.all(), help_text="Indlæggelsens id")
    legal_status = _choice(PsychiatricCourse.LegalStatus.choices, required=False, default="voluntary")
    consent = _choice(PsychiatricCourse.Consent.choices, required=False, default="not_asked")
    consent_by = _line()
    relatives_wishes = _text()


class ConsentSerializer(serializers.Serializer):
    legal_status = _choice(PsychiatricCourse.LegalStatus.choices)
    consent = _choice(PsychiatricCourse.Consent.choices)
    consent_by = _line()
    relatives_wishes = _text()


class InformSerializer(serializers.Serializer):
    party = _choice([("municipality", "Kommunen"), ("gp", "Egen læge")])
    text = _text()


class DischargeTimeSerializer(serializers.Serializer):
    agreed_at = serializers.DateTimeField()
    reason = _text()


class EndSerializer(serializers.Serializer):
    at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class UnplannedSerializer(EndSerializer):
    relatives_informed = serializers.CharField(max_length=4000)


class LetterSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=8000)
