"""A loan of an item to the citizen: from which depot, on what terms, delivered and instructed by whom, followed
up when, collected or returned (agreement 1.3, 3.6, 4.1, 4.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aids.querysets import NeedDataQuerySet

USER = settings.AUTH_USER_MODEL

DEFAULT_TERMS = (
    "Hjælpemidlet er udlånt og tilhører fortsat udlåner. Låner skal behandle det forsvarligt og må ikke "
    "overdrage det til andre. Tilpasning, vedligeholdelse og reparation påhviler udlåner; kontakt udlåner ved "
    "fejl, ændret behov eller spørgsmål. Hjælpemidlet afhentes af udlåner, når behovet ophører."
)


class Loan(models.Model):
    class ReturnKind(models.TextChoices):
        COLLECTED = "collected", _("Afhentet af udlåner")
        RETURNED = "returned", _("Returneret af borgeren")

    need = models.ForeignKey("aids.AidNeed", on_delete=models.PROTECT, related_name="loans")
    aid_type = models.ForeignKey("aids.AidType", verbose_name=_("hjælpemiddel"), on_delete=models.PROTECT)
    item_number = models.CharField(_("serie- eller depotnummer"), max_length=60)
    depot = models.ForeignKey(
        "aids.Depot", verbose_name=_("depot"), null=True, blank=True, on_delete=models.PROTECT
    )
    lender = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("udlåner"), on_delete=models.PROTECT, related_name="+"
    )
    terms = models.TextField(_("vilkår"), max_length=3000, default=DEFAULT_TERMS)
    contact_name = models.CharField(_("kontaktperson"), max_length=120)
    contact_phone = models.CharField(_("kontakt (telefon)"), max_length=40)
    delivered_by_name = models.CharField(_("leveret af"), max_length=120, blank=True)
    delivered_at = models.DateTimeField(_("leveret"), default=timezone.now)
    instruction_given = models.BooleanField(_("instruktion givet"), default=False)
    instruction_note = models.CharField(_("instruktion"), max_length=500, blank=True)
    follow_up_on = models.DateField(_("opfølgning"), null=True, blank=True)
    returned_at = models.DateTimeField(_("afhentet/returneret"), null=True, blank=True)
    return_kind = models.CharField(_("retur"), max_length=10, choices=ReturnKind.choices, blank=True)
    return_note = models.CharField(_("bemærkning ved retur"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = NeedDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("udlån")
        verbose_name_plural = _("udlån")
        ordering = ["-delivered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(returned_at__gte=models.F("delivered_at")),
                name="aid_loan_returned_after_delivery",
            ),
        ]
        indexes = [models.Index(fields=["lender", "returned_at"])]

    def __str__(self) -> str:
        return f"{self.aid_type} nr. {self.item_number}"

    @property
    def is_out(self) -> bool:
        return self.returned_at is None
