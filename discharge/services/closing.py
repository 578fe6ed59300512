"""Ending a course at discharge: the stay, the leave, the paused home care and the deadlines discharge makes moot.

TODO(admissions): admissions has no service that ends a course as discharged (only ``course_record_death``).
Until it offers one, this is the single place that writes ``Course.discharged_at``/``state``; switch to the
admissions service when it exists and delete this module.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.services import course_care_relations_end, home_care_resume
from discharge.models import DischargePlan
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.deadlines.services import deadline_cancel
from sundhedsaftale.errors import DomainError

INFO_REPLY_RULE = "admission.info_reply"
DISCHARGED_REASON = "Borgeren er udskrevet"


def _moot_deadline_cancel(*, subject: Any, rule_code: str | None, at: datetime) -> int:
    """Cancel the subject's open deadlines still running at ``at``; one already due stays as it is, so a
    breach is never rewritten (DOMAIN.md: changing the anchor never rewrites met or breached deadlines)."""
    deadlines = Deadline.objects.for_subject(subject).open().filter(due_at__gt=at)
    if rule_code:
        deadlines = deadlines.filter(rule_code=rule_code)
    cancelled = 0
    for code in set(deadlines.values_list("rule_code", flat=True)):
        cancelled += deadline_cancel(subject=subject, rule_code=code, reason=DISCHARGED_REASON)
    return cancelled


@transaction.atomic
def course_close_as_discharged(*, course: Course, at: datetime, acting_user: Any) -> int:
    """End the course as discharged at ``at``: close the open stay and leave, resume the home care the
    admission paused (admissions' ``home_care_resume``) and cancel the deadlines discharge makes moot — the
    plan's notification deadline and the information requests' 24-hour replies, when not yet due.

    The caller holds the course row (``select_for_update``) and has checked that it is open. Returns how many
    deadlines were cancelled. Raises DomainError (Danish) when ``at`` lies before the current stay or leave.
    """
    if timezone.is_naive(at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field="discharged_at")
    started = course.stays.filter(ended_at__isnull=True, started_at__gt=at).order_by("-started_at").first()
    if started is not None:
        raise DomainError(
            _("Udskrivningen kan ikke ligge før det nuværende ophold begyndte (%(at)s).")
            % {"at": f"{timezone.localtime(started.started_at):%d.%m.%Y kl. %H:%M}"},
            field="discharged_at",
            code="before_stay",
        )
    if course.leaves.filter(ended_at__isnull=True, started_at__gt=at).exists():
        raise DomainError(
            _("Udskrivningen kan ikke ligge før orloven begyndte."),
            field="discharged_at",
            code="before_leave",
        )
    course.discharged_at = at
    course.state = Course.State.DISCHARGED
    course.save(update_fields=["discharged_at", "state"])
    course.stays.filter(ended_at__isnull=True).update(ended_at=at)
    course.leaves.filter(ended_at__isnull=True).update(ended_at=at)
    course_care_relations_end(course=course, at=at)
    home_care_resume(course=course, at=at, acting_user=acting_user)
    cancelled = 0
    plan = DischargePlan.objects.filter(course=course).first()
    if plan is not None:
        cancelled += _moot_deadline_cancel(subject=plan, rule_code=None, at=at)
    for request in course.information_requests.filter(state="open"):
        cancelled += _moot_deadline_cancel(subject=request, rule_code=INFO_REPLY_RULE, at=at)
    return cancelled
