"""Records on a course: consent, leave, notices, home-care services, reports, information requests, events."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from admissions.querysets import (
    AdmissionNoticeQuerySet,
    CourseDataQuerySet,
    HomeCareServiceQuerySet,
    PartyQuerySet,
    ToMunicipalityQuerySet,
)
from sundhedsaftale.templatetags.dansk import dato_tid

USER = settings.AUTH_USER_MODEL


class Consent(models.Model):
    """Consent (samtykke) to share information on the course with the municipality and/or the GP.

    Without a consent in force, nothing beyond the admission and discharge notices is shared (DOMAIN.md).
    """

    class GivenBy(models.TextChoices):
        CITIZEN = "citizen", _("Borgeren")
        RELATIVE = "relative", _("Pårørende")
        GUARDIAN = "guardian", _("Værge")

    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("givet af"), max_length=16, choices=GivenBy.choices)
    given_by_name = models.CharField(_("navn på den, der gav samtykket"), max_length=200, blank=True)
    given_at = models.DateTimeField(_("givet"))
    to_municipality = models.BooleanField(_("til bopælskommunen"), default=False)
    to_gp = models.BooleanField(_("til egen læge"), default=False)
    withdrawn_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_municipality=True) | Q(to_gp=True), name="consent_has_scope"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_given_by_display()} {self.given_at:%d.%m.%Y}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None


class LeavePeriod(models.Model):
    """A leave (orlov) during the admission; the course stays open."""

    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="leaves")
    started_at = models.DateTimeField(_("orlov fra"))
    ended_at = models.DateTimeField(_("orlov til"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("orlov")
        verbose_name_plural = _("orlov")
        ordering = ["started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="leave_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{dato_tid(self.started_at)}–{dato_tid(self.ended_at)}"
            if self.ended_at
            else (f"{dato_tid(self.started_at)}–")
        )


class AdmissionNotice(models.Model):
    """The admission notice (indlæggelsesadvis, MedCom HospitalNotification) to the home municipality.

    At an acute (or open) admission the citizen's listed GP is told as well ("Underrette pårørende og egen
    læge og kommune hurtigst muligt efter indlæggelsen", section 1.2.3.2); a planned admission tells only
    the municipality (section 1.2.3.1). The notice is read by the hospital side and the parties named on it.
    """

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="admission_notices"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    gp_practice = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("egen læge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "practice"},
    )
    sent_at = models.DateTimeField(_("sendt"))
    received_at = models.DateTimeField(_("modtaget"), null=True, blank=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)
    read_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = AdmissionNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("indlæggelsesadvis")
        verbose_name_plural = _("indlæggelsesadviser")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["municipality", "read_at"])]

    def __str__(self) -> str:
        return f"Indlæggelsesadvis {dato_tid(self.sent_at)}"


class HomeCareService(models.Model):
    """A municipal home-care service (ydelse) of a citizen; paused ("afbestilt") while admitted."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        PAUSED = "paused", _("Afbestilt (indlagt)")
        ENDED = "ended", _("Ophørt")

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="home_care_services"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    description = models.CharField(_("ydelse"), max_length=200)
    schedule = models.CharField(_("hyppighed"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    paused_at = models.DateTimeField(_("afbestilt fra"), null=True, blank=True)
    paused_by_course = models.ForeignKey(
        "admissions.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="paused_services"
    )
    resumed_at = models.DateTimeField(_("genoptaget"), null=True, blank=True)

    objects = HomeCareServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hjemmeplejeydelse")
        verbose_name_plural = _("hjemmeplejeydelser")
        ordering = ["description"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paused") | Q(paused_at__isnull=False), name="paused_service_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.get_status_display()})"


class AdmissionReport(models.Model):
    """The admission report (indlæggelsesrapport, MedCom report 14) from the municipality; a ward may request it."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Anmodet")
        SUBMITTED = "submitted", _("Modtaget")

    course = models.OneToOneField(
        "admissions.Course", on_delete=models.CASCADE, related_name="admission_report"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_at = models.DateTimeField(_("anmodet"), null=True, blank=True)
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    functional_level = models.TextField(_("funktionsniveau"), blank=True)
    home_care_received = models.TextField(_("modtaget hjemmepleje"), blank=True)
    medication = models.TextField(_("medicin"), blank=True)
    dose_dispensed = models.BooleanField(_("dosisdispenseret medicin"), default=False)
    aids = models.TextField(_("hjælpemidler i brug"), blank=True)
    relatives = models.TextField(_("pårørende"), blank=True)
    contact = models.TextField(_("kontaktoplysninger"), blank=True)

    objects = ToMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("indlæggelsesrapport")
        verbose_name_plural = _("indlæggelsesrapporter")
        indexes = [models.Index(fields=["municipality", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(submitted_at__isnull=False),
                name="submitted_report_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Indlæggelsesrapport ({self.get_state_display()})"


class InformationRequest(models.Model):
    """A ward's question to the GP or home care; the reply is due within 24 hours (``admission.info_reply``)."""

    class State(models.TextChoices):
        OPEN = "open", _("Afventer svar")
        ANSWERED = "answered", _("Besvaret")

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="information_requests"
    )
    sender = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("spørgsmål"))
    sent_at = models.DateTimeField(_("sendt"))
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    reply = models.TextField(_("svar"), blank=True)
    replied_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    replied_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("forespørgsel")
        verbose_name_plural = _("forespørgsler")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["recipient", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="answered") | Q(replied_at__isnull=False), name="answered_request_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"Forespørgsel til {self.recipient} {dato_tid(self.sent_at)}"


class CourseEvent(models.Model):
    """One line of the course timeline: who did what, when — written by the services."""

    class Kind(models.TextChoices):
        ADMITTED = "admitted", _("Indlagt")
        NOTICE_SENT = "notice_sent", _("Indlæggelsesadvis sendt")
        NOTICE_READ = "notice_read", _("Indlæggelsesadvis læst")
        SERVICES_PAUSED = "services_paused", _("Hjemmepleje afbestilt")
        SERVICES_RESUMED = "services_resumed", _("Hjemmepleje genoptaget")
        CONTACT_PERSON = "contact_person", _("Fast kontaktperson")
        CONSENT_GIVEN = "consent_given", _("Samtykke givet")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtykke tilbagekaldt")
        LEAVE_STARTED = "leave_started", _("Orlov begyndt")
        LEAVE_ENDED = "leave_ended", _("Orlov slut")
        TRANSFERRED = "transferred", _("Overflyttet")
        DECEASED = "deceased", _("Død")
        CONTACT_NOTIFIED = "contact_notified", _("Kontaktperson underrettet")
        REPORT_REQUESTED = "report_requested", _("Indlæggelsesrapport anmodet")
        REPORT_SUBMITTED = "report_submitted", _("Indlæggelsesrapport modtaget")
        INFO_REQUESTED = "info_requested", _("Forespørgsel sendt")
        INFO_ANSWERED = "info_answered", _("Forespørgsel besvaret")
        MESSAGE_SENT = "message_sent", _("Korrespondance sendt")
        OTHER = "other", _("Andet")

    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tidspunkt"))
    kind = models.CharField(_("hændelse"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("tekst"), max_length=500, blank=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("udført af"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("forløbshændelse")
        verbose_name_plural = _("forløbshændelser")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["course", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {dato_tid(self.at)}"


__all__ = [
    "AdmissionNotice",
    "AdmissionReport",
    "Consent",
    "CourseEvent",
    "HomeCareService",
    "InformationRequest",
    "LeavePeriod",
]
