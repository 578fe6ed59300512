"""The admissions panel of the dashboard: who is admitted now, and what has arrived for the municipality or GP.

Counts only, no names: the dashboard shows nothing that needs the access log. The steering groups' figures are the
key figures (``clusters.panels``).
"""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from admissions.models import Course
from admissions.selectors import course_list, inbox_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.requests import AppRequest

WARD_KINDS = (Organisation.Kind.DEPARTMENT, Organisation.Kind.HOSPITAL)


def _ward(request: AppRequest, organisation: Organisation) -> dict[str, Any]:
    courses = course_list(actor=request.actor).open()
    if organisation.kind == Organisation.Kind.HOSPITAL:
        courses = courses.filter(hospital=organisation)
    else:
        courses = courses.at_department(organisation.pk)
    counts = courses.aggregate(
        admitted=Count("pk"),
        on_leave=Count("pk", filter=Q(state=Course.State.ON_LEAVE)),
        new=Count("pk", filter=Q(admitted_at__gte=timezone.now() - timedelta(hours=24))),
    )
    return {"template": "admissions/_panel_ward.html", "counts": counts}


def _inbox(request: AppRequest, organisation: Organisation, template: str) -> dict[str, Any]:
    inbox = inbox_for(actor=request.actor, organisation=organisation)
    admitted = course_list(actor=request.actor).open()
    if organisation.kind == Organisation.Kind.PRACTICE:
        admitted = admitted.filter(citizen__gp_practice=organisation)
    else:
        admitted = admitted.filter(citizen__municipality=organisation)
    counts = {
        "unread_notices": inbox.notices.filter(read_at__isnull=True).count(),
        "report_requests": inbox.report_requests.count(),
        "information_requests": inbox.information_requests.count(),
        "unread_messages": inbox.unread_messages.count(),
        "admitted": admitted.count(),
    }
    return {"template": template, "counts": counts}


def panel(request: AppRequest) -> dict[str, Any] | None:
    """Return the admissions panel for the active membership, or None for roles without one."""
    membership = request.actor.membership
    if membership is None:
        return None
    organisation = membership.organisation
    role, kind = membership.role, organisation.kind
    if role == Role.WARD_STAFF and kind in WARD_KINDS:
        return _ward(request, organisation)
    if role == Role.VISITATION and kind == Organisation.Kind.MUNICIPALITY:
        return _inbox(request, organisation, "admissions/_panel_municipality.html")
    if role == Role.GP and kind == Organisation.Kind.PRACTICE:
        return _inbox(request, organisation, "admissions/_panel_gp.html")
    return None
