"""Sending a plan to its recipients, receipt (which starts the first-contact clock) and the first contact."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehab.querysets import DeliveryDataQuerySet, DeliveryQuerySet

USER = settings.AUTH_USER_MODEL


class Delivery(models.Model):
    """One plan version sent to one recipient, with the consent that allowed it.

    The delivery to the municipality (general) or the specialised hospital is the *responsible* one: its
    receipt starts ``rehab.first_contact``. Forwarding under free choice creates a new delivery
    (``forwarded_from``) and closes the old one.
    """

    class Recipient(models.TextChoices):
        CITIZEN = "citizen", _("Borgeren")
        MUNICIPALITY = "municipality", _("Kommune")
        HOSPITAL = "hospital", _("Hospital (specialiseret)")
        GP = "gp", _("Egen læge")

    class Channel(models.TextChoices):
        HANDED_OUT = "handed_out", _("Udleveret")
        ELECTRONIC = "electronic", _("Elektronisk (MedCom)")
        POST = "post", _("Post")

    plan = models.ForeignKey("rehab.Plan", on_delete=models.CASCADE, related_name="deliveries")
    version = models.ForeignKey("rehab.PlanVersion", on_delete=models.PROTECT, related_name="deliveries")
    recipient = models.CharField(_("modtager"), max_length=12, choices=Recipient.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rehab_deliveries",
    )
    channel = models.CharField(_("kanal"), max_length=12, choices=Channel.choices, default=Channel.ELECTRONIC)
    consent = models.BooleanField(_("borgeren har givet tilsagn"), default=False)
    consent_note = models.CharField(_("samtykke"), max_length=200, blank=True)
    is_responsible = models.BooleanField(_("skal kontakte borgeren"), default=False)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField(_("modtaget"), null=True, blank=True)
    received_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contacted_at = models.DateTimeField(_("borgeren kontaktet"), null=True, blank=True)
    forwarded_from = models.ForeignKey(
        "self",
        verbose_name=_("videresendt fra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwards",
    )
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    closed_reason = models.CharField(_("årsag"), max_length=300, blank=True)
    declined = models.BooleanField(_("afvist af kapacitetshensyn"), default=False)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("forsendelse af genoptræningsplan")
        verbose_name_plural = _("forsendelser af genoptræningsplaner")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient="citizen") | Q(consent=True), name="rehab_delivery_needs_consent"
            ),
            models.CheckConstraint(
                condition=Q(recipient="citizen") | Q(organisation__isnull=False),
                name="rehab_delivery_has_org",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "is_responsible", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.get_recipient_display()}: {self.organisation or ''} {self.sent_at:%d.%m.%Y}"


class FirstContact(models.Model):
    """The receiver's first contact with the citizen and the offer made (agreement 3.1/3.2); meets the clock."""

    class Method(models.TextChoices):
        PHONE = "phone", _("Telefon")
        LETTER = "letter", _("Brev")
        DIGITAL = "digital", _("Digital post")
        MEETING = "meeting", _("Personligt møde")

    class Provider(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommune")
        PRIVATE_PHYSIO = "private_physio", _("Privatpraktiserende fysioterapeut")
        HOSPITAL = "hospital", _("Hospital")
        OTHER = "other", _("Andet")

    class Form(models.TextChoices):
        TEAM = "team", _("Holdtræning")
        INDIVIDUAL = "individual", _("Individuel træning")
        SELF = "self", _("Selvtræning")

    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="first_contact")
    contacted_at = models.DateTimeField(_("kontaktet"))
    method = models.CharField(_("hvordan"), max_length=10, choices=Method.choices)
    contacted_by_name = models.CharField(_("kontaktet af"), max_length=200)
    offer_place = models.CharField(_("tilbud: sted"), max_length=200, blank=True)
    offer_provider = models.CharField(
        _("tilbud: leverandør"), max_length=16, choices=Provider.choices, blank=True
    )
    offer_form = models.CharField(_("tilbud: træningsform"), max_length=12, choices=Form.choices, blank=True)
    expected_start = models.DateField(_("forventet start"), null=True, blank=True)
    waiting_days = models.PositiveIntegerField(_("oplyst ventetid (dage)"), null=True, blank=True)
    note = models.TextField(_("bemærkning"), blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = DeliveryDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("første kontakt")
        verbose_name_plural = _("første kontakter")
        ordering = ["-contacted_at"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.contacted_at:%d.%m.%Y}"
