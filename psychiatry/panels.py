"""The psychiatry panel of the dashboard: open courses and missing children assessments for psychiatric
departments; unread notices for municipalities and practices. Counts only, no names."""

from typing import Any

from psychiatry.selectors import counts
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest


def panel(request: AppRequest) -> dict[str, Any] | None:
    actor = request.actor
    organisation = actor.acting_organisation
    if organisation is None or not actor.reads_personal_data:
        return None
    if organisation.kind == Organisation.Kind.DEPARTMENT and not organisation.is_psychiatric:
        return None
    if organisation.kind not in (
        Organisation.Kind.DEPARTMENT,
        Organisation.Kind.HOSPITAL,
        Organisation.Kind.MUNICIPALITY,
        Organisation.Kind.PRACTICE,
    ):
        return None
    is_ward = organisation.kind in (Organisation.Kind.DEPARTMENT, Organisation.Kind.HOSPITAL)
    return {"template": "psychiatry/_panel.html", "is_ward": is_ward, "counts": counts(actor=actor)}
