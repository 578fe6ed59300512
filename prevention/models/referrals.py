"""Screening for need and motivation (agreement 5: hospitals screen patients), and referrals of motivated
patients from a hospital or a GP to an offer (e.g. municipal smoking cessation), with their status."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from prevention.querysets import ReferralEventQuerySet, ReferralQuerySet, ScreeningQuerySet

USER = settings.AUTH_USER_MODEL


class Assessment(models.TextChoices):
    NOT_ASSESSED = "", _("Ikke vurderet")
    NO_NEED = "no_need", _("Intet behov")
    NEED = "need", _("Behov, ikke motiveret")
    MOTIVATED = "motivated", _("Behov og motiveret")


#: the screened areas, as the field of each
SCREENING_AREAS = {
    "smoking": _("Rygning"),
    "alcohol": _("Alkohol"),
    "diet": _("Kost"),
    "exercise": _("Motion"),
    "chronic_disease": _("Kronisk sygdom"),
}


def _assessment(label: "StrOrPromise") -> models.CharField:
    return models.CharField(label, max_length=10, choices=Assessment.choices, blank=True)


class Screening(models.Model):
    """Need and motivation for prevention, recorded by the hospital or the GP on a date (on a course or not)."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="prevention_screenings"
    )
    course = models.ForeignKey(
        "admissions.Course",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prevention_screenings",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("screenet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    screened_on = models.DateField(_("dato"))
    smoking = _assessment(_("rygning"))
    alcohol = _assessment(_("alkohol"))
    diet = _assessment(_("kost"))
    exercise = _assessment(_("motion"))
    chronic_disease = _assessment(_("kronisk sygdom"))
    note = models.TextField(_("bemærkning"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_name = models.CharField(_("registreret af"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("screening for forebyggelse")
        verbose_name_plural = _("screeninger for forebyggelse")
        ordering = ["-screened_on", "-pk"]

    def __str__(self) -> str:
        return f"Screening {self.screened_on:%d.%m.%Y}"

    def assessments(self) -> list[tuple[str, str]]:
        """(area, assessment) for every screened area, in the form's order."""
        return [
            (str(label), getattr(self, f"get_{area}_display")()) for area, label in SCREENING_AREAS.items()
        ]

    @property
    def motivated_for(self) -> list[str]:
        return [
            str(label)
            for area, label in SCREENING_AREAS.items()
            if getattr(self, area) == Assessment.MOTIVATED
        ]


class Referral(models.Model):
    """A referral from a hospital or a practice (``referrer``) to an offer; the offer's provider (``provider``)
    receives it, holds a care relation with the citizen while it is open and updates its status, which the
    referring side follows."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sendt")
        RECEIVED = "received", _("Modtaget")
        CONTACTED = "contacted", _("Borgeren kontaktet")
        STARTED = "started", _("Startet")
        COMPLETED = "completed", _("Gennemført")
        DECLINED = "declined", _("Afvist eller fravalgt")
        NO_SHOW = "no_show", _("Udeblevet")

    class ConsentBy(models.TextChoices):
        CITIZEN = "citizen", _("Borgeren")
        SUBSTITUTE = "substitute", _("Stedfortræder (værge eller nærmeste pårørende)")

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="prevention_referrals"
    )
    course = models.ForeignKey(
        "admissions.Course",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prevention_referrals",
    )
    screening = models.ForeignKey(
        Screening, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.ForeignKey("prevention.Offer", on_delete=models.PROTECT, related_name="referrals")
    referrer = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("henvisende"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("modtager"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("begrundelse"), max_length=2000, blank=True)
    consent_by = models.CharField(_("samtykke givet af"), max_length=10, choices=ConsentBy.choices)
    consent_at = models.DateTimeField(_("samtykke givet"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    status_at = models.DateTimeField(_("status ændret"), default=timezone.now)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("henvisning til forebyggelsestilbud")
        verbose_name_plural = _("henvisninger til forebyggelsestilbud")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["provider", "status"], name="prevention_ref_by_provider"),
            models.Index(fields=["referrer", "sent_at"], name="prevention_ref_by_referrer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(status__in=["completed", "declined", "no_show"]),
                name="prevention_referral_closed_when_final",
            ),
        ]

    def __str__(self) -> str:
        return f"Henvisning til {self.offer}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ReferralEvent(models.Model):
    """One line of a referral's history: its status, when, by whom, with a note (what the referring side sees)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=10, choices=Referral.Status.choices)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("udført af"), max_length=200, blank=True)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)

    objects = ReferralEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("hændelse på henvisning")
        verbose_name_plural = _("hændelser på henvisninger")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.at:%d.%m.%Y}"
