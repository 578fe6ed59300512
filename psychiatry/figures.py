"""Figures of the psychiatry area for the key figures (issue 15): how the psychiatric deadlines were kept.
Numbers only, no citizen leaves these queries; the clusters area reads them through these functions.

A deadline counts in the period its due date falls in. ``met`` is met on time; ``breached`` is overdue,
whether it is still unmet or was met late (``met_late`` says how many of those were met after all);
``pending`` is still running; cancelled obligations (a refused consent, a course that ended first) are left
out.
"""

from collections.abc import Iterable
from datetime import date
from typing import TypedDict

from django.db.models import Count, Q

from psychiatry.services.obligations import RULES
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.models import Organisation


class Compliance(TypedDict):
    met: int
    breached: int
    met_late: int
    pending: int


def _scope(organisations: Iterable[Organisation] | None, cluster: Organisation | None) -> Q:
    scope = Q()
    if organisations is not None:
        ids = [organisation.pk for organisation in organisations]
        scope &= Q(responsible_id__in=ids) | Q(counterpart_id__in=ids) | Q(responsible__parent_id__in=ids)
    if cluster is not None:
        scope &= Q(responsible__cluster=cluster) | Q(counterpart__cluster=cluster)
    return scope


def rule_compliance(
    *,
    start: date,
    end: date,
    organisations: Iterable[Organisation] | None = None,
    cluster: Organisation | None = None,
) -> dict[str, Compliance]:
    """Per psychiatric rule (``psychiatry.*``, ``child_psychiatry.*``; every rule present), the deadlines due
    in ``start..end`` (both included): met on time, breached (unmet or met late), met late, still pending.

    ``organisations`` keeps the deadlines where one of them is responsible (a department, or the hospital
    unit of the department) or the counterpart (the municipality or practice); ``cluster`` those of a cluster.
    """
    rows = (
        Deadline.objects.filter(
            _scope(organisations, cluster), rule_code__in=RULES, due_date__range=(start, end)
        )
        .values("rule_code")
        .annotate(
            met=Count("pk", filter=Q(state=Deadline.State.MET, met_late=False)),
            breached=Count(
                "pk", filter=Q(state=Deadline.State.BREACHED) | Q(state=Deadline.State.MET, met_late=True)
            ),
            met_late=Count("pk", filter=Q(state=Deadline.State.MET, met_late=True)),
            pending=Count("pk", filter=Q(state=Deadline.State.PENDING)),
        )
        .order_by("rule_code")
    )
    result: dict[str, Compliance] = {
        rule: {"met": 0, "breached": 0, "met_late": 0, "pending": 0} for rule in RULES
    }
    for row in rows:
        result[row["rule_code"]] = {
            "met": row["met"],
            "breached": row["breached"],
            "met_late": row["met_late"],
            "pending": row["pending"],
        }
    return result
