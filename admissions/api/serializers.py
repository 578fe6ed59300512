"""Shapes of the admissions API: output serializers name rows; input serializers validate requests."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from admissions.models import (
    AdmissionNotice,
    AdmissionReport,
    Attachment,
    Consent,
    Course,
    InformationRequest,
    Message,
    Thread,
)
from sundhedsaftale.citizens.models import CareRelation, Citizen
from sundhedsaftale.citizens.selectors import citizen_access_basis
from sundhedsaftale.organisations.actor import actor_of
from sundhedsaftale.organisations.models import Organisation


def _code(queryset: Any = None, **kwargs: Any) -> Any:
    if queryset is None:
        return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)
    return serializers.SlugRelatedField(slug_field="code", queryset=queryset, **kwargs)


class CitizenSerializer(serializers.ModelSerializer):
    cpr = serializers.CharField(source="cpr_display", read_only=True)
    municipality = _code()
    gp_practice = _code(allow_null=True)

    class Meta:
        model = Citizen
        fields = ["id", "cpr", "name", "municipality", "gp_practice", "address", "phone", "deceased_at"]


class AccessBasisSerializer(serializers.ModelSerializer):
    """One care relation that lets the reader's organisation see the citizen now."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organisation = _code()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = CareRelation
        fields = [
            "kind",
            "kind_label",
            "organisation",
            "organisation_name",
            "starts_at",
            "ends_at",
            "purpose",
        ]


class CitizenDetailSerializer(CitizenSerializer):
    """A citizen with ``access_basis``: why the requesting organisation may see it ("Hvorfor kan jeg se
    borgeren?"), the care relations with their dates."""

    access_basis = serializers.SerializerMethodField()

    class Meta(CitizenSerializer.Meta):
        fields = [*CitizenSerializer.Meta.fields, "access_basis"]

    @extend_schema_field(AccessBasisSerializer(many=True))
    def get_access_basis(self, citizen: Citizen) -> list[dict[str, Any]]:
        relations = citizen_access_basis(actor=actor_of(self.context["request"]), citizen_id=citizen.pk)
        return AccessBasisSerializer(relations, many=True).data  # type: ignore[return-value]


class CitizenBriefSerializer(serializers.ModelSerializer):
    cpr = serializers.CharField(source="cpr_display", read_only=True)
    municipality = _code()

    class Meta:
        model = Citizen
        fields = ["id", "cpr", "name", "municipality"]


def course_place(course: Course) -> tuple[str, str]:
    """The room and bed of the course's current stay: annotated on lists (``with_place``), else read once."""
    if not hasattr(course, "stay_room"):
        stay = course.stays.filter(ended_at__isnull=True).order_by("-started_at", "-pk").first()
        course.stay_room, course.stay_bed = (stay.room, stay.bed) if stay else ("", "")  # type: ignore[attr-defined]
    return course.stay_room or "", course.stay_bed or ""  # type: ignore[attr-defined]


class CourseSerializer(serializers.ModelSerializer):
    citizen = CitizenBriefSerializer(read_only=True)
    hospital = _code()
    department = _code()
    room = serializers.SerializerMethodField(
        help_text="Stue på det nuværende ophold (tom, hvis ikke angivet)."
    )
    bed = serializers.SerializerMethodField(
        help_text="Seng på det nuværende ophold (tom, hvis ikke angivet)."
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "citizen",
            "kind",
            "state",
            "hospital",
            "department",
            "admitted_at",
            "discharged_at",
            "episode_of_care_id",
            "contact_name",
            "contact_role",
            "contact_phone",
            "room",
            "bed",
        ]

    def get_room(self, course: Course) -> str:
        return course_place(course)[0]

    def get_bed(self, course: Course) -> str:
        return course_place(course)[1]


@extend_schema_field(OpenApiTypes.INT)
class VisibleCourseField(serializers.PrimaryKeyRelatedField):
    """A course id; only courses visible to the requesting user exist (others give a 400 like unknown ids)."""

    def get_queryset(self) -> Any:
        request = self.context["request"]
        return Course.objects.visible_to(request.actor).select_related("citizen")


class AdmitInputSerializer(serializers.Serializer):
    cpr = serializers.CharField(max_length=11)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    municipality = _code(Organisation.objects.filter(kind="municipality"))
    gp_practice = _code(
        Organisation.objects.filter(kind="practice"), required=False, allow_null=True, default=None
    )
    kind = serializers.ChoiceField(choices=Course.Kind.choices)
    department = _code(Organisation.objects.filter(kind="department"))
    admitted_at = serializers.DateTimeField()
    episode_of_care_id = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    update_master_data = serializers.BooleanField(
        default=False,
        help_text="Borgeren findes i forvejen med andre stamdata (navn, bopælskommune, egen læge, adresse, "
        "telefon): erstat dem med de indsendte (logges). Uden feltet svarer en forskel 409.",
    )
    master_data_reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    room = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    bed = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class PlaceInputSerializer(serializers.Serializer):
    """The room and bed of the current stay; blank clears them."""

    room = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    bed = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class ContactPersonInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40)


