"""Reference data of the aids area: the catalogue of aid types, the depots and the capacity notes between the
parties (agreement Krav 2: each authority keeps its own depot's capacity; changes that affect the other's
capacity are announced, e.g. more operations)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aids.querysets import CapacityNoteQuerySet, OrganisationDataQuerySet, ReferenceQuerySet
from aids.responsibility import SITUATION_LABELS

USER = settings.AUTH_USER_MODEL
SITUATION_CHOICES = [(situation.value, label) for situation, label in SITUATION_LABELS.items()]


class AidType(models.Model):
    """A kind of aid or treatment tool (editable reference data)."""

    class Kind(models.TextChoices):
        AID = "aid", _("Hjælpemiddel")
        TREATMENT_TOOL = "treatment_tool", _("Behandlingsredskab")
        CARE_AID = "care_aid", _("Plejehjælpemiddel")
        NURSING_ARTICLE = "nursing_article", _("Sygeplejeartikel")
        APPARATUS = "apparatus", _("Apparatur")

    class Fitting(models.TextChoices):
        STANDARD = "standard", _("Standard")
        PERSONAL = "personal", _("Personligt tilpasset")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("art"), max_length=16, choices=Kind.choices)
    usual_situation = models.CharField(
        _("sædvanlig situation"), max_length=32, choices=SITUATION_CHOICES, blank=True
    )
    reusable = models.BooleanField(_("genanvendeligt"), default=True)
    fitting = models.CharField(
        _("tilpasning"), max_length=10, choices=Fitting.choices, default=Fitting.STANDARD
    )
    is_large = models.BooleanField(
        _("større hjælpemiddel"),
        default=False,
        help_text=_("Kommunens udlån af større hjælpemidler får også en låneseddel (1.3)."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hjælpemiddeltype")
        verbose_name_plural = _("hjælpemiddeltyper")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Depot(models.Model):
    """An aids depot of a hospital unit or a municipality (2.1: each authority keeps its own depot's capacity)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="aid_depots"
    )
    name = models.CharField(_("navn"), max_length=120)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)

    objects = OrganisationDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("hjælpemiddeldepot")
        verbose_name_plural = _("hjælpemiddeldepoter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CapacityNote(models.Model):
    """A note on a depot's capacity, or an announcement to the cluster of a changed expected need (2.3)."""

    class Kind(models.TextChoices):
        CAPACITY = "capacity", _("Kapacitet i depotet")
        CHANGED_NEED = "changed_need", _("Ændret forventet behov (fx flere operationer)")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    depot = models.ForeignKey(Depot, null=True, blank=True, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("beskrivelse"), max_length=2000)
    valid_from = models.DateField(_("fra"), null=True, blank=True)
    valid_to = models.DateField(_("til"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CapacityNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("kapacitetsnote")
        verbose_name_plural = _("kapacitetsnoter")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"
