"""The rehabilitation panel of the dashboard: plans the ward has not sent yet, and received plans whose
citizen still awaits the first contact (agreement 3.2: within 3 working days of receipt).

Counts only, no names: the dashboard shows nothing that needs the access log.
"""

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from clusters.models import Organisation
from rehab.selectors import inbox_list, plan_list
from sundhedsaftale.access.roles import Role

WARD_KINDS = (Organisation.Kind.DEPARTMENT, Organisation.Kind.HOSPITAL)


def _receiving(request: HttpRequest, organisation_ids: list[int]) -> dict[str, int]:
    """Open received plans of the organisations: not yet received, awaiting first contact, contact overdue."""
    deliveries = inbox_list(user=request.user).filter(organisation_id__in=organisation_ids)
    awaiting = Q(contacted_at__isnull=True, is_responsible=True)
    return deliveries.aggregate(
        not_received=Count("pk", filter=Q(received_at__isnull=True)),
        awaiting_contact=Count("pk", filter=awaiting),
        contact_overdue=Count("pk", filter=awaiting & Q(contact_due_at__lt=timezone.now())),
    )


def panel(request: HttpRequest) -> dict[str, Any] | None:
    """Return the rehabilitation panel for the active membership, or None for roles without one."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    organisation = membership.organisation
    if membership.role == Role.VISITATION and organisation.kind == Organisation.Kind.MUNICIPALITY:
        return {
            "template": "rehab/_panel.html",
            "is_ward": False,
            "counts": _receiving(request, [organisation.pk]),
        }
    if membership.role == Role.WARD_STAFF and organisation.kind in WARD_KINDS:
        hospital = organisation.hospital
        plans = plan_list(user=request.user).filter(sent_at__isnull=True, course__discharged_at__isnull=True)
        if organisation.kind == Organisation.Kind.HOSPITAL:
            plans = plans.filter(course__hospital=organisation)
        else:
            plans = plans.filter(course__department=organisation)
        counts = _receiving(request, [organisation.pk] + ([hospital.pk] if hospital else []))
        counts["unsent_plans"] = plans.count()
        return {"template": "rehab/_panel.html", "is_ward": True, "counts": counts}
    return None