class TransferInputSerializer(serializers.Serializer):
    department = _code(Organisation.objects.filter(kind="department"))
    at = serializers.DateTimeField()


class CourseWhenInputSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CourseCancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True)


class ConsentSerializer(serializers.ModelSerializer):
    in_force = serializers.BooleanField(read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "course",
            "given_by",
            "given_by_name",
            "given_at",
            "to_municipality",
            "to_gp",
            "withdrawn_at",
            "in_force",
        ]


class ConsentInputSerializer(serializers.Serializer):
    course = VisibleCourseField()
    given_by = serializers.ChoiceField(choices=Consent.GivenBy.choices)
    given_by_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    given_at = serializers.DateTimeField()
    to_municipality = serializers.BooleanField(default=False)
    to_gp = serializers.BooleanField(default=False)


class AdmissionNoticeSerializer(serializers.ModelSerializer):
    municipality = _code()
    gp_practice = _code(
        allow_null=True,
        help_text="Egen læges praksis (ydernummer), underrettet ved akut eller åben indlæggelse; ellers null.",
    )

    class Meta:
        model = AdmissionNotice
        fields = ["id", "course", "municipality", "gp_practice", "sent_at", "received_at", "read_at"]


class AdmissionReportSerializer(serializers.ModelSerializer):
    municipality = _code()

    class Meta:
        model = AdmissionReport
        fields = [
            "id",
            "course",
            "municipality",
            "state",
            "requested_at",
            "submitted_at",
            "functional_level",
            "home_care_received",
            "medication",
            "dose_dispensed",
            "aids",
            "relatives",
            "contact",
        ]


class ReportRequestInputSerializer(serializers.Serializer):
    course = VisibleCourseField()


class ReportSubmitInputSerializer(serializers.Serializer):
    course = VisibleCourseField()
    functional_level = serializers.CharField()
    home_care_received = serializers.CharField(required=False, allow_blank=True, default="")
    medication = serializers.CharField(required=False, allow_blank=True, default="")
    dose_dispensed = serializers.BooleanField(default=False)
    aids = serializers.CharField(required=False, allow_blank=True, default="")
    relatives = serializers.CharField(required=False, allow_blank=True, default="")
    contact = serializers.CharField(required=False, allow_blank=True, default="")


class InformationRequestSerializer(serializers.ModelSerializer):
    sender = _code()
    recipient = _code()

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "course",
            "sender",
            "recipient",
            "question",
            "author_phone",
            "sent_at",
            "state",
            "reply",
            "replied_at",
        ]


class InformationRequestInputSerializer(serializers.Serializer):
    course = VisibleCourseField()
    recipient = _code(Organisation.objects.all())
    question = serializers.CharField()
    author_phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class InformationReplyInputSerializer(serializers.Serializer):
    reply = serializers.CharField()


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "filename", "content_type", "size", "uploaded_at"]


class MessageSerializer(serializers.ModelSerializer):
    thread: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    category = serializers.CharField(source="thread.category", read_only=True)
    topic = serializers.CharField(source="thread.topic", read_only=True)
    sender = _code()
    recipient = _code()
    attachments = AttachmentSerializer(many=True, read_only=True)
    read_by = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "id",
            "thread",
            "course",
            "category",
            "topic",
            "activity",
            "previous",
            "sender",
            "recipient",
            "author_name",
            "author_phone",
            "body",
            "sent_at",
            "attachments",
            "read_by",
        ]

    def get_read_by(self, message: Message) -> list[str]:
        """Codes of the organisations that have read the message."""
        return [read.organisation.code for read in message.reads.all()]


class MessageInputSerializer(serializers.Serializer):
    course = VisibleCourseField()
    category = serializers.ChoiceField(choices=Thread.Category.choices)
    topic = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    recipient = _code(Organisation.objects.all())
    body = serializers.CharField()
    author_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author_phone = serializers.CharField(max_length=40)


class MessageReplyInputSerializer(serializers.Serializer):
    body = serializers.CharField()
    author_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author_phone = serializers.CharField(max_length=40)


class MessageForwardInputSerializer(MessageReplyInputSerializer):
    recipient = _code(Organisation.objects.all())


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField(source="upload")  # the service's keyword
