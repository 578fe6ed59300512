"""A psychiatric course (adult or child and adolescent; inpatient or outpatient) on top of the admission, with the
people around it: municipal contact persons, relatives, the notices sent to municipality and GP, and meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from psychiatry.querysets import CourseDataQuerySet, CourseQuerySet, NoticeQuerySet

USER = settings.AUTH_USER_MODEL


class PsychiatricCourse(models.Model):
    """One psychiatric course of a citizen at a psychiatric department or district psychiatry unit.

    An inpatient course hangs on its admission (``admission``); an outpatient course (district psychiatry,
    child and adolescent outpatient treatment) has none. Legal status (tvang) and the citizen's wishes about
    relatives are recorded here and read only through a psychiatric care relation (``querysets``).
    """

    class Kind(models.TextChoices):
        ADULT = "adult", _("Voksenpsykiatri")
        CHILD = "child", _("Børne- og ungdomspsykiatri")

    class Setting(models.TextChoices):
        INPATIENT = "inpatient", _("Indlagt")
        OUTPATIENT = "outpatient", _("Ambulant / distriktspsykiatri")

    class State(models.TextChoices):
        REFERRED = "referred", _("Henvist")
        WAITING = "waiting", _("På venteliste")
        ACTIVE = "active", _("I behandling")
        ENDED = "ended", _("Afsluttet")
        REJECTED = "rejected", _("Afvist")

    class LegalStatus(models.TextChoices):
        VOLUNTARY = "voluntary", _("Frivillig")
        INVOLUNTARY = "involuntary", _("Tvang (psykiatriloven)")

    class Consent(models.TextChoices):
        NOT_ASKED = "not_asked", _("Ikke afklaret")
        CITIZEN = "citizen", _("Samtykke fra patienten")
        SUBSTITUTE = "substitute", _("Samtykke fra stedfortræder / forældremyndighed")
        REFUSED = "refused", _("Samtykke nægtet")

    class EndKind(models.TextChoices):
        PLANNED = "planned", _("Planlagt udskrivning / afslutning")
        UNPLANNED = "unplanned", _("Uplanlagt: patienten forlod afdelingen")

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="psychiatric_courses"
    )
    admission = models.OneToOneField(
        "admissions.Course",
        verbose_name=_("indlæggelse"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="psychiatric_course",
    )
    department = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("psykiatrisk afdeling / distriktspsykiatri"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "department"},
    )
    kind = models.CharField(_("område"), max_length=8, choices=Kind.choices)
    setting = models.CharField(_("form"), max_length=12, choices=Setting.choices)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.ACTIVE)
    started_at = models.DateTimeField(_("indlagt / start"), null=True, blank=True)
    legal_status = models.CharField(
        _("retsgrundlag"), max_length=12, choices=LegalStatus.choices, default=LegalStatus.VOLUNTARY
    )
    consent = models.CharField(
        _("samtykke til udveksling af oplysninger"),
        max_length=12,
        choices=Consent.choices,
        default=Consent.NOT_ASKED,
    )
    consent_by = models.CharField(_("stedfortræderens navn"), max_length=200, blank=True)
    relatives_wishes = models.TextField(_("patientens ønsker om pårørende"), blank=True)
    agreed_discharge_at = models.DateTimeField(_("aftalt udskrivningstidspunkt"), null=True, blank=True)
    planned_end_on = models.DateField(_("forventet afslutning (ambulant)"), null=True, blank=True)
    end_notice_consent = models.BooleanField(_("samtykke til at orientere kommunen"), default=False)
    finished_treatment_on = models.DateField(_("færdigbehandlingsdag"), null=True, blank=True)
    ended_at = models.DateTimeField(_("udskrevet / afsluttet"), null=True, blank=True)
    end_kind = models.CharField(_("afslutning"), max_length=10, choices=EndKind.choices, blank=True)
    relatives_informed = models.TextField(_("pårørende orienteret"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("psykiatrisk forløb")
        verbose_name_plural = _("psykiatriske forløb")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True)
                | Q(started_at__isnull=True)
                | Q(ended_at__gte=models.F("started_at")),
                name="psychiatric_course_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["department", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.department}"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.REFERRED, self.State.WAITING, self.State.ACTIVE)

    @property
    def is_child(self) -> bool:
        return self.kind == self.Kind.CHILD


class ContactPerson(models.Model):
    """A municipal contact person of the patient (001 l. ~6100: case worker, support worker, dementia
    coordinator, ...)."""

    class Role(models.TextChoices):
        CASE_WORKER = "case_worker", _("Sagsbehandler")
        SUPPORT_WORKER = "support_worker", _("Støtte- og kontaktperson / bostøtte")
        DEMENTIA = "dementia", _("Demenskoordinator")
        HOME_NURSE = "home_nurse", _("Hjemmesygeplejerske")
        SUBSTANCE = "substance", _("Misbrugsbehandling")
        OTHER = "other", _("Anden")

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="contact_persons")
    role = models.CharField(_("funktion"), max_length=16, choices=Role.choices)
    name = models.CharField(_("navn"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommunal kontaktperson")
        verbose_name_plural = _("kommunale kontaktpersoner")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Relative(models.Model):
    """A relative, and whether the patient wants them involved (001 l. 6160: "Det aftales tidligt med patienten
    om pårørende skal orienteres og inddrages")."""

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="relatives")
    name = models.CharField(_("navn"), max_length=200)
    relation = models.CharField(_("relation"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    involve = models.BooleanField(_("patienten ønsker den pårørende inddraget"), default=False)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("pårørende")
        verbose_name_plural = _("pårørende")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """Something the department tells the municipality or the GP: the admission, a changed discharge time, an
    unplanned discharge, the GP letter, the end of outpatient treatment, the expected discharge date."""

    class Kind(models.TextChoices):
        ADMISSION = "admission", _("Orientering om indlæggelse")
        DISCHARGE_TIME = "discharge_time", _("Udskrivningstidspunkt aftalt / ændret")
        UNPLANNED = "unplanned", _("Uplanlagt udskrivning")
        GP_LETTER = "gp_letter", _("Brev til egen læge om udskrivning / afslutning")
        END_NOTICE = "end_notice", _("Varsel om afslutning af ambulant behandling")
        EXPECTED_DISCHARGE = "expected_discharge", _("Forventet udskrivningsdato")
        MEETING = "meeting", _("Indkaldelse til møde")

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("modtager"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("tekst"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("orientering")
        verbose_name_plural = _("orienteringer")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class Meeting(models.Model):
    """An early collaboration meeting (or phone contact), a discharge meeting on any party's request, or the
    child psychiatry's discharge conference and its pre-meeting."""

    class Kind(models.TextChoices):
        COLLABORATION = "collaboration", _("Tidligt samarbejdsmøde")
        PHONE = "phone", _("Telefonisk kontakt (ukompliceret forløb)")
        DISCHARGE = "discharge", _("Udskrivningsmøde")
        CONFERENCE = "conference", _("Udskrivningskonference (børn og unge)")
        PRE_MEETING = "pre_meeting", _("Formøde")

    class Party(models.TextChoices):
        PATIENT = "patient", _("Patienten")
        HOSPITAL = "hospital", _("Den psykiatriske afdeling")
        GP = "gp", _("Praktiserende læge")
        MUNICIPALITY = "municipality", _("Kommunen")

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    requested_by = models.CharField(_("ønsket af"), max_length=16, choices=Party.choices, blank=True)
    scheduled_at = models.DateTimeField(_("tidspunkt"))
    participants = models.TextField(_("deltagere"), blank=True)
    held = models.BooleanField(_("afholdt"), default=False)
    notes = models.TextField(_("referat"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["scheduled_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_at:%d.%m.%Y}"
