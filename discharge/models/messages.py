"""The messages of the discharge itself: notice, report, epikrise, the municipality's reply, sudden changes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discharge.querysets import DischargeLetterQuerySet, DischargeMessageQuerySet, SuddenChangeQuerySet
from sundhedsaftale.templatetags.dansk import dato_tid

USER = settings.AUTH_USER_MODEL


class DischargeNotice(models.Model):
    """The discharge notice (udskrivningsadvis) to the municipality, sent at the actual discharge."""

    course = models.OneToOneField(
        "admissions.Course", on_delete=models.CASCADE, related_name="discharge_notice"
    )
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    discharged_at = models.DateTimeField(_("udskrevet"))
    destination = models.CharField(_("udskrives til"), max_length=200, blank=True)
    medication_changed = models.BooleanField(_("medicin ændret under indlæggelsen"), default=False)
    dose_dispensing_cancelled = models.BooleanField(_("dosisdispensering annulleret"), default=False)
    aids_handed_out = models.TextField(_("udleverede hjælpemidler"), blank=True)
    early_discharge_reason = models.TextField(
        _("årsag til udskrivning trods manglende varsling eller før aftalt tid"), blank=True
    )
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("udskrivningsadvis")
        verbose_name_plural = _("udskrivningsadviser")
        ordering = ["-discharged_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dose_dispensing_cancelled=False) | Q(medication_changed=True),
                name="dose_dispensing_cancelled_only_when_medication_changed",
            ),
        ]

    def __str__(self) -> str:
        return f"Udskrivningsadvis {dato_tid(self.discharged_at)}"


class DischargeReport(models.Model):
    """The discharge report (udskrivningsrapport) to the municipality where home care or nursing follows."""

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="discharge_reports"
    )
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    functional_level = models.TextField(_("funktionsniveau"))
    nursing = models.TextField(_("sygepleje og pleje efter udskrivning"))
    medication = models.TextField(_("medicin"), blank=True)
    aids = models.TextField(_("hjælpemidler"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_phone = models.CharField(_("telefon"), max_length=40, blank=True)

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("udskrivningsrapport")
        verbose_name_plural = _("udskrivningsrapporter")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"Udskrivningsrapport {dato_tid(self.sent_at)}"


class DischargeLetter(models.Model):
    """The discharge letter (epikrise) to the citizen's GP."""

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="discharge_letters"
    )
    gp_practice = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("epikrise"))
    medication_changed = models.BooleanField(_("medicin ændret"), default=False)
    medication = models.TextField(_("medicin ved udskrivning"), blank=True)
    dose_dispensing_cancelled = models.BooleanField(_("dosisdispensering annulleret"), default=False)
    follow_up = models.TextField(_("opfølgning hos egen læge"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)

    objects = DischargeLetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("epikrise")
        verbose_name_plural = _("epikriser")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["gp_practice", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(dose_dispensing_cancelled=False) | Q(medication_changed=True),
                name="letter_dose_dispensing_only_when_medication_changed",
            ),
        ]

    def __str__(self) -> str:
        return f"Epikrise {dato_tid(self.sent_at)}"


class MunicipalReply(models.Model):
    """The municipality's reply to a notification or a discharge notice; the ward sees it at once."""

    class Answer(models.TextChoices):
        READY = "ready", _("Klar til at modtage borgeren")
        NEEDS_TIME = "needs_time", _("Har brug for mere tid")

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="municipal_replies"
    )
    notification = models.ForeignKey(
        "discharge.DischargeNotification",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    notice = models.ForeignKey(
        DischargeNotice, null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("svar"), max_length=12, choices=Answer.choices)
    reason = models.TextField(_("begrundelse"), blank=True)
    ready_on = models.DateField(_("klar fra"), null=True, blank=True)
    replied_at = models.DateTimeField(_("besvaret"), default=timezone.now)
    replied_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    read_at = models.DateTimeField(_("læst af afdelingen"), null=True, blank=True)

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommunens svar")
        verbose_name_plural = _("kommunens svar")
        ordering = ["-replied_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notification__isnull=False) | Q(notice__isnull=False),
                name="reply_answers_something",
            ),
            models.CheckConstraint(
                condition=~Q(answer="needs_time") | ~Q(reason=""), name="needs_time_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_answer_display()} {dato_tid(self.replied_at)}"


class SuddenChange(models.Model):
    """A sudden change in the citizen's or the family's situation, incl. death; the contact person is
    told at once (the agreement, 1.2 "OBS")."""

    class Kind(models.TextChoices):
        CONDITION = "condition", _("Pludselig ændring i borgerens tilstand")
        FAMILY = "family", _("Ændring i familiens situation")
        DEATH = "death", _("Dødsfald")

    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="sudden_changes")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("beskrivelse"))
    occurred_at = models.DateTimeField(_("tidspunkt"))
    reported_by_org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)
    notified_at = models.DateTimeField(_("kontaktperson underrettet"))
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SuddenChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pludselig ændring")
        verbose_name_plural = _("pludselige ændringer")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {dato_tid(self.occurred_at)}"

    @property
    def receiving_party(self) -> str:
        """The party whose contact person is told and acknowledges: the hospital department when the
        municipality reports, the municipality's døgnhjemmepleje when the hospital reports (the agreement, 1.2 OBS)."""
        return "hospital" if self.reported_by_org.kind == "municipality" else "municipality"
