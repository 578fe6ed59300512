"""Shape and validation of the prevention API; the services decide."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from admissions.models import Course
from prevention.models import Offer, Referral, ReferralEvent, Screening
from prevention.models.offers import KRAM_FIELDS
from prevention.models.referrals import SCREENING_AREAS, Assessment
from sundhedsaftale.api.fields import VisiblePrimaryKeyRelatedField
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.models import Organisation


def _org() -> serializers.SlugRelatedField:
    """An organisation by its code (a new field each time: one field instance cannot serve two names)."""
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    """A validated choice documented as a string with its values listed (no enum name clashes in the schema)."""


def _choice(choices: Any, **kwargs: Any) -> PlainChoiceField:
    values = ", ".join(repr(str(value)) for value, _label in choices)
    kwargs.setdefault("help_text", f"Én af: {values}")
    return PlainChoiceField(choices=choices, **kwargs)


def _kram_field(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=_choice([(k, k) for k in KRAM_FIELDS]),
        max_length=4,
        help_text="KRAM-faktorer: diet (kost), smoking (rygning), alcohol (alkohol), exercise (motion)",
        **kwargs,
    )


@extend_schema_serializer(component_name="PreventionOffer")
class OfferSerializer(serializers.ModelSerializer):
    """An offer of the public catalogue: no citizen, no user."""

    provider = _org()
    provider_name = serializers.CharField(source="provider.__str__", read_only=True)
    provider_kind = serializers.CharField(source="provider.kind", read_only=True)
    kram = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "title",
            "provider",
            "provider_name",
            "provider_kind",
            "orientation",
            "target_group",
            "content",
            "kram",
            "programme",
            "education",
            "visitation",
            "waiting_weeks",
            "contact",
            "location",
            "schedule",
            "active_from",
            "active_until",
            "accepts_referrals",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="PreventionOfferWrite")
class OfferWriteSerializer(serializers.Serializer):
    """An offer's fields as written by its provider; the service checks the rules (citizen-oriented offers are
    the municipality's, dates in order)."""

    provider = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), required=False, help_text="Udbyderens kode"
    )
    title = serializers.CharField(max_length=200)
    orientation = _choice(Offer.Orientation.choices)
    target_group = serializers.CharField(max_length=2000)
    content = serializers.CharField(max_length=4000)
    kram = _kram_field(required=False, default=list)
    programme = _choice(Offer.Programme.choices, required=False, allow_blank=True, default="")
    education = _choice(Offer.Education.choices, required=False, allow_blank=True, default="")
    visitation = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    waiting_weeks = serializers.IntegerField(min_value=0, max_value=520, required=False, allow_null=True)
    contact = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    schedule = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    active_from = serializers.DateField()
    active_until = serializers.DateField(required=False, allow_null=True)
    accepts_referrals = serializers.BooleanField(required=False, default=True)

    def service_data(self) -> dict[str, Any]:
        """The validated fields as the service takes them (the KRAM list as its four flags)."""
        data = dict(self.validated_data)
        data.pop("provider", None)
        if "kram" in data:
            factors = set(data.pop("kram"))
            data.update({field: key in factors for key, field in KRAM_FIELDS.items()})
        return data


@extend_schema_serializer(component_name="PreventionOfferQuery")
class OfferQuerySerializer(serializers.Serializer):
    """The catalogue's filters; a value it does not know is a 400 naming the parameter."""

    q = serializers.CharField(max_length=200, required=False, allow_blank=True)
    kram = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        help_text="Kommasepareret: diet,smoking,alcohol,exercise",
    )
    programme = _choice([c for c in Offer.Programme.choices if c[0]], required=False)
    education = _choice([c for c in Offer.Education.choices if c[0]], required=False)
    orientation = _choice(Offer.Orientation.choices, required=False)
    municipality = serializers.CharField(max_length=10, required=False, help_text="Kommunekode, fx 751")
    cluster = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    include_inactive = serializers.BooleanField(required=False, default=False)

    def validate_kram(self, value: str) -> list[str]:
        factors = [f.strip() for f in value.split(",") if f.strip()]
        unknown = [f for f in factors if f not in KRAM_FIELDS]
        if unknown:
            raise serializers.ValidationError(f"Ukendt KRAM-faktor: {unknown[0][:20]}")
        return factors


