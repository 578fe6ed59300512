"""The shared catalogue of prevention and health promotion offers (agreement 5, krav 2.2: one shared overview of
the citizen- and patient-oriented offers of municipalities, hospitals and general practice). An offer names no
citizen: the catalogue is public."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prevention.querysets import OfferQuerySet

#: the KRAM factors (kost, rygning, alkohol, motion) as the boolean field of each
KRAM_FIELDS = {
    "diet": "kram_diet",
    "smoking": "kram_smoking",
    "alcohol": "kram_alcohol",
    "exercise": "kram_exercise",
}
KRAM_LABELS = {"diet": _("Kost"), "smoking": _("Rygning"), "alcohol": _("Alkohol"), "exercise": _("Motion")}


class Offer(models.Model):
    """One offer (tilbud), maintained by its providing organisation (a municipality, a hospital or a practice)."""

    class Orientation(models.TextChoices):
        # bilag 5.1 and krav 1.1: citizen-oriented prevention is the municipality's alone
        CITIZEN = "citizen", _("Borgerrettet")
        PATIENT = "patient", _("Patientrettet")

    class Programme(models.TextChoices):
        NONE = "", _("Intet forløbsprogram")
        DIABETES = "diabetes", _("Diabetes")
        COPD = "copd", _("KOL")
        HEART = "heart", _("Hjertesygdom")
        OTHER = "other", _("Andet forløbsprogram")

    class Education(models.TextChoices):
        # bilag 5.2
        NONE = "", _("Ikke patientuddannelse")
        DISEASE_SPECIFIC = "disease_specific", _("Sygdomsspecifik patientuddannelse")
        CROSS_DIAGNOSTIC = "cross_diagnostic", _("Tværdiagnostisk patientuddannelse")

    title = models.CharField(_("titel"), max_length=200)
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("udbyder"),
        on_delete=models.PROTECT,
        related_name="prevention_offers",
    )
    orientation = models.CharField(_("rettet mod"), max_length=8, choices=Orientation.choices)
    target_group = models.TextField(_("målgruppe"), max_length=2000)
    content = models.TextField(_("indhold"), max_length=4000)
    kram_diet = models.BooleanField(_("kost"), default=False)
    kram_smoking = models.BooleanField(_("rygning"), default=False)
    kram_alcohol = models.BooleanField(_("alkohol"), default=False)
    kram_exercise = models.BooleanField(_("motion"), default=False)
    programme = models.CharField(_("forløbsprogram"), max_length=8, choices=Programme.choices, blank=True)
    education = models.CharField(_("patientuddannelse"), max_length=16, choices=Education.choices, blank=True)
    visitation = models.TextField(_("visitation og henvisning"), max_length=2000, blank=True)
    waiting_weeks = models.PositiveSmallIntegerField(_("ventetid (uger)"), null=True, blank=True)
    contact = models.CharField(_("kontakt"), max_length=300, blank=True)
    location = models.CharField(_("sted"), max_length=300, blank=True)
    schedule = models.CharField(_("tidspunkt"), max_length=300, blank=True)
    active_from = models.DateField(_("aktiv fra"))
    active_until = models.DateField(_("aktiv til"), null=True, blank=True)
    accepts_referrals = models.BooleanField(_("modtager henvisninger"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("forebyggelsestilbud")
        verbose_name_plural = _("forebyggelsestilbud")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gte=F("active_from")),
                name="prevention_offer_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(waiting_weeks__isnull=True) | Q(waiting_weeks__lte=520),
                name="prevention_offer_waiting_bounded",
            ),
        ]
        indexes = [models.Index(fields=["provider", "active_until"], name="prevention_offer_by_provider")]

    def __str__(self) -> str:
        return self.title

    @property
    def kram(self) -> list[str]:
        """The KRAM factors of the offer, as their keys (``diet``, ``smoking``, ``alcohol``, ``exercise``)."""
        return [key for key, field in KRAM_FIELDS.items() if getattr(self, field)]

    @property
    def kram_labels(self) -> list[str]:
        return [str(KRAM_LABELS[key]) for key in self.kram]
