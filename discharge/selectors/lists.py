"""The lists of the discharge screens: the ward board, the municipality's discharges, the GP's epikriser.
Each starts from the visibility rule."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from admissions.models import AdmissionReport, Consent, Course
from discharge.health_consent import municipality_consent_exists
from discharge.models import (
    DischargeLetter,
    DischargeNotice,
    DischargeNotification,
    DischargePlan,
    MunicipalReply,
    SuddenChange,
)
from discharge.selectors.agreement import ObligationLine, obligation_lines
from discharge.selectors.course import plans_obligations
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation

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
    #: the course's state and kind as shown (``get_state_display`` rebuilds the choices per call: 200 rows)
    state_label: str = ""
    kind_label: str = ""
    #: the plan's obligations (each need's notice, the agreed time): due, met / missed / running
    lines: list[ObligationLine] = field(default_factory=list)
    #: where the citizen lies: the current stay's room and bed ("" when the ward has not said)
    room: str = ""
    bed: str = ""

    @property
    def place(self) -> str:
        """The room and bed as the board says them ("Stue 12, seng 2", "Seng 2"), "" when not given."""
        if self.room and self.bed:
            return f"Stue {self.room}, seng {self.bed}"
        return f"Stue {self.room}" if self.room else (f"Seng {self.bed}" if self.bed else "")


def board_courses(*, actor: Actor, organisation: Organisation) -> QuerySet[Course]:
    """The current (open) courses at the department — or, for a hospital membership, the whole hospital —
    with the current stay's room and bed (``stay_room``, ``stay_bed``) in the same query."""
    courses = Course.objects.open().with_place()
    if organisation.kind == Organisation.Kind.HOSPITAL:
        courses = courses.filter(hospital=organisation)
    else:
        courses = courses.at_department(organisation.pk)
    return (
        courses.select_related("citizen__municipality", "department__parent")
        .visible_to(actor)
        .order_by("department__name", "citizen__name")
    )


def _with_paperwork(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Each course with whether its admission report is submitted, a consent stands and the municipality has
    been notified (``has_report``, ``has_consent``, ``is_notified``), in the same query."""
    of_course = {"course": OuterRef("pk")}
    return courses.annotate(
        has_report=Exists(AdmissionReport.objects.filter(**of_course, state=AdmissionReport.State.SUBMITTED)),
        has_consent=Exists(Consent.objects.filter(**of_course, withdrawn_at__isnull=True)),
        is_notified=Exists(DischargeNotification.objects.filter(**of_course)),
    )


def ward_board(*, actor: Actor, organisation: Organisation, today: date, now: Any) -> list[BoardRow]:
    """Return one row per current citizen of the department: state, next deadline, what is missing."""
    courses = list(_with_paperwork(board_courses(actor=actor, organisation=organisation)))
    ids = [c.pk for c in courses]
    plans = {p.course_id: p for p in DischargePlan.objects.filter(course_id__in=ids)}
    obligations = plans_obligations(plans=list(plans.values()))
    replies: dict[int, MunicipalReply] = {}
    for reply in MunicipalReply.objects.filter(course_id__in=ids).order_by("replied_at", "pk"):
        replies[reply.course_id] = reply
    changes: dict[int, list[SuddenChange]] = defaultdict(list)
    # the changes the municipality reported to the ward (the ward's own reports go to the municipality)
    for change in SuddenChange.objects.filter(
        course_id__in=ids, acknowledged_at__isnull=True, reported_by_org__kind=Organisation.Kind.MUNICIPALITY
    ):
        changes[change.course_id].append(change)
    deadlines: dict[int, Deadline] = {}
    citizen_course = {c.citizen_id: c.pk for c in courses}
    # the citizens of the visible courses: their deadlines are visible by the same rule
    # (``DeadlineQuerySet.visible_to``); asking it again hashed the hospital's relations once more (6 of 7 ms)
    open_deadlines = Deadline.objects.open().filter(citizen_id__in=citizen_course).order_by("due_at", "pk")
    for open_deadline in open_deadlines:
        course_id = citizen_course.get(open_deadline.citizen_id)  # type: ignore[arg-type]
        if course_id is not None:
            deadlines.setdefault(course_id, open_deadline)
    states = {value: str(label) for value, label in Course.State.choices}
    kinds = {value: str(label) for value, label in Course.Kind.choices}
    board = []
    for course in courses:
        plan = plans.get(course.pk)
        missing = []
        if not course.has_report:  # type: ignore[attr-defined]
            missing.append("Indlæggelsesrapport")
        if not course.has_consent:  # type: ignore[attr-defined]
            missing.append("Samtykke")
        if plan is None:
            missing.append("Udskrivningsplan")
        elif not course.is_notified:  # type: ignore[attr-defined]
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
                notified=course.is_notified,  # type: ignore[attr-defined]
                state_label=states.get(course.state, course.state),
                kind_label=kinds.get(course.kind, course.kind),
                lines=obligation_lines(deadlines=obligations.get(plan.pk, []), now=now) if plan else [],
                room=getattr(course, "stay_room", None) or "",
                bed=getattr(course, "stay_bed", None) or "",
            )
        )
    return board


# --- the municipality and the GP -----------------------------------------------------------------


def expected_discharges(
    *, actor: Actor, municipality: Organisation, start: date, days: int
) -> QuerySet[DischargePlan]:
    """Plans of the municipality's citizens expected to be discharged in the next ``days`` days; each with
    ``shares_health``: whether the citizen consented to share health information (the need) with it."""
    return (
        DischargePlan.objects.for_municipality(municipality.pk)
        .expected_between(start, start + timedelta(days=days))
        .visible_to(actor)
        .with_course()
        .annotate(shares_health=municipality_consent_exists())
        .prefetch_related(
            "notifications", "date_changes", "course__discharge_conferences", "course__municipal_replies"
        )
        .order_by("planned_date", "course__citizen__name")
    )


def recent_discharge_notices(
    *, actor: Actor, municipality: Organisation, since: date
) -> QuerySet[DischargeNotice]:
    """The municipality's citizens discharged since ``since``, with the replies already given."""
    return (
        DischargeNotice.objects.for_municipality(municipality.pk)
        .filter(discharged_at__date__gte=since)
        .visible_to(actor)
        .select_related("course__citizen", "course__department__parent")
        .prefetch_related("replies")
    )


def sudden_changes_for_municipality(*, actor: Actor, municipality: Organisation) -> QuerySet[SuddenChange]:
    """The hospital's unacknowledged sudden changes (incl. death) about the municipality's citizens, newest first;
    the municipality's døgnhjemmepleje is their contact person."""
    return (
        SuddenChange.objects.for_municipality(municipality.pk)
        .filter(acknowledged_at__isnull=True)
        .exclude(reported_by_org__kind=Organisation.Kind.MUNICIPALITY)
        .visible_to(actor)
        .select_related("course__citizen", "reported_by_org__parent")
    )


def letters_for_practice(*, actor: Actor, practice: Organisation) -> QuerySet[DischargeLetter]:
    """The epikriser sent to the GP practice, newest first."""
    return (
        DischargeLetter.objects.visible_to(actor)
        .filter(gp_practice=practice)
        .select_related("course__citizen", "course__hospital", "course__department__parent")
    )


def letter_get_for_practice(*, actor: Actor, practice: Organisation, pk: int) -> DischargeLetter:
    """The epikrise sent to the practice, if the user may see it; Http404 otherwise (another practice's
    letters are not leaked)."""
    return get_object_or_404(letters_for_practice(actor=actor, practice=practice), pk=pk)
