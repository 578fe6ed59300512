"""The rehabilitation panel of the dashboard: plans the ward has not sent yet, and received plans whose
citizen still awaits the first contact (agreement 3.2: within 3 working days of receipt).

Counts only, no names: the dashboard shows nothing that needs the access log.
"""

from typing import Any

from django.utils import timezone

from rehab.selectors import inbox_counts, unsent_plan_count
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.requests import AppRequest

WARD_KINDS = (Organisation.Kind.DEPARTMENT, Organisation.Kind.HOSPITAL)


def panel(request: AppRequest) -> dict[str, Any] | None:
    """Return the rehabilitation panel for the active membership, or None for roles without one."""
    membership = request.actor.membership
    if membership is None:
        return None
    organisation = membership.organisation
    now = timezone.now()
    if membership.role == Role.VISITATION and organisation.kind == Organisation.Kind.MUNICIPALITY:
        counts = inbox_counts(actor=request.actor, organisation_ids=[organisation.pk], now=now)
        return {"template": "rehab/_panel.html", "is_ward": False, "counts": counts}
    if membership.role == Role.WARD_STAFF and organisation.kind in WARD_KINDS:
        hospital = organisation.hospital
        receivers = [organisation.pk] + ([hospital.pk] if hospital else [])
        counts = inbox_counts(actor=request.actor, organisation_ids=receivers, now=now)
        counts["unsent_plans"] = unsent_plan_count(actor=request.actor, organisation=organisation)
        return {"template": "rehab/_panel.html", "is_ward": True, "counts": counts}
    return None
