"""The psychiatric deadlines, through the kernel's engine.

Psychiatric deadlines carry no citizen (``citizen=None``): the kernel shows a deadline with a citizen to anyone
who sees the citizen, and a somatic ward of the same hospital must not learn of a psychiatric admission from a
``psychiatry.treatment_plan`` on the citizen's timeline. Without a citizen a deadline is seen by its responsible
department and its counterpart only (``DeadlineQuerySet.visible_to``), which are exactly the parties.
"""

from datetime import date, datetime

from django.db.models import Model
from django.utils import timezone

from psychiatry.models import PsychiatricCourse
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.services import deadline_cancel, deadline_ensure, deadline_meet
from sundhedsaftale.organisations.models import Organisation

MUNICIPALITY_INFORMED = "psychiatry.municipality_informed"
GP_INFORMED = "psychiatry.gp_informed"
TREATMENT_PLAN = "psychiatry.treatment_plan"
GP_LETTER = "psychiatry.gp_letter"
ACTION_PLAN_FOLLOW_UP = "psychiatry.action_plan_follow_up"
END_NOTICE = "child_psychiatry.end_notice"
WAITLIST_CONTACT = "child_psychiatry.waitlist_contact"

RULES = (
    MUNICIPALITY_INFORMED,
    GP_INFORMED,
    TREATMENT_PLAN,
    GP_LETTER,
    ACTION_PLAN_FOLLOW_UP,
    END_NOTICE,
    WAITLIST_CONTACT,
)


def obligation_ensure(
    *,
    course: PsychiatricCourse,
    rule_code: str,
    anchor: date | datetime,
    counterpart: Organisation | None = None,
    subject: Model | None = None,
    responsible: Organisation | None = None,
) -> Deadline:
    """Create (or recompute) the deadline ``rule_code`` of the course (or of ``subject``), the department
    responsible unless ``responsible`` says otherwise."""
    return deadline_ensure(
        subject=subject or course,
        rule_code=rule_code,
        anchor=anchor,
        responsible=responsible or course.department,
        counterpart=counterpart,
        citizen=None,
    )


def obligation_meet(
    *, subject: Model, rule_code: str, event: str, at: datetime | None = None, user: object = None
) -> Deadline | None:
    """Settle the open deadline as met by ``event`` (late when after its due time)."""
    return deadline_meet(subject=subject, rule_code=rule_code, at=at, event=event, user=user)  # type: ignore[arg-type]


def obligation_moot(*, subject: Model, rule_code: str, reason: str) -> int:
    """Cancel the deadline when the obligation became moot, only while it is pending and not yet due: a breach
    (or a deadline already past due, which the scan will mark) is never erased."""
    open_deadline = (
        Deadline.objects.for_subject(subject)
        .filter(rule_code=rule_code, state=Deadline.State.PENDING, due_at__gt=timezone.now())
        .first()
    )
    if open_deadline is None:
        return 0
    return deadline_cancel(subject=subject, rule_code=rule_code, reason=reason)


def obligations_of(*, subject: Model) -> list[Deadline]:
    """The deadlines of a subject, earliest due first."""
    return list(Deadline.objects.for_subject(subject).order_by("due_at", "pk"))
