"""The end of a course: discharge, death and cancellation. Admissions owns every write to the course, its stays,
leaves, the home care it paused and the care relations it gave; the apps above (discharge, MedCom events)
call these services and then settle their own records."""

from datetime import datetime

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent, HomeCareService
from admissions.parties import Party, course_acting_organisation
from admissions.services.course import (
    _hospital_side,
    _not_future,
    _open,
    course_care_relations_end,
)
from admissions.services.notices import home_care_resume
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.querysets import DeadlineQuerySet
from sundhedsaftale.deadlines.services import deadline_cancel
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.templatetags.dansk import dato_tid

INFO_REPLY_RULE = "admission.info_reply"

# What the end is called in the refusals of a moment before the admission, the open leave or the current stay.
_BEFORE = {
    "discharge": (
        gettext_lazy("Udskrivningen kan ikke ligge før indlæggelsen (%(at)s)."),
        gettext_lazy("Udskrivningen kan ikke ligge før orloven begyndte (%(at)s)."),
        gettext_lazy("Udskrivningen kan ikke ligge før det nuværende ophold begyndte (%(at)s)."),
    ),
    "death": (
        gettext_lazy("Dødstidspunktet kan ikke ligge før indlæggelsen (%(at)s)."),
        gettext_lazy("Dødstidspunktet kan ikke ligge før orloven begyndte (%(at)s)."),
        gettext_lazy("Dødstidspunktet kan ikke ligge før det nuværende ophold begyndte (%(at)s)."),
    ),
}


def _local(moment: datetime) -> str:
    return dato_tid(moment)


def _end_moment_check(*, course: Course, at: datetime, field: str, end: str) -> None:
    """Refuse an end before the admission, the open leave or the current stay began (Danish ``DomainError`` on
    ``field``): ending them then would end them before they started."""
    before_admission, before_leave, before_stay = (str(text) for text in _BEFORE[end])
    if at < course.admitted_at:
        raise DomainError(
            before_admission % {"at": _local(course.admitted_at)}, field=field, code="before_admission"
        )
    leave = course.leaves.filter(ended_at__isnull=True, started_at__gt=at).order_by("started_at").first()
    if leave is not None:
        raise DomainError(before_leave % {"at": _local(leave.started_at)}, field=field, code="before_leave")
    stay = course.stays.filter(ended_at__isnull=True, started_at__gt=at).order_by("started_at").first()
    if stay is not None:
        raise DomainError(before_stay % {"at": _local(stay.started_at)}, field=field, code="before_stay")


def course_death_moment_check(*, course: Course, died_at: datetime, field: str = "died_at") -> None:
    """Refuse a time of death before the admission, the current stay or the open leave began (Danish
    ``DomainError`` on ``field``)."""
    _end_moment_check(course=course, at=died_at, field=field, end="death")


def _course_end(*, course: Course, state: str, at: datetime, grace: bool, acting_user: "User") -> None:
    """The one place a course ends: its state (and ``discharged_at`` at discharge), the open stay and leave end
    at ``at``, its hospitals' care relations end (``grace``: after the follow-up window, else at once) and the
    home care its admission paused resumes (ends, after a death)."""
    course.state = state
    fields = ["state"]
    if state == Course.State.DISCHARGED:
        course.discharged_at = at
        fields.append("discharged_at")
    course.save(update_fields=fields)
    course.stays.filter(ended_at__isnull=True).update(ended_at=at)
    course.leaves.filter(ended_at__isnull=True).update(ended_at=at)
    course_care_relations_end(course=course, at=at, grace=grace)
    home_care_resume(course=course, at=at, acting_user=acting_user)


def _deadlines_cancel(deadlines: DeadlineQuerySet, *, reason: str) -> int:
    """Cancel these open deadlines (through the kernel's ``deadline_cancel``, one subject and rule at a time)."""
    cancelled = 0
    for deadline in deadlines.select_related("subject_type"):
        if (subject := deadline.subject) is not None:
            cancelled += deadline_cancel(subject=subject, rule_code=deadline.rule_code, reason=reason)
    return cancelled


