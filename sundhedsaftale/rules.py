"""The deadline-rule model: actors, offset kinds, rules, rule sets and the computation of deadlines.

Pure Python (no Django). The rule data itself (the versioned catalogue) lives in
``sundhedsaftale.rulesets``; ``CATALOGUE``, ``rule_set``, ``rule_set_in_force`` and ``all_rules``
are re-exported from here, so ``from sundhedsaftale.rules import rule_set`` works.

Computation follows DOMAIN.md, "Calendar conventions":

* working-day rules count working days from the anchor's local date;
* calendar-day and month rules that land on a non-working day move, "before" rules to the previous
  working day and "after" rules to the next;
* date deadlines fall due at the end of the due date (23:59:59 local);
* hour rules are elapsed time and never move; same-day clock rules are wall-clock times and never move;
* datetime anchors are converted to Europe/Copenhagen first; a date anchor of an hour rule means
  local midnight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sundhedsaftale.workdays import (
    DANISH,
    Calendar,
    add_elapsed,
    add_months,
    end_of_day,
    local_datetime,
    to_local,
)

Anchor = date | datetime


class Actor(StrEnum):
    """Who must act to meet a deadline."""

    HOSPITAL = "hospital"
    MUNICIPALITY = "municipality"
    GP = "gp"
    HOME_CARE = "home_care"
    REGION = "region"
    GP_OR_HOME_CARE = "gp_or_home_care"
    MUNICIPALITY_OR_HOSPITAL = "municipality_or_hospital"
    REGION_OR_MUNICIPALITY = "region_or_municipality"

    @property
    def label(self) -> str:
        """Return the Danish label shown to users."""
        return ACTOR_LABELS[self]


ACTOR_LABELS: Mapping[Actor, str] = {
    Actor.HOSPITAL: "Hospital",
    Actor.MUNICIPALITY: "Kommune",
    Actor.GP: "Praktiserende læge",
    Actor.HOME_CARE: "Hjemmepleje",
    Actor.REGION: "Region",
    Actor.GP_OR_HOME_CARE: "Praktiserende læge eller hjemmepleje",
    Actor.MUNICIPALITY_OR_HOSPITAL: "Kommune (almen genoptræning) eller hospital (specialiseret)",
    Actor.REGION_OR_MUNICIPALITY: "Region eller kommune",
}


class OffsetKind(StrEnum):
    """How a rule's ``amount`` moves the anchor to the deadline."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    HOURS = "hours"
    CLOCK_SAME_DAY = "clock_same_day"
    AT_ANCHOR = "at_anchor"
    AGREED_DATE = "agreed_date"


class WarnKind(StrEnum):
    """How the warning moment is derived from the deadline (``Rule.warn_amount``/``warn_clock``)."""

    # At warn_clock on the working day warn_amount working days before the due date
    # (0 = on the due date itself).
    WORKING_DAYS_BEFORE = "working_days_before"
    # At warn_clock on add_months(due date, -warn_amount), moved back to a working day.
    MONTHS_BEFORE = "months_before"
    # warn_amount hours of elapsed time before due_at.
    HOURS_BEFORE = "hours_before"


DEFAULT_WARN_CLOCK = time(8, 0)


@dataclass(frozen=True)
class Due:
    """A computed deadline: the due date and the aware local moments it falls due and warns."""

    due_date: date
    due_at: datetime
    warn_at: datetime


