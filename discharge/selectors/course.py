"""Read use-cases of one course's discharge and the færdigbehandlede sengedage it counts."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404

from admissions.models import Course
from discharge.models import (
    DischargeConference,
    DischargeDateChange,
    DischargeLetter,
    DischargeNotice,
    DischargeNotification,
    DischargePlan,
    DischargeReport,
    FinishedTreatment,
    MunicipalReply,
    SuddenChange,
)
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import TZ, local_date


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in Danish time, for comparing a date with stored moments."""
    return datetime(day.year, day.month, day.day, tzinfo=TZ)


def planned_discharge_date(*, course: Course) -> date | None:
    """Return the planned discharge date of the course's plan, or None (no plan yet). A bare date about a course
    the caller already holds (rehab's periodic pull has no user), so no visibility rule: it shows no record."""
    return DischargePlan.objects.filter(course=course).values_list("planned_date", flat=True).first()


def plan_deadline(*, plan: DischargePlan) -> Deadline | None:
    """Return the plan's current notification deadline (the newest row of its rule), or None."""
    return (
        Deadline.objects.for_subject(plan)
        .filter(rule_code=plan.rule_code)
        .order_by("-created_at", "-pk")
        .first()
    )


def plan_deadlines(*, plans: list[DischargePlan]) -> dict[int, Deadline]:
    """Return each plan's current notification deadline (as ``plan_deadline``) by plan id, in one query."""
    codes = {plan.pk: plan.rule_code for plan in plans}
    if not codes:
        return {}
    current: dict[int, Deadline] = {}
    rows = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(DischargePlan), subject_id__in=codes
    ).order_by("created_at", "pk")
    for deadline in rows:
        if codes.get(deadline.subject_id) == deadline.rule_code:
            current[deadline.subject_id] = deadline  # the newest row of the plan's rule wins
    return current


def course_get(*, actor: Actor, pk: int) -> Course:
    """Return the course if its citizen is visible to the user; Http404 otherwise (existence is not leaked)."""
    queryset = Course.objects.visible_to(actor).select_related(
        "citizen__municipality", "citizen__gp_practice", "hospital", "department__parent"
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass
class CourseDischarge:
    """Everything about one course's discharge, for its page."""

    course: Course
    plan: DischargePlan | None
    deadline: Deadline | None
    notifications: list[DischargeNotification]
    date_changes: list[DischargeDateChange]
    finished: FinishedTreatment | None
    bed_days: int
    conferences: list[DischargeConference]
    notice: DischargeNotice | None
    reports: list[DischargeReport]
    letters: list[DischargeLetter]
    replies: list[MunicipalReply]
    sudden_changes: list[SuddenChange]


def course_discharge_get(*, actor: Actor, course: Course, today: date) -> CourseDischarge:
    """Return the discharge records of a course the user may see (the caller got ``course`` via ``course_get``)."""

    def rows(model: Any) -> Any:
        return model.objects.visible_to(actor).filter(course=course)

    plan = rows(DischargePlan).first()
    # the plan is visible, so is its deadline (the same citizen)
    deadline = plan_deadline(plan=plan) if plan is not None else None
    finished = rows(FinishedTreatment).select_related("municipality").first()
    return CourseDischarge(
        course=course,
        plan=plan,
        deadline=deadline,
        notifications=list(rows(DischargeNotification).select_related("sent_by", "municipality")),
        date_changes=list(rows(DischargeDateChange).select_related("changed_by")),
        finished=finished,
        bed_days=finished_bed_days(finished=finished, course=course, today=today),
        conferences=list(rows(DischargeConference)),
        notice=rows(DischargeNotice).select_related("municipality").first(),
        reports=list(rows(DischargeReport)),
        letters=list(rows(DischargeLetter).select_related("gp_practice")),
        replies=list(rows(MunicipalReply).select_related("replied_by")),
        sudden_changes=list(rows(SuddenChange).select_related("reported_by_org")),
    )


# --- færdigbehandlede sengedage (the key figure) --------------------------------------------------


def finished_bed_days(*, finished: FinishedTreatment | None, course: Course, today: date) -> int:
    """Return the færdigbehandlede sengedage of a course: each day after the finished-treatment date up to
    and including the discharge day (today while still admitted)."""
    if finished is None:
        return 0
    end = local_date(course.discharged_at) if course.discharged_at else today
    return max(0, (end - finished.finished_on).days)


def finished_bed_days_for_course(*, course: Course, today: date) -> int:
    finished = FinishedTreatment.objects.filter(course=course).first()
    return finished_bed_days(finished=finished, course=course, today=today)


def finished_bed_days_by_municipality(
    *, start: date, end: date, today: date, municipality_ids: list[int] | None = None
) -> dict[Organisation, int]:
    """Return the færdigbehandlede sengedage per municipality that fall in ``start..end`` (inclusive).

    Aggregated figures only (no citizen data), so steering groups may read them. A day counts in the
    period it falls in, so a long wait is split over the periods it spans.
    """
    rows = (
        FinishedTreatment.objects.filter(finished_on__lt=end)
        # a course discharged before the period has no day in it
        .filter(Q(course__discharged_at__isnull=True) | Q(course__discharged_at__gte=local_midnight(start)))
        .select_related("course", "municipality")
    )
    if municipality_ids is not None:
        rows = rows.filter(municipality_id__in=municipality_ids)
    totals: dict[Organisation, int] = defaultdict(int)
    for finished in rows:
        course = finished.course
        last = local_date(course.discharged_at) if course.discharged_at else today
        first = max(finished.finished_on + timedelta(days=1), start)
        days = (min(last, end) - first).days + 1
        if days > 0:
            totals[finished.municipality] += days
    return dict(totals)
