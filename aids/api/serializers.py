"""Shape and validation of the aids API; the services decide."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from admissions.models import Course
from aids.models import (
    LADDER,
    AidNeed,
    AidType,
    CapacityNote,
    Depot,
    Dispute,
    DisputeStep,
    Loan,
    Outcome,
)
from aids.responsibility import Party, Situation, TreatedAt
from sundhedsaftale.api.fields import VisiblePrimaryKeyRelatedField
from sundhedsaftale.organisations.models import Organisation

ORG: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
SITUATIONS = [s.value for s in Situation]
PARTIES = [p.value for p in Party]


@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    """A validated choice documented as a string with its values listed (no enum name collisions in the one
    OpenAPI schema)."""


def _choice(choices: Any, **kwargs: Any) -> PlainChoiceField:
    values = [value if isinstance(value, str) else value[0] for value in choices]
    kwargs.setdefault("help_text", "Én af: " + ", ".join(v for v in values if v))
    return PlainChoiceField(choices=choices, **kwargs)


def _org_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all(), **kwargs)


class ResponsibilityQuerySerializer(serializers.Serializer):
    situation = serializers.CharField(max_length=64)
    treated_at = _choice([t.value for t in TreatedAt], required=False, default="", allow_blank=True)
    known_at_hospital = serializers.BooleanField(required=False, default=True)
    private_special_agreement = serializers.BooleanField(required=False, default=False)


class ResponsibilitySerializer(serializers.Serializer):
    situation = serializers.CharField()
    delivers = _choice(PARTIES)
    pays = _choice(PARTIES)
    reason = serializers.CharField(help_text="Dansk begrundelse med aftalens ordlyd")
    section = serializers.CharField()
    hospital = serializers.CharField(
        help_text="treating (behandlende) eller local (borgerens lokale hospital)"
    )


class AidTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AidType
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "usual_situation",
            "reusable",
            "fitting",
            "is_large",
            "is_active",
        ]


class LoanSerializer(serializers.ModelSerializer):
    lender = ORG
    aid_type: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    slip_url = serializers.SerializerMethodField()
    # read-only choices that are "" until set: declared, as DRF drops allow_blank from read-only model fields
    return_kind = _choice(Loan.ReturnKind.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Loan
        fields = [
            "id",
            "need",
            "aid_type",
            "item_number",
            "depot",
            "lender",
            "terms",
            "contact_name",
            "contact_phone",
            "delivered_by_name",
            "delivered_at",
            "instruction_given",
            "instruction_note",
            "follow_up_on",
            "returned_at",
            "return_kind",
            "return_note",
            "slip_url",
        ]
        read_only_fields = fields

    def get_slip_url(self, loan: Loan) -> str:
        return f"/api/v1/aids/loans/{loan.pk}/slip.pdf"


class AidNeedSerializer(serializers.ModelSerializer):
    aid_type: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    delivering_organisation = ORG
    municipality = ORG
    citizen = serializers.IntegerField(source="course.citizen_id", read_only=True)
    is_overridden = serializers.BooleanField(read_only=True)

    class Meta:
        model = AidNeed
        fields = [
            "id",
            "course",
            "citizen",
            "aid_type",
            "situation",
            "treated_at",
            "known_at_hospital",
            "why",
            "needed_from",
            "lasting",
            "discharge_need",
            "home_visit_needed",
            "fast_track",
            "target_at",
            "expected_delivery_on",
            "decided_delivers",
            "decided_pays",
            "delivers",
            "pays",
            "reason",
            "override_reason",
            "is_overridden",
            "delivering_organisation",
            "municipality",
            "state",
            "delivered_at",
            "delivery_note",
            "cancelled_at",
            "cancel_reason",
            "created_at",
        ]
        read_only_fields = fields


class AidNeedCreateSerializer(serializers.Serializer):
    course = VisiblePrimaryKeyRelatedField(queryset=Course.objects.all())
    aid_type = serializers.SlugRelatedField(slug_field="code", queryset=AidType.objects.all())
    situation = serializers.CharField(max_length=64, help_text="Én af: " + ", ".join(SITUATIONS))
    needed_from = serializers.DateField(required=False, allow_null=True)
    lasting = serializers.BooleanField(required=False, default=False)
    why = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    treated_at = _choice([t.value for t in TreatedAt], required=False, default="", allow_blank=True)
    known_at_hospital = serializers.BooleanField(required=False, default=True)
    private_special_agreement = serializers.BooleanField(required=False, default=False)
    discharge_need = _choice(AidNeed.DischargeNeed.choices, required=False, default="", allow_blank=True)
    home_visit_needed = serializers.BooleanField(required=False, default=False)
    fast_track = serializers.BooleanField(required=False, default=False)
    expected_delivery_on = serializers.DateField(required=False, allow_null=True)
    delivers = _choice(PARTIES, required=False, allow_null=True)
    pays = _choice(PARTIES, required=False, allow_null=True)
    override_reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    delivering_organisation = _org_field(required=False, allow_null=True)


class DeliverSerializer(serializers.Serializer):
    delivered_at = serializers.DateTimeField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class LoanCreateSerializer(serializers.Serializer):
    need = VisiblePrimaryKeyRelatedField(queryset=AidNeed.objects.all())
    item_number = serializers.CharField(max_length=60)
    depot = serializers.PrimaryKeyRelatedField(queryset=Depot.objects.all(), required=False, allow_null=True)
    terms = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(max_length=120)
    contact_phone = serializers.CharField(max_length=40)
    delivered_by_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    delivered_at = serializers.DateTimeField(required=False, allow_null=True)
    instruction_given = serializers.BooleanField(required=False, default=False)
    instruction_note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    follow_up_on = serializers.DateField(required=False, allow_null=True)


class LoanReturnSerializer(serializers.Serializer):
    kind = _choice(Loan.ReturnKind.choices, required=False, default=Loan.ReturnKind.COLLECTED)
    at = serializers.DateTimeField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DisputeStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisputeStep
        fields = ["level", "started_at", "decision", "decided_on"]
        read_only_fields = fields


class DisputeSerializer(serializers.ModelSerializer):
    opened_by_organisation = ORG
    interim_organisation = ORG
    outcome = _choice(Outcome.choices, read_only=True, allow_blank=True)
    pays_afterwards = _choice(Outcome.choices, read_only=True, allow_blank=True)
    steps = DisputeStepSerializer(many=True, read_only=True)
    next_levels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "need",
            "opened_by_organisation",
            "opened_at",
            "question",
            "interim_organisation",
            "level",
            "state",
            "outcome",
            "pays_afterwards",
            "decided_on",
            "next_levels",
            "steps",
        ]
        read_only_fields = fields


class DisputeCreateSerializer(serializers.Serializer):
    need = VisiblePrimaryKeyRelatedField(queryset=AidNeed.objects.all())
    question = serializers.CharField(max_length=3000)
    interim_organisation = _org_field(required=False, allow_null=True)


class EscalateSerializer(serializers.Serializer):
    decision = serializers.CharField(
        max_length=3000, help_text="Hvad blev besluttet (ikke afklaret) på niveauet"
    )
    decided_on = serializers.DateField(required=False, allow_null=True)
    to = _choice(list(LADDER), required=False, allow_null=True)


class DecideSerializer(serializers.Serializer):
    outcome = _choice(Outcome.choices)
    pays_afterwards = _choice(Outcome.choices, required=False, allow_blank=True, default="")
    decision = serializers.CharField(max_length=3000)
    decided_on = serializers.DateField(required=False, allow_null=True)


class CapacityNoteSerializer(serializers.ModelSerializer):
    organisation = ORG
    depot = serializers.PrimaryKeyRelatedField(queryset=Depot.objects.all(), required=False, allow_null=True)
    kind = _choice(CapacityNote.Kind.choices)
    text = serializers.CharField(max_length=2000)

    class Meta:
        model = CapacityNote
        fields = ["id", "organisation", "depot", "kind", "text", "valid_from", "valid_to", "created_at"]
        read_only_fields = ["id", "organisation", "created_at"]


class DepotSerializer(serializers.ModelSerializer):
    organisation = ORG

    class Meta:
        model = Depot
        fields = ["id", "organisation", "name", "address", "phone", "contact_name"]
        read_only_fields = fields
