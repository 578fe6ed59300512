from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from admissions.querysets import CourseDataQuerySet, CourseQuerySet
from sundhedsaftale.citizens.models import Citizen


class Course(models.Model):
    """A course (forløb): one admission of a citizen, from admission through discharge and follow-up.

    A transfer to another hospital in the region is a new stay on the same course.
    """

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ACUTE = "acute", _("Akut")
        OPEN = "open", _("Åben indlæggelse")  # handled as acute (the agreement, section 2)

    class State(models.TextChoices):
        ADMITTED = "admitted", _("Indlagt")
        ON_LEAVE = "on_leave", _("På orlov")
        DISCHARGED = "discharged", _("Udskrevet")
        DECEASED = "deceased", _("Død")
        CANCELLED = "cancelled", _("Annulleret")

    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="courses")
    kind = models.CharField(_("indlæggelsestype"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("status"), max_length=16, choices=State.choices, default=State.ADMITTED)
    hospital = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("hospital"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "hospital"},
    )
    department = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("afdeling"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "department"},
    )
    admitted_at = models.DateTimeField(_("indlagt"))
    discharged_at = models.DateTimeField(_("udskrevet"), null=True, blank=True)
    episode_of_care_id = models.CharField(
        _("forløbs-id (EpisodeOfCare)"),
        max_length=80,
        blank=True,
        help_text=_(
            "Id fra hospitalets patientadministrative system; samme ophold kan kun oprettes én gang."
        ),
    )
    contact_name = models.CharField(_("fast kontaktperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("kontaktpersonens funktion"), max_length=100, blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        ordering = ["-admitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discharged_at__isnull=True) | Q(discharged_at__gte=models.F("admitted_at")),
                name="course_discharged_after_admission",
            ),
            models.UniqueConstraint(
                fields=["hospital", "episode_of_care_id"],
                condition=~Q(episode_of_care_id=""),
                name="one_course_per_episode_of_care",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "state"]),
            # the key figures recompute a month at a time (clusters.keyfigures.sources)
            models.Index(fields=["admitted_at"], name="course_admitted_at"),
            models.Index(fields=["discharged_at"], name="course_discharged_at"),
        ]

    def __str__(self) -> str:
        return f"{self.citizen.name}: {self.get_kind_display()} {self.admitted_at:%d.%m.%Y}"

    @property
    def is_acute(self) -> bool:
        return self.kind in {self.Kind.ACUTE, self.Kind.OPEN}


class Stay(models.Model):
    """A stay at one hospital on a course; a transfer within the region ends one stay and starts the next."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="stays")
    hospital = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "hospital"},
    )
    department = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "department"},
    )
    started_at = models.DateTimeField(_("start"))
    ended_at = models.DateTimeField(_("slut"), null=True, blank=True)
    #: where the citizen lies on the ward, as the ward names it ("Stue 4", "B"): shown on the ward board
    room = models.CharField(_("stue"), max_length=20, blank=True)
    bed = models.CharField(_("seng"), max_length=20, blank=True)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("ophold")
        verbose_name_plural = _("ophold")
        ordering = ["started_at"]
        indexes = [models.Index(fields=["hospital", "course"])]

    def __str__(self) -> str:
        return f"{self.department} {self.started_at:%d.%m.%Y}"
