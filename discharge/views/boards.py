"""Overviews: the ward board and the municipality's expected discharges (the GP's epikriser: ``letters``)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from discharge import selectors
from discharge.models import MunicipalReply, Need
from discharge.selectors.board_choice import (
    SORTS,
    board_choice_parse,
    board_municipalities,
    board_rows_arrange,
)
from discharge.views.common import active_organisation, today
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest

DAY_CHOICES = (3, 7, 14)


@login_required
def ward_board(request: AppRequest) -> HttpResponse:
    """The active membership's department's current citizens: room and bed, state, next deadline by urgency,
    what is missing — ordered and filtered by a plain GET form (``#rows`` is the part htmx swaps)."""
    organisation = active_organisation(request)
    is_ward = organisation is not None and organisation.kind in (
        Organisation.Kind.DEPARTMENT,
        Organisation.Kind.HOSPITAL,
    )
    choice = board_choice_parse(request.GET)
    everyone: list[selectors.BoardRow] = []
    if organisation is not None and is_ward:
        everyone = selectors.ward_board(
            actor=request.actor, organisation=organisation, today=today(), now=timezone.now()
        )
    rows = board_rows_arrange(rows=everyone, choice=choice)
    access_log_record(
        request=request,
        citizen_ids=[r.course.citizen_id for r in rows],
        what="Afdelingens tavle",
        action="view",
    )
    query = urlencode(choice.params())
    context = {
        "rows": rows,
        "total": len(everyone),
        "choice": choice,
        "sorts": SORTS,
        "sort_label": SORTS[choice.sort],
        "needs": Need.choices,
        "municipalities": board_municipalities(everyone),
        "board_url": reverse("ward-board") + (f"?{query}" if query else ""),
        "organisation": organisation,
        "is_ward": is_ward,
    }
    template = "discharge/board.html#rows" if request.htmx else "discharge/board.html"
    return render(request, template, context)


@login_required
def municipal_discharges(request: AppRequest) -> HttpResponse:
    """The municipality's citizens expected to be discharged in the next days, with what to prepare, the
    latest discharge notices and the hospital's sudden changes awaiting acknowledgement. ``#list`` is a fragment the municipal inbox can include."""
    organisation = active_organisation(request)
    try:
        days = int(request.GET.get("dage", "7"))
    except ValueError:
        days = 7
    days = days if days in DAY_CHOICES else 7
    plans: list = []
    notices: list = []
    changes: list = []
    is_municipality = organisation is not None and organisation.kind == Organisation.Kind.MUNICIPALITY
    if organisation is not None and is_municipality:
        start = today()
        plans = list(
            selectors.expected_discharges(
                actor=request.actor, municipality=organisation, start=start, days=days
            )
        )
        since = start - timedelta(days=days)
        notices = list(
            selectors.recent_discharge_notices(actor=request.actor, municipality=organisation, since=since)
        )
        changes = list(
            selectors.sudden_changes_for_municipality(actor=request.actor, municipality=organisation)
        )
    ids = [x.course.citizen_id for x in plans + notices + changes]
    access_log_record(request=request, citizen_ids=ids, what="Forventede udskrivninger", action="view")
    context = {
        "plans": plans,
        "notices": notices,
        "changes": changes,
        "days": days,
        "day_choices": DAY_CHOICES,
        "organisation": organisation,
        "is_municipality": is_municipality,
        "answers": MunicipalReply.Answer,
    }
    template = "discharge/municipal.html#list" if request.htmx else "discharge/municipal.html"
    return render(request, template, context)
