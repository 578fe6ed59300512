from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.deadlines.querysets import AlertQuerySet, DeadlineQuerySet
from sundhedsaftale.rules import Rule
from sundhedsaftale.rulesets import rule_set
from sundhedsaftale.workdays import Conventions

OPEN_STATES = ("pending", "breached")


class Deadline(models.Model):
    """One obligation of the agreements for one subject (an admission, a discharge plan, a rehab plan...).

    At most one open deadline exists per subject and rule (database constraint): moving the anchor
    recomputes it in place, meeting or cancelling closes it. Met after its due time counts as met late.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Afventer")
        MET = "met", _("Overholdt")
        BREACHED = "breached", _("Overskredet")
        CANCELLED = "cancelled", _("Annulleret")

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # db_index=False on foreign keys already leading a composite index below: every index is one more
    # write when the scan updates 500 rows a tick (bench/README.md).
    citizen = models.ForeignKey(
        "citizens.Citizen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
        db_index=False,
    )
    rule_code = models.CharField(_("regel"), max_length=64)
    rule_set = models.CharField(_("regelsæt"), max_length=16)
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        related_name="deadlines",
        db_index=False,
    )
    counterpart = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("modtager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awaited_deadlines",
        help_text=_("Den part, der venter på handlingen (og også får advarslerne)."),
    )
    anchor_at = models.DateTimeField(_("ankertidspunkt"))
    anchor_is_date = models.BooleanField(default=True)
    due_date = models.DateField(_("fristdato"))
    due_at = models.DateTimeField(_("frist"))
    warn_at = models.DateTimeField(_("advarsel fra"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(_("overskredet"), null=True, blank=True)
    met_at = models.DateTimeField(_("opfyldt"), null=True, blank=True)
    met_late = models.BooleanField(_("opfyldt for sent"), default=False)
    met_event = models.CharField(_("opfyldt ved"), max_length=200, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # partial index below: rows without a user cost no index write
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("frist")
        verbose_name_plural = _("frister")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "rule_code"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_deadline_per_subject_and_rule",
            ),
            models.CheckConstraint(condition=Q(warn_at__lte=models.F("due_at")), name="warning_before_due"),
        ]
        indexes = [
            # the beat scan's two queries: pending rows whose warn_at / due_at passed
            models.Index(fields=["due_at"], condition=Q(state="pending"), name="deadline_pending_due"),
            models.Index(
                fields=["warn_at"],
                condition=Q(state="pending", warned_at__isnull=True),
                name="deadline_pending_warn",
            ),
            models.Index(fields=["responsible", "state"]),
            models.Index(fields=["citizen", "due_at"]),
            models.Index(fields=["met_by"], condition=Q(met_by__isnull=False), name="deadline_met_by"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.due_at:%Y-%m-%d %H:%M} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def rule(self) -> "Rule | None":
        """The catalogue rule this deadline was computed by (None if the catalogue no longer has it)."""
        try:
            return rule_set(self.rule_set).rule_or_guidance(self.rule_code)[0]
        except KeyError:
            return None

    @property
    def title(self) -> str:
        """The rule's Danish title, or its code when the catalogue no longer has it."""
        rule = self.rule
        return rule.title if rule else self.rule_code

    def urgency(self, now: datetime | None = None) -> str:
        """'breached', 'due-soon' (warning time passed) or 'ok' — for colours on boards and timelines."""
        now = now or timezone.now()
        if self.state == self.State.BREACHED or (self.state == self.State.PENDING and self.due_at <= now):
            return "breached"
        if self.state == self.State.PENDING and self.warn_at <= now:
            return "due-soon"
        return "ok"


class Alert(models.Model):
    """A warning, breach or escalation for one organisation, at most once per deadline, kind and organisation."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Advarsel: fristen nærmer sig")
        BREACH = "breach", _("Fristen er overskredet")
        ESCALATION = "escalation", _("Eskalering til ledelsen")

    # Covered by the unique constraint (deadline, kind, organisation) and the (organisation, ...) index.
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="alerts", db_index=False)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="alerts", db_index=False
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    # Partial indexes below instead of the default ones: a new alert has neither, so the scan's insert
    # writes no entry for them.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tildelt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_alerts",
        db_index=False,
    )
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("advarsel")
        verbose_name_plural = _("advarsler")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "kind", "organisation"], name="one_alert_per_deadline_kind_org"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "acknowledged_at"]),
            models.Index(
                fields=["acknowledged_by"],
                condition=Q(acknowledged_by__isnull=False),
                name="alert_acknowledged_by",
            ),
            models.Index(
                fields=["assigned_to"], condition=Q(assigned_to__isnull=False), name="alert_assigned_to"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.deadline.rule_code}"


# --- the calendar's reference data (tables kept from the clusters app they were created in) ---------
class RuleSetAdoption(models.Model):
    """The date a cluster adopted a rule set of the deadline catalogue (e.g. the 2021 agreement)."""

    cluster = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="rule_set_adoptions",
        limit_choices_to={"kind": "cluster"},
    )
    rule_set = models.CharField(_("regelsæt"), max_length=16)
    adopted_on = models.DateField(_("taget i brug"))

    class Meta:
        db_table = "clusters_rulesetadoption"
        verbose_name = _("regelsæt i klynge")
        verbose_name_plural = _("regelsæt i klynger")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "rule_set"], name="one_adoption_per_rule_set"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.rule_set} fra {self.adopted_on}"


class ClosedDay(models.Model):
    """An extra day on which an organisation is closed (counted as a non-working day for its deadlines)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="closed_days"
    )
    day = models.DateField(_("dato"))
    reason = models.CharField(_("årsag"), max_length=200, blank=True)

    class Meta:
        db_table = "clusters_closedday"
        verbose_name = _("lukkedag")
        verbose_name_plural = _("lukkedage")
        constraints = [models.UniqueConstraint(fields=["organisation", "day"], name="one_closed_day")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.day}"


class CalendarConventions(models.Model):
    """A region's switches for the product conventions of the calendar (not in the agreement texts).

    No row means the defaults: Grundlovsdag, 24 and 31 December closed, 1 May open, deadlines moved off closed
    days (``sundhedsaftale.workdays.Conventions``)."""

    region = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="calendar_conventions",
        limit_choices_to={"kind": "region"},
    )
    constitution_day_closed = models.BooleanField(_("Grundlovsdag (5. juni) er fridag"), default=True)
    christmas_eve_closed = models.BooleanField(_("Juleaftensdag (24. december) er fridag"), default=True)
    new_years_eve_closed = models.BooleanField(_("Nytårsaftensdag (31. december) er fridag"), default=True)
    may_day_open = models.BooleanField(_("1. maj er hverdag"), default=True)
    move_off_closed_days = models.BooleanField(
        _("Frister, der falder på en fridag, flyttes til en hverdag"), default=True
    )

    class Meta:
        verbose_name = _("kalenderkonventioner")
        verbose_name_plural = _("kalenderkonventioner")

    def __str__(self) -> str:
        return f"{self.region}: kalenderkonventioner"

    def as_conventions(self) -> Conventions:
        return Conventions(
            constitution_day_closed=self.constitution_day_closed,
            christmas_eve_closed=self.christmas_eve_closed,
            new_years_eve_closed=self.new_years_eve_closed,
            may_day_open=self.may_day_open,
            move_off_closed_days=self.move_off_closed_days,
        )
