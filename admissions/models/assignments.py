"""Who in an organisation has taken an item of its inbox ("Tildel mig"): an admission notice or an information
request, one member at a time per organisation."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.templatetags.dansk import dato_tid


class Assignment(models.Model):
    """That ``assignee`` handles the item for ``organisation`` (each party of a two-party record triages it in
    its own inbox, so one assignment per organisation and item)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    item_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tildelt"), on_delete=models.CASCADE, related_name="+"
    )
    assigned_at = models.DateTimeField(_("tildelt"))

    class Meta:
        verbose_name = _("tildeling")
        verbose_name_plural = _("tildelinger")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "item_type", "item_id"], name="one_assignment_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "assignee"])]

    def __str__(self) -> str:
        return f"{self.assignee} {dato_tid(self.assigned_at)}"
