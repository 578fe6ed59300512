"""Assignment in the inboxes ("Tildel mig"): a member takes a notice or an information request for the organisation, or
lets it go. POST only; htmx swaps the item's assignment, a plain form returns to the inbox it came from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from admissions import services, triage
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest


def _back(request: AppRequest) -> str:
    """Where a plain form returns: ``next`` when it is this site's, else the organisation's inbox."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    organisation = request.actor.acting_organisation
    if organisation is not None and organisation.kind == Organisation.Kind.PRACTICE:
        return reverse("gp-inbox")
    return reverse("municipal-inbox")


def _act(request: AppRequest, kind: str, pk: int, *, take: bool) -> HttpResponse:
    item = triage.assignable_get(actor=request.actor, kind=kind, pk=pk)
    error = ""
    try:
        if take:
            services.assignment_take(item=item, actor=request.actor)
        else:
            services.assignment_release(item=item, actor=request.actor)
    except DomainError as domain_error:
        error = domain_error.message
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_back(request))
    item = triage.assignable_get(actor=request.actor, kind=kind, pk=pk)  # as it is now
    # the fragment names the citizen (the button's label for screen readers): a read like any page's
    access_log_record(
        request=request, citizen_ids=[item.course.citizen_id], what="Indbakke: tildeling", action="view"
    )
    context = {"item": item, "kind": kind, "next": request.POST.get("next", ""), "error": error}
    return render(request, "admissions/_assignment.html", context, status=409 if error else 200)


@login_required
@require_POST
def inbox_assign(request: AppRequest, kind: str, pk: int) -> HttpResponse:
    """Assign the notice (``advis``) or request (``forespoergsel``) to oneself for one's organisation."""
    return _act(request, kind, pk, take=True)


@login_required
@require_POST
def inbox_unassign(request: AppRequest, kind: str, pk: int) -> HttpResponse:
    """Remove one's own assignment of the item."""
    return _act(request, kind, pk, take=False)
