"""Read use-cases of psychiatry; every one goes through ``visible_to(actor)`` (the psychiatric care relation)."""

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from admissions.models import Course
from psychiatry.models import ChildAssessment, Notice, PsychiatricCourse, Referral
from psychiatry.services import obligations as ob
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor

PSYCHIATRIC_KINDS = ("psychiatry", "child_psychiatry")
OPEN_STATES = (
    PsychiatricCourse.State.REFERRED,
    PsychiatricCourse.State.WAITING,
    PsychiatricCourse.State.ACTIVE,
)


def course_list(*, actor: Actor, open_only: bool = True) -> QuerySet[PsychiatricCourse]:
    """The psychiatric courses the actor may see, with whether the children assessment is recorded."""
    rows = PsychiatricCourse.objects.visible_to(actor)
    if open_only:
        rows = rows.filter(state__in=OPEN_STATES)
    return (
        rows.select_related("citizen", "department__parent", "referral")
        .annotate(has_assessment=Exists(ChildAssessment.objects.filter(course=OuterRef("pk"))))
        .order_by("-started_at", "-pk")
    )


def _missing_assessment(rows: QuerySet[PsychiatricCourse]) -> QuerySet[PsychiatricCourse]:
    """Courses past visitation without the children-in-the-family assessment."""
    return rows.filter(~Exists(ChildAssessment.objects.filter(course=OuterRef("pk")))).exclude(
        state__in=(PsychiatricCourse.State.REFERRED, PsychiatricCourse.State.REJECTED)
    )


def board_worklist(*, actor: Actor) -> dict[str, list[PsychiatricCourse]]:
    """The ward board: open courses, and ended courses still missing the children-in-the-family assessment."""
    open_courses = list(course_list(actor=actor))
    missing = list(_missing_assessment(course_list(actor=actor, open_only=False)))
    deadlines = open_deadlines(courses=[*open_courses, *missing])
    for course in [*open_courses, *missing]:
        course.open_deadlines = deadlines.get(course.pk, [])  # type: ignore[attr-defined]
    return {"courses": open_courses, "missing_assessment": missing}


def open_deadlines(*, courses: list[PsychiatricCourse]) -> dict[int, list[Deadline]]:
    """The open deadlines of each course (the course or its referral as subject), in one query per subject type."""
    from django.contrib.contenttypes.models import ContentType

    result: dict[int, list[Deadline]] = {}
    ids = [c.pk for c in courses]
    referrals = dict(Referral.objects.filter(course_id__in=ids).values_list("pk", "course_id"))
    for model, mapping in ((PsychiatricCourse, {i: i for i in ids}), (Referral, referrals)):
        kind = ContentType.objects.get_for_model(model)
        for deadline in Deadline.objects.open().filter(subject_type=kind, subject_id__in=list(mapping)):
            result.setdefault(mapping[deadline.subject_id], []).append(deadline)
    return result


def inbox(
    *,
    actor: Actor,
    unread_only: bool = False,
    read: str = "",
    kind: str = "",
    sent_from: datetime | None = None,
    sent_before: datetime | None = None,
) -> QuerySet[Notice]:
    """The notices addressed to the actor's organisation (municipality or practice), newest first; narrowed to
    the unread (``unread_only`` or ``read="ulaest"``) or read ones (``read="laest"``), one kind, and those sent
    in ``sent_from..sent_before``."""
    rows = Notice.objects.visible_to(actor).filter(recipient_id__in=actor.organisation_ids)
    if unread_only or read == "ulaest":
        rows = rows.filter(read_at__isnull=True)
    elif read == "laest":
        rows = rows.filter(read_at__isnull=False)
    if kind:
        rows = rows.filter(kind=kind)
    if sent_from is not None:
        rows = rows.filter(sent_at__gte=sent_from)
    if sent_before is not None:
        rows = rows.filter(sent_at__lt=sent_before)
    return rows.select_related("course__citizen", "course__department__parent", "recipient")


def admissions_awaiting_course(*, actor: Actor) -> QuerySet[Course]:
    """Open admissions at the actor's psychiatric departments that have no psychiatric course yet."""
    return (
        Course.objects.visible_to(actor)
        .open()
        .filter(department_id__in=actor.organisation_ids, department__department_kind__in=PSYCHIATRIC_KINDS)
        .filter(psychiatric_course__isnull=True)
        .select_related("citizen")
        .order_by("-admitted_at")
    )


def course_get(*, actor: Actor, pk: int) -> PsychiatricCourse:
    """The course with everything its page shows; raises DoesNotExist when not visible."""
    return (
        PsychiatricCourse.objects.visible_to(actor)
        .select_related("citizen__municipality", "citizen__gp_practice", "department__parent", "admission")
        .prefetch_related(
            "contact_persons", "relatives", "meetings", "treatment_plans", "care_plans", "child_assessments"
        )
        .get(pk=pk)
    )


def course_deadlines(*, course: PsychiatricCourse) -> list[Deadline]:
    rows = ob.obligations_of(subject=course)
    referral = getattr(course, "referral", None) if hasattr(course, "referral") else None
    if referral is not None:
        rows += ob.obligations_of(subject=referral)
    for plan in course.care_plans.all():
        rows += ob.obligations_of(subject=plan)
    return sorted(rows, key=lambda d: d.due_at)


def course_notices(*, actor: Actor, course: PsychiatricCourse) -> list[Notice]:
    return list(Notice.objects.visible_to(actor).filter(course=course).select_related("recipient"))


def counts(*, actor: Actor) -> dict[str, Any]:
    """Counts for the dashboard panel (no names)."""
    if actor.organisation_kind in ("hospital", "department"):
        worklist = course_list(actor=actor, open_only=False)
        return {
            "open": course_list(actor=actor).count(),
            "missing_assessment": _missing_assessment(worklist).count(),
        }
    return {"unread": inbox(actor=actor, unread_only=True).count()}
