"""Danish wording of a rule's offset and warning lead, for the "Frister" page and the pixi edition."""

from dataclasses import dataclass

from sundhedsaftale.rules import OffsetKind, Rule, RuleSet, WarnKind

_UNITS: dict[OffsetKind, tuple[str, str]] = {
    OffsetKind.WORKING_DAYS: ("hverdag", "hverdage"),
    OffsetKind.CALENDAR_DAYS: ("kalenderdag", "kalenderdage"),
    OffsetKind.MONTHS: ("måned", "måneder"),
    OffsetKind.HOURS: ("time", "timer"),
}


def _count(amount: int, unit: tuple[str, str]) -> str:
    return f"{amount} {unit[0] if amount == 1 else unit[1]}"


def offset_in_words(rule: Rule) -> str:
    """Return when the rule falls due relative to its anchor, in Danish ("3 hverdage før")."""
    match rule.kind:
        case OffsetKind.CLOCK_SAME_DAY:
            assert rule.clock is not None
            return f"Samme dag senest kl. {rule.clock:%H.%M}"
        case OffsetKind.AT_ANCHOR:
            return "Senest ved ankerhændelsen"
        case OffsetKind.AGREED_DATE:
            return "Den aftalte dato (aftales i det enkelte forløb)"
    direction = "før" if rule.amount < 0 else "efter"
    text = f"{_count(abs(rule.amount), _UNITS[rule.kind])} {direction}"
    if rule.kind in (OffsetKind.CALENDAR_DAYS, OffsetKind.MONTHS) and rule.moves:
        moved = "forrige" if rule.amount < 0 else "næste"
        text += f"; falder fristen på en fridag, flyttes den til {moved} hverdag (produktkonvention)"
    elif rule.kind in (OffsetKind.CALENDAR_DAYS, OffsetKind.MONTHS):
        text += "; flyttes ikke, heller ikke fra en fridag (teksten siger dage, ikke hverdage)"
    if rule.kind is OffsetKind.HOURS:
        text += " (forløbet tid, flyttes ikke)"
    return text


def warning_in_words(rule: Rule) -> str:
    """Return when the warning before the deadline starts, in Danish."""
    match rule.warn_kind:
        case WarnKind.HOURS_BEFORE:
            return f"{_count(rule.warn_amount, ('time', 'timer'))} før fristen"
        case WarnKind.MONTHS_BEFORE:
            return f"Kl. {rule.warn_clock:%H.%M} {_count(rule.warn_amount, ('måned', 'måneder'))} før fristen"
    if rule.warn_amount == 0:
        return f"Kl. {rule.warn_clock:%H.%M} på fristens dag"
    days = "hverdagen" if rule.warn_amount == 1 else f"{rule.warn_amount} hverdage"
    return f"Kl. {rule.warn_clock:%H.%M} {days} før fristen"


@dataclass(frozen=True)
class RuleRow:
    """One rule as the "Frister" page and the pixi edition print it."""

    rule_set: RuleSet
    rule: Rule
    offset: str
    warning: str


def rule_rows(rules: list[tuple[RuleSet, Rule]]) -> list[RuleRow]:
    """Return the printable rows of ``(rule set, rule)`` pairs, in the given order."""
    return [
        RuleRow(rule_set=rs, rule=rule, offset=offset_in_words(rule), warning=warning_in_words(rule))
        for rs, rule in rules
    ]
