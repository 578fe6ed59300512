"""Which rule set and calendar apply to a deadline: the pure catalogue, bound to the organisations' data."""

from datetime import date, datetime

from sundhedsaftale.deadlines.models import ClosedDay, RuleSetAdoption
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rules import CATALOGUE, Rule, RuleSet, rule_set
from sundhedsaftale.workdays import Calendar, local_date

# The general agreement applies everywhere; a later set applies in a cluster from the day it adopted it.
BASE_RULE_SET = "2008"


def cluster_of(organisation: Organisation) -> Organisation | None:
    if organisation.kind == Organisation.Kind.CLUSTER:
        return organisation
    if organisation.cluster_id:
        return organisation.cluster
    hospital = organisation.hospital
    return hospital.cluster if hospital and hospital.cluster_id else None


def rule_set_for(*, on: date, organisation: Organisation | None) -> RuleSet:
    """Return the rule set in force on ``on`` in the organisation's cluster (the newest adopted set)."""
    cluster = cluster_of(organisation) if organisation else None
    adopted: dict[str, date] = {}
    if cluster is not None:
        adopted = dict(RuleSetAdoption.objects.filter(cluster=cluster).values_list("rule_set", "adopted_on"))
    candidates = [
        candidate
        for candidate in CATALOGUE
        if (candidate.code == BASE_RULE_SET or candidate.code in adopted)
        and candidate.in_force_on(on, adopted.get(candidate.code))
    ]
    if not candidates:
        return rule_set(BASE_RULE_SET)
    return max(candidates, key=lambda candidate: candidate.effective_from)


def rule_for(
    *, code: str, anchor: date | datetime, organisation: Organisation | None
) -> tuple[RuleSet, Rule]:
    """Return the rule set judging an anchor on that day, and its rule ``code`` (KeyError if unknown)."""
    day = anchor if not isinstance(anchor, datetime) else local_date(anchor)
    chosen = rule_set_for(on=day, organisation=organisation)
    return chosen, chosen.rules[code]


def calendar_for(organisation: Organisation | None) -> Calendar:
    """The Danish calendar plus the organisation's (and its hospital's) own closed days."""
    if organisation is None:
        return Calendar()
    ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    closed = frozenset(ClosedDay.objects.filter(organisation_id__in=ids).values_list("day", flat=True))
    return Calendar(extra_closed=closed)
