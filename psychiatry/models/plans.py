"""The documents of a psychiatric course: the treatment plan, the structured plans (discharge agreement,
coordination plan, the municipality's social action plan, the dual-diagnosis action plan), the
children-in-the-family assessment, and for child and adolescent psychiatry the referral and the discharge
statement."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from psychiatry.models.course import PsychiatricCourse
from psychiatry.querysets import CourseDataQuerySet

USER = settings.AUTH_USER_MODEL


class TreatmentPlan(models.Model):
    """The treatment plan, at the latest a week after admission (psykiatriloven; 001 l. 6195), handed to the
    patient unless the patient expressly objects."""

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="treatment_plans")
    written_at = models.DateTimeField(_("udarbejdet"))
    goals = models.TextField(_("mål"))
    treatment = models.TextField(_("behandling"), blank=True)
    handed_to_patient = models.BooleanField(_("udleveret til patienten"), default=False)
    patient_objected = models.BooleanField(_("patienten modsatte sig udlevering"), default=False)
    author_name = models.CharField(_("udarbejdet af"), max_length=200, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("behandlingsplan")
        verbose_name_plural = _("behandlingsplaner")
        ordering = ["written_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(handed_to_patient=True, patient_objected=True),
                name="treatment_plan_handed_or_objected",
            ),
        ]

    def __str__(self) -> str:
        return f"Behandlingsplan {self.written_at:%d.%m.%Y}"


class CarePlan(models.Model):
    """A structured plan with treatment and social offers, participants, responsibilities and follow-up."""

    class Kind(models.TextChoices):
        DISCHARGE_AGREEMENT = "discharge_agreement", _("Udskrivningsaftale")
        COORDINATION_PLAN = "coordination_plan", _("Koordinationsplan")
        ACTION_PLAN = "action_plan", _("Kommunal handleplan")
        DUAL_DIAGNOSIS = "dual_diagnosis", _("Koordinerende indsatsplan (dobbeltdiagnose)")

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="care_plans")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    treatment_offers = models.TextField(_("behandlingsmæssige tilbud"), blank=True)
    social_offers = models.TextField(_("sociale tilbud"), blank=True)
    participants = models.TextField(_("deltagere"), blank=True)
    responsibilities = models.TextField(_("ansvarsfordeling"), blank=True)
    follow_up_on = models.DateField(_("opfølgning"), null=True, blank=True)
    patient_participates = models.BooleanField(_("patienten medvirker"), default=True)
    joint_team_referred_on = models.DateField(_("henvist til det fælles team"), null=True, blank=True)
    followed_up_on = models.DateField(_("senest fulgt op"), null=True, blank=True)
    author_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y}"


class ChildAssessment(models.Model):
    """Children in the family (001 l. ~6530): assessed at every admission or outpatient start; a course cannot
    be completed without it."""

    course = models.ForeignKey(PsychiatricCourse, on_delete=models.CASCADE, related_name="child_assessments")
    assessed_at = models.DateTimeField(_("vurderet"))
    has_children = models.BooleanField(_("har børn under 18 år"))
    children = models.CharField(_("børn (antal og alder)"), max_length=200, blank=True)
    situation = models.TextField(_("børnenes situation"), blank=True)
    support_need = models.TextField(_("behov for støtte"), blank=True)
    concern_reported = models.BooleanField(_("underretning sendt til kommunen"), default=False)
    concern_reported_on = models.DateField(_("underretning sendt den"), null=True, blank=True)
    assessed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("vurdering af børn i familien")
        verbose_name_plural = _("vurderinger af børn i familien")
        ordering = ["assessed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(concern_reported=False) | Q(concern_reported_on__isnull=False),
                name="concern_report_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Børn i familien {self.assessed_at:%d.%m.%Y}"


class Referral(models.Model):
    """A referral to child and adolescent psychiatry with its content and the visitation's outcome."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Ikke visiteret")
        ACUTE = "acute", _("Akut")
        SUBACUTE = "subacute", _("Subakut")
        WAITLIST = "waitlist", _("Venteliste")
        REJECTED = "rejected", _("Afvist")

    course = models.OneToOneField(PsychiatricCourse, on_delete=models.CASCADE, related_name="referral")
    referred_on = models.DateField(_("henvisningsdato"))
    referrer = models.CharField(_("henviser"), max_length=200, blank=True)
    purpose = models.TextField(_("formål med henvisningen"))
    summary = models.TextField(_("resumé"), blank=True)
    symptoms = models.TextField(_("symptomer"), blank=True)
    family_view = models.TextField(_("familiens syn på problemet"), blank=True)
    outcome = models.CharField(_("visitation"), max_length=10, choices=Outcome.choices, blank=True)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    visitated_at = models.DateTimeField(_("visiteret"), null=True, blank=True)
    expected_start_on = models.DateField(_("forventet behandlingsstart"), null=True, blank=True)
    contact_offered_at = models.DateTimeField(_("ambulant kontakt tilbudt"), null=True, blank=True)

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")
        ordering = ["referred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(rejection_reason=""), name="rejection_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Henvisning {self.referred_on:%d.%m.%Y}"


class DischargeStatement(models.Model):
    """Udskrivningserklæring / udtalelse (001 l. ~7470) with its required points."""

    course = models.OneToOneField(PsychiatricCourse, on_delete=models.CASCADE, related_name="statement")
    examination_results = models.TextField(_("relevante undersøgelsesresultater"))
    diagnosis = models.TextField(_("diagnose, forklaret på dansk"))
    resources_and_needs = models.TextField(_("barnets / den unges ressourcer og støttebehov"))
    expected_effect = models.TextField(_("realistisk skøn over støttens effekt"))
    without_support = models.TextField(_("hvad sker der, hvis støtten ikke etableres"))
    contact_persons = models.TextField(_("kontaktpersoner (inkl. ansvarlig speciallæge)"))
    family_view = models.TextField(_("familiens / barnets holdning"))
    written_at = models.DateTimeField(_("udarbejdet"), default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CourseDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("udskrivningserklæring")
        verbose_name_plural = _("udskrivningserklæringer")

    def __str__(self) -> str:
        return f"Udskrivningserklæring {self.written_at:%d.%m.%Y}"
