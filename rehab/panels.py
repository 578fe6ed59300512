"""The rehabilitation panel of the dashboard: plans the ward has not sent yet, and received plans whose
citizen still awaits the first contact (agreement 3.2: within 3 working days of receipt).

Counts only, no names: the dashboard shows nothing that needs the access log.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from clusters.models import Organisation
from rehab.selectors import inbox_counts, unsent_plan_count
from sundhedsaftale.access.roles import Role

WARD_KINDS = (Organisation.Kind.DEPARTMENT, Organisation.Kind.HOSPITAL)


def panel(request: HttpRequest) -> dict[str, Any] | None:
    """Return the rehabilitation panel for the active membership, or None for roles without one."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    organisation = membership.organisation
    now = timezone.now()
    if membership.role == Role.VISITATION and organisation.kind == Organisation.Kind.MUNICIPALITY:
        counts = inbox_counts(user=request.user, organisation_ids=[organisation.pk], now=now)
        return {"template": "rehab/_panel.html", "is_ward": False, "counts": counts}
    if membership.role == Role.WARD_STAFF and organisation.kind in WARD_KINDS:
        hospital = organisation.hospital
        receivers = [organisation.pk] + ([hospital.pk] if hospital else [])
        counts = inbox_counts(user=request.user, organisation_ids=receivers, now=now)
        counts["unsent_plans"] = unsent_plan_count(user=request.user, organisation=organisation)
        return {"template": "rehab/_panel.html", "is_ward": True, "counts": counts}
    return None
