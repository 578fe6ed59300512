"""The notice obligations of a discharge plan: one computation for the live preview, the form, the API and
the deadline engine (the rule set in force, ``rule.compute`` with the department's calendar).

Under the 2008 agreement each need has its own fixed notice deadline before the discharge (l. 1530-1543).
Under the 2021 agreement there is none: the 2008 deadlines are shown as guidance ("anbefalet
forberedelsestid"), they warn and never breach, and what is judged is the agreed discharge time."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from admissions.models import Course
from discharge.models import RULE_CODE_BY_NEED, Need
from sundhedsaftale.deadlines.catalogue import calendar_for, rule_set_for
from sundhedsaftale.errors import DomainError
from sundhedsaftale.rules import Due, OffsetKind, Rule, RuleSet
from sundhedsaftale.rulesets import AGREED_DISCHARGE
from sundhedsaftale.templatetags.dansk import dato_tid


@dataclass(frozen=True)
class NotificationDue:
    """The rule set and rule judging one need of a plan, the anchor date, the deadline, and whether it is
    guidance only (the 2021 set: warns, never breaches)."""

    rule_set: RuleSet
    rule: Rule
    anchor: date
    due: Due
    need: str = ""
    advisory: bool = False

    @property
    def agreed(self) -> bool:
        """Whether the rule set judges the discharge by the agreed time (the 2021 agreement)."""
        return AGREED_DISCHARGE in self.rule_set.rules

    @property
    def text(self) -> str:
        """'Varsl kommunen senest <dato kl.>' in local time ('Anbefalet: ...' for guidance)."""
        text = _("Varsl kommunen senest %(at)s") % {"at": dato_tid(self.due.due_at)}
        return _("Anbefalet forberedelsestid: %(text)s") % {"text": text} if self.advisory else text


def rule_set_needs_agreed_date(*, course: Course, on: date) -> bool:
    """Return whether the rule set in force for the course's department on ``on`` judges the discharge by
    an agreed discharge time (the 2021 agreement)."""
    return AGREED_DISCHARGE in rule_set_for(on=on, organisation=course.department).rules


def _anchor(need: str, planned_date: date, nursing_service_date: date | None) -> date:
    if need == Need.SIMPLE_NURSING and nursing_service_date is not None:
        # 1.2.1: the same day as the nursing service is to be given (usually the discharge day).
        return nursing_service_date
    return planned_date


def notification_dues(
    *,
    course: Course,
    needs: list[str],
    planned_date: date,
    nursing_service_date: date | None = None,
    rule_set: RuleSet | None = None,
) -> list[NotificationDue]:
    """Return one notice obligation per need, earliest first.

    The rule set is the one in force in the department's cluster on the planned discharge date (the anchor
    event), unless ``rule_set`` is given. Raises DomainError (Danish, field ``need``) for an unknown need.
    """
    organisation = course.department
    chosen = rule_set or rule_set_for(on=planned_date, organisation=organisation)
    calendar = calendar_for(organisation)
    dues = []
    for need in dict.fromkeys(needs):
        try:
            code = RULE_CODE_BY_NEED[need]
        except KeyError:
            raise DomainError(_("Vælg borgerens behov efter udskrivning."), field="need") from None
        rule, advisory = chosen.rule_or_guidance(code)
        anchor = _anchor(need, planned_date, nursing_service_date)
        dues.append(
            NotificationDue(
                rule_set=chosen,
                rule=rule,
                anchor=anchor,
                due=rule.compute(anchor, calendar),
                need=need,
                advisory=advisory,
            )
        )
    return sorted(dues, key=lambda due: due.due.due_at)


def notification_due(
    *,
    course: Course,
    need: str,
    planned_date: date,
    nursing_service_date: date | None = None,
    agreed_date: date | None = None,
    needs: list[str] | None = None,
) -> NotificationDue:
    """Return the earliest notice obligation of a plan with these values (``needs``, or the one ``need``).

    ``agreed_date`` is accepted for the callers that pass it; under the 2021 agreement it judges the
    discharge itself, never the notice. Raises DomainError (Danish, with field) for an unknown need.
    """
    del agreed_date
    dues = notification_dues(
        course=course,
        needs=needs or [need],
        planned_date=planned_date,
        nursing_service_date=nursing_service_date,
    )
    return dues[0]


__all__ = [
    "NotificationDue",
    "OffsetKind",
    "notification_due",
    "notification_dues",
    "rule_set_needs_agreed_date",
]
