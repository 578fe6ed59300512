"""Citizens (by CPR) and their care relations: who the product is about, and who may read what about them.

The citizen tables keep the names they were created with (``admissions_*``): the models moved into the kernel
in code and migration state only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.citizens.cpr import CPR_PATTERN, cpr_format, cpr_mask, cpr_validate
from sundhedsaftale.citizens.querysets import CitizenDataQuerySet, CitizenQuerySet
from sundhedsaftale.citizens.relations import CareRelation
from sundhedsaftale.templatetags.dansk import dato_tid

__all__ = ["CareRelation", "Citizen", "CitizenMasterDataChange"]


class Citizen(models.Model):
    """A citizen identified by CPR (or the health sector's replacement CPR)."""

    cpr = models.CharField(
        _("CPR-nummer"),
        max_length=10,
        unique=True,
        validators=[cpr_validate],  # type: ignore[list-item]  # a validator's return value is ignored
    )
    name = models.CharField(_("navn"), max_length=200)
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("bopælskommune"),
        on_delete=models.PROTECT,
        related_name="residents",
        limit_choices_to={"kind": "municipality"},
    )
    gp_practice = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("egen læge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listed_patients",
        limit_choices_to={"kind": "practice"},
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    deceased_at = models.DateTimeField(_("død"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = CitizenQuerySet.as_manager()

    class Meta:
        db_table = "admissions_citizen"
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["name"]
        # The name search (bench/README.md, "At the region's scale"): in name order a search for a common name
        # stops at the first 50 hits; PostgreSQL also has a trigram index on UPPER(name) for the rare ones
        # (migration 0004, PostgreSQL only, so not listed here).
        indexes = [models.Index(fields=["name"], name="citizen_by_name")]
        constraints = [
            # Only 0–9 (and the replacement CPR's letters): a CPR in other digits would be a second citizen.
            models.CheckConstraint(condition=Q(cpr__regex=CPR_PATTERN), name="citizen_cpr_ascii"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cpr_masked})"

    @property
    def cpr_display(self) -> str:
        return cpr_format(self.cpr)

    @property
    def cpr_masked(self) -> str:
        return cpr_mask(self.cpr)


class CitizenMasterDataChange(models.Model):
    """An explicit change of a citizen's master data (name, home municipality, GP, address, phone): who, when,
    why and before/after. A new municipality or GP moves who sees the citizen's whole history."""

    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="master_data_changes")
    changed_at = models.DateTimeField(_("ændret"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_name = models.CharField(_("ændret af"), max_length=200, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=300)
    changes = models.JSONField(_("ændringer"), help_text=_('{"felt": {"before": ..., "after": ...}}'))

    objects = CitizenDataQuerySet.as_manager()

    class Meta:
        db_table = "admissions_citizenmasterdatachange"
        verbose_name = _("stamdataændring")
        verbose_name_plural = _("stamdataændringer")
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.citizen.cpr_masked}: {', '.join(self.changes)} {dato_tid(self.changed_at)}"
