"""The rehabilitation plan (genoptræningsplan, GGOP) after annex 3.2 of the general agreement, in versions."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehab.plan_rows import Row, plan_rows_read
from rehab.querysets import PlanDataQuerySet, PlanQuerySet

USER = settings.AUTH_USER_MODEL


class PlanType(models.TextChoices):
    """Annex 3.2, item 6, with the SKS codes of the three types."""

    GENERAL = "ZZ0175X", _("Almen genoptræning (ZZ0175X)")
    SPECIALISED = "ZZ0175Y", _("Specialiseret genoptræning (ZZ0175Y)")
    SELF_TRAINING = "ZZ0175Z", _("Egentræning efter instruks fra hospital (ZZ0175Z)")


class OutpatientControl(models.TextChoices):
    """Annex 3.2, item 7: outpatient control at the hospital."""

    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    UNKNOWN = "unknown", _("Ved ikke")


class Plan(models.Model):
    """One rehabilitation plan on a course; its content lives in numbered versions.

    A finalised version is read-only; a correction is a new version and the earlier one stays visible.
    """

    course = models.ForeignKey("admissions.Course", on_delete=models.PROTECT, related_name="rehab_plans")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("genoptræningsplan")
        verbose_name_plural = _("genoptræningsplaner")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Genoptræningsplan {self.pk} ({self.course})"

    @property
    def latest(self) -> "PlanVersion":
        return self.versions.order_by("-number").first()  # type: ignore[return-value]

    @property
    def final(self) -> "PlanVersion | None":
        """The newest finalised version: the one that is sent and printed."""
        return self.versions.filter(state=PlanVersion.State.FINAL).order_by("-number").first()


def _icf_field(label: Any) -> models.TextField:
    return models.TextField(label, blank=True)


class PlanVersion(models.Model):
    """The content of a plan at one version; every field of annex 3.2 (item numbers in the labels)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        FINAL = "final", _("Færdig")
        SUPERSEDED = "superseded", _("Erstattet af ny version")

    class SpecialisedReason(models.TextChoices):
        PATIENT_SAFETY = "patient_safety", _("Patientsikkerhed")
        INTERDISCIPLINARY = "interdisciplinary", _("Tværfagligt samarbejde på speciallægeniveau")
        BOTH = "both", _("Patientsikkerhed og tværfagligt samarbejde på speciallægeniveau")

    class TrainingForm(models.TextChoices):
        TEAM = "team", _("holdtræning")
        INDIVIDUAL = "individual", _("individuel træning")
        SELF = "self", _("selvtræning")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.DRAFT)
    correction_reason = models.CharField(_("årsag til rettelse"), max_length=300, blank=True)
    # 2a–2c recipients
    recipient_municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("2a. Modtager: kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    recipient_hospital = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("2b. Modtager: hospital (specialiseret)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ["hospital", "department"]},
    )
    gp_practice = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("2c. Kopi: egen læge (ydernummer)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "practice"},
    )
    # 3 diagnoses and health state
    diagnosis_code = models.CharField(_("3. Henvisningsdiagnose (ICD-10)"), max_length=10, blank=True)
    diagnosis_text = models.CharField(_("kodebetydning"), max_length=200, blank=True)
    secondary_diagnoses = models.JSONField(_("bidiagnoser"), default=list, blank=True)  # [{code, text}]
    health_state = models.TextField(_("helbredstilstand, der er årsag til genoptræningsbehov"), blank=True)
    # 4 practical information
    language = models.CharField(_("andet sprog end dansk"), max_length=100, blank=True)
    wheelchair = models.BooleanField(_("kørestol"), default=False)
    transport_need = models.CharField(_("kørselsbehov"), max_length=200, blank=True)
    practical_info = models.TextField(_("4. Praktiske oplysninger"), blank=True)
    # 5 dates
    admission_date = models.DateField(_("5a. Indlæggelsesdato"), null=True, blank=True)
    discharge_date = models.DateField(_("5b. Udskrivningsdato"), null=True, blank=True)
    # 6 type
    plan_type = models.CharField(
        _("6. Type af genoptræning"), max_length=7, choices=PlanType.choices, blank=True
    )
    specialised_reason = models.CharField(
        _("årsag til specialiseret genoptræning"),
        max_length=20,
        choices=SpecialisedReason.choices,
        blank=True,
    )
    # 7 outpatient control, 8 contact date
    outpatient_control = models.CharField(
        _("7. Ambulant kontrol på hospital"), max_length=8, choices=OutpatientControl.choices, blank=True
    )
    outpatient_control_where = models.CharField(_("hvor"), max_length=200, blank=True)
    outpatient_control_when = models.DateField(_("hvornår"), null=True, blank=True)
    contact_patient_on = models.DateField(_("8. Dato for kontakt til patient"), null=True, blank=True)
    # 9, 12, 13 functional ability by ICF dimension
    before_body = _icf_field(_("9. Før sygdom: kroppens funktioner"))
    before_activity = _icf_field(_("9. Før sygdom: aktivitet og deltagelse"))
    before_environment = _icf_field(_("9. Før sygdom: omgivelsesfaktorer"))
    discharge_body = _icf_field(_("12. Ved udskrivning: kroppens funktioner"))
    discharge_activity = _icf_field(_("12. Ved udskrivning: aktivitet og deltagelse"))
    discharge_environment = _icf_field(_("12. Ved udskrivning: omgivelsesfaktorer"))
    need_body = _icf_field(_("13. Genoptræningsbehov: kroppens funktioner"))
    need_activity = _icf_field(_("13. Genoptræningsbehov: aktivitet og deltagelse"))
    need_environment = _icf_field(_("13. Genoptræningsbehov: omgivelsesfaktorer"))
    # 10 interventions, 11 measurements, 14 aids, 15 supplementary
    interventions = models.JSONField(_("10. Indsats under indlæggelse (SKS)"), default=list, blank=True)
    interventions_note = models.TextField(_("supplerende oplysninger (operation, røntgen m.m.)"), blank=True)
    measurements = models.JSONField(
        _("11. Funktionsevnemålinger"), default=list, blank=True
    )  # [{test,date,score}]
    aids_handed_out = models.TextField(_("14. Hjælpemidler udleveret af hospitalet"), blank=True)
    supplementary = models.TextField(_("15. Supplerende oplysninger"), blank=True)
    # 16 sender, 17 author (contact person 1)
    sender_department = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("16. Henvisende afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "department"},
    )
    doctor_name = models.CharField(_("lægens titel og navn"), max_length=200, blank=True)
    doctor_phone = models.CharField(_("lægens telefon"), max_length=40, blank=True)
    author_name = models.CharField(_("17. Udfyldt af (titel og navn)"), max_length=200, blank=True)
    author_phone = models.CharField(_("terapeutens telefon"), max_length=40, blank=True)
    author_email = models.CharField(_("terapeutens e-mail"), max_length=200, blank=True)
    # contact persons 2 (municipal visitation) and 3 (training therapist), agreement section 2.2
    municipal_contact_name = models.CharField(
        _("kommunal visitation/koordinator"), max_length=200, blank=True
    )
    municipal_contact_phone = models.CharField(_("kommunal kontakt: telefon"), max_length=60, blank=True)
    municipal_contact_address = models.CharField(
        _("kommunal kontakt: adresse/e-mail"), max_length=300, blank=True
    )
    trainer_name = models.CharField(_("trænende terapeut"), max_length=200, blank=True)
    trainer_phone = models.CharField(_("trænende terapeut: telefon"), max_length=60, blank=True)
    # the appointment letter (annex 3.8), specialised plans only
    appointment_at = models.DateTimeField(_("indkaldelse: tidspunkt"), null=True, blank=True)
    appointment_place = models.CharField(_("indkaldelse: afdeling og hospital"), max_length=200, blank=True)
    appointment_weeks = models.PositiveSmallIntegerField(_("varighed (uger)"), null=True, blank=True)
    training_form = models.CharField(
        _("træningsform"), max_length=12, choices=TrainingForm.choices, blank=True
    )
    appointment_phone = models.CharField(_("telefon ved afbud"), max_length=60, blank=True)

    edited_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("senest gemt"), auto_now=True)
    finalised_at = models.DateTimeField(_("færdiggjort"), null=True, blank=True)
    finalised_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = PlanDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("version af genoptræningsplan")
        verbose_name_plural = _("versioner af genoptræningsplaner")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="rehab_one_version_number"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(state="draft"), name="rehab_one_draft_per_plan"
            ),
            models.CheckConstraint(
                condition=~Q(state="final") | Q(finalised_at__isnull=False), name="rehab_final_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number} ({self.get_state_display()})"

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_specialised(self) -> bool:
        return self.plan_type == PlanType.SPECIALISED

    # The structured lists as they can be shown: a malformed stored row is left out rather than breaking a
    # page, the API or the PDF (rehab.plan_rows). Read these, not the raw JSON fields.
    @property
    def secondary_diagnosis_rows(self) -> list[Row]:
        return plan_rows_read("secondary_diagnoses", self.secondary_diagnoses)

    @property
    def intervention_rows(self) -> list[Row]:
        return plan_rows_read("interventions", self.interventions)

    @property
    def measurement_rows(self) -> list[Row]:
        return plan_rows_read("measurements", self.measurements)


# Fields that make up the plan's content (copied into a correction, exported as JSON).
CONTENT_FIELDS = [
    f.name
    for f in PlanVersion._meta.concrete_fields
    if f.name
    not in {
        "id",
        "plan",
        "number",
        "state",
        "correction_reason",
        "edited_by",
        "updated_at",
        "finalised_at",
        "finalised_by",
    }
]
