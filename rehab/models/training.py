"""The rehabilitation itself: courses with provider (capacity registration), final status, advance notices,
capacity notices, and the cached PDF of a plan version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehab.models.sending import FirstContact
from rehab.querysets import (
    AdvanceNoticeQuerySet,
    CapacityNoticeQuerySet,
    FinalStatusQuerySet,
    PlanDataQuerySet,
    PlanPdfQuerySet,
)

USER = settings.AUTH_USER_MODEL


class RehabCourse(models.Model):
    """A course of rehabilitation (genoptræningsforløb) after a plan; start and end with the provider, as the
    capacity registration of agreement 4.1 requires."""

    class Level(models.TextChoices):
        GENERAL = "general", _("Almen")
        SPECIALISED = "specialised", _("Specialiseret")

    plan = models.ForeignKey("rehab.Plan", on_delete=models.PROTECT, related_name="rehab_courses")
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    provider_kind = models.CharField(_("leverandør"), max_length=16, choices=FirstContact.Provider.choices)
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("leverandør (organisation)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provider_name = models.CharField(_("leverandørens navn"), max_length=200, blank=True)
    patient_group = models.CharField(_("patientgruppe"), max_length=200, blank=True)
    services = models.TextField(_("leverede ydelser"), blank=True)
    healing_days = models.PositiveIntegerField(
        _("lægefagligt begrundet helingsperiode (dage)"),
        default=0,
        help_text=_("Tæller ikke med i ventetiden (aftalens afsnit 3.3)."),
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("slut"), null=True, blank=True)
    registered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PlanDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("genoptræningsforløb")
        verbose_name_plural = _("genoptræningsforløb")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="rehab_course_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.started_on:%d.%m.%Y}"


class FinalStatus(models.Model):
    """Slutstatus: the specialised hospital's closing status when the citizen moves to general rehab (2.1)."""

    rehab_course = models.OneToOneField(RehabCourse, on_delete=models.PROTECT, related_name="final_status")
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    summary = models.TextField(_("afsluttende status"))
    functional_level = models.TextField(_("funktionsniveau ved afslutning"), blank=True)
    continued_need = models.TextField(_("fortsat behov (almen genoptræning)"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = FinalStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("slutstatus")
        verbose_name_plural = _("slutstatusser")

    def __str__(self) -> str:
        return f"Slutstatus {self.sent_at:%d.%m.%Y}"


class AdvanceNotice(models.Model):
    """Advance notice of expected rehab (2.1.5) to the home municipality and the hospital's therapy department."""

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.PROTECT, related_name="rehab_advance_notices"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    therapy_department = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("hospitalets terapiafdeling"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    diagnosis_code = models.CharField(_("diagnose (ICD-10)"), max_length=10)
    diagnosis_text = models.CharField(_("diagnose"), max_length=200, blank=True)
    operation_type = models.CharField(_("operationstype"), max_length=200, blank=True)
    operation_date = models.DateField(_("operationsdato"), null=True, blank=True)
    expected_discharge = models.DateField(_("forventet udskrivning"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = AdvanceNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("varsel om genoptræning")
        verbose_name_plural = _("varsler om genoptræning")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Varsel {self.diagnosis_code} {self.sent_at:%d.%m.%Y}"


class CapacityNotice(models.Model):
    """A capacity notice (4.1): the region/hospital announces an activity increase or changed treatment, or a
    municipality announces taking tasks home. Checked against ``rehab.capacity_notice`` (6 months)."""

    class Kind(models.TextChoices):
        ACTIVITY_INCREASE = "activity_increase", _("Aktivitetsstigning / flere operationer")
        TREATMENT_CHANGE = "treatment_change", _("Ændrede behandlingsformer")
        TAKING_HOME = "taking_home", _("Hjemtagning af genoptræningsopgaver")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    sender = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("beskrivelse"))
    effective_on = models.DateField(_("træder i kraft"))
    announced_at = models.DateTimeField(_("varslet"), default=timezone.now)
    notice_due_on = models.DateField(_("varsel senest"), null=True, blank=True)
    is_short_notice = models.BooleanField(_("kort varsel"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CapacityNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("kapacitetsvarsel")
        verbose_name_plural = _("kapacitetsvarsler")
        ordering = ["-announced_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} fra {self.effective_on:%d.%m.%Y}"


class PlanPdf(models.Model):
    """The rendered PDF of one plan version with its letters; rendered once by a task, then served."""

    class State(models.TextChoices):
        PENDING = "pending", _("Dannes")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Fejlet")

    version = models.OneToOneField("rehab.PlanVersion", on_delete=models.CASCADE, related_name="pdf")
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    file = models.FileField(upload_to="rehab/pdf/%Y/%m/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)

    objects = PlanPdfQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF af genoptræningsplan")
        verbose_name_plural = _("PDF'er af genoptræningsplaner")

    def __str__(self) -> str:
        return f"PDF {self.version}"
