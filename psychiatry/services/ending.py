"""The end of a psychiatric course: planned discharge (or end of district psychiatry), unplanned discharge
(the patient leaves), the GP letter within 7 days, and what psychiatry pulls from admissions (a discharge,
death or cancellation recorded on the admission)."""

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.services import course_discharge
from psychiatry.models import Notice, PsychiatricCourse
from psychiatry.permissions import hospital_side
from psychiatry.querysets import relation_source
from psychiatry.services import obligations as ob
from psychiatry.services.courses import CONSENTED, notice_send
from sundhedsaftale.citizens.services import care_relation_end
from sundhedsaftale.errors import Conflict, DomainError

# Obligations of a running course that an end makes moot (only while pending and not yet due).
_MOOT_AT_END = (ob.MUNICIPALITY_INFORMED, ob.GP_INFORMED, ob.TREATMENT_PLAN)


def _finish(course: PsychiatricCourse, *, at: datetime, end_kind: str) -> None:
    course.state = PsychiatricCourse.State.ENDED
    course.ended_at, course.end_kind = at, end_kind
    course.save(update_fields=["state", "ended_at", "end_kind", "relatives_informed"])
    for rule in _MOOT_AT_END:
        ob.obligation_moot(subject=course, rule_code=rule, reason=_("Forløbet er afsluttet"))
    if course.citizen.gp_practice_id and course.setting in (
        PsychiatricCourse.Setting.INPATIENT,
        PsychiatricCourse.Setting.OUTPATIENT,
    ):
        # 001 l. 6224: the GP is told in writing within 7 days of discharge or the end of district psychiatry.
        ob.obligation_ensure(
            course=course, rule_code=ob.GP_LETTER, anchor=at, counterpart=course.citizen.gp_practice
        )
    care_relation_end(source=relation_source(course.pk), at=at)


def _at(value: datetime | None, field: str, course: PsychiatricCourse) -> datetime:
    at = value or timezone.now()
    if timezone.is_naive(at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field=field)
    if at > timezone.now() + timedelta(minutes=15):
        raise DomainError(_("Tidspunktet ligger i fremtiden."), field=field)
    if course.started_at and at < course.started_at:
        raise DomainError(_("Tidspunktet kan ikke ligge før forløbets start."), field=field)
    return at


def _discharge_admission(course: PsychiatricCourse, at: datetime, acting_user: User) -> None:
    admission = course.admission
    if admission is not None and admission.state in (Course.State.ADMITTED, Course.State.ON_LEAVE):
        course_discharge(
            course=admission, at=at, acting_user=acting_user, acting_organisation=course.department
        )


@transaction.atomic
def course_complete(
    *, course: PsychiatricCourse, acting_user: User, at: datetime | None = None
) -> PsychiatricCourse:
    """Complete the course as planned (discharge from the ward, or the end of outpatient treatment). The
    children-in-the-family assessment must be recorded first (001 l. ~6530); the GP letter's 7 days start."""
    hospital_side(course=course, user=acting_user)
    course = PsychiatricCourse.objects.select_for_update().select_related("citizen").get(pk=course.pk)
    if course.state != PsychiatricCourse.State.ACTIVE:
        raise Conflict(_("Kun et forløb i behandling kan afsluttes."), code="not_active")
    if not course.child_assessments.exists():
        raise DomainError(
            _("Forløbet kan ikke afsluttes, før børn i familien er vurderet og registreret."),
            field="child_assessment",
            code="child_assessment_missing",
        )
    at = _at(at, "ended_at", course)
    _discharge_admission(course, at, acting_user)
    _finish(course, at=at, end_kind=PsychiatricCourse.EndKind.PLANNED)
    return course