def _course_deadlines(course: Course) -> DeadlineQuerySet:
    """The deadlines whose subject is the course or a record of it, in any app: a model with a ``course`` foreign
    key to it (information requests, the discharge plan, rehab plans...). Admissions imports no app above it."""
    deadlines: DeadlineQuerySet = Deadline.objects.filter(citizen_id=course.citizen_id)
    condition = Q(subject_type=ContentType.objects.get_for_model(Course), subject_id=course.pk)
    for type_id in deadlines.order_by().values_list("subject_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(type_id).model_class()
        try:
            field = model._meta.get_field("course") if model is not None else None
        except FieldDoesNotExist:
            continue
        if field is None or field.related_model is not Course:
            continue
        records = model._default_manager.filter(course=course).values("pk")  # type: ignore[union-attr]
        condition |= Q(subject_type_id=type_id, subject_id__in=records)
    return deadlines.filter(condition)


@transaction.atomic
def course_discharge(
    *,
    course: Course,
    at: datetime,
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> Course:
    """End the course as discharged at ``at``: the open stay and leave end, the home care the admission paused
    resumes, the hospitals' care relations end after the follow-up window and the information requests' 24-hour
    replies not yet due are cancelled (a breach stays). Returns the course.

    The caller settles its own records (the discharge app: the notice, the plan's deadlines). Raises Danish
    ``DomainError``: the user is not on the hospital side (403), the course has ended, or ``at`` is in the
    future or before the admission, the open leave or the current stay.
    """
    course_acting_organisation(
        course=course, user=acting_user, preferred=acting_organisation, parties=(Party.HOSPITAL,)
    )
    course = Course.objects.select_for_update().select_related("citizen__municipality").get(pk=course.pk)
    _open(course)
    _not_future(at, "discharged_at")
    _end_moment_check(course=course, at=at, field="discharged_at", end="discharge")
    _course_end(course=course, state=Course.State.DISCHARGED, at=at, grace=True, acting_user=acting_user)
    info_replies = _course_deadlines(course).open().filter(rule_code=INFO_REPLY_RULE, due_at__gt=at)
    _deadlines_cancel(info_replies, reason=_("Borgeren er udskrevet"))
    return course


@transaction.atomic
def course_record_death(*, course: Course, died_at: datetime, acting_user: "User") -> Course:
    """Record the citizen's death: the course ends as deceased, the citizen is marked dead, open stays and
    leaves end, the hospitals' care relations end after the follow-up window, home care ends, open information
    requests' deadlines are cancelled and the fixed contact person is notified at once (the agreement: sudden
    changes, death included). Returns the course."""
    organisation = _hospital_side(course, acting_user)
    course = Course.objects.select_for_update().select_related("citizen").get(pk=course.pk)
    _open(course)
    _not_future(died_at, "died_at")
    course_death_moment_check(course=course, died_at=died_at)
    course.citizen.deceased_at = died_at
    course.citizen.save(update_fields=["deceased_at"])
    _course_end(course=course, state=Course.State.DECEASED, at=died_at, grace=True, acting_user=acting_user)
    HomeCareService.objects.filter(citizen=course.citizen).exclude(
        status=HomeCareService.Status.ENDED
    ).update(status=HomeCareService.Status.ENDED)
    _deadlines_cancel(
        _course_deadlines(course).open().filter(rule_code=INFO_REPLY_RULE), reason=_("Borgeren er død")
    )
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.DECEASED,
        at=died_at,
        actor=acting_user,
        organisation=organisation,
    )
    if course.contact_name:
        text = (
            f"{course.contact_name} ({course.contact_role}), tlf. {course.contact_phone}, underrettet straks"
        )
    else:
        text = "Ingen fast kontaktperson registreret: afdelingen underretter pårørende og kommune direkte"
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.CONTACT_NOTIFIED,
        at=timezone.now(),
        actor=acting_user,
        organisation=organisation,
        text=text,
    )
    return course


@transaction.atomic
def course_cancel(*, course: Course, reason: str, acting_user: "User") -> Course:
    """Cancel a course registered in error or an admission that did not happen: the course ends as cancelled
    now, its open stay and leave end, the home care the admission paused resumes, and every pending deadline of
    the course's records (in any app) is cancelled; a breached or met deadline is never rewritten.

    No treatment happened, so the hospitals' care relations end at once (no follow-up window): the ward loses
    sight of the citizen unless another relation remains. Raises Danish ``DomainError`` when the user is not on
    the hospital side (403), the course has ended, or no reason is given. Returns the course.
    """
    organisation = _hospital_side(course, acting_user)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Angiv årsagen til annulleringen."), field="reason")
    course = Course.objects.select_for_update().select_related("citizen").get(pk=course.pk)
    _open(course)
    starts = [
        *course.stays.filter(ended_at__isnull=True).values_list("started_at", flat=True),
        *course.leaves.filter(ended_at__isnull=True).values_list("started_at", flat=True),
    ]
    at = max([timezone.now(), *starts])  # a stay "ahead" within the clock tolerance ends when it began
    _course_end(course=course, state=Course.State.CANCELLED, at=at, grace=False, acting_user=acting_user)
    pending = _course_deadlines(course).filter(state=Deadline.State.PENDING)
    _deadlines_cancel(pending, reason=_("Forløbet er annulleret: %(reason)s") % {"reason": reason})
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=at,
        actor=acting_user,
        organisation=organisation,
        text=f"Forløbet annulleret: {reason}",
    )
    return course
