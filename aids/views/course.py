"""The aids section of a course and a need's page: register a need (the decision shown with its reason), deliver,
cancel, lend with the loan slip, return, and open a dispute. Forms work without JavaScript (post, redirect);
htmx swaps only the section."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from admissions.models import Course
from admissions.selectors import course_get
from aids import selectors, services
from aids.forms import CancelForm, DeliverForm, DisputeForm, LoanForm, NeedForm, ReturnForm
from aids.models import AidNeed, Loan
from aids.pdf import loan_slip_bytes, slip_required
from aids.permissions import course_party_organisation, is_deliverer
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest


def _course_context(request: AppRequest, course: Course, need_form: NeedForm | None = None) -> dict[str, Any]:
    needs = list(selectors.needs_for_course(actor=request.actor, course=course))
    return {
        "course": course,
        "citizen": course.citizen,
        "needs": needs,
        "need_form": need_form or NeedForm(),
        "can_register": course.discharged_at is None and _is_party(request, course),
    }


def _is_party(request: AppRequest, course: Course) -> bool:
    """Whether the user acts for the hospital side or the municipality of the course (a GP only reads)."""
    try:
        course_party_organisation(course=course, user=request.user)
    except DomainError:
        return False
    return True


@login_required
def course_aids(request: AppRequest, course_pk: int) -> HttpResponse:
    """The aids of one course: every need with who delivers and why, loans and disputes; a form to register."""
    course = read_or_404(
        request,
        Course.objects.select_related("citizen", "hospital"),
        what="Hjælpemidler på forløb",
        pk=course_pk,
    )
    template = "aids/course.html#section" if request.htmx else "aids/course.html"
    return render(request, template, _course_context(request, course))


@login_required
@require_POST
def need_create(request: AppRequest, course_pk: int) -> HttpResponse:
    course = course_get(actor=request.actor, pk=course_pk)
    form = NeedForm(request.POST)
    if form.is_valid():
        values = dict(form.cleaned_data)
        try:
            need = services.need_register(
                course=course,
                acting_user=request.user,
                delivers=values.pop("delivers") or None,
                pays=values.pop("pays") or None,
                **values,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if request.htmx:  # the section is swapped in place: the notice goes with it, not to the next page
                context = {**_course_context(request, course), "registered": need}
                return render(request, "aids/course.html#section", context)
            messages.success(request, f"{need.aid_type} er registreret. {need.reason}")
            return redirect("aids-course", course_pk=course.pk)
    access_log_record(
        request=request, citizen_ids=[course.citizen_id], what="Hjælpemidler på forløb", action="view"
    )
    template = "aids/course.html#section" if request.htmx else "aids/course.html"
    return render(request, template, _course_context(request, course, form), status=400)


def _need_context(request: AppRequest, need: AidNeed, **forms: Any) -> dict[str, Any]:
    deliverer = is_deliverer(need=need, user=request.user)
    return {
        "need": need,
        "course": need.course,
        "citizen": need.course.citizen,
        "loans": need.loans.select_related("aid_type", "depot", "lender"),
        "disputes": need.disputes.prefetch_related("steps"),
        "is_deliverer": deliverer,
        "deliver_form": forms.get("deliver_form") or DeliverForm(auto_id="deliver_%s"),
        "cancel_form": forms.get("cancel_form") or CancelForm(auto_id="cancel_%s"),
        "loan_form": forms.get("loan_form")
        or LoanForm(auto_id="loan_%s", depots=selectors.own_depots(actor=request.actor)),
        "dispute_form": forms.get("dispute_form") or DisputeForm(auto_id="dispute_%s"),
        "return_kinds": Loan.ReturnKind.choices,
        "open_form": forms.get("open_form", ""),
    }


@login_required
def need_detail(request: AppRequest, pk: int) -> HttpResponse:
    need = read_or_404(
        request,
        AidNeed.objects.select_related("course__citizen", "aid_type"),
        what="Behov for hjælpemiddel",
        pk=pk,
    )
    return render(request, "aids/need.html", _need_context(request, need))


def _need_action(request: AppRequest, pk: int, action: str) -> HttpResponse:
    need = selectors.need_get(actor=request.actor, pk=pk)
    forms_by_action = {
        "deliver": DeliverForm,
        "cancel": CancelForm,
        "dispute": DisputeForm,
    }
    if action == "loan":
        form: Any = LoanForm(
            request.POST, auto_id="loan_%s", depots=selectors.own_depots(actor=request.actor)
        )
    else:
        form = forms_by_action[action](request.POST, auto_id=f"{action}_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "deliver":
                services.need_deliver(
                    need=need, acting_user=request.user, at=data["delivered_at"], note=data["note"]
                )
                messages.success(request, "Leveringen er registreret.")
            elif action == "cancel":
                services.need_cancel(need=need, acting_user=request.user, reason=data["reason"])
                messages.success(request, "Behovet er annulleret.")
            elif action == "loan":
                loan = services.loan_create(need=need, acting_user=request.user, **data)
                messages.success(
                    request, f"Udlånet er registreret (nr. {loan.item_number}); udskriv lånesedlen."
                )
            else:
                dispute = services.dispute_open(
                    need=need, acting_user=request.user, question=data["question"]
                )
                messages.success(
                    request,
                    f"Tvivlstilfældet er oprettet; {dispute.interim_organisation} leverer i mellemtiden.",
                )
                return redirect("aids-dispute", pk=dispute.pk)
            return redirect("aids-need", pk=need.pk)
        except DomainError as error:
            form_add_domain_error(form, error)
    access_log_record(
        request=request, citizen_ids=[need.course.citizen_id], what="Behov for hjælpemiddel", action="view"
    )
    context = _need_context(request, need, **{f"{action}_form": form, "open_form": action})
    return render(request, "aids/need.html", context, status=400)


@login_required
@require_POST
def need_deliver(request: AppRequest, pk: int) -> HttpResponse:
    return _need_action(request, pk, "deliver")


@login_required
@require_POST
def need_cancel(request: AppRequest, pk: int) -> HttpResponse:
    return _need_action(request, pk, "cancel")


@login_required
@require_POST
def loan_create(request: AppRequest, pk: int) -> HttpResponse:
    return _need_action(request, pk, "loan")


@login_required
@require_POST
def dispute_open(request: AppRequest, pk: int) -> HttpResponse:
    return _need_action(request, pk, "dispute")


@login_required
@require_POST
def loan_return(request: AppRequest, pk: int) -> HttpResponse:
    loan = selectors.loan_get(actor=request.actor, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vælg, hvordan hjælpemidlet kom retur.")
        return redirect("aids-need", pk=loan.need_id)
    try:
        services.loan_return(loan=loan, acting_user=request.user, **form.cleaned_data)
        messages.success(request, "Udlånet er afsluttet.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("aids-need", pk=loan.need_id)


@login_required
def loan_slip(request: AppRequest, pk: int) -> HttpResponse:
    """The loan slip as PDF (1.3); a municipality's small aid has none required, but it may still be printed."""
    loan = read_or_404(
        request,
        Loan.objects.select_related("need__course__citizen", "aid_type", "lender", "depot"),
        what="Låneseddel",
        action="pdf",
        pk=pk,
    )
    response = HttpResponse(loan_slip_bytes(loan=loan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laaneseddel-{loan.pk}.pdf"'
    response["X-Slip-Required"] = "1" if slip_required(loan) else "0"
    return response
