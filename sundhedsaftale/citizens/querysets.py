"""The one rule for who sees which citizen, written once: an organisation reads a citizen's data while it has a
current care relation with the citizen (``CareRelation``), and only in the membership the user acts in.

Every record that belongs to a citizen is visible exactly when its citizen is (``CitizenDataQuerySet``); records
between two organisations add that the reader is one of the parties (``party_condition``).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Self

from django.db import connections, models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.lookups import IsNull

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


def visible_citizen_ids(actor: "Actor") -> models.QuerySet:
    """Return the ids of the citizens the actor may read now, as a subquery over the actor's own relations
    (indexed by organisation), never a scan of citizens."""
    from sundhedsaftale.citizens.relations import CareRelation

    if not actor.reads_personal_data:
        return CareRelation.objects.none().values("citizen_id")
    return CareRelation.objects.current().of(actor.party_ids).values("citizen_id")


def visible_citizen_probe(actor: "Actor", citizen_column: str) -> Q:
    """Return the condition that the actor may read the citizen in the row's ``citizen_column`` (e.g.
    ``"deadline__citizen_id"``), as a look-up of one current care relation per row.

    Inside an ``OR`` PostgreSQL runs ``citizen IN (the actor's relations)``, and an ``EXISTS`` too, as a hashed
    subplan: it reads all of the actor's relations before the first row. A municipality has hundreds of
    thousands (Aarhus: 241,406), so a page of 50 deadlines cost as much as the municipality is large (120 ms,
    alerts 240 ms). A scalar subquery with ``LIMIT 1`` cannot be hashed: each row probes
    ``care_relation_by_citizen`` (4 ms for the same pages). Where the actor sees few of the rows walked (a
    practice, a small municipality) the probe per row costs more than hashing a small set; the callers choose
    (bench/README.md, "The region under load")."""
    from sundhedsaftale.citizens.relations import CareRelation

    if not actor.reads_personal_data:
        return Q(pk__in=[])
    relation = CareRelation.objects.current().of(actor.party_ids).filter(citizen_id=OuterRef(citizen_column))
    return Q(IsNull(Subquery(relation.order_by().values("pk")[:1]), False))


def party_condition(actor: "Actor", parties: Iterable[str]) -> Q:
    """Return the condition that the actor is one of the parties named on a record (``parties`` are the paths
    to the organisations, e.g. ``("sender", "recipient")``); hospital staff are a party for any department of
    their hospital unit (``Actor.party_ids``)."""
    condition = Q(pk__in=[])
    for end in parties:
        condition |= Q(**{f"{end}_id__in": actor.party_ids})
    return condition


class CitizenQuerySet(models.QuerySet):
    #: the path from a row to its citizen ("" for the citizen itself), read by the access log
    citizen_path = ""

    def visible_to(self, actor: "Actor") -> Self:
        return self.filter(pk__in=visible_citizen_ids(actor))

    def visible_to_for_search(self, actor: "Actor") -> Self:
        """Like ``visible_to``, shaped for a search on PostgreSQL (bench/README.md, "At the region's scale").

        A hospital's or a practice's visible set is small (current and recent patients, listed patients: a few
        thousand), but PostgreSQL estimates a hospital's current relations 30 times too high (it cannot see
        that most have ended) and walks a million citizens in name order to find the few it may show. Handed
        over as an array, the set is where the plan starts: a look-up by id per visible citizen. A
        municipality sees its residents (tens of thousands): the plain subquery lets the planner walk the
        names (a common name) or use the trigram index (a rare one)."""
        from sundhedsaftale.organisations.models import Organisation

        if not actor.reads_personal_data:
            return self.none()
        if (
            connections[self.db].vendor != "postgresql"
            or actor.organisation_kind == Organisation.Kind.MUNICIPALITY
        ):
            return self.visible_to(actor)
        sql, params = visible_citizen_ids(actor).query.sql_with_params()
        # bandit B611: ``sql`` is Django's own compiled queryset; every value in it is a bound parameter
        return self.filter(pk__in=RawSQL(f"SELECT unnest(ARRAY({sql}))", params))  # nosec B611

    def search(self, text: str) -> Self:
        from sundhedsaftale.citizens.cpr import cpr_compact

        text = text.strip()
        if not text:
            return self.none()
        compact = cpr_compact(text)
        if compact[:6].isascii() and compact[:6].isdigit():  # only 0–9: str.isdigit() takes any digit
            return self.filter(cpr__startswith=compact)
        condition = Q()
        for word in text.split():
            condition &= Q(name__icontains=word)
        return self.filter(condition)


class CitizenDataQuerySet(models.QuerySet):
    """For every record that belongs to a citizen: visible exactly when its citizen is visible."""

    citizen_path = "citizen"

    def visible_to(self, actor: "Actor") -> Self:
        return self.filter(**{f"{self.citizen_path}__in": visible_citizen_ids(actor)})
