"""Shapes of the deadline API: the rule catalogue, previews, deadlines and alerts."""

from typing import Any

from rest_framework import serializers

from sundhedsaftale.deadlines.models import Alert, Deadline


class RuleSerializer(serializers.Serializer):
    """One rule of one rule set (reads a ``(RuleSet, Rule)`` pair)."""

    rule_set = serializers.CharField(help_text="Regelsættets kode, fx 2008 eller 2021.")
    code = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    anchor = serializers.CharField(help_text="Ankerhændelsen, på dansk.")
    anchor_en = serializers.CharField()
    kind = serializers.CharField(help_text="working_days, calendar_days, months, hours, clock_same_day, ...")
    amount = serializers.IntegerField(help_text="Fortegn: negativ betyder før ankeret.")
    clock = serializers.TimeField(allow_null=True)
    actor = serializers.CharField()
    actor_label = serializers.CharField()
    warn_kind = serializers.CharField()
    warn_amount = serializers.IntegerField()
    warn_clock = serializers.TimeField(allow_null=True)
    source_file = serializers.CharField()
    source_section = serializers.CharField()
    source_text = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        rule_set, rule = instance
        return {
            "rule_set": rule_set.code,
            "code": rule.code,
            "title": rule.title,
            "title_en": rule.title_en,
            "anchor": rule.anchor,
            "anchor_en": rule.anchor_en,
            "kind": str(rule.kind),
            "amount": rule.amount,
            "clock": rule.clock.isoformat() if rule.clock else None,
            "actor": str(rule.actor),
            "actor_label": rule.actor.label,
            "warn_kind": str(rule.warn_kind),
            "warn_amount": rule.warn_amount,
            "warn_clock": rule.warn_clock.isoformat() if rule.warn_clock else None,
            "source_file": rule.source_file,
            "source_section": rule.source_section,
            "source_text": rule.source_text,
        }


class PreviewSerializer(serializers.Serializer):
    """The computed deadline for one anchor: local dates and Europe/Copenhagen offsets."""

    rule = serializers.CharField()
    anchor = serializers.CharField(help_text="Ankeret som fortolket: en dato, eller dansk tid med offset.")
    due_date = serializers.DateField()
    due_at = serializers.CharField(help_text="ISO 8601 med offset (Europe/Copenhagen).")
    warn_at = serializers.CharField(help_text="ISO 8601 med offset (Europe/Copenhagen).")
    guidance = serializers.BooleanField(
        help_text="Kun vejledende i regelsættet (2008-varslingsfristerne under 2021-aftalen: anbefalet "
        "forberedelsestid, advarer men overskrides ikke)."
    )


class DeadlineSerializer(serializers.ModelSerializer):
    rule = serializers.CharField(source="rule_code", read_only=True)
    title = serializers.CharField(read_only=True)
    subject_type = serializers.SerializerMethodField()
    responsible: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    counterpart: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    citizen: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Deadline
        fields = [
            "id",
            "rule",
            "rule_set",
            "title",
            "state",
            "subject_type",
            "subject_id",
            "citizen",
            "responsible",
            "counterpart",
            "anchor_at",
            "anchor_is_date",
            "due_date",
            "due_at",
            "warn_at",
            "warned_at",
            "breached_at",
            "met_at",
            "met_late",
            "met_event",
            "cancelled_at",
            "cancel_reason",
        ]
        read_only_fields = fields

    def get_subject_type(self, deadline: Deadline) -> str:
        return f"{deadline.subject_type.app_label}.{deadline.subject_type.model}"


class AlertDeadlineSerializer(serializers.ModelSerializer):
    rule = serializers.CharField(source="rule_code", read_only=True)
    title = serializers.CharField(read_only=True)
    citizen: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Deadline
        fields = ["id", "rule", "title", "state", "citizen", "due_date", "due_at"]
        read_only_fields = fields


class AlertSerializer(serializers.ModelSerializer):
    deadline = AlertDeadlineSerializer(read_only=True)
    organisation: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    acknowledged_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    assigned_to: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Alert
        fields = [
            "id",
            "kind",
            "deadline",
            "organisation",
            "created_at",
            "acknowledged_at",
            "acknowledged_by",
            "assigned_to",
        ]
        read_only_fields = fields
