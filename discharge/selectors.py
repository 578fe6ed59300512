"""Read use-cases of discharge; every one that returns citizen data starts from the visibility rule."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from admissions.models import AdmissionReport, Consent, Course
from clusters.models import Organisation
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
from sundhedsaftale.workdays import local_date


def plan_deadline(*, plan: DischargePlan) -> Deadline | None:
    """Return the plan's current notification deadline (the newest row of its rule), or None."""
    return (
        Deadline.objects.for_subject(plan)
        .filter(rule_code=plan.rule_code)
        .order_by("-created_at", "-pk")
        .first()
    )


def course_get(*, user: Any, pk: int) -> Course:
    """Return the course if its citizen is visible to the user; Http404 otherwise (existence is not leaked)."""
    queryset = Course.objects.visible_to(user).select_related(
        "citizen__municipality", "citizen__gp_practice", "hospital", "department"
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


def course_discharge_get(*, user: Any, course: Course, today: date) -> CourseDischarge:
    """Return the discharge records of a course the user may see (the caller got ``course`` via ``course_get``)."""

    def rows(model: Any) -> Any:
        return model.objects.visible_to(user).filter(course=course)

    plan = rows(DischargePlan).first()
    deadline = None
    if plan is not None:
        deadline = (
            Deadline.objects.visible_to(user)
            .for_subject(plan)
            .filter(rule_code=plan.rule_code)
            .order_by("-created_at", "-pk")
            .first()
        )
    finished = rows(FinishedTreatment).first()
    return CourseDischarge(
        course=course,
        plan=plan,
        deadline=deadline,
        notifications=list(rows(DischargeNotification).select_related("sent_by")),
        date_changes=list(rows(DischargeDateChange).select_related("changed_by")),
        finished=finished,
        bed_days=finished_bed_days(finished=finished, course=course, today=today),
        conferences=list(rows(DischargeConference)),
        notice=rows(DischargeNotice).first(),
        reports=list(rows(DischargeReport)),
        letters=list(rows(DischargeLetter).for_readers(user).select_related("gp_practice")),
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
    rows = FinishedTreatment.objects.filter(finished_on__lt=end).select_related("course", "municipality")
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


# --- the ward board --------------------------------------------------------------------------------


@dataclass
class BoardRow:
    course: Course
    plan: DischargePlan | None = None
    next_deadline: Deadline | None = None
    urgency: str = ""
    missing: list[str] = field(default_factory=list)
    latest_reply: MunicipalReply | None = None
    open_changes: list[SuddenChange] = field(default_factory=list)
    notified: bool = False


def board_courses(*, user: Any, organisation: Organisation) -> QuerySet[Course]:
    """The current (open) courses at the department — or, for a hospital membership, the whole hospital."""
    courses = Course.objects.open()
    if organisation.kind == Organisation.Kind.HOSPITAL:
        courses = courses.filter(hospital=organisation)
    else:
        courses = courses.at_department(organisation.pk)
    return (
        courses.select_related("citizen__municipality", "department")
        .visible_to(user)
        .order_by("department__name", "citizen__name")
    )


def ward_board(*, user: Any, organisation: Organisation, today: date, now: Any) -> list[BoardRow]:
    """Return one row per current citizen of the department: state, next deadline, what is missing."""
    courses = list(board_courses(user=user, organisation=organisation))
    ids = [c.pk for c in courses]
    plans = {p.course_id: p for p in DischargePlan.objects.filter(course_id__in=ids)}
    reports = set(
        AdmissionReport.objects.filter(course_id__in=ids, state=AdmissionReport.State.SUBMITTED).values_list(
            "course_id", flat=True
        )
    )
    consents = set(
        Consent.objects.filter(course_id__in=ids, withdrawn_at__isnull=True).values_list(
            "course_id", flat=True
        )
    )
    notified = set(
        DischargeNotification.objects.filter(course_id__in=ids).values_list("course_id", flat=True)
    )
    replies: dict[int, MunicipalReply] = {}
    for reply in MunicipalReply.objects.filter(course_id__in=ids).order_by("replied_at", "pk"):
        replies[reply.course_id] = reply
    changes: dict[int, list[SuddenChange]] = defaultdict(list)
    for change in SuddenChange.objects.filter(course_id__in=ids, acknowledged_at__isnull=True):
        changes[change.course_id].append(change)
    deadlines: dict[int, Deadline] = {}
    citizen_course = {c.citizen_id: c.pk for c in courses}
    open_deadlines = (
        Deadline.objects.visible_to(user)
        .open()
        .filter(citizen_id__in=citizen_course)
        .order_by("due_at", "pk")
    )
    for deadline in open_deadlines:
        course_id = citizen_course.get(deadline.citizen_id)  # type: ignore[arg-type]
        if course_id is not None:
            deadlines.setdefault(course_id, deadline)
    board = []
    for course in courses:
        plan = plans.get(course.pk)
        missing = []
        if course.pk not in reports:
            missing.append("Indlæggelsesrapport")
        if course.pk not in consents:
            missing.append("Samtykke")
        if plan is None:
            missing.append("Udskrivningsplan")
        elif course.pk not in notified:
            missing.append("Varsling til kommunen")
        if plan is not None and plan.planned_date <= today:
            missing.append("Udskrivningsadvis")
        deadline = deadlines.get(course.pk)
        board.append(
            BoardRow(
                course=course,
                plan=plan,
                next_deadline=deadline,
                urgency=deadline.urgency(now) if deadline else "",
                missing=missing,
                latest_reply=replies.get(course.pk),
                open_changes=changes[course.pk],
                notified=course.pk in notified,
            )
        )
    return board


# --- the municipality and the GP -----------------------------------------------------------------


def expected_discharges(
    *, user: Any, municipality: Organisation, start: date, days: int
) -> QuerySet[DischargePlan]:
    """Plans of the municipality's citizens expected to be discharged in the next ``days`` days."""
    return (
        DischargePlan.objects.for_municipality(municipality.pk)
        .expected_between(start, start + timedelta(days=days))
        .visible_to(user)
        .with_course()
        .prefetch_related(
            "notifications", "date_changes", "course__discharge_conferences", "course__municipal_replies"
        )
        .order_by("planned_date", "course__citizen__name")
    )


def recent_discharge_notices(
    *, user: Any, municipality: Organisation, since: date
) -> QuerySet[DischargeNotice]:
    """The municipality's citizens discharged since ``since``, with the replies already given."""
    return (
        DischargeNotice.objects.for_municipality(municipality.pk)
        .filter(discharged_at__date__gte=since)
        .visible_to(user)
        .select_related("course__citizen", "course__department")
        .prefetch_related("replies")
    )


def letters_for_practice(*, user: Any, practice: Organisation) -> QuerySet[DischargeLetter]:
    """The epikriser sent to the GP practice, newest first."""
    return (
        DischargeLetter.objects.visible_to(user)
        .filter(gp_practice=practice)
        .select_related("course__citizen", "course__hospital", "course__department")
    )
