"""Read use-cases of one course's discharge and the færdigbehandlede sengedage it counts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from admissions.models import Course
from discharge.health_consent import municipality_consent_exists, need_withheld, reads_for_hospital
from discharge.models import (
    DischargeConference,
    DischargeDateChange,
    DischargeLetter,
    DischargeNotice,
    DischargeNotification,
    DischargePlan,
    DischargeReport,
    DischargeTimeProposal,
    FinishedTreatment,
    MunicipalReply,
    SuddenChange,
)
from discharge.selectors.agreement import (
    obligation_lines,
    plan_guidance,
    preparation_working_days,
    waiting_past_agreed_days,
)
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rules import rule_set
from sundhedsaftale.rulesets import AGREED_DISCHARGE
from sundhedsaftale.workdays import TZ, local_date


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in Danish time, for comparing a date with stored moments."""
    return datetime(day.year, day.month, day.day, tzinfo=TZ)


def planned_discharge_date(*, course: Course) -> date | None:
    """Return the planned discharge date of the course's plan, or None (no plan yet). A bare date about a course
    the caller already holds (rehab's periodic pull has no user), so no visibility rule: it shows no record."""
    return DischargePlan.objects.filter(course=course).values_list("planned_date", flat=True).first()


def _current(rows: Any, codes: list[str]) -> dict[str, Deadline]:
    """The newest row per rule code of ``codes`` (rows ordered oldest first)."""
    current: dict[str, Deadline] = {}
    for deadline in rows:
        if deadline.rule_code in codes:
            current[deadline.rule_code] = deadline
    return current


def plan_obligations(*, plan: DischargePlan) -> list[Deadline]:
    """Return the plan's obligations, earliest due first: the current notice deadline of each need (2008) and
    the agreed discharge time judged at the discharge (2021)."""
    rows = Deadline.objects.for_subject(plan).order_by("created_at", "pk")
    current = _current(rows, [*plan.rule_codes, AGREED_DISCHARGE])
    return sorted(current.values(), key=lambda deadline: deadline.due_at)


def plan_deadline(*, plan: DischargePlan) -> Deadline | None:
    """Return the plan's earliest current notice deadline (of any of its needs), or None."""
    rows = Deadline.objects.for_subject(plan).order_by("created_at", "pk")
    current = _current(rows, plan.rule_codes)
    return min(current.values(), key=lambda deadline: deadline.due_at, default=None)


def plans_obligations(*, plans: list[DischargePlan]) -> dict[int, list[Deadline]]:
    """Return each plan's obligations (as ``plan_obligations``) by plan id, in one query."""
    by_id = {plan.pk: plan for plan in plans}
    if not by_id:
        return {}
    rows: dict[int, list[Deadline]] = defaultdict(list)
    for deadline in Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(DischargePlan), subject_id__in=by_id
    ).order_by("created_at", "pk"):
        rows[deadline.subject_id].append(deadline)
    return {
        pk: sorted(
            _current(rows.get(pk, []), [*plan.rule_codes, AGREED_DISCHARGE]).values(),
            key=lambda deadline: deadline.due_at,
        )
        for pk, plan in by_id.items()
    }


def plan_deadlines(
    *, plans: list[DischargePlan], obligations: dict[int, list[Deadline]] | None = None
) -> dict[int, Deadline]:
    """Return each plan's earliest current notice deadline (as ``plan_deadline``) by plan id, in one query (none
    when the caller passes the plans' ``obligations`` from ``plans_obligations`` already)."""
    by_id = {plan.pk: plan for plan in plans}
    earliest: dict[int, Deadline] = {}
    if obligations is None:
        obligations = plans_obligations(plans=plans)
    for pk, rows in obligations.items():
        notices = [row for row in rows if pk in by_id and row.rule_code in by_id[pk].rule_codes]
        if notices:
            earliest[pk] = notices[0]
    return earliest


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
    #: every obligation of the plan (one notice per need, the agreed time), earliest first
    obligations: list[Deadline] = field(default_factory=list)
    #: the 2008 notice deadlines as guidance under the 2021 agreement ("anbefalet forberedelsestid")
    guidance: list[Any] = field(default_factory=list)
    proposals: list[DischargeTimeProposal] = field(default_factory=list)
    preparation_days: int | None = None
    waiting_past_agreed: int = 0
    #: obligations and guidance as the page shows them (due; met / missed / running)
    lines: list[Any] = field(default_factory=list)
    #: the plan follows the 2021 agreement (agreed discharge time, no fixed notice deadline)
    agreed_rule_set: bool = False
    #: the need, the notes and the per-need obligations are health information the reader may not see
    #: (not the hospital side, and no consent to share with the municipality: l. 1406)
    need_withheld: bool = False


def course_discharge_get(*, actor: Actor, course: Course, today: date) -> CourseDischarge:
    """Return the discharge records of a course the user may see (the caller got ``course`` via ``course_get``)."""

    def rows(model: Any) -> Any:
        return model.objects.visible_to(actor).filter(course=course)

    plan = rows(DischargePlan).first()
    finished = rows(FinishedTreatment).select_related("municipality").first()
    notice = rows(DischargeNotice).select_related("municipality").first()
    notifications = list(rows(DischargeNotification).select_related("sent_by", "municipality"))
    deadline = None
    extra: dict[str, Any] = {}
    if plan is not None:
        # the plan is visible, so are its deadlines (the same citizen)
        obligations = plan_obligations(plan=plan)
        deadline = next((row for row in obligations if row.rule_code in plan.rule_codes), None)
        agreed = AGREED_DISCHARGE in rule_set(plan.rule_set).rules
        guidance = plan_guidance(plan=plan, course=course) if agreed else []
        extra = {
            "obligations": obligations,
            "guidance": guidance,
            "lines": obligation_lines(deadlines=obligations, guidance=guidance, now=timezone.now()),
            "agreed_rule_set": agreed,
            "proposals": list(rows(DischargeTimeProposal).select_related("proposed_by_org", "proposed_by"))
            if agreed
            else [],
            "preparation_days": preparation_working_days(
                plan=plan, discharged_at=course.discharged_at, notifications=notifications, course=course
            ),
            "waiting_past_agreed": waiting_past_agreed_days(
                plan=plan, finished=finished, course=course, today=today
            ),
        }
    # the hospital side reads its own plan whole: only another reader costs the consent look-up
    withheld = not reads_for_hospital(actor) and need_withheld(
        actor=actor,
        municipality_consent=Course.objects.filter(pk=course.pk)
        .filter(municipality_consent_exists("pk"))
        .exists(),
    )
    return CourseDischarge(
        need_withheld=withheld,
        course=course,
        plan=plan,
        deadline=deadline,
        notifications=notifications,
        date_changes=list(rows(DischargeDateChange).select_related("changed_by")),
        finished=finished,
        bed_days=finished_bed_days(finished=finished, course=course, today=today),
        conferences=list(rows(DischargeConference)),
        notice=notice,
        reports=list(rows(DischargeReport)),
        letters=list(rows(DischargeLetter).select_related("gp_practice")),
        replies=list(rows(MunicipalReply).select_related("replied_by")),
        sudden_changes=list(rows(SuddenChange).select_related("reported_by_org")),
        **extra,
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
