"""Who reads the MedCom logs: the regional secretariat all of them (it runs the integrations), an organisation the
messages it sent or received (a municipal unit's messages are its municipality's)."""

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


def _parties(actor: "Actor", ends: tuple[str, ...]) -> Q:
    condition = Q(pk__in=[])
    for end in ends:
        condition |= Q(**{f"{end}_id__in": actor.party_ids}) | Q(**{f"{end}__parent_id__in": actor.party_ids})
    return condition


class InboundQuerySet(models.QuerySet):
    citizen_path = "citizen"

    def visible_to(self, actor: "Actor") -> Self:
        if not actor.reads_personal_data:
            return self.none()
        if actor.is_regional_admin:
            return self
        return self.filter(_parties(actor, ("sender", "receiver")))


class OutboundQuerySet(models.QuerySet):
    citizen_path = "citizen"

    def visible_to(self, actor: "Actor") -> Self:
        if not actor.reads_personal_data:
            return self.none()
        if actor.is_regional_admin:
            return self
        return self.filter(_parties(actor, ("receiver", "course__hospital")))
