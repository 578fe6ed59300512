"""Read use-cases of deadlines and alerts; every one goes through ``visible_to(user)``."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from clusters.selectors import membership_organisation_ids
from sundhedsaftale.access.roles import ROLES_WITHOUT_PERSONAL_DATA
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.rules import CATALOGUE, Rule, RuleSet
from sundhedsaftale.rulesets import rule_set
from sundhedsaftale.workdays import DANISH, TZ, to_local

ALERT_STATES = ("unacknowledged", "acknowledged", "all")


def rule_catalogue_list(*, rule_set_code: str = "") -> list[tuple[RuleSet, Rule]]:
    """Return every rule of every rule set (or of the set ``rule_set_code``), in catalogue order."""
    return [
        (candidate, rule)
        for candidate in CATALOGUE
        if not rule_set_code or candidate.code == rule_set_code
        for rule in candidate.rules.values()
    ]


def shows_personal_data(*, user: Any, membership: Any) -> bool:
    """Return whether names of citizens may be shown to the user acting in ``membership``."""
    if user.is_superuser and membership is None:
        return True
    return membership is not None and membership.role not in ROLES_WITHOUT_PERSONAL_DATA


def alert_list_for_membership(
    *, user: Any, membership: Any, state: str = "unacknowledged", kind: str = "", rule_code: str = ""
) -> QuerySet[Alert]:
    """Return the alerts addressed to the active organisation that the user may see, newest first.

    ``state`` is one of ``ALERT_STATES``; ``kind`` and ``rule_code`` narrow the list when given.
    """
    alerts = Alert.objects.visible_to(user).filter(
        organisation_id__in=membership_organisation_ids(membership=membership)
    )
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


def alert_count_unacknowledged(*, user: Any, membership: Any) -> int:
    """Return how many unacknowledged alerts the active organisation has (the header's live count)."""
    return alert_list_for_membership(user=user, membership=membership).count()


def alert_get_for_membership(*, user: Any, membership: Any, pk: int) -> Alert:
    """Return the alert ``pk`` of the active organisation; raises Alert.DoesNotExist for any other."""
    return alert_list_for_membership(user=user, membership=membership, state="all").get(pk=pk)


def deadline_list_for_citizen(*, user: Any, citizen_id: int) -> QuerySet[Deadline]:
    """Return the citizen's deadlines the user may see, earliest due first (the timeline)."""
    return (
        Deadline.objects.visible_to(user)
        .filter(citizen_id=citizen_id)
        .select_related("responsible__parent", "counterpart__parent")
        .order_by("due_at", "pk")
    )


def citizen_ids_of_alerts(*, alerts: Iterable[Alert]) -> list[int]:
    """Return the ids of the citizens the alerts are about (for the access log)."""
    return [alert.deadline.citizen_id for alert in alerts if alert.deadline.citizen_id is not None]


def deadline_preview(*, rule_set_code: str, code: str, anchor: date | datetime) -> dict[str, str]:
    """Return the deadline ``code`` of the rule set would get for ``anchor`` (Danish calendar).

    A date anchor is a local date; an aware date-time is converted to Europe/Copenhagen first, a naive
    one is taken as local wall-clock time. Raises KeyError for an unknown rule set or code.
    """
    rule = rule_set(rule_set_code).rules[code]
    if isinstance(anchor, datetime):
        anchor = anchor.replace(tzinfo=TZ) if anchor.tzinfo is None else to_local(anchor)
        anchor_text = anchor.isoformat()
    else:
        anchor_text = anchor.isoformat()
    due = rule.compute(anchor, DANISH)
    return {
        "rule": rule.code,
        "anchor": anchor_text,
        "due_date": due.due_date.isoformat(),
        "due_at": to_local(due.due_at).isoformat(),
        "warn_at": to_local(due.warn_at).isoformat(),
    }
