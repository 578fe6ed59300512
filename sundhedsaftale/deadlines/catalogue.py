"""Which rule set and calendar apply to a deadline: the pure catalogue, bound to the organisations' data."""

from datetime import date, datetime

from django.db.models import Q

from sundhedsaftale.deadlines.models import CalendarConventions, ClosedDay, RuleSetAdoption
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rules import CATALOGUE, Rule, RuleSet, rule_set
from sundhedsaftale.rulesets import BASE_RULE_SET, rule_set_in_force
from sundhedsaftale.workdays import DEFAULT_CONVENTIONS, Calendar, Conventions, local_date

CODES = frozenset(candidate.code for candidate in CATALOGUE)


def cluster_of(organisation: Organisation) -> Organisation | None:
    if organisation.kind == Organisation.Kind.CLUSTER:
        return organisation
    if organisation.cluster_id:
        return organisation.cluster
    hospital = organisation.hospital
    return hospital.cluster if hospital and hospital.cluster_id else None


def rule_set_for(*, on: date, organisation: Organisation | None) -> RuleSet:
    """Return the rule set in force on ``on`` in the organisation's cluster: ``rule_set_in_force`` (the one
    rule) over the cluster's adoptions (reference data, ``RuleSetAdoption``); the base 2008 set before 2008."""
    cluster = cluster_of(organisation) if organisation else None
    adopted: dict[str, date] = {}
    if cluster is not None:
        adopted = dict(RuleSetAdoption.objects.filter(cluster=cluster).values_list("rule_set", "adopted_on"))
    try:
        return rule_set_in_force(on, {code: day for code, day in adopted.items() if code in CODES})
    except LookupError:
        return rule_set(BASE_RULE_SET)


def rule_for(
    *, code: str, anchor: date | datetime, organisation: Organisation | None
) -> tuple[RuleSet, Rule]:
    """Return the rule set judging an anchor on that day, and its rule ``code`` (KeyError when the set has no
    such rule: under the 2021 set the notice rules are guidance only, see ``RuleSet.rule_or_guidance``)."""
    day = anchor if not isinstance(anchor, datetime) else local_date(anchor)
    chosen = rule_set_for(on=day, organisation=organisation)
    return chosen, chosen.rules[code]


def conventions_for(organisation: Organisation | None) -> Conventions:
    """The calendar conventions of the organisation's region (reference data); the defaults without a row.

    The region is the organisation itself, its parent (hospital, municipality, cluster) or its grandparent
    (department, municipal unit); an organisation outside the tree (a practice) follows the only region."""
    if organisation is None:
        return DEFAULT_CONVENTIONS
    if organisation.parent_id is None and organisation.kind != Organisation.Kind.REGION:
        rows = list(CalendarConventions.objects.all()[:2])
        only = rows[0] if len(rows) == 1 else None
    else:
        only = CalendarConventions.objects.filter(
            Q(region_id=organisation.pk)
            | Q(region_id=organisation.parent_id)
            | Q(region__children__id=organisation.parent_id)
        ).first()
    return only.as_conventions() if only is not None else DEFAULT_CONVENTIONS


def calendar_for(organisation: Organisation | None) -> Calendar:
    """The Danish calendar under the region's conventions plus the organisation's (and its hospital's) own
    closed days."""
    if organisation is None:
        return Calendar()
    ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    closed = frozenset(ClosedDay.objects.filter(organisation_id__in=ids).values_list("day", flat=True))
    return Calendar(extra_closed=closed, conventions=conventions_for(organisation))