@dataclass(frozen=True)
class Rule:
    """One deadline rule of the agreements, with the clause it comes from.

    ``amount`` is signed: negative means before the anchor. ``warn_kind``, ``warn_amount`` and
    ``warn_clock`` say when the warning starts; it is never later than the deadline itself.
    """

    code: str
    title: str
    title_en: str
    anchor: str
    anchor_en: str
    kind: OffsetKind
    amount: int
    actor: Actor
    source_file: str
    source_section: str
    source_text: str
    clock: time | None = None
    warn_kind: WarnKind = WarnKind.WORKING_DAYS_BEFORE
    warn_amount: int = 1
    warn_clock: time | None = DEFAULT_WARN_CLOCK
    #: Whether a calendar-day or month deadline landing on a non-working day moves to a working day. False
    #: where the source fixes the day itself (psykiatriloven's treatment plan: "senest en uge efter").
    moves: bool = True

    def __post_init__(self) -> None:
        if self.kind is OffsetKind.CLOCK_SAME_DAY and self.clock is None:
            raise ValueError(f"{self.code}: a same-day clock rule needs a clock")
        if self.warn_amount < 0:
            raise ValueError(f"{self.code}: warn_amount must not be negative")
        if self.warn_kind is not WarnKind.HOURS_BEFORE and self.warn_clock is None:
            raise ValueError(f"{self.code}: {self.warn_kind} warnings need a warn_clock")

    def compute(self, anchor: Anchor, calendar: Calendar = DANISH) -> Due:
        """Return the deadline for ``anchor`` (a local date, or an aware datetime).

        Raises ValueError for a naive datetime anchor.
        """
        due_date, due_at = self._due(anchor, calendar)
        return Due(due_date=due_date, due_at=due_at, warn_at=self.warn_at(due_date, due_at, calendar))

    def warn_at(self, due_date: date, due_at: datetime, calendar: Calendar = DANISH) -> datetime:
        """Return the aware local moment the warning for a deadline starts; never after ``due_at``."""
        match self.warn_kind:
            case WarnKind.HOURS_BEFORE:
                warn = add_elapsed(due_at, -timedelta(hours=self.warn_amount))
            case WarnKind.WORKING_DAYS_BEFORE:
                day = calendar.working_days_before(due_date, self.warn_amount)
                warn = local_datetime(day, self._warn_clock)
            case WarnKind.MONTHS_BEFORE:
                day = calendar.previous_working_day_on_or_before(add_months(due_date, -self.warn_amount))
                warn = local_datetime(day, self._warn_clock)
        return min(warn, due_at)

    @property
    def _warn_clock(self) -> time:
        # __post_init__ guarantees it for the kinds that use it.
        assert self.warn_clock is not None
        return self.warn_clock

    def _due(self, anchor: Anchor, calendar: Calendar) -> tuple[date, datetime]:
        if isinstance(anchor, datetime):
            anchor_at = to_local(anchor)
            anchor_day = anchor_at.date()
        else:
            anchor_day = anchor
            anchor_at = local_datetime(anchor, time(0, 0))
        match self.kind:
            case OffsetKind.WORKING_DAYS:
                if self.amount < 0:
                    day = calendar.working_days_before(anchor_day, -self.amount)
                else:
                    day = calendar.working_days_after(anchor_day, self.amount)
                return day, end_of_day(day)
            case OffsetKind.CALENDAR_DAYS:
                day = self._moved(anchor_day + timedelta(days=self.amount), calendar)
                return day, end_of_day(day)
            case OffsetKind.MONTHS:
                day = self._moved(add_months(anchor_day, self.amount), calendar)
                return day, end_of_day(day)
            case OffsetKind.HOURS:
                at = add_elapsed(anchor_at, timedelta(hours=self.amount))
                return at.date(), at
            case OffsetKind.CLOCK_SAME_DAY:
                assert self.clock is not None  # checked in __post_init__
                return anchor_day, local_datetime(anchor_day, self.clock)
            case OffsetKind.AT_ANCHOR:
                if isinstance(anchor, datetime):
                    return anchor_day, anchor_at
                return anchor_day, end_of_day(anchor_day)
            case OffsetKind.AGREED_DATE:
                # Under the 2021 agreement the agreed date is itself the deadline; it was agreed
                # case by case, so it is not moved.
                return anchor_day, end_of_day(anchor_day)

    def _moved(self, day: date, calendar: Calendar) -> date:
        # The usual Danish rule for deadlines that expire on a holiday (DOMAIN.md):
        # "before" deadlines move earlier, "after" deadlines move later.
        if not self.moves or not calendar.conventions.move_off_closed_days:
            return day
        if self.amount < 0:
            return calendar.previous_working_day_on_or_before(day)
        return calendar.next_working_day_on_or_after(day)


@dataclass(frozen=True)
class RuleSet:
    """A version of the catalogue: the rules of one agreement and the period it is in force.

    The period is half-open: in force on ``effective_from <= day < effective_to``
    (``effective_to=None`` means open-ended).
    """

    code: str
    title: str
    effective_from: date
    effective_to: date | None
    source_file: str
    summary: str
    rules: Mapping[str, Rule] = field(hash=False)
    #: Rules shown beside this set as guidance only: they warn, they never breach (the 2008 notice rules
    #: under the 2021 agreement, "anbefalet forberedelsestid").
    guidance: Mapping[str, Rule] = field(hash=False, default_factory=dict)

    def rule_or_guidance(self, code: str) -> tuple[Rule, bool]:
        """Return the rule ``code`` and whether it is guidance only; KeyError when the set has neither."""
        if code in self.rules:
            return self.rules[code], False
        return self.guidance[code], True

    def in_force_on(self, on: date, adopted_on: date | None = None) -> bool:
        """Return True when this set applies on ``on`` for a cluster that adopted it on ``adopted_on``.

        An adoption date before ``effective_from`` counts as ``effective_from``: a cluster cannot
        work by an agreement before it exists.
        """
        start = self.effective_from if adopted_on is None else max(adopted_on, self.effective_from)
        return start <= on and (self.effective_to is None or on < self.effective_to)


# The catalogue data lives in sundhedsaftale.rulesets, which builds on the classes above. It is
# re-exported lazily (PEP 562) so that importing either module first works without an import cycle.
_CATALOGUE_NAMES = frozenset({"CATALOGUE", "all_rules", "rule_set", "rule_set_in_force"})

if TYPE_CHECKING:
    from sundhedsaftale.rulesets import CATALOGUE, all_rules, rule_set, rule_set_in_force


def __getattr__(name: str) -> object:
    if name in _CATALOGUE_NAMES:
        from sundhedsaftale import rulesets

        return getattr(rulesets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACTOR_LABELS",
    "CATALOGUE",
    "Actor",
    "Anchor",
    "Due",
    "OffsetKind",
    "Rule",
    "RuleSet",
    "WarnKind",
    "all_rules",
    "rule_set",
    "rule_set_in_force",
]
