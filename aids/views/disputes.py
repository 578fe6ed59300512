"""A dispute's page: the question, who delivers meanwhile, the ladder with each step's decision and date; escalate
to the next level or record the decision and who pays afterwards."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import ChoiceField
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from aids import selectors, services
from aids.forms import DecideForm, EscalateForm
from aids.models import Dispute, Level
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest


def _context(dispute: Dispute, **forms: Any) -> dict[str, Any]:
    escalate_form = forms.get("escalate_form") or EscalateForm(auto_id="escalate_%s")
    to_field = escalate_form.fields["to"]
    assert isinstance(to_field, ChoiceField)
    labels = dict(Level.choices)
    to_field.choices = [(level, labels[level]) for level in dispute.next_levels]
    return {
        "dispute": dispute,
        "need": dispute.need,
        "citizen": dispute.need.course.citizen,
        "steps": dispute.steps.all(),
        "escalate_form": escalate_form,
        "decide_form": forms.get("decide_form") or DecideForm(auto_id="decide_%s"),
        "open_form": forms.get("open_form", ""),
    }


@login_required
def dispute_detail(request: AppRequest, pk: int) -> HttpResponse:
    dispute = read_or_404(
        request,
        Dispute.objects.select_related("need__course__citizen", "need__aid_type", "interim_organisation"),
        what="Tvivlstilfælde om hjælpemiddel",
        pk=pk,
    )
    return render(request, "aids/dispute.html", _context(dispute))


def _act(request: AppRequest, pk: int, action: str) -> HttpResponse:
    dispute = selectors.dispute_get(actor=request.actor, pk=pk)
    form: Any = (
        EscalateForm(request.POST, auto_id="escalate_%s")
        if action == "escalate"
        else DecideForm(request.POST, auto_id="decide_%s")
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if action == "escalate":
                dispute = services.dispute_escalate(
                    dispute=dispute, acting_user=request.user, to=data.pop("to") or None, **data
                )
                messages.success(request, f"Forelagt: {dispute.get_level_display()}.")
            else:
                dispute = services.dispute_decide(dispute=dispute, acting_user=request.user, **data)
                messages.success(request, f"Afgjort: {dispute.get_outcome_display()}.")
            return redirect("aids-dispute", pk=dispute.pk)
        except DomainError as error:
            form_add_domain_error(form, error)
    access_log_record(
        request=request,
        citizen_ids=[dispute.need.course.citizen_id],
        what="Tvivlstilfælde om hjælpemiddel",
        action="view",
    )
    return render(
        request,
        "aids/dispute.html",
        _context(dispute, **{f"{action}_form": form, "open_form": action}),
        status=400,
    )


@login_required
@require_POST
def dispute_escalate(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "escalate")


@login_required
@require_POST
def dispute_decide(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "decide")
