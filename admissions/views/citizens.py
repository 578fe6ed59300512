import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from admissions import selectors
from sundhedsaftale.access.selectors import access_log_for_citizen
from sundhedsaftale.access.services import access_log_record


@login_required
def citizen_search(request: HttpRequest) -> HttpResponse:
    """Search by CPR or name within the citizens the user may see; the search itself is access-logged."""
    text = request.GET.get("q", "").strip()
    results = selectors.citizen_search(user=request.user, text=text) if text else []
    access_log_record(
        request=request, citizen_ids=[c.pk for c in results], what="Borgersøgning", action="search"
    )
    template = "admissions/citizen_search.html#results" if request.htmx else "admissions/citizen_search.html"  # type: ignore[attr-defined]
    return render(request, template, {"q": text, "results": results})


@login_required
def citizen_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The citizen's overview: every visible course (newest first, linking to its course page) and home care."""
    citizen = selectors.citizen_get(user=request.user, pk=pk)
    courses = selectors.course_list_for_citizen(user=request.user, citizen=citizen)
    access_log_record(request=request, citizen_ids=[citizen.pk], what="Borgerside", action="view")
    context = {"citizen": citizen, "courses": courses, "home_care": citizen.home_care_services.all()}
    return render(request, "admissions/citizen_detail.html", context)


def _may_read_access_log(request: HttpRequest) -> bool:
    membership = getattr(request, "membership", None)
    return request.user.is_superuser or (membership is not None and membership.role == "regional_admin")


@login_required
def citizen_access_log(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Hvem har set mine oplysninger": every read of the citizen's data, for regional admins; CSV for the
    citizen's right of access (?format=csv). Reading the log is itself a read of the citizen's data."""
    if not _may_read_access_log(request):
        raise PermissionDenied
    citizen = selectors.citizen_get(user=request.user, pk=pk)
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
    return render(
        request, "admissions/citizen_access_log.html", {"citizen": citizen, "entries": entries[:500]}
    )
