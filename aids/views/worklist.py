"""The aids worklist of a municipality or a hospital (sorted by the date needed, terminal patients first), ready at
discharge, alerts for aids missing at a discharge; the depot view with loans out and capacity notes; the
responsibility preview the need form asks for as the situation is chosen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from aids import responsibility, selectors, services
from aids.forms import CapacityNoteForm
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date


@login_required
def worklist(request: AppRequest) -> HttpResponse:
    show_all = request.GET.get("alle") == "1"
    actor = request.actor
    needs = list(selectors.worklist(actor=actor, include_done=show_all)[:300])
    ready = selectors.ready_at_discharge(actor=actor, today=local_date(timezone.now()))[:100]
    alerts = list(selectors.missing_alerts(actor=actor)[:100])
    disputes = list(selectors.disputes_open(actor=actor)[:100])
    courses = list(selectors.courses_admitted(actor=actor)[:200])
    citizen_ids = [n.course.citizen_id for n in needs] + [r.course.citizen_id for r in ready]
    citizen_ids += [course.citizen_id for course in courses]
    citizen_ids += [a.need.course.citizen_id for a in alerts] + [d.need.course.citizen_id for d in disputes]
    access_log_record(
        request=request, citizen_ids=citizen_ids, what="Hjælpemidler: arbejdsliste", action="list"
    )
    context = {
        "needs": needs,
        "ready": ready,
        "alerts": alerts,
        "disputes": disputes,
        "courses": courses,
        "show_all": show_all,
    }
    template = "aids/worklist.html#rows" if request.htmx else "aids/worklist.html"
    return render(request, template, context)


@login_required
@require_POST
def alert_acknowledge(request: AppRequest, pk: int) -> HttpResponse:
    alert = selectors.missing_alerts(actor=request.actor, include_acknowledged=True).filter(pk=pk).first()
    if alert is None:
        raise Http404
    try:
        services.missing_aid_alert_acknowledge(alert=alert, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("aids-worklist")


@login_required
def depots(request: AppRequest) -> HttpResponse:
    actor = request.actor
    loans = list(selectors.loans_out(actor=actor)[:300])
    access_log_record(
        request=request,
        citizen_ids=[loan.need.course.citizen_id for loan in loans],
        what="Hjælpemidler: depot",
        action="list",
    )
    form = CapacityNoteForm(depots=selectors.own_depots(actor=actor))
    return render(request, "aids/depots.html", _depot_context(request, loans, form))


def _depot_context(request: AppRequest, loans: list, form: CapacityNoteForm) -> dict:
    actor = request.actor
    return {
        "own_depots": selectors.own_depots(actor=actor),
        "depots": selectors.depots(actor=actor),
        "loans": loans,
        "notes": selectors.capacity_notes(actor=actor),
        "form": form,
        "today": local_date(timezone.now()),
    }


@login_required
@require_POST
def capacity_note_create(request: AppRequest) -> HttpResponse:
    form = CapacityNoteForm(request.POST, depots=selectors.own_depots(actor=request.actor))
    if form.is_valid():
        try:
            services.capacity_note_create(acting_user=request.user, **form.cleaned_data)
            messages.success(request, "Noten er gemt og kan ses af klyngens parter.")
            return redirect("aids-depots")
        except DomainError as error:
            form_add_domain_error(form, error)
    return render(request, "aids/depots.html", _depot_context(request, [], form), status=400)


@login_required
def responsibility_preview(request: AppRequest) -> HttpResponse:
    """The decision for the situation chosen in the need form (htmx fragment; no citizen data)."""
    decision = None
    code = request.GET.get("situation", "")[:64]
    treated_at = request.GET.get("treated_at", "")
    # the whole form is sent: an unticked box is simply missing (without the form, the default is "known")
    known = request.GET.get("known_at_hospital", "" if "treated_at" in request.GET else "on")
    if code:
        try:
            decision = responsibility.decide(
                code,
                treated_at=treated_at if treated_at in ("other_region", "private") else "",
                known_at_hospital=known in ("on", "true", "1"),
            )
        except responsibility.UnknownSituation:
            decision = None
    return render(request, "aids/_decision.html", {"decision": decision})
