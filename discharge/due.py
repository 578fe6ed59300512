"""The notification deadline of a discharge plan: one computation for the live preview, the form, the API
and the deadline engine (``rule_for`` + ``rule.compute`` with the department's calendar)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from admissions.models import Course
from discharge.models import RULE_CODE_BY_NEED, Need
from sundhedsaftale.deadlines.catalogue import calendar_for, rule_for
from sundhedsaftale.errors import DomainError
from sundhedsaftale.rules import Due, OffsetKind, Rule, RuleSet
from sundhedsaftale.workdays import to_local


@dataclass(frozen=True)
class NotificationDue:
    """The rule set and rule judging a plan, the anchor date the deadline is computed from, and the deadline."""

    rule_set: RuleSet
    rule: Rule
    anchor: date
    due: Due

    @property
    def agreed(self) -> bool:
        return self.rule.kind is OffsetKind.AGREED_DATE

    @property
    def text(self) -> str:
        """'Varsl kommunen senest <dato kl.>' in local time."""
        at = to_local(self.due.due_at)
        return _("Varsl kommunen senest %(day)s kl. %(time)s") % {
            "day": at.strftime("%d.%m.%Y"),
            "time": at.strftime("%H:%M"),
        }


def rule_set_needs_agreed_date(*, course: Course, on: date) -> bool:
    """Return whether the rule set in force for the course's department on ``on`` judges by an agreed date."""
    _chosen, rule = rule_for(
        code=RULE_CODE_BY_NEED[Need.HOME_CARE], anchor=on, organisation=course.department
    )
    return rule.kind is OffsetKind.AGREED_DATE


def notification_due(
    *,
    course: Course,
    need: str,
    planned_date: date,
    nursing_service_date: date | None = None,
    agreed_date: date | None = None,
) -> NotificationDue:
    """Return the notification deadline for a plan with these values.

    The rule set is the one in force in the department's cluster on the planned discharge date (the anchor
    event); under the 2021 set the agreed date is the deadline. Raises DomainError (Danish, with field) when
    the agreed date is missing under the 2021 set.
    """
    try:
        code = RULE_CODE_BY_NEED[need]
    except KeyError:
        raise DomainError(_("Vælg borgerens behov efter udskrivning."), field="need") from None
    organisation = course.department
    anchor = planned_date
    if need == Need.SIMPLE_NURSING and nursing_service_date is not None:
        # 1.2.1: the same day as the nursing service is to be given (usually the discharge day).
        anchor = nursing_service_date
    chosen, rule = rule_for(code=code, anchor=anchor, organisation=organisation)
    if rule.kind is OffsetKind.AGREED_DATE:
        if agreed_date is None:
            raise DomainError(
                _(
                    "Klyngen arbejder efter samarbejdsaftalen fra 2021: angiv den dato, hospital og kommune har "
                    "aftalt, at borgeren er klar til udskrivning."
                ),
                field="agreed_date",
                code="agreed_date_required",
            )
        anchor = agreed_date
    return NotificationDue(
        rule_set=chosen, rule=rule, anchor=anchor, due=rule.compute(anchor, calendar_for(organisation))
    )
