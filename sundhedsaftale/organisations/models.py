"""Organisations of the agreements and who acts for them (memberships): the kernel every area stands on.

The tables keep the names they were created with (``clusters_*``): the models moved into the kernel in code
and migration state only.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.organisations.querysets import OrganisationQuerySet
from sundhedsaftale.organisations.roles import Role


class Organisation(models.Model):
    """Every party of the agreements: the region, a cluster, a hospital unit and its departments,
    a municipality (code = kommunekode) or a GP practice (code = ydernummer)."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        CLUSTER = "cluster", _("Klynge")
        HOSPITAL = "hospital", _("Hospitalsenhed")
        DEPARTMENT = "department", _("Afdeling")
        MUNICIPALITY = "municipality", _("Kommune")
        PRACTICE = "practice", _("Lægepraksis")
        # A municipal unit that receives MedCom messages (home care, a nursing home), addressed by its own SOR
        # code; ``parent`` is its municipality.
        MUNICIPAL_UNIT = "municipal_unit", _("Kommunal enhed")

    class DepartmentKind(models.TextChoices):
        """Which agreement's rules a department's courses follow: the general agreement's discharge rules apply
        to somatic departments (001 l. 1299), psychiatry and child and adolescent psychiatry have their own."""

        SOMATIC = "somatic", _("Somatisk")
        PSYCHIATRY = "psychiatry", _("Psykiatri")
        CHILD_PSYCHIATRY = "child_psychiatry", _("Børne- og ungdomspsykiatri")

    code = models.CharField(_("kode"), max_length=32, unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    cluster = models.ForeignKey(
        "self",
        verbose_name=_("klynge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": "cluster"},
    )
    inhabitants = models.PositiveIntegerField(_("indbyggere"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    # MedCom addresses organisations by SOR code (Sundhedsvæsenets Organisationsregister, urn:oid:1.2.208.176.1.1)
    # and GLN (EAN location number); a sender outside the region is registered from its first message.
    sor_code = models.CharField(_("SOR-kode"), max_length=20, blank=True)
    gln = models.CharField(_("GLN (EAN-lokationsnummer)"), max_length=13, blank=True)
    is_external = models.BooleanField(
        _("ekstern"),
        default=False,
        help_text=_("Registreret fra en MedCom-meddelelse; ikke en del af regionen."),
    )
    department_kind = models.CharField(
        _("afdelingstype"),
        max_length=16,
        choices=DepartmentKind.choices,
        default=DepartmentKind.SOMATIC,
        help_text=_("Somatisk, psykiatri eller børne- og ungdomspsykiatri; meningsfuld for afdelinger."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        db_table = "clusters_organisation"
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="department") | Q(parent__isnull=False),
                name="department_has_hospital",
            ),
            models.CheckConstraint(
                condition=~Q(kind="municipal_unit") | Q(parent__isnull=False),
                name="municipal_unit_has_municipality",
            ),
            models.UniqueConstraint(
                fields=["sor_code"], condition=~Q(sor_code=""), name="one_organisation_per_sor_code"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.DEPARTMENT and self.parent is not None:
            return f"{self.parent.name}, {self.name}"
        return self.name

    @property
    def full_name(self) -> str:
        """The name as a citizen would say it: a municipality with "Kommune" ("Aarhus Kommune")."""
        if self.kind == self.Kind.MUNICIPALITY and not self.name.endswith("Kommune"):
            return f"{self.name} Kommune"
        return self.name

    @property
    def is_somatic(self) -> bool:
        """Whether the general agreement's somatic discharge rules apply here (001 l. 1299)."""
        return self.department_kind == self.DepartmentKind.SOMATIC

    @property
    def is_psychiatric(self) -> bool:
        """Adult or child and adolescent psychiatry: the psychiatry area's rules apply, not the somatic ones."""
        return self.department_kind in (self.DepartmentKind.PSYCHIATRY, self.DepartmentKind.CHILD_PSYCHIATRY)

    @property
    def hospital(self) -> "Organisation | None":
        """The hospital unit this organisation belongs to (itself for a hospital)."""
        if self.kind == self.Kind.HOSPITAL:
            return self
        if self.kind == self.Kind.DEPARTMENT:
            return self.parent
        return None


class Contact(models.Model):
    """A way to reach an organisation, from the agreement annexes (1.1, 3.3, 3.4, 4.1)."""

    class Purpose(models.TextChoices):
        CITIZEN = "citizen", _("Borgerhenvendelser (bilag 1.1)")
        REHAB = "rehab", _("Genoptræning (bilag 3.3)")
        THERAPY = "therapy", _("Terapiafdeling (bilag 3.4)")
        AIDS = "aids", _("Hjælpemidler (bilag 4.1)")
        # The 2008 agreement (section 1.1.2) points to the region's list of the municipalities' nurses on duty,
        # sent by mail and not printed in the annexes: entered by the regional secretariat where known.
        OUT_OF_HOURS = "out_of_hours", _("Akut sygepleje aften og nat")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    purpose = models.CharField(_("formål"), max_length=16, choices=Purpose.choices)
    label = models.CharField(_("betegnelse"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=60, blank=True)
    email = models.CharField(_("e-mail"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    notes = models.TextField(_("bemærkninger"), blank=True)
    source_year = models.PositiveSmallIntegerField(
        _("fra sundhedsaftalens bilag, år"),
        null=True,
        blank=True,
        help_text=_(
            "Året for den aftaletekst, oplysningen er hentet fra (fx 2008). Tøm feltet, når oplysningen rettes."
        ),
    )

    class Meta:
        db_table = "clusters_contact"
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        ordering = ["organisation__name", "purpose", "label"]

    def __str__(self) -> str:
        return f"{self.organisation.name}: {self.label}"


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("mandag")
        TUESDAY = 1, _("tirsdag")
        WEDNESDAY = 2, _("onsdag")
        THURSDAY = 3, _("torsdag")
        FRIDAY = 4, _("fredag")
        SATURDAY = 5, _("lørdag")
        SUNDAY = 6, _("søndag")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    opens = models.TimeField(_("åbner"))
    closes = models.TimeField(_("lukker"))

    class Meta:
        db_table = "clusters_openinghours"
        verbose_name = _("åbningstid")
        verbose_name_plural = _("åbningstider")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="opening_before_closing"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def covers(self, weekday: int, at: time) -> bool:
        return self.weekday == weekday and self.opens <= at < self.closes


class Membership(models.Model):
    """A user acts for an organisation in a role. A user may have several memberships."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    is_lead = models.BooleanField(
        _("leder"), default=False, help_text=_("Modtager eskalerede advarsler for organisationen.")
    )
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    class Meta:
        db_table = "clusters_membership"
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="one_membership_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"
