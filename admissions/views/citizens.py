import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from admissions import selectors
from admissions.forms import CitizenLookupForm
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.access.selectors import access_log_for_citizen
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.citizens.selectors import citizen_access_basis
from sundhedsaftale.citizens.services import citizen_lookup_for_purpose
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest

ACCESS_LOG_PAGE = 50  # rows per page of "Hvem har set mine oplysninger"


@login_required
def citizen_search(request: AppRequest) -> HttpResponse:
    """Search by CPR or name within the citizens the user may see; the search itself is access-logged."""
    text = request.GET.get("q", "").strip()
    results = selectors.citizen_search(actor=request.actor, text=text) if text else []
    access_log_record(
        request=request, citizen_ids=[c.pk for c in results], what="Borgersøgning", action="search"
    )
    template = "admissions/citizen_search.html#results" if request.htmx else "admissions/citizen_search.html"
    return render(request, template, {"q": text, "results": results})


@login_required
def citizen_detail(request: AppRequest, pk: int) -> HttpResponse:
    """The citizen's overview: every visible course (newest first, linking to its course page) and home care."""
    citizen = read_or_404(request, selectors.citizen_list(actor=request.actor), what="Borgerside", pk=pk)
    courses = selectors.course_list_for_citizen(actor=request.actor, citizen=citizen)
    context = {
        "citizen": citizen,
        "courses": courses,
        "home_care": citizen.home_care_services.all(),
        "access_basis": citizen_access_basis(actor=request.actor, citizen_id=citizen.pk),
    }
    return render(request, "admissions/citizen_detail.html", context)


def _may_read_access_log(request: AppRequest) -> bool:
    return request.actor.is_regional_admin


@login_required
def citizen_lookup(request: AppRequest) -> HttpResponse:
    """The regional secretariat looks one citizen up for a stated purpose (an access request, a complaint):
    a short care relation for its organisation, and the read logged with the purpose."""
    if not _may_read_access_log(request):
        raise PermissionDenied
    form = CitizenLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            relation = citizen_lookup_for_purpose(actor=request.actor, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            access_log_record(
                request=request,
                citizen_ids=[relation.citizen_id],
                what="Opslag med formål",
                action="lookup",
                purpose=relation.purpose,
            )
            return redirect("citizen-detail", pk=relation.citizen_id)
    return render(request, "admissions/citizen_lookup.html", {"form": form})


@login_required
def citizen_access_log(request: AppRequest, pk: int) -> HttpResponse:
    """ "Hvem har set mine oplysninger": every read of the citizen's data, for regional admins; CSV for the
    citizen's right of access (?format=csv). Reading the log is itself a read of the citizen's data."""
    if not _may_read_access_log(request):
        raise PermissionDenied
    citizen = selectors.citizen_get(actor=request.actor, pk=pk)
    entries = access_log_for_citizen(citizen_id=citizen.pk)
    if request.GET.get("format") == "csv":
        access_log_record(
            request=request, citizen_ids=[citizen.pk], what="Adgangslog (eksport)", action="export"
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="adgangslog-{citizen.pk}.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow(["tidspunkt_utc", "bruger", "organisation", "rolle", "handling", "hvad"])
        for entry in entries.iterator():
            writer.writerow(
                [
                    entry.at.isoformat(),
                    entry.username,
                    entry.organisation.name if entry.organisation else "",
                    entry.role,
                    entry.get_action_display(),
                    entry.what,
                ]
            )
        return response
    access_log_record(request=request, citizen_ids=[citizen.pk], what="Adgangslog", action="view")
    action = request.GET.get("handling", "")
    if action in AccessLog.Action.values:
        entries = entries.filter(action=action)
    page = Paginator(entries.select_related("user"), ACCESS_LOG_PAGE).get_page(request.GET.get("side"))
    context = {
        "citizen": citizen,
        "entries": page.object_list,
        "page": page,
        "action": action,
        "actions": AccessLog.Action.choices,
    }
    return render(request, "admissions/citizen_access_log.html", context)
