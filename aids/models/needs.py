"""An aid need on a course: what, why, from when, and who delivers and pays (the responsibility decision,
overridable with a recorded reason); and the alert raised when the citizen left without it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aids.models.catalogue import SITUATION_CHOICES
from aids.querysets import AidNeedQuerySet, NeedDataQuerySet
from aids.responsibility import PARTY_LABELS

USER = settings.AUTH_USER_MODEL
PARTY_CHOICES = [(party.value, label) for party, label in PARTY_LABELS.items()]


class AidNeed(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Afventer levering")
        DELIVERED = "delivered", _("Leveret")
        CANCELLED = "cancelled", _("Annulleret")

    class TreatedAt(models.TextChoices):
        OWN_REGION = "", _("Regionens eget hospital")
        OTHER_REGION = "other_region", _("Anden regions hospital")
        PRIVATE = "private", _("Privathospital")

    class DischargeNeed(models.TextChoices):
        NONE = "", _("Intet varslingsbehov")
        SPECIAL_AIDS = "special_aids", _("Særlige hjælpemidler (varsling 5 hverdage før)")
        HOUSING = "housing", _("Omfattende boligændringer (varsling 14 dage før)")

    course = models.ForeignKey("admissions.Course", on_delete=models.PROTECT, related_name="aid_needs")
    aid_type = models.ForeignKey("aids.AidType", verbose_name=_("hjælpemiddel"), on_delete=models.PROTECT)
    situation = models.CharField(_("situation"), max_length=32, choices=SITUATION_CHOICES)
    treated_at = models.CharField(
        _("behandlingssted"), max_length=16, choices=TreatedAt.choices, default="", blank=True
    )
    known_at_hospital = models.BooleanField(_("kendt i hospitalsregi"), default=True)
    why = models.TextField(_("begrundelse for behovet"), max_length=2000, blank=True)
    needed_from = models.DateField(_("behov fra"))
    lasting = models.BooleanField(_("varigt behov"), default=False)
    discharge_need = models.CharField(
        _("varsling efter udskrivningsaftalen"),
        max_length=16,
        choices=DischargeNeed.choices,
        default="",
        blank=True,
    )
    home_visit_needed = models.BooleanField(_("hjemmebesøg før udskrivning"), default=False)
    fast_track = models.BooleanField(_("terminalpatient: hurtig levering"), default=False)
    target_at = models.DateTimeField(_("leveringsmål"), null=True, blank=True)
    expected_delivery_on = models.DateField(_("forventet levering"), null=True, blank=True)
    # the decision (aids.responsibility) and the organisations it points at
    decided_delivers = models.CharField(_("leverer (efter aftalen)"), max_length=20, choices=PARTY_CHOICES)
    decided_pays = models.CharField(_("betaler (efter aftalen)"), max_length=20, choices=PARTY_CHOICES)
    delivers = models.CharField(_("leverer"), max_length=20, choices=PARTY_CHOICES)
    pays = models.CharField(_("betaler"), max_length=20, choices=PARTY_CHOICES)
    reason = models.TextField(_("begrundelse"))
    override_reason = models.CharField(_("begrundelse for afvigelse"), max_length=500, blank=True)
    delivering_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("leverende organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    delivered_at = models.DateTimeField(_("leveret"), null=True, blank=True)
    delivered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    delivery_note = models.CharField(_("bemærkning til leveringen"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("annulleret"), null=True, blank=True)
    cancel_reason = models.CharField(_("årsag"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("registreret"), default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = AidNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("behov for hjælpemiddel")
        verbose_name_plural = _("behov for hjælpemidler")
        ordering = ["needed_from", "pk"]
        indexes = [
            models.Index(fields=["delivering_organisation", "state", "needed_from"]),
            models.Index(fields=["municipality", "state", "needed_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="delivered", delivered_at__isnull=False) | ~Q(state="delivered"),
                name="aid_need_delivered_has_time",
            ),
            models.CheckConstraint(
                condition=Q(override_reason__gt="")
                | (Q(delivers=models.F("decided_delivers")) & Q(pays=models.F("decided_pays"))),
                name="aid_need_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aid_type} fra {self.needed_from:%d.%m.%Y}"

    @property
    def is_overridden(self) -> bool:
        return (self.delivers, self.pays) != (self.decided_delivers, self.decided_pays)


class MissingAidAlert(models.Model):
    """The citizen was discharged while a needed aid was not delivered (Krav 3: the responsible authority makes
    sure it is there "når patienten udskrives fra sygehus"): one alert per need and party, counted."""

    need = models.ForeignKey(AidNeed, on_delete=models.CASCADE, related_name="missing_alerts")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    discharged_at = models.DateTimeField(_("udskrevet"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NeedDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("manglende hjælpemiddel ved udskrivning")
        verbose_name_plural = _("manglende hjælpemidler ved udskrivning")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "organisation"], name="one_missing_aid_alert_per_party")
        ]

    def __str__(self) -> str:
        return f"Mangler ved udskrivning: {self.need}"
