"""Planning a discharge: the plan and its date history, the notification (varsling), finished treatment
and conferences before discharge."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discharge.querysets import DischargeMessageQuerySet, DischargePlanQuerySet, DischargeQuerySet
from sundhedsaftale.templatetags.dansk import dato_tid

USER = settings.AUTH_USER_MODEL


class FunctionalAbility(models.TextChoices):
    UNCHANGED = "unchanged", _("Uændret funktionsevne")
    REDUCED = "reduced", _("Nedsat funktionsevne")


class Need(models.TextChoices):
    """The citizen's need after discharge; it decides the notification rule (the agreement, 1.2.1-1.2.4)."""

    SIMPLE_NURSING = "simple_nursing", _("Enkle sygeplejehandlinger (sårskift, poseskift, øjendrypning)")
    HOME_CARE = "home_care", _("Hjemmepleje og/eller omfattende sygepleje")
    SPECIAL_AIDS = "special_aids", _("Særlige hjælpemidler, der kræver forberedelsestid")
    HOUSING = "housing", _("Omfattende boligændringer")


RULE_CODE_BY_NEED: dict[str, str] = {
    Need.SIMPLE_NURSING: "discharge.same_day",
    Need.HOME_CARE: "discharge.home_care",
    Need.SPECIAL_AIDS: "discharge.special_aids",
    Need.HOUSING: "discharge.housing",
}

# What the municipality must have ready, shown in its list of expected discharges.
PREPARE_BY_NEED: dict[str, str] = {
    Need.SIMPLE_NURSING: "Sygeplejeydelse på dagen; plejehjælpemidler og sygeplejeartikler.",
    Need.HOME_CARE: "Hjemmepleje og/eller sygepleje fra udskrivningsdagen; plejehjælpemidler og sygeplejeartikler.",
    Need.SPECIAL_AIDS: "Særlige hjælpemidler leveret og klar i hjemmet før udskrivning.",
    Need.HOUSING: "Boligændringer gennemført eller midlertidigt ophold klar før udskrivning.",
}


