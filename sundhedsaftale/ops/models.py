from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a periodic process (the beat, a worker) proved it was alive."""

    name = models.CharField(_("navn"), max_length=50, unique=True)
    at = models.DateTimeField(_("tidspunkt"))

    class Meta:
        verbose_name = _("livstegn")
        verbose_name_plural = _("livstegn")

    def __str__(self) -> str:
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M:%S}"