@transaction.atomic
def course_unplanned_discharge(
    *, course: PsychiatricCourse, relatives_informed: str, acting_user: User, at: datetime | None = None
) -> PsychiatricCourse:
    """The patient left without agreement (001 l. 6246): the municipal contact persons are alerted at once
    (a notice in their inbox) and the department records that relatives were informed as the patient wished.
    A coordination plan may follow. The admission is discharged at ``at``."""
    hospital_side(course=course, user=acting_user)
    course = (
        PsychiatricCourse.objects.select_for_update()
        .select_related("citizen__municipality")
        .get(pk=course.pk)
    )
    if course.state != PsychiatricCourse.State.ACTIVE:
        raise Conflict(_("Kun et forløb i behandling kan afsluttes."), code="not_active")
    if not relatives_informed.strip():
        raise DomainError(
            _(
                "Angiv hvordan pårørende er orienteret efter patientens ønske (eller at de ikke skal orienteres)."
            ),
            field="relatives_informed",
        )
    at = _at(at, "left_at", course)
    course.relatives_informed = relatives_informed.strip()
    _discharge_admission(course, at, acting_user)
    local = timezone.localtime(at)
    notice_send(
        course=course,
        kind=Notice.Kind.UNPLANNED,
        recipient=course.citizen.municipality,
        text=_("Patienten forlod %(department)s uden aftale %(at)s.")
        % {"department": course.department, "at": f"{local:%d.%m.%Y kl. %H.%M}"},
        acting_user=acting_user,
    )
    _finish(course, at=at, end_kind=PsychiatricCourse.EndKind.UNPLANNED)
    return course


@transaction.atomic
def gp_letter_send(*, course: PsychiatricCourse, text: str, acting_user: User) -> Notice:
    """Send the letter to the GP about the discharge or the end of district psychiatry (meets
    ``psychiatry.gp_letter``)."""
    hospital_side(course=course, user=acting_user)
    gp = course.citizen.gp_practice
    if gp is None:
        raise DomainError(_("Borgeren har ingen egen læge registreret."), field="text")
    if course.state != PsychiatricCourse.State.ENDED:
        raise Conflict(_("Brevet til egen læge sendes ved udskrivning eller afslutning."), code="not_ended")
    if not text.strip():
        raise DomainError(_("Skriv brevet til egen læge."), field="text")
    notice = notice_send(
        course=course, kind=Notice.Kind.GP_LETTER, recipient=gp, text=text.strip(), acting_user=acting_user
    )
    # The course has ended: the GP's relation from the letter ends with the same grace as the others.
    care_relation_end(source=relation_source(course.pk), at=notice.sent_at)
    ob.obligation_meet(
        subject=course,
        rule_code=ob.GP_LETTER,
        at=notice.sent_at,
        event="Brev sendt til egen læge",
        user=acting_user,
    )
    return notice


def course_sync_with_admission(*, course: PsychiatricCourse) -> bool:
    """Follow an admission that ended outside psychiatry (discharged, died, cancelled on the course page):
    return whether the psychiatric course changed. A cancelled admission cancels the pending obligations."""
    admission = course.admission
    if (
        admission is None
        or not course.is_open
        or admission.state in (Course.State.ADMITTED, Course.State.ON_LEAVE)
    ):
        return False
    with transaction.atomic():
        course = PsychiatricCourse.objects.select_for_update().get(pk=course.pk)
        if not course.is_open:
            return False
        at = admission.discharged_at or timezone.now()
        if admission.state == Course.State.DISCHARGED:
            _finish(course, at=at, end_kind=PsychiatricCourse.EndKind.PLANNED)
            return True
        reason = (
            _("Indlæggelsen er annulleret")
            if admission.state == Course.State.CANCELLED
            else _("Borgeren er død")
        )
        course.state, course.ended_at = PsychiatricCourse.State.ENDED, max(at, course.started_at or at)
        course.save(update_fields=["state", "ended_at"])
        for rule in ob.RULES:
            ob.obligation_moot(subject=course, rule_code=rule, reason=reason)
        care_relation_end(
            source=relation_source(course.pk),
            at=timezone.now(),
            grace=admission.state != Course.State.CANCELLED,
        )
        return True


__all__ = [
    "CONSENTED",
    "course_complete",
    "course_sync_with_admission",
    "course_unplanned_discharge",
    "gp_letter_send",
]
