"""Corrections of a course's start: the hospital reports that the admission happened at another time or at
another department of the same hospital (a MedCom RE_STIN / RE_STAA, or a registration error on the ward)."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent
from admissions.parties import Party, course_acting_organisation
from admissions.services.course import _aware
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y kl. %H:%M}"


@transaction.atomic
def course_correct_start(
    *,
    course: Course,
    admitted_at: datetime,
    department: Organisation,
    reason: str,
    acting_user: "User",
) -> Course:
    """Correct when and where the course began: the admission time and its first stay's start, and the
    department of the first stay (and of the course while that stay is the current one). Returns the course;
    an unchanged correction changes nothing.

    Raises Danish ``DomainError``: the user is not on the hospital side (403), the course was cancelled, the new
    department belongs to another hospital (that is a transfer), or the new time falls after the first stay
    ended, a leave began or the course ended.
    """
    organisation, _party = course_acting_organisation(
        course=course, user=acting_user, parties=(Party.HOSPITAL,)
    )
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.state == Course.State.CANCELLED:
        raise DomainError(_("Forløbet er annulleret og kan ikke rettes."), code="course_closed")
    _aware(admitted_at, "admitted_at")
    if department.kind != Organisation.Kind.DEPARTMENT or department.parent_id != course.hospital_id:
        raise DomainError(
            _("Rettelsen skal være til en afdeling på samme hospital; skift af hospital er en overflytning."),
            field="department",
            code="other_hospital",
        )
    first = course.stays.order_by("started_at", "pk").first()
    earliest_end = min(
        (
            moment
            for moment in (
                first.ended_at if first is not None else None,
                course.discharged_at,
                course.leaves.order_by("started_at").values_list("started_at", flat=True).first(),
            )
            if moment is not None
        ),
        default=None,
    )
    if earliest_end is not None and admitted_at > earliest_end:
        raise DomainError(
            _("Indlæggelsestidspunktet kan ikke rettes til efter %(at)s.") % {"at": _local(earliest_end)},
            field="admitted_at",
            code="after_end",
        )
    changes = []
    if admitted_at != course.admitted_at:
        changes.append(f"tidspunkt {_local(course.admitted_at)} → {_local(admitted_at)}")
    moved = first is not None and first.department_id != department.pk
    if moved and first is not None:
        changes.append(f"afdeling {first.department.name} → {department.name}")
    if not changes:
        return course
    course.admitted_at = admitted_at
    fields = ["admitted_at"]
    if first is not None:
        first.started_at = admitted_at
        first.department = department
        first.save(update_fields=["started_at", "department"])
        if course.stays.count() == 1:
            course.department = department
            fields.append("department")
    course.save(update_fields=fields)
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=timezone.now(),
        actor=acting_user,
        organisation=organisation,
        text=f"Indlæggelsen rettet: {'; '.join(changes)} ({reason.strip() or _('rettelse')})",
    )
    return course
