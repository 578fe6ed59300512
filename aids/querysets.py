"""Visibility of aids records: through the course's citizen (the kernel's one rule: the hospital of the course,
the citizen's municipality and a delivering organisation hold care relations with the citizen), and only for
the parties of the need (the hospital side of the course, the citizen's municipality, the delivering
organisation). Depots and capacity notes carry no citizen: their organisation, and its cluster, see them."""

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from admissions.querysets import PartyQuerySet

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


class AidNeedQuerySet(PartyQuerySet):
    parties: tuple[str, ...] = ("municipality", "delivering_organisation")
    hospital_side: str | None = "course"

    def open(self) -> Self:
        return self.filter(state="open")

    def by_needed_date(self) -> Self:
        return self.order_by("-fast_track", "needed_from", "pk")


class NeedDataQuerySet(PartyQuerySet):
    """Records hanging on a need (loans, disputes, missing-aid alerts): visible with their need."""

    citizen_path = "need__course__citizen"
    parties: tuple[str, ...] = ("need__municipality", "need__delivering_organisation")
    hospital_side: str | None = "need__course"


class OrganisationDataQuerySet(models.QuerySet):
    """Rows about an organisation, not a citizen (depots, capacity notes)."""

    organisation_path = "organisation"

    def visible_to(self, actor: "Actor") -> Self:
        """The organisation itself (a hospital unit with its departments), the other organisations of its cluster
        and the cluster's steering group; the regional secretariat sees all."""
        if not actor.is_authenticated or actor.membership is None:
            return self.none()
        if actor.is_regional_admin:
            return self
        path = self.organisation_path
        organisation = actor.membership.organisation
        cluster_id = organisation.cluster_id or (
            organisation.parent.cluster_id if organisation.parent else None
        )
        condition = Q(**{f"{path}_id__in": actor.party_ids}) | Q(
            **{f"{path}__cluster_id__in": actor.organisation_ids}
        )
        if cluster_id is not None:
            condition |= Q(**{f"{path}__cluster_id": cluster_id}) | Q(
                **{f"{path}__parent__cluster_id": cluster_id}
            )
        return self.filter(condition)


class CapacityNoteQuerySet(OrganisationDataQuerySet):
    pass


class DisputeStepQuerySet(PartyQuerySet):
    citizen_path = "dispute__need__course__citizen"
    parties: tuple[str, ...] = ("dispute__need__municipality", "dispute__need__delivering_organisation")
    hospital_side: str | None = "dispute__need__course"


class ReferenceQuerySet(models.QuerySet):
    """Reference data (the catalogue of aid types): every signed-in member reads it."""

    def visible_to(self, actor: "Actor") -> Self:
        return self if actor.is_authenticated and actor.membership is not None else self.none()
