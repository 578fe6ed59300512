"""The psychiatric ward board (open courses with their deadlines; ended courses missing the children
assessment) and the municipal / GP inbox of notices; a referral to child and adolescent psychiatry."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from psychiatry import selectors, services
from psychiatry.models import Notice
from psychiatry.views import inputs
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.listfilters import choice_param, date_param, day_after, day_start, page_of, query_string
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest

INBOX_PAGE = 25  # notices per page


@login_required
def board(request: AppRequest) -> HttpResponse:
    worklist = selectors.board_worklist(actor=request.actor)
    admissions = list(selectors.admissions_awaiting_course(actor=request.actor)[:200])
    courses = [*worklist["courses"], *worklist["missing_assessment"]]
    access_log_record(
        request=request,
        citizen_ids=[c.citizen_id for c in courses] + [a.citizen_id for a in admissions],
        what="Psykiatri: afdelingens tavle",
        action="list",
    )
    template = "psychiatry/board.html#rows" if request.htmx else "psychiatry/board.html"
    return render(request, template, {**worklist, "admissions": admissions})


@login_required
def inbox(request: AppRequest) -> HttpResponse:
    """The notices from psychiatry, 25 a page, filtered by read/unread, kind and the day sent (plain GET; htmx
    gets the list only)."""
    filters: dict[str, Any] = {
        "status": choice_param(request.GET, "status", ["ulaest", "laest"]),
        "type": choice_param(request.GET, "type", Notice.Kind.values),
        "fra": date_param(request.GET, "fra"),
        "til": date_param(request.GET, "til"),
    }
    rows = selectors.inbox(
        actor=request.actor,
        read=filters["status"],
        kind=filters["type"],
        sent_from=day_start(filters["fra"]) if filters["fra"] else None,
        sent_before=day_after(filters["til"]) if filters["til"] else None,
    )
    page = page_of(rows, request.GET, INBOX_PAGE)
    notices = list(page.object_list)
    access_log_record(
        request=request,
        citizen_ids=[n.course.citizen_id for n in notices],
        what="Psykiatri: indbakke",
        action="list",
    )
    context = {
        "notices": notices,
        "page": page,
        "filters": filters,
        "kinds": Notice.Kind.choices,
        "query": query_string(filters),
    }
    template = "psychiatry/inbox.html#list" if request.htmx else "psychiatry/inbox.html"
    return render(request, template, context)


@login_required
def referral_create(request: AppRequest) -> HttpResponse:
    """A child and adolescent psychiatric department registers a referral (the course starts as referred)."""
    departments = Organisation.objects.filter(
        kind=Organisation.Kind.DEPARTMENT,
        department_kind=Organisation.DepartmentKind.CHILD_PSYCHIATRY,
        pk__in=request.actor.organisation_ids,
    )
    context: dict[str, object] = {"departments": departments, "data": request.POST, "error": None}
    if request.method == "POST":
        data = request.POST
        try:
            municipality = Organisation.objects.filter(
                kind=Organisation.Kind.MUNICIPALITY, code=inputs.text(data, "municipality", 10)
            ).first()
            department_id = inputs.row_id(data, "department")
            department = departments.filter(pk=department_id).first() if department_id is not None else None
            if municipality is None:
                raise DomainError("Angiv bopælskommunens kode.", field="municipality")
            if department is None:
                raise DomainError("Vælg afdelingen.", field="department")
            referral = services.referral_receive(
                cpr=inputs.text(data, "cpr", 11),
                name=inputs.text(data, "name", 200),
                municipality=municipality,
                department=department,
                referred_on=inputs.day(data, "referred_on"),
                purpose=inputs.text(data, "purpose"),
                referrer=inputs.text(data, "referrer", 200),
                summary=inputs.text(data, "summary"),
                symptoms=inputs.text(data, "symptoms"),
                family_view=inputs.text(data, "family_view"),
                acting_user=request.user,
            )
        except DomainError as error:
            context["error"] = error
            return render(request, "psychiatry/referral_form.html", context, status=400)
        return redirect("psychiatry-course", pk=referral.course_id)
    return render(request, "psychiatry/referral_form.html", context)