@extend_schema_serializer(component_name="PreventionScreening")
class ScreeningSerializer(serializers.ModelSerializer):
    organisation = _org()

    class Meta:
        model = Screening
        fields = [
            "id",
            "citizen",
            "course",
            "organisation",
            "screened_on",
            *SCREENING_AREAS,
            "note",
            "recorded_by_name",
            "recorded_at",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="PreventionScreeningCreate")
class ScreeningCreateSerializer(serializers.Serializer):
    course = VisiblePrimaryKeyRelatedField(queryset=Course.objects.all(), required=False, allow_null=True)
    citizen = VisiblePrimaryKeyRelatedField(queryset=Citizen.objects.all(), required=False, allow_null=True)
    screened_on = serializers.DateField()
    smoking = _choice(Assessment.choices, required=False, allow_blank=True, default="")
    alcohol = _choice(Assessment.choices, required=False, allow_blank=True, default="")
    diet = _choice(Assessment.choices, required=False, allow_blank=True, default="")
    exercise = _choice(Assessment.choices, required=False, allow_blank=True, default="")
    chronic_disease = _choice(Assessment.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _course_or_citizen(attrs)


def _course_or_citizen(attrs: dict[str, Any]) -> dict[str, Any]:
    course, citizen = attrs.get("course"), attrs.get("citizen")
    if course is None and citizen is None:
        raise serializers.ValidationError({"course": ["Angiv forløbet eller borgeren."]})
    if course is not None and citizen is not None and course.citizen_id != citizen.pk:
        raise serializers.ValidationError({"course": ["Forløbet er ikke borgerens."]})
    attrs["citizen"] = citizen if citizen is not None else course.citizen  # type: ignore[union-attr]
    return attrs


@extend_schema_serializer(component_name="PreventionReferralEvent")
class ReferralEventSerializer(serializers.ModelSerializer):
    organisation = _org()

    class Meta:
        model = ReferralEvent
        fields = ["status", "at", "organisation", "actor_name", "note"]
        read_only_fields = fields


@extend_schema_serializer(component_name="PreventionReferral")
class ReferralSerializer(serializers.ModelSerializer):
    referrer = _org()
    provider = _org()
    offer_title = serializers.CharField(source="offer.title", read_only=True)
    events = ReferralEventSerializer(many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "citizen",
            "course",
            "screening",
            "offer",
            "offer_title",
            "referrer",
            "provider",
            "reason",
            "consent_by",
            "consent_at",
            "status",
            "status_at",
            "sent_at",
            "closed_at",
            "events",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="PreventionReferralCreate")
class ReferralCreateSerializer(serializers.Serializer):
    course = VisiblePrimaryKeyRelatedField(queryset=Course.objects.all(), required=False, allow_null=True)
    citizen = VisiblePrimaryKeyRelatedField(queryset=Citizen.objects.all(), required=False, allow_null=True)
    offer = serializers.PrimaryKeyRelatedField(queryset=Offer.objects.all())
    screening = VisiblePrimaryKeyRelatedField(
        queryset=Screening.objects.all(), required=False, allow_null=True
    )
    consent_by = _choice(Referral.ConsentBy.choices, help_text="Samtykke givet af: citizen eller substitute")
    consent_at = serializers.DateTimeField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _course_or_citizen(attrs)


@extend_schema_serializer(component_name="PreventionReferralStatus")
class ReferralStatusSerializer(serializers.Serializer):
    status = _choice([c for c in Referral.Status.choices if c[0] != Referral.Status.SENT])
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
