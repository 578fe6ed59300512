"""The municipal inbox and the GP's page: what has arrived and what awaits an answer."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from admissions import forms as f
from admissions import selectors, services, triage
from admissions.models import InformationRequest
from admissions.views.common import active_organisation
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.listfilters import choice_param, id_param, page_of, query_string
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest

INBOX_PAGE = 25  # rows per page of each list of the inbox (notices unread first)
# each list of the inbox pages on its own parameter (the notices on the usual ``side``)
LIST_PAGES = {
    "notices": "side",
    "report_requests": "side_rapporter",
    "information_requests": "side_forespoergsler",
    "unread_messages": "side_beskeder",
}


def _paged(request: AppRequest, inbox: selectors.Inbox, filters: dict[str, Any]) -> dict[str, Any]:
    """Page each list of the inbox in place; return the pages (``<list>_page``) and, for each list's pager, the
    query that keeps the filters and the other lists' pages (``pager_query``)."""
    pages = {
        name: page_of(getattr(inbox, name), request.GET, INBOX_PAGE, parameter=parameter)
        for name, parameter in LIST_PAGES.items()
    }
    for name, page in pages.items():
        setattr(inbox, name, page.object_list)
    pager_query = {
        name: query_string(
            {
                **filters,
                **{
                    LIST_PAGES[other]: p.number
                    for other, p in pages.items()
                    if other != name and p.number > 1
                },
            }
        )
        for name in pages
    }
    return {f"{name}_page": page for name, page in pages.items()} | {"pager_query": pager_query}


def _inbox(request: AppRequest, kind: str, template: str, what: str) -> HttpResponse:
    organisation = active_organisation(request)
    if organisation is None or organisation.kind != kind:
        raise PermissionDenied
    place = id_param(request.GET, "sted")
    who = choice_param(request.GET, "tildelt", [value for value, _label in triage.WHO_CHOICES])
    inbox = selectors.inbox_for(actor=request.actor, organisation=organisation, place=place)
    inbox = triage.inbox_assignments(inbox=inbox, organisation=organisation, user=request.user, who=who)
    query = query_string({"sted": place, "tildelt": who})
    pages = _paged(request, inbox, {"sted": place, "tildelt": who})
    access_log_record(request=request, citizen_ids=inbox.citizen_ids, what=what, action="list")
    context = {
        "organisation": organisation,
        "inbox": inbox,
        "place": place,
        "who": who,
        "who_choices": triage.WHO_CHOICES,
        **pages,
        "query": query,
        "here": reverse("municipal-inbox") + (f"?{query}" if query else ""),
        "now": timezone.now(),
    }
    name = f"{template}#inbox" if request.htmx else template
    return render(request, name, context)


@login_required
def municipal_inbox(request: AppRequest) -> HttpResponse:
    """New admission notices, admission reports requested, information requests awaiting reply and unread
    correspondence. The "team" filter is by the hospital the citizens come from (``?sted=<hospital id>``):
    the product does not model municipal teams, and visitation teams are organised by receiving hospital."""
    return _inbox(
        request, Organisation.Kind.MUNICIPALITY, "admissions/municipal_inbox.html", "Kommunens indbakke"
    )


@login_required
def gp_inbox(request: AppRequest) -> HttpResponse:
    """The GP's listed patients' admission notices, information requests to answer and correspondence."""
    organisation = active_organisation(request)
    if organisation is None or organisation.kind != Organisation.Kind.PRACTICE:
        raise PermissionDenied
    who = choice_param(request.GET, "tildelt", [value for value, _label in triage.WHO_CHOICES])
    inbox = selectors.inbox_for(actor=request.actor, organisation=organisation)
    inbox = triage.inbox_assignments(inbox=inbox, organisation=organisation, user=request.user, who=who)
    pages = _paged(request, inbox, {"tildelt": who})
    admitted = list(
        selectors.course_list(actor=request.actor)
        .filter(citizen__gp_practice=organisation)
        .open()
        .order_by("-admitted_at")[:100]
    )
    ids = inbox.citizen_ids + [c.citizen_id for c in admitted]
    access_log_record(request=request, citizen_ids=ids, what="Praksis: indbakke", action="list")
    return render(
        request,
        "admissions/gp_inbox.html",
        {
            "organisation": organisation,
            "inbox": inbox,
            "admitted": admitted,
            "now": timezone.now(),
            "who": who,
            "who_choices": triage.WHO_CHOICES,
            **pages,
            "here": reverse("gp-inbox") + (f"?tildelt={who}" if who else ""),
        },
    )


@login_required
@require_POST
def notice_mark_read(request: AppRequest, pk: int) -> HttpResponse:
    notice = selectors.admission_notice_get(actor=request.actor, pk=pk)
    try:
        services.admission_notice_mark_read(notice=notice, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    if request.htmx:
        response = municipal_inbox(request)
        response["HX-Trigger"] = "inbox-changed"
        return response
    # the team and assignment filters stay as they were
    who = choice_param(request.GET, "tildelt", [value for value, _label in triage.WHO_CHOICES])
    query = query_string({"sted": id_param(request.GET, "sted"), "tildelt": who})
    return redirect(reverse("municipal-inbox") + (f"?{query}" if query else ""))


@login_required
def information_request_detail(request: AppRequest, pk: int) -> HttpResponse:
    """The question and, for its recipient, the reply form (the reply meets the 24-hour deadline)."""
    info = selectors.information_request_get(actor=request.actor, pk=pk)
    access_log_record(
        request=request, citizen_ids=[info.course.citizen_id], what="Forespørgsel", action="view"
    )
    form = f.ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_reply(
                request=info, reply=form.cleaned_data["reply"], acting_user=request.user
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Svaret er sendt.")
            return redirect("information-request-detail", info.pk)
    may_reply = info.state == InformationRequest.State.OPEN and active_organisation(request) == info.recipient
    deadline = (
        selectors.course_deadlines(actor=request.actor, course=info.course)
        .filter(subject_id=info.pk, rule_code="admission.info_reply")
        .first()
    )
    context = {
        "info": info,
        "form": form,
        "may_reply": may_reply,
        "deadline": deadline,
        "course": info.course,
    }
    return render(request, "admissions/information_request.html", context, status=400 if form.errors else 200)
