"""Read use-cases of citizens' care relations."""

from sundhedsaftale.citizens.relations import CareRelation
from sundhedsaftale.organisations.actor import Actor


def citizen_access_basis(*, actor: Actor, citizen_id: int) -> list[CareRelation]:
    """Return why the actor may see the citizen now: its organisation's current care relations with the
    citizen, with their dates ("Hvorfor kan jeg se borgeren?", the API's ``access_basis``)."""
    if not actor.reads_personal_data:
        return []
    return list(
        CareRelation.objects.current()
        .of(actor.party_ids)
        .filter(citizen_id=citizen_id)
        .select_related("organisation")
        .order_by("starts_at", "pk")
    )