class DischargePlan(models.Model):
    """The discharge plan of a course; its notification deadline is a ``Deadline`` with this plan as subject."""

    course = models.OneToOneField(
        "admissions.Course", on_delete=models.CASCADE, related_name="discharge_plan"
    )
    functional_ability = models.CharField(
        _("forventet funktionsevne"), max_length=16, choices=FunctionalAbility.choices
    )
    need = models.CharField(_("behov efter udskrivning"), max_length=20, choices=Need.choices)
    #: Every need of the plan (l. 1530-1543 apply together: home care, special aids, housing), each with its
    #: own notice obligation; ``need`` is the first of them (kept for the API and the lists).
    needs = models.JSONField(_("behov efter udskrivning"), default=list, blank=True)
    planned_date = models.DateField(_("planlagt udskrivningsdato"))
    nursing_service_date = models.DateField(
        _("dato for sygeplejeydelsen"),
        null=True,
        blank=True,
        help_text=_("Kun ved enkle sygeplejehandlinger; som udgangspunkt udskrivningsdagen."),
    )
    agreed_date = models.DateField(
        _("aftalt dato for klar til udskrivning"),
        null=True,
        blank=True,
        help_text=_(
            "Efter 2021-aftalen aftaler hospital og kommune udskrivningstidspunktet ud fra den forberedelse, "
            "kommunen har brug for; udskrivning før den aftalte dato er hospitalets afvigelse."
        ),
    )
    rule_code = models.CharField(_("regel"), max_length=64)
    rule_set = models.CharField(_("regelsæt"), max_length=16)
    note = models.TextField(_("bemærkning"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = DischargePlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("udskrivningsplan")
        verbose_name_plural = _("udskrivningsplaner")
        indexes = [models.Index(fields=["planned_date"])]

    def __str__(self) -> str:
        return f"Udskrivning {self.planned_date:%d.%m.%Y} ({self.get_need_display()})"

    @property
    def all_needs(self) -> list[str]:
        """The plan's needs in the order entered (the single ``need`` of a plan saved before there were several)."""
        return list(self.needs) or [self.need]

    @property
    def rule_codes(self) -> list[str]:
        return [RULE_CODE_BY_NEED[need] for need in self.all_needs if need in RULE_CODE_BY_NEED]

    @property
    def needs_display(self) -> str:
        labels = dict(Need.choices)
        return "; ".join(str(labels.get(need, need)) for need in self.all_needs)

    @property
    def prepare_text(self) -> str:
        return " ".join(PREPARE_BY_NEED.get(need, "") for need in self.all_needs).strip()


class DischargeTimeProposal(models.Model):
    """A proposal to change the agreed discharge time, by either side, with who and why (the 2021 agreement:
    "Videndeling og realistiske oplysninger"); the other side accepts or declines it. Accepting sets the
    plan's agreed date."""

    class Party(models.TextChoices):
        HOSPITAL = "hospital", _("Hospitalet")
        MUNICIPALITY = "municipality", _("Kommunen")

    class State(models.TextChoices):
        OPEN = "open", _("Afventer svar")
        ACCEPTED = "accepted", _("Accepteret")
        DECLINED = "declined", _("Afvist")

    plan = models.ForeignKey(DischargePlan, on_delete=models.CASCADE, related_name="time_proposals")
    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    party = models.CharField(_("foreslået af"), max_length=12, choices=Party.choices)
    proposed_by_org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposed_date = models.DateField(_("foreslået udskrivningsdato"))
    reason = models.CharField(_("begrundelse"), max_length=300)
    proposed_at = models.DateTimeField(_("foreslået"), default=timezone.now)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("forslag til udskrivningstidspunkt")
        verbose_name_plural = _("forslag til udskrivningstidspunkt")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_party_display()} foreslår {self.proposed_date:%d.%m.%Y}"


class DischargeDateChange(models.Model):
    """A moved planned discharge date: the plan's history and the change notice the municipality sees."""

    plan = models.ForeignKey(DischargePlan, on_delete=models.CASCADE, related_name="date_changes")
    course = models.ForeignKey("admissions.Course", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    old_date = models.DateField(_("fra dato"))
    new_date = models.DateField(_("til dato"))
    old_due_at = models.DateTimeField(_("tidligere frist"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("ny frist"), null=True, blank=True)
    reason = models.CharField(_("årsag"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("ændret"), default=timezone.now)
    changed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(_("læst af kommunen"), null=True, blank=True)

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("flyttet udskrivningsdato")
        verbose_name_plural = _("flyttede udskrivningsdatoer")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return f"Udskrivningsdatoen er flyttet fra {self.old_date:%d.%m.%Y} til {self.new_date:%d.%m.%Y}"


class DischargeNotification(models.Model):
    """The notice of expected discharge (varsling) to the municipality; sending it meets the plan's deadline."""

    plan = models.ForeignKey(DischargePlan, on_delete=models.CASCADE, related_name="notifications")
    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="discharge_notifications"
    )
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    planned_date = models.DateField(_("forventet udskrivningsdato"))
    need = models.CharField(_("behov efter udskrivning"), max_length=20, choices=Need.choices)
    text = models.TextField(_("besked"), blank=True)
    sent_at = models.DateTimeField(_("sendt"))
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    on_time = models.BooleanField(_("til tiden"), default=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("varsling af udskrivning")
        verbose_name_plural = _("varslinger af udskrivning")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "sent_at"])]

    def __str__(self) -> str:
        return f"Varsling {dato_tid(self.sent_at)}"


class FinishedTreatment(models.Model):
    """A doctor's decision that the citizen is færdigbehandlet; each later day until discharge is a
    færdigbehandlet sengedag attributed to the municipality."""

    course = models.OneToOneField(
        "admissions.Course", on_delete=models.CASCADE, related_name="finished_treatment"
    )
    finished_on = models.DateField(_("færdigbehandlet dato"))
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Den kommune, sengedagene tilskrives (bopælskommunen, da borgeren blev færdigbehandlet)."
        ),
    )
    doctor_name = models.CharField(_("læge"), max_length=200)
    note = models.TextField(_("bemærkning"), blank=True)
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = DischargeMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("færdigbehandling")
        verbose_name_plural = _("færdigbehandlinger")
        indexes = [models.Index(fields=["municipality", "finished_on"])]

    def __str__(self) -> str:
        return f"Færdigbehandlet {self.finished_on:%d.%m.%Y}"


class DischargeConference(models.Model):
    """A discharge conference, phone conference or home visit before discharge."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Udskrivningskonference")
        PHONE = "phone", _("Telefonkonference")
        HOME_VISIT = "home_visit", _("Hjemmebesøg")

    course = models.ForeignKey(
        "admissions.Course", on_delete=models.CASCADE, related_name="discharge_conferences"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    scheduled_at = models.DateTimeField(_("tidspunkt"))
    location = models.CharField(_("sted"), max_length=200, blank=True)
    participants = models.TextField(_("deltagere"))
    outcome = models.TextField(_("resultat"), blank=True)
    held = models.BooleanField(_("afholdt"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = DischargeQuerySet.as_manager()

    class Meta:
        verbose_name = _("udskrivningskonference")
        verbose_name_plural = _("udskrivningskonferencer")
        ordering = ["scheduled_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(held=False) | ~Q(outcome=""), name="held_conference_has_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {dato_tid(self.scheduled_at)}"
