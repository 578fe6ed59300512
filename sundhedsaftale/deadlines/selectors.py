"""Read use-cases of deadlines and alerts; every one goes through ``visible_to(actor)``."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from sundhedsaftale.deadlines.catalogue import conventions_for
from sundhedsaftale.deadlines.models import Alert, CalendarConventions, Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rules import CATALOGUE, Rule, RuleSet
from sundhedsaftale.rulesets import rule_set
from sundhedsaftale.workdays import TZ, Calendar, Conventions, to_local

ALERT_STATES = ("unacknowledged", "acknowledged", "all")


@dataclass(frozen=True)
class ConventionSetting:
    """One product convention of the calendar and whether it is on in the region."""

    label: str
    on: bool


def _region() -> Organisation | None:
    return Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("pk").first()


def region_conventions() -> Conventions:
    """Return the region's calendar conventions (the defaults without a row)."""
    return conventions_for(_region())


def region_conventions_list() -> tuple[Organisation | None, list[ConventionSetting]]:
    """Return the region and its calendar conventions, each on or off (the defaults without a row)."""
    region = _region()
    return region, convention_settings(conventions_for(region))


def convention_settings(conventions: Conventions) -> list[ConventionSetting]:
    """Return each convention of ``conventions`` with its Danish label, on or off."""
    labels = {field.name: str(field.verbose_name) for field in CalendarConventions._meta.concrete_fields}
    return [ConventionSetting(label=labels[name], on=on) for name, on in asdict(conventions).items()]


def rule_catalogue_list(*, rule_set_code: str = "") -> list[tuple[RuleSet, Rule]]:
    """Return every rule of every rule set (or of the set ``rule_set_code``), in catalogue order."""
    return [
        (candidate, rule)
        for candidate in CATALOGUE
        if not rule_set_code or candidate.code == rule_set_code
        for rule in candidate.rules.values()
    ]


def shows_personal_data(*, actor: Actor) -> bool:
    """Return whether names of citizens may be shown to the actor."""
    return actor.reads_personal_data


def alert_list(
    *, actor: Actor, state: str = "unacknowledged", kind: str = "", rule_code: str = ""
) -> QuerySet[Alert]:
    """Return the alerts addressed to the actor's organisation (a hospital unit with its departments) whose
    deadline it may see, newest first.

    ``state`` is one of ``ALERT_STATES``; ``kind`` and ``rule_code`` narrow the list when given.
    """
    alerts = Alert.objects.visible_to(actor)
    if state == "unacknowledged":
        alerts = alerts.unacknowledged()
    elif state == "acknowledged":
        alerts = alerts.filter(acknowledged_at__isnull=False)
    if kind:
        alerts = alerts.filter(kind=kind)
    if rule_code:
        alerts = alerts.filter(deadline__rule_code=rule_code)
    # the row shows the responsible department as "hospital, department" (Organisation.__str__)
    return alerts.select_related(
        "deadline__citizen",
        "deadline__responsible__parent",
        "organisation",
        "assigned_to",
        "acknowledged_by",
    ).order_by("-created_at", "-pk")


def alert_count_unacknowledged(*, actor: Actor) -> int:
    """Return how many unacknowledged alerts the actor's organisation has (the header's live count).

    Counted on the alerts' own organisation (an index), not through the citizen rule: a number, no names —
    the header pays this on every page (bench/README.md)."""
    if not actor.reads_personal_data:
        return 0
    return Alert.objects.addressed_to(actor).unacknowledged().count()


def alert_get(*, actor: Actor, pk: int) -> Alert:
    """Return the alert ``pk`` of the actor's organisation; raises Alert.DoesNotExist for any other."""
    return alert_list(actor=actor, state="all").get(pk=pk)


def deadline_list_for_citizen(*, actor: Actor, citizen_id: int) -> QuerySet[Deadline]:
    """Return the citizen's deadlines the user may see, earliest due first (the timeline)."""
    return (
        Deadline.objects.visible_to(actor)
        .filter(citizen_id=citizen_id)
        .select_related("responsible__parent", "counterpart__parent")
        .order_by("due_at", "pk")
    )


def citizen_ids_of_alerts(*, alerts: Iterable[Alert]) -> list[int]:
    """Return the ids of the citizens the alerts are about (for the access log)."""
    return [alert.deadline.citizen_id for alert in alerts if alert.deadline.citizen_id is not None]


def deadline_preview(*, rule_set_code: str, code: str, anchor: date | datetime) -> dict[str, str | bool]:
    """Return the deadline ``code`` of the rule set would get for ``anchor`` (Danish calendar, region's conventions).

    A date anchor is a local date; an aware date-time is converted to Europe/Copenhagen first, a naive
    one is taken as local wall-clock time. A rule the set keeps as guidance only (the 2008 notice rules under
    the 2021 agreement: "anbefalet forberedelsestid", warns, never breaches) is computed too, marked
    ``guidance``. Raises KeyError for an unknown rule set or code.
    """
    rule, guidance = rule_set(rule_set_code).rule_or_guidance(code)
    if isinstance(anchor, datetime):
        anchor = anchor.replace(tzinfo=TZ) if anchor.tzinfo is None else to_local(anchor)
        anchor_text = anchor.isoformat()
    else:
        anchor_text = anchor.isoformat()
    due = rule.compute(anchor, Calendar(conventions=region_conventions()))
    return {
        "rule": rule.code,
        "anchor": anchor_text,
        "due_date": due.due_date.isoformat(),
        "due_at": to_local(due.due_at).isoformat(),
        "warn_at": to_local(due.warn_at).isoformat(),
        "guidance": guidance,
    }
