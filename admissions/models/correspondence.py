"""Correspondence (korrespondancemeddelelse, MedCom CareCommunication): threads of messages on a course."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from admissions.querysets import MessageDataQuerySet, MessageQuerySet, ThreadQuerySet
from sundhedsaftale.templatetags.dansk import dato_tid

USER = settings.AUTH_USER_MODEL


class Category(models.TextChoices):
    """The MedCom CareCommunication categories (IG 5.x)."""

    DISCHARGE = "discharge", _("Udskrivning")
    ASSISTIVE_DEVICES = "assistive-devices", _("Hjælpemidler")
    TRAINING = "training", _("Træning")
    MEDICINE = "medicine", _("Medicin")
    NURSING = "nursing", _("Sygepleje")
    CARECOORDINATION = "carecoordination", _("Koordinering af forløb")
    PSYCHIATRY = "psychiatry-social-disability", _("Psykiatri, social og handicap")
    EXAMINATION_RESULTS = "examination-results", _("Undersøgelsesresultater")
    OTHER = "other", _("Andet")


class Thread(models.Model):
    """A thread of messages on a course, with one MedCom category (and a topic for "other")."""

    Category = Category

    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="threads")
    category = models.CharField(_("kategori"), max_length=32, choices=Category.choices)
    topic = models.CharField(_("emne"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("korrespondancetråd")
        verbose_name_plural = _("korrespondancetråde")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="other") | ~Q(topic=""), name="other_thread_has_topic"
            ),
        ]

    def __str__(self) -> str:
        return self.topic or self.get_category_display()


class Message(models.Model):
    """One message; a reply or a forward points to the message before it (MedCom Provenance)."""

    class Activity(models.TextChoices):
        NEW = "new-message", _("Ny meddelelse")
        REPLY = "reply-message", _("Svar")
        FORWARD = "forward-message", _("Videresendt")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="messages")
    activity = models.CharField(_("type"), max_length=16, choices=Activity.choices, default=Activity.NEW)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("forrige meddelelse"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followers",
    )
    sender = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("afsender"), max_length=200)
    author_phone = models.CharField(_("telefon"), max_length=40)
    body = models.TextField(_("tekst"))
    sent_at = models.DateTimeField(_("sendt"))

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("meddelelse")
        verbose_name_plural = _("meddelelser")
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["recipient", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity="new-message") | Q(previous__isnull=False), name="reply_has_previous"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {dato_tid(self.sent_at)}"


class MessageRead(models.Model):
    """That an organisation has read a message (read/unread is per organisation, not per user)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reads")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(_("læst"))
    read_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = MessageDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("læst meddelelse")
        verbose_name_plural = _("læste meddelelser")
        constraints = [
            models.UniqueConstraint(fields=["message", "organisation"], name="one_read_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {dato_tid(self.read_at)}"


class Attachment(models.Model):
    """A PDF, PNG or JPEG attached to a message; type checked by its magic bytes, size limited."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("fil"), upload_to="attachments/%Y/%m/")
    filename = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("filtype"), max_length=40)
    size = models.PositiveIntegerField(_("størrelse"))
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = MessageDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename
