"""Disputes about who is responsible (agreement 3.5): the authority closest to the citizen delivers meanwhile,
payment is settled afterwards; settled locally first, then by the regional cooperation council on aids, then
Det Sociale Nævn, Patientklagenævnet, and the ministries. Each step keeps its decision and date."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aids.querysets import DisputeStepQuerySet, NeedDataQuerySet

USER = settings.AUTH_USER_MODEL


class Level(models.TextChoices):
    LOCAL = "local", _("Lokalt mellem hospital og kommune")
    COUNCIL = "council", _("Regionalt Samarbejdsråd på hjælpemiddelområdet")
    SOCIAL_BOARD = "social_board", _("Det Sociale Nævn")
    PATIENT_BOARD = "patient_board", _("Patientklagenævnet")
    MINISTRY = "ministry", _("Ministeriet for sundhed og forebyggelse og/eller Velfærdsministeriet")


#: the ladder of 3.5, in order; a dispute may go from the council to either board
LADDER: tuple[str, ...] = tuple(Level.values)
NEXT_LEVELS: dict[str, tuple[str, ...]] = {
    Level.LOCAL: (Level.COUNCIL,),
    Level.COUNCIL: (Level.SOCIAL_BOARD, Level.PATIENT_BOARD),
    Level.SOCIAL_BOARD: (Level.PATIENT_BOARD, Level.MINISTRY),
    Level.PATIENT_BOARD: (Level.MINISTRY,),
    Level.MINISTRY: (),
}


class Outcome(models.TextChoices):
    HOSPITAL = "hospital", _("Hospitalet er ansvarligt")
    MUNICIPALITY = "municipality", _("Kommunen er ansvarlig")
    CITIZEN = "citizen", _("Intet berettiget behov: borgeren betaler selv")


class Dispute(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Uafklaret")
        DECIDED = "decided", _("Afgjort")

    need = models.ForeignKey("aids.AidNeed", on_delete=models.PROTECT, related_name="disputes")
    opened_by_organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("rejst af"), on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("rejst"), default=timezone.now)
    question = models.TextField(_("tvivlsspørgsmålet"), max_length=3000)
    interim_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("leverer i mellemtiden (tættest på borgeren)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices, default=Level.LOCAL)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    outcome = models.CharField(_("afgørelse"), max_length=16, choices=Outcome.choices, blank=True)
    pays_afterwards = models.CharField(
        _("betaler efterfølgende"), max_length=16, choices=Outcome.choices, blank=True
    )
    decided_on = models.DateField(_("afgjort den"), null=True, blank=True)

    objects = NeedDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("tvivlstilfælde om myndighedsansvar")
        verbose_name_plural = _("tvivlstilfælde om myndighedsansvar")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"Tvivlstilfælde om {self.need} ({self.get_level_display()})"

    @property
    def next_levels(self) -> tuple[str, ...]:
        return NEXT_LEVELS[self.level] if self.state == self.State.OPEN else ()


class DisputeStep(models.Model):
    """One rung of the ladder: where the dispute was treated, from when, and what was decided there."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="steps")
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices)
    started_at = models.DateTimeField(_("forelagt"), default=timezone.now)
    decision = models.TextField(_("beslutning"), max_length=3000, blank=True)
    decided_on = models.DateField(_("dato for beslutning"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = DisputeStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("trin i tvivlstilfælde")
        verbose_name_plural = _("trin i tvivlstilfælde")
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.decision[:40]}"
