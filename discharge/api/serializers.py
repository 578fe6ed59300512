"""Shapes of the discharge API: input serializers validate shape only (the services decide), output
serializers map the records."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from discharge import models as m
from discharge.health_consent import municipality_consent_exists, need_withheld
from discharge.selectors import finished_bed_days, plan_deadline, plan_obligations
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import actor_of
from sundhedsaftale.workdays import local_date

# The one error body of the API (sundhedsaftale.api.errors), for the OpenAPI document.
ErrorSerializer = inline_serializer(
    name="DischargeError",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)


class CourseInput(serializers.Serializer):
    course = serializers.IntegerField(help_text="Forløbets id; et forløb, brugeren ikke må se, giver 404.")


class DeadlineOut(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = [
            "id",
            "rule_code",
            "rule_set",
            "state",
            "due_date",
            "due_at",
            "warn_at",
            "met_at",
            "met_late",
            "breached_at",
        ]


# --- plans ---------------------------------------------------------------------------------------------


class PlanFields(serializers.Serializer):
    functional_ability = serializers.ChoiceField(choices=m.FunctionalAbility.choices)
    need = serializers.ChoiceField(choices=m.Need.choices)
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=m.Need.choices),
        required=False,
        max_length=4,
        help_text="Yderligere behov ud over need (hjemmepleje, særlige hjælpemidler, boligændringer gælder "
        "samtidig); hvert behov får sin egen varslingsfrist.",
    )
    planned_date = serializers.DateField()
    nursing_service_date = serializers.DateField(required=False, allow_null=True)
    agreed_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Det aftalte udskrivningstidspunkt (2021-aftalen): udskrivning før det er hospitalets afvigelse.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PlanCreateInput(CourseInput, PlanFields):
    pass


class PlanUpdateInput(PlanFields):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class DateChangeOut(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True)

    class Meta:
        model = m.DischargeDateChange
        fields = ["id", "old_date", "new_date", "old_due_at", "new_due_at", "reason", "changed_at", "text"]


def _need_withheld(serializer: serializers.Serializer, row: Any, course_path: str = "course_id") -> bool:
    """Whether the reader may not see the row's health information (the need): not the hospital side, and no
    consent to share with the municipality (l. 1406). A list annotates ``shares_health``; else one query."""
    request = serializer.context.get("request")
    if request is None:
        return False
    shares = getattr(row, "shares_health", None)
    if shares is None:
        shares = type(row).objects.filter(pk=row.pk).filter(municipality_consent_exists(course_path)).exists()
    return need_withheld(actor=actor_of(request), municipality_consent=bool(shares))


class PlanOut(serializers.ModelSerializer):
    deadline = serializers.SerializerMethodField(help_text="Den tidligste varslingsfrist af planens behov.")
    need_withheld = serializers.SerializerMethodField(
        help_text="Sand, når borgeren ikke har givet samtykke til at videregive helbredsoplysninger til kommunen "
        "(sundhedsaftalen l. 1406): så er need, needs, note, rule_code, deadline og obligations tomme for "
        "andre end hospitalet."
    )
    needs = serializers.ListField(child=serializers.CharField(), source="all_needs", read_only=True)
    obligations = serializers.SerializerMethodField(
        help_text="Alle planens forpligtelser: varslingsfristen for hvert behov og det aftalte tidspunkt."
    )
    date_changes = DateChangeOut(many=True, read_only=True)

    class Meta:
        model = m.DischargePlan
        fields = [
            "id",
            "course",
            "functional_ability",
            "need",
            "needs",
            "planned_date",
            "nursing_service_date",
            "agreed_date",
            "rule_code",
            "rule_set",
            "note",
            "deadline",
            "obligations",
            "date_changes",
            "created_at",
            "updated_at",
            "need_withheld",
        ]

    def get_need_withheld(self, plan: m.DischargePlan) -> bool:
        return _need_withheld(self, plan)

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        if data["need_withheld"]:
            data.update(need=None, needs=[], note="", rule_code=None, deadline=None, obligations=[])
        return data

    @extend_schema_field(DeadlineOut(allow_null=True))
    def get_deadline(self, plan: m.DischargePlan) -> dict[str, Any] | None:
        # A list passes every plan's deadline in the context (one query); a single plan reads its own.
        known: dict[int, Deadline] | None = self.context.get("deadlines")
        deadline = known.get(plan.pk) if known is not None else plan_deadline(plan=plan)
        return DeadlineOut(deadline).data if deadline else None

    @extend_schema_field(DeadlineOut(many=True))
    def get_obligations(self, plan: m.DischargePlan) -> list[dict[str, Any]]:
        known: dict[int, list[Deadline]] | None = self.context.get("obligations")
        rows = known.get(plan.pk, []) if known is not None else plan_obligations(plan=plan)
        return list(DeadlineOut(rows, many=True).data)


# --- the other records -----------------------------------------------------------------------------------


class NotificationInput(CourseInput):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class NotificationOut(serializers.ModelSerializer):
    need_withheld = serializers.SerializerMethodField(
        help_text="Sand, når behovet ikke blev sendt med (intet samtykke til videregivelse af "
        "helbredsoplysninger, l. 1406); need er da tom."
    )

    class Meta:
        model = m.DischargeNotification
        fields = [
            "id",
            "course",
            "plan",
            "municipality",
            "planned_date",
            "need",
            "text",
            "sent_at",
            "on_time",
            "need_withheld",
        ]

    def get_need_withheld(self, notification: m.DischargeNotification) -> bool:
        return not notification.need


class FinishedInput(CourseInput):
    finished_on = serializers.DateField(
        help_text="Lægens vurdering: enhver dag i somatikken (i børne- og ungdomspsykiatrien en hverdag)."
    )
    doctor_name = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FinishedOut(serializers.ModelSerializer):
    bed_days = serializers.SerializerMethodField(help_text="Færdigbehandlede sengedage indtil nu.")

    class Meta:
        model = m.FinishedTreatment
        fields = [
            "id",
            "course",
            "finished_on",
            "municipality",
            "doctor_name",
            "note",
            "recorded_at",
            "bed_days",
        ]

    def get_bed_days(self, finished: m.FinishedTreatment) -> int:
        return finished_bed_days(finished=finished, course=finished.course, today=local_date(timezone.now()))


class ConferenceInput(CourseInput):
    conference_kind = serializers.ChoiceField(choices=m.DischargeConference.Kind.choices, source="kind")
    scheduled_at = serializers.DateTimeField()
    participants = serializers.CharField()
    location = serializers.CharField(required=False, allow_blank=True, default="")


class ConferenceOutcomeInput(serializers.Serializer):
    outcome = serializers.CharField()


class ConferenceOut(serializers.ModelSerializer):
    conference_kind = serializers.ChoiceField(
        choices=m.DischargeConference.Kind.choices, source="kind", read_only=True
    )

    class Meta:
        model = m.DischargeConference
        fields = [
            "id",
            "course",
            "conference_kind",
            "scheduled_at",
            "location",
            "participants",
            "outcome",
            "held",
        ]


class NoticeInput(CourseInput):
    discharged_at = serializers.DateTimeField()
    destination = serializers.CharField(required=False, allow_blank=True, default="")
    medication_changed = serializers.BooleanField(required=False, default=False)
    dose_dispensing_cancelled = serializers.BooleanField(required=False, default=False)
    aids_handed_out = serializers.CharField(required=False, allow_blank=True, default="")
    early_discharge_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Årsag til at udskrive, selv om kommunen ikke er varslet i tide eller før det aftalte tidspunkt.",
    )


class NoticeOut(serializers.ModelSerializer):
    class Meta:
        model = m.DischargeNotice
        fields = [
            "id",
            "course",
            "municipality",
            "discharged_at",
            "destination",
            "medication_changed",
            "dose_dispensing_cancelled",
            "aids_handed_out",
            "early_discharge_reason",
            "sent_at",
        ]


class ReportInput(CourseInput):
    functional_level = serializers.CharField()
    nursing = serializers.CharField()
    medication = serializers.CharField(required=False, allow_blank=True, default="")
    aids = serializers.CharField(required=False, allow_blank=True, default="")
    author_phone = serializers.CharField(required=False, allow_blank=True, default="")


class ReportOut(serializers.ModelSerializer):
    class Meta:
        model = m.DischargeReport
        fields = [
            "id",
            "course",
            "municipality",
            "functional_level",
            "nursing",
            "medication",
            "aids",
            "sent_at",
        ]


class LetterInput(CourseInput):
    summary = serializers.CharField()
    medication_changed = serializers.BooleanField(required=False, default=False)
    medication = serializers.CharField(required=False, allow_blank=True, default="")
    dose_dispensing_cancelled = serializers.BooleanField(required=False, default=False)
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")


class LetterOut(serializers.ModelSerializer):
    class Meta:
        model = m.DischargeLetter
        fields = [
            "id",
            "course",
            "gp_practice",
            "summary",
            "medication_changed",
            "medication",
            "dose_dispensing_cancelled",
            "follow_up",
            "sent_at",
        ]


class ReplyInput(CourseInput):
    answer = serializers.ChoiceField(choices=m.MunicipalReply.Answer.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    ready_on = serializers.DateField(required=False, allow_null=True, default=None)
    author_phone = serializers.CharField(required=False, allow_blank=True, default="")


class ReplyOut(serializers.ModelSerializer):
    class Meta:
        model = m.MunicipalReply
        fields = [
            "id",
            "course",
            "notification",
            "notice",
            "municipality",
            "answer",
            "reason",
            "ready_on",
            "replied_at",
        ]


class SuddenChangeInput(CourseInput):
    change_kind = serializers.ChoiceField(choices=m.SuddenChange.Kind.choices, source="kind")
    description = serializers.CharField()
    occurred_at = serializers.DateTimeField()


class SuddenChangeOut(serializers.ModelSerializer):
    change_kind = serializers.ChoiceField(choices=m.SuddenChange.Kind.choices, source="kind", read_only=True)

    class Meta:
        model = m.SuddenChange
        fields = [
            "id",
            "course",
            "change_kind",
            "description",
            "occurred_at",
            "reported_by_org",
            "contact_name",
            "contact_phone",
            "notified_at",
            "acknowledged_at",
        ]
