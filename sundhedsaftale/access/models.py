from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """One read of one citizen's data (Sundhedsloven § 42 a): who, when (UTC), which citizen, what, from where.

    The row outlives the user and the citizen records it points at, so the references carry no constraint.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Visning")
        LIST = "list", _("Liste")
        SEARCH = "search", _("Søgning")
        API = "api", _("API")
        PDF = "pdf", _("PDF")
        EXPORT = "export", _("Eksport")
        LOOKUP = "lookup", _("Opslag med formål")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    username = models.CharField(_("bruger"), max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    #: the membership the user acted in: its organisation's care relations granted the read
    membership = models.ForeignKey(
        "organisations.Membership",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    role = models.CharField(_("rolle"), max_length=20, blank=True)
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.DO_NOTHING, related_name="access_log", db_constraint=False
    )
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    what = models.CharField(_("hvad"), max_length=200)
    purpose = models.CharField(_("formål"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["citizen", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.what}"
