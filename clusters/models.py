"""Clusters sit on top of every area: key figures, dashboards and reports. Organisations and memberships
are the kernel's (``sundhedsaftale.organisations``).

Key figures are read from ``FigureCell``: one number per figure, month and place, kept current by
``clusters.keyfigures.refresh`` from what changed since its last run, never by scanning raw rows per request.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ORGANISATION = "organisations.Organisation"


class FigureCell(models.Model):
    """One number of one key figure: ``value`` for ``figure`` (and its series ``key``: a rule code, planned or
    acute, a waiting-time bucket) in ``month`` at one place. Counts only — no citizen is named here.

    Every number is stored at two levels, so a dashboard reads few rows: per municipality and hospital unit
    (``level`` municipality: the region, a cluster, a municipality) and per hospital unit and department
    (``level`` department: a hospital unit, a department)."""

    class Level(models.TextChoices):
        MUNICIPALITY = "municipality", _("kommune og hospital")
        DEPARTMENT = "department", _("hospital og afdeling")

    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    figure = models.CharField(_("nøgletal"), max_length=48)
    key = models.CharField(_("serie"), max_length=64, blank=True)
    month = models.DateField(_("måned"))
    municipality = models.ForeignKey(
        ORGANISATION, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    hospital = models.ForeignKey(
        ORGANISATION, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    department = models.ForeignKey(
        ORGANISATION, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    value = models.BigIntegerField(_("værdi"))

    class Meta:
        verbose_name = _("nøgletalscelle")
        verbose_name_plural = _("nøgletalsceller")
        indexes = [models.Index(fields=["level", "month", "figure"], name="figurecell_level_month_figure")]

    def __str__(self) -> str:
        return f"{self.figure}[{self.key}] {self.month:%Y-%m}: {self.value}"


class FigureRefresh(models.Model):
    """Where the incremental refresh got to: the last audit-log entry and the last change time it processed."""

    name = models.CharField(max_length=32, unique=True)
    last_entry_id = models.BigIntegerField(default=0)
    changed_since = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    months_refreshed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("opdatering af nøgletal")
        verbose_name_plural = _("opdateringer af nøgletal")

    def __str__(self) -> str:
        return f"{self.name} {self.refreshed_at}"


class KeyFigureReport(models.Model):
    """A key-figure report as PDF for one unit and period: the twice-yearly report of 1 April and 1 October,
    or one asked for by a user."""

    class Origin(models.TextChoices):
        SEMIANNUAL = "semiannual", _("Halvårsrapport (1. april / 1. oktober)")
        ON_DEMAND = "on_demand", _("Bestilt")

    class State(models.TextChoices):
        PENDING = "pending", _("I kø")
        RENDERING = "rendering", _("Dannes")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Fejlet")

    unit = models.ForeignKey(
        ORGANISATION, verbose_name=_("enhed"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("periode"), max_length=8)
    origin = models.CharField(_("oprindelse"), max_length=12, choices=Origin.choices)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    error = models.CharField(_("fejl"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("nøgletalsrapport")
        verbose_name_plural = _("nøgletalsrapporter")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=models.Q(origin="semiannual"),
                name="one_semiannual_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period} ({self.get_state_display()})"


class Meeting(models.Model):
    """A steering-group meeting of a cluster: its agenda (the standing items and others), minutes, decisions."""

    cluster = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("klynge"),
        on_delete=models.PROTECT,
        related_name="meetings",
        limit_choices_to={"kind": "cluster"},
    )
    held_on = models.DateField(_("dato"))
    title = models.CharField(_("titel"), max_length=200)
    agenda = models.TextField(_("øvrige punkter på dagsordenen"), blank=True)
    minutes = models.TextField(_("referat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("styregruppemøde")
        verbose_name_plural = _("styregruppemøder")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} {self.held_on}"


class Decision(models.Model):
    """A decision of a meeting with its owner and due date, followed up at a later meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("beslutning"))
    owner = models.CharField(_("ansvarlig"), max_length=200)
    due_on = models.DateField(_("frist"))
    done_on = models.DateField(_("fulgt op"), null=True, blank=True)
    follow_up = models.TextField(_("opfølgning"), blank=True)

    class Meta:
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ClusterNotice(models.Model):
    """A capacity notice or a temporary local change announced to the cluster (shown on its page)."""

    class Kind(models.TextChoices):
        CAPACITY = "capacity", _("Kapacitet")
        LOCAL_CHANGE = "local_change", _("Midlertidig lokal ændring")

    cluster = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("klynge"),
        on_delete=models.PROTECT,
        related_name="cluster_notices",
        limit_choices_to={"kind": "cluster"},
    )
    organisation = models.ForeignKey(
        ORGANISATION, verbose_name=_("fra"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("beskrivelse"))
    valid_from = models.DateField(_("gælder fra"))
    valid_until = models.DateField(_("gælder til"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meddelelse til klyngen")
        verbose_name_plural = _("meddelelser til klyngen")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.title
