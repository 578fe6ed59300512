"""The GP's epikriser: the list (filtered and paged), one epikrise (opening it marks it read for the practice)
and "Markér som læst"."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from discharge import selectors, services
from discharge.views.common import active_organisation
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.listfilters import choice_param, date_param, day_after, day_start, page_of, query_string
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest

LETTERS_PAGE = 20  # epikriser per page
READ_CHOICES = (("", "Alle"), ("ulaest", "Ulæste"), ("laest", "Læste"))


def _practice(request: AppRequest) -> Organisation | None:
    organisation = active_organisation(request)
    if organisation is None or organisation.kind != Organisation.Kind.PRACTICE:
        return None
    return organisation


def _filters(request: AppRequest) -> dict[str, Any]:
    return {
        "status": choice_param(request.GET, "status", [value for value, _label in READ_CHOICES]),
        "fra": date_param(request.GET, "fra"),
        "til": date_param(request.GET, "til"),
    }


@login_required
def gp_letters(request: AppRequest) -> HttpResponse:
    """The epikriser sent to the active practice, newest first; ``?status=ulaest|laest``, ``?fra=``/``?til=``
    (the day sent, dd.mm.åååå) and ``?side=``. An htmx request gets the list only."""
    organisation = _practice(request)
    filters = _filters(request)
    letters: Any = []
    if organisation is not None:
        letters = selectors.letters_for_practice(actor=request.actor, practice=organisation)
        if filters["status"] == "ulaest":
            letters = letters.filter(read_at__isnull=True)
        elif filters["status"] == "laest":
            letters = letters.filter(read_at__isnull=False)
        if filters["fra"]:
            letters = letters.filter(sent_at__gte=day_start(filters["fra"]))
        if filters["til"]:
            letters = letters.filter(sent_at__lt=day_after(filters["til"]))
    page = page_of(letters, request.GET, LETTERS_PAGE)
    access_log_record(
        request=request,
        citizen_ids=[x.course.citizen_id for x in page.object_list],
        what="Epikriser",
        action="list",
    )
    query = query_string(filters)
    context = {
        "page": page,
        "letters": page.object_list,
        "organisation": organisation,
        "filters": filters,
        "read_choices": READ_CHOICES,
        "query": query,
        "here": reverse("gp-letters") + (f"?{query}" if query else ""),
    }
    template = "discharge/gp_letters.html#letters" if request.htmx else "discharge/gp_letters.html"
    return render(request, template, context)


@login_required
def gp_letter_detail(request: AppRequest, pk: int) -> HttpResponse:
    """One epikrise; the practice's opening it marks it read (the dashboard's count of unread falls)."""
    organisation = _practice(request)
    if organisation is None:
        raise Http404  # an epikrise is the practice's: to anyone else it does not exist
    letter = selectors.letter_get_for_practice(actor=request.actor, practice=organisation, pk=pk)
    access_log_record(request=request, citizen_ids=[letter.course.citizen_id], what="Epikrise", action="view")
    letter = services.discharge_letter_mark_read(letter=letter, actor=request.actor)
    return render(request, "discharge/gp_letter.html", {"letter": letter, "organisation": organisation})


@login_required
@require_POST
def gp_letter_mark_read(request: AppRequest, pk: int) -> HttpResponse:
    """ "Markér som læst" on the list: htmx swaps the list; without JavaScript, back to the list as it was."""
    organisation = _practice(request)
    if organisation is None:
        raise Http404  # an epikrise is the practice's: to anyone else it does not exist
    letter = selectors.letter_get_for_practice(actor=request.actor, practice=organisation, pk=pk)
    try:
        services.discharge_letter_mark_read(letter=letter, actor=request.actor)
    except DomainError as error:
        messages.error(request, error.message)
    if request.htmx:
        response = gp_letters(request)
        response["HX-Trigger"] = "letters-changed"
        return response
    query = query_string(_filters(request))
    return redirect(reverse("gp-letters") + (f"?{query}" if query else ""))
