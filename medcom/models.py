"""The MedCom message logs: every message received (with its outcome) and every message built for sending (with its
delivery), and where each receiving organisation takes delivery."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medcom.querysets import InboundQuerySet, OutboundQuerySet


class Kind(models.TextChoices):
    HOSPITAL_NOTIFICATION = "hospital_notification", _("Sygehusadvis (HospitalNotification)")
    CARE_COMMUNICATION = "care_communication", _("Korrespondance (CareCommunication)")


class InboundMessage(models.Model):
    """A received MedCom message and what became of it. A message is known by its sender and MessageHeader id:
    the same id again is a duplicate, answered with the first outcome and applied never twice."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Behandlet")
        STALE = "stale", _("Forældet (kom efter en senere meddelelse)")
        NOTED = "noted", _("Registreret, kræver opfølgning")
        NO_CASE = "no_case", _("Intet forløb at knytte til")
        DUPLICATE = "duplicate", _("Dublet")
        REJECTED = "rejected", _("Afvist")
        FAILED = "failed", _("Fejlet")

    Kind = Kind

    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    message_id = models.CharField(_("meddelelses-id"), max_length=100, blank=True)
    bundle_id = models.CharField(_("bundle-id"), max_length=100, blank=True)
    sender_sor = models.CharField(_("afsenders SOR"), max_length=20, blank=True)
    receiver_sor = models.CharField(_("modtagers SOR"), max_length=20, blank=True)
    sender = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receiver = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    course = models.ForeignKey(
        "admissions.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    course_message = models.ForeignKey(
        "admissions.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.CharField(_("hændelse"), max_length=24, blank=True)
    episode_of_care_id = models.CharField(_("forløbs-id"), max_length=80, blank=True)
    # CareCommunication: the thread (the id of its first message, followed back through the provenance chain)
    thread_key = models.CharField(_("tråd"), max_length=100, blank=True, db_index=True)
    category = models.CharField(_("kategori"), max_length=40, blank=True)
    topic = models.CharField(_("emne"), max_length=200, blank=True)
    previous_message_id = models.CharField(_("forrige meddelelse"), max_length=100, blank=True)
    occurred_at = models.DateTimeField(_("hændelsestidspunkt"), null=True, blank=True)
    outcome = models.CharField(_("udfald"), max_length=16, choices=Outcome.choices)
    detail = models.TextField(_("forklaring"), blank=True)
    issues = models.JSONField(_("fejl"), default=list, blank=True)
    bundle = models.JSONField(_("bundle"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="duplicates"
    )
    received_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    processed_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=1)

    objects = InboundQuerySet.as_manager()

    class Meta:
        verbose_name = _("modtaget MedCom-meddelelse")
        verbose_name_plural = _("modtagne MedCom-meddelelser")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "sender_sor", "message_id"],
                condition=Q(duplicate_of__isnull=True) & ~Q(outcome="rejected"),
                name="one_inbound_message_per_sender_and_id",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "received_at"]),
            models.Index(fields=["outcome", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event} {self.message_id} ({self.get_outcome_display()})"


class OutboundMessage(models.Model):
    """A MedCom message the product built from its own records, queued for delivery. The message id is the
    idempotency key of the at-least-once delivery: the receiver recognises a repeat."""

    class State(models.TextChoices):
        QUEUED = "queued", _("I kø")
        DELIVERED = "delivered", _("Leveret")
        STORED = "stored", _("Gemt i udbakken (intet endepunkt)")
        FAILED = "failed", _("Fejlet")

    Kind = Kind

    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    message_id = models.CharField(_("meddelelses-id"), max_length=100, unique=True)
    event = models.CharField(_("hændelse"), max_length=24, blank=True)
    receiver = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    citizen = models.ForeignKey("citizens.Citizen", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(
        "admissions.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    course_message = models.ForeignKey(
        "admissions.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(
        _("kilde"), max_length=80, help_text=_("Hvad meddelelsen er bygget af, fx course-event:17.")
    )
    bundle = models.JSONField(_("bundle"))
    state = models.CharField(_("status"), max_length=16, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    endpoint = models.URLField(_("endepunkt"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    delivered_at = models.DateTimeField(_("leveret"), null=True, blank=True)

    objects = OutboundQuerySet.as_manager()

    class Meta:
        verbose_name = _("afsendt MedCom-meddelelse")
        verbose_name_plural = _("afsendte MedCom-meddelelser")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # one message per event of the product: a repeated build finds the first
            models.UniqueConstraint(fields=["kind", "source", "receiver"], name="one_outbound_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event} → {self.receiver} ({self.get_state_display()})"


class DeliveryEndpoint(models.Model):
    """Where a receiving organisation takes delivery of MedCom messages (its EOJ's FHIR endpoint). Without one the
    embedded default keeps the message in the outbound log."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="medcom_endpoint"
    )
    url = models.URLField(_("adresse"))
    authorization = models.CharField(
        _("Authorization-header"), max_length=300, blank=True, help_text=_("Fx 'Bearer …'; tom for ingen.")
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("MedCom-endepunkt")
        verbose_name_plural = _("MedCom-endepunkter")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.url}"
