"""Care relations (aktuel behandlingsrelation): which organisation may read a citizen's data, why, from when
to when. Written by the services that create the reason (an admission, a plan sent, a look-up for a purpose);
read by the one visibility rule, ``CitizenQuerySet.visible_to``."""

from datetime import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CareRelationQuerySet(models.QuerySet):
    def current(self, at: datetime | None = None) -> Self:
        """Relations in force at ``at`` (now): started, and not yet ended."""
        at = at or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at), starts_at__lte=at)

    def of(self, organisation_ids: "frozenset[int] | set[int]") -> Self:
        return self.filter(organisation_id__in=organisation_ids)


class CareRelation(models.Model):
    """One organisation's reason to read one citizen's data, with its start and end (Sundhedsloven § 42 a)."""

    class Kind(models.TextChoices):
        ADMITTED = "admitted", _("Indlagt eller behandlet på hospitalet")
        RESIDENT = "resident", _("Bopælskommune")
        LISTED_GP = "listed_gp", _("Egen læge")
        PLAN_RECEIVER = "plan_receiver", _("Modtager af genoptræningsplan")
        REFERRAL_RECEIVER = "referral_receiver", _("Modtager af henvisning")
        PURPOSE_LOOKUP = "purpose_lookup", _("Opslag med formål")
        AID_PROVIDER = "aid_provider", _("Leverandør af hjælpemiddel eller behandlingsredskab")

    citizen = models.ForeignKey("citizens.Citizen", on_delete=models.CASCADE, related_name="care_relations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="care_relations"
    )
    kind = models.CharField(_("grundlag"), max_length=20, choices=Kind.choices)
    #: what the relation came from ("course:12", "delivery:3"), so the service that ends it finds it
    source = models.CharField(_("kilde"), max_length=64, blank=True)
    purpose = models.CharField(_("formål"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("fra"), default=timezone.now)
    ends_at = models.DateTimeField(_("til"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CareRelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("behandlingsrelation")
        verbose_name_plural = _("behandlingsrelationer")
        ordering = ["starts_at", "pk"]
        # The visible set of an organisation is found from its own relations, never by scanning citizens:
        # (organisation, ends_at) finds the current ones (ends_at null, or later than now) without reading
        # the years of ended ones (bench/README.md, "At the region's scale").
        indexes = [
            models.Index(fields=["organisation", "ends_at"], name="care_relation_current_by_org"),
            models.Index(fields=["citizen", "organisation"], name="care_relation_by_citizen"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="care_relation_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["citizen", "organisation", "kind", "source"],
                condition=Q(ends_at__isnull=True),
                name="one_open_care_relation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}"
