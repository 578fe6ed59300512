"""What the agreements measure around one discharge: the preparation time the municipality actually got, the
færdigbehandlet days past the agreed time, the guidance of the 2021 agreement, and the warnings the ward
sees before it discharges (the confirm step)."""

from dataclasses import dataclass
from datetime import date, datetime

from admissions.models import Course
from discharge.due import NotificationDue, notification_dues
from discharge.models import DischargeNotification, DischargePlan, FinishedTreatment
from sundhedsaftale.deadlines.catalogue import calendar_for, rule_set_for
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.rules import rule_set
from sundhedsaftale.rulesets import AGREED_DISCHARGE
from sundhedsaftale.templatetags.dansk import dato, dato_tid
from sundhedsaftale.workdays import local_date


def first_notification(*, plan: DischargePlan) -> DischargeNotification | None:
    return DischargeNotification.objects.filter(plan=plan).order_by("sent_at", "pk").first()


def preparation_working_days(
    *,
    plan: DischargePlan,
    discharged_at: datetime | None,
    notifications: list[DischargeNotification] | None = None,
    course: Course | None = None,
) -> int | None:
    """Return the preparation time the municipality actually got: working days from the first notice to the
    discharge, by the municipality's calendar (0 when it was never notified); None while the citizen is not
    discharged. ``notifications`` are the plan's, when the caller has them already."""
    if discharged_at is None:
        return None
    if notifications is None:
        first_sent = getattr(first_notification(plan=plan), "sent_at", None)
    else:
        first_sent = min((n.sent_at for n in notifications if n.plan_id == plan.pk), default=None)
    if first_sent is None:
        return 0
    calendar = calendar_for((course or plan.course).citizen.municipality)
    return max(0, calendar.working_days_between(local_date(first_sent), local_date(discharged_at)))


def waiting_past_agreed_days(
    *, plan: DischargePlan, finished: FinishedTreatment | None, course: Course, today: date
) -> int:
    """Return the færdigbehandlede sengedage after the agreed discharge day (the municipality's): each day
    after both the finished-treatment date and the agreed day, up to the discharge (today while admitted)."""
    if finished is None or plan.agreed_date is None:
        return 0
    end = local_date(course.discharged_at) if course.discharged_at else today
    return max(0, (end - max(finished.finished_on, plan.agreed_date)).days)


def plan_guidance(*, plan: DischargePlan, course: Course | None = None) -> list[NotificationDue]:
    """Return the 2008 notice deadlines shown as guidance ("anbefalet forberedelsestid") when the plan's cluster
    works by the 2021 agreement; empty under the 2008 agreement (there they are the deadlines themselves)."""
    dues = notification_dues(
        course=course or plan.course,
        needs=plan.all_needs,
        planned_date=plan.planned_date,
        nursing_service_date=plan.nursing_service_date,
        rule_set=rule_set(plan.rule_set),
    )
    return [due for due in dues if due.advisory]


@dataclass(frozen=True)
class DischargeWarning:
    code: str
    text: str


def discharge_warnings(*, course: Course, plan: DischargePlan | None, at: datetime) -> list[DischargeWarning]:
    """Return why discharging at ``at`` misses an obligation, for the confirm step before the discharge (a
    warning, never a block): a need's notice not sent or too late for this discharge (2008), a discharge before
    the agreed day (2021), or a notice later than the recommended preparation time (2021 guidance)."""
    if plan is None:
        return []
    warnings = []
    discharged_on = local_date(at)
    chosen = rule_set_for(on=discharged_on, organisation=course.department)
    agreed = AGREED_DISCHARGE in chosen.rules
    first = first_notification(plan=plan)
    dues = notification_dues(
        course=course,
        needs=plan.all_needs,
        planned_date=discharged_on,
        nursing_service_date=plan.nursing_service_date,
        rule_set=chosen,
    )
    for due in dues:
        if first is not None and first.sent_at <= due.due.due_at:
            continue
        what = "Anbefalet forberedelsestid" if due.advisory else "Varslingsfristen"
        if first is None:
            text = f"{what} ({due.rule.title}): kommunen er ikke varslet; varsling senest {dato_tid(due.due.due_at)}."
        else:
            text = (
                f"{what} ({due.rule.title}): varslingen blev sendt {dato_tid(first.sent_at)}, "
                f"senest {dato_tid(due.due.due_at)} ved udskrivning {dato(discharged_on)}."
            )
        warnings.append(DischargeWarning(code="guidance" if due.advisory else "notice_late", text=text))
    if agreed and plan.agreed_date is not None and discharged_on < plan.agreed_date:
        warnings.append(
            DischargeWarning(
                code="before_agreed",
                text=f"Udskrivning før det aftalte tidspunkt ({dato(plan.agreed_date)}): registreres som "
                "hospitalets afvigelse, og afdelingen og kommunen får besked.",
            )
        )
    return warnings


@dataclass(frozen=True)
class ObligationLine:
    """One obligation as the board and the course page show it: due, and met / missed / still running."""

    title: str
    due_at: datetime
    label: str
    urgency: str
    rule_set: str
    advisory: bool = False


def obligation_lines(
    *, deadlines: list[Deadline], guidance: list[NotificationDue] | None = None, now: datetime
) -> list[ObligationLine]:
    """Return the lines for a plan's obligations, earliest first, with the 2021 guidance beside them
    ("Anbefalet": it warns, it is never missed)."""
    lines = [
        ObligationLine(
            title=deadline.title,
            due_at=deadline.due_at,
            label=obligation_label(deadline),
            urgency="breached" if obligation_label(deadline) == "Overskredet" else deadline.urgency(now),
            rule_set=deadline.rule_set,
        )
        for deadline in deadlines
    ]
    for due in guidance or []:
        lines.append(
            ObligationLine(
                title=f"Anbefalet forberedelsestid: {due.rule.title}",
                due_at=due.due.due_at,
                label="Anbefaling",
                urgency="due-soon" if due.due.warn_at <= now else "ok",
                rule_set=due.rule_set.code,
                advisory=True,
            )
        )
    return sorted(lines, key=lambda line: line.due_at)


def obligation_label(deadline: Deadline) -> str:
    """'Overholdt', 'Overskredet' (also a late notice) or 'Afventer' — the word the screens show."""
    if deadline.state == Deadline.State.MET and not deadline.met_late:
        return "Overholdt"
    if deadline.state == Deadline.State.BREACHED or deadline.met_late:
        return "Overskredet"
    return str(deadline.get_state_display())
