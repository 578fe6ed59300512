"""The receivers' screens: the rehab inbox sorted by first-contact deadline, a received plan with receipt,
first contact, free choice and start of rehab; the citizen's rehab timeline; capacity notices."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from admissions.selectors import citizen_get
from rehab import selectors, services
from rehab.forms import (
    CapacityNoticeForm,
    DeclineForm,
    FinalStatusForm,
    FirstContactForm,
    ForwardForm,
    RehabCourseEndForm,
    RehabCourseForm,
)
from rehab.models import Delivery, PlanType, RehabCourse
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.listfilters import choice_param, date_param, day_after, day_start, page_of, query_string
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest

INBOX_PAGE = 25  # received plans per page


@login_required
def inbox(request: AppRequest) -> HttpResponse:
    """Plans sent to the user's municipality or hospital; the most urgent first-contact deadline on top."""
    show_all = request.GET.get("alle") == "1"
    filters: dict[str, Any] = {
        "alle": "1" if show_all else "",
        "kvittering": choice_param(request.GET, "kvittering", ["ikke", "kvitteret"]),
        "type": choice_param(request.GET, "type", PlanType.values),
        "fra": date_param(request.GET, "fra"),
        "til": date_param(request.GET, "til"),
    }
    rows = selectors.inbox_narrow(
        selectors.inbox_list(actor=request.actor, include_closed=show_all),
        received=filters["kvittering"],
        plan_type=filters["type"],
        sent_from=day_start(filters["fra"]) if filters["fra"] else None,
        sent_before=day_after(filters["til"]) if filters["til"] else None,
    )
    page = page_of(rows, request.GET, INBOX_PAGE)
    deliveries = list(page.object_list)
    access_log_record(
        request=request,
        citizen_ids=[d.plan.course.citizen_id for d in deliveries],
        what="Genoptræning: indbakke",
        action="view",
    )
    template = "rehab/inbox.html#rows" if request.htmx else "rehab/inbox.html"
    context = {
        "deliveries": deliveries,
        "show_all": show_all,
        "filters": filters,
        "plan_types": PlanType.choices,
        "page": page,
        "query": query_string(filters),
    }
    return render(request, template, context)


def _forward_kinds(delivery: Delivery) -> list[str]:
    return ["municipality"] if delivery.recipient == Delivery.Recipient.MUNICIPALITY else ["hospital"]


@login_required
def delivery_detail(request: AppRequest, pk: int) -> HttpResponse:
    delivery = selectors.delivery_get(actor=request.actor, pk=pk)
    access_log_record(
        request=request,
        citizen_ids=[delivery.plan.course.citizen_id],
        what="Genoptræningsplan (modtaget)",
        action="view",
    )
    is_receiver = delivery.organisation is not None and request.actor.acts_for(delivery.organisation_id)
    return render(
        request,
        "rehab/delivery.html",
        {
            "delivery": delivery,
            "plan": delivery.plan,
            "version": delivery.version,
            "citizen": delivery.plan.course.citizen,
            "is_receiver": is_receiver,
            "deadlines": selectors.deadlines_for(subject=delivery),
            "contact_form": FirstContactForm(),
            "forward_form": ForwardForm(kinds=_forward_kinds(delivery)),
            "decline_form": DeclineForm(),
            "course_form": RehabCourseForm(),
            # three forms of the page share field names: each its own ids, so each label finds its field
            "final_status_form": FinalStatusForm(auto_id="final_%s"),
            "end_form": RehabCourseEndForm(auto_id="end_%s"),
            "rehab_courses": delivery.plan.rehab_courses.select_related("final_status"),
            "can_decline": delivery.recipient == Delivery.Recipient.MUNICIPALITY
            and delivery.organisation_id != delivery.plan.course.citizen.municipality_id,
        },
    )


def _act(request: AppRequest, pk: int, action: str) -> HttpResponse:
    delivery = selectors.delivery_get(actor=request.actor, pk=pk)
    target = delivery.pk
    try:
        if action == "receive":
            services.delivery_receive(delivery=delivery, acting_user=request.user)
            messages.success(request, "Modtagelsen er registreret; fristen for første kontakt løber.")
        elif action == "contact":
            form = FirstContactForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Udfyld tidspunkt, hvordan og hvem.")
                return redirect("rehab-delivery", pk=target)
            services.first_contact_record(delivery=delivery, acting_user=request.user, **form.cleaned_data)
            messages.success(request, "Den første kontakt er registreret.")
        elif action == "forward":
            forward = ForwardForm(request.POST, kinds=_forward_kinds(delivery))
            if not forward.is_valid():
                messages.error(request, "Vælg modtageren.")
                return redirect("rehab-delivery", pk=target)
            new = services.delivery_forward(
                delivery=delivery,
                to=forward.cleaned_data["to"],
                consent=forward.cleaned_data["consent"],
                acting_user=request.user,
                reason=forward.cleaned_data["reason"],
            )
            messages.success(request, f"Planen er videresendt til {new.organisation}.")
        elif action == "decline":
            decline = DeclineForm(request.POST)
            reason = decline.cleaned_data["reason"] if decline.is_valid() else ""
            services.delivery_decline(delivery=delivery, reason=reason, acting_user=request.user)
            messages.success(request, "Planen er afvist og sendt retur til bopælskommunen.")
            return redirect("rehab-inbox")
        elif action == "course":
            course_form = RehabCourseForm(request.POST)
            if not course_form.is_valid():
                messages.error(request, "Udfyld niveau, leverandør og startdato.")
                return redirect("rehab-delivery", pk=target)
            provider = (
                delivery.organisation
                if course_form.cleaned_data["provider_kind"] in ("municipality", "hospital")
                else None
            )
            services.rehab_course_start(
                plan=delivery.plan, acting_user=request.user, provider=provider, **course_form.cleaned_data
            )
            messages.success(request, "Genoptræningsforløbet er registreret.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("rehab-delivery", pk=target)


@login_required
@require_POST
def delivery_receive(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "receive")


@login_required
@require_POST
def delivery_contact(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "contact")


@login_required
@require_POST
def delivery_forward(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "forward")


@login_required
@require_POST
def delivery_decline(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "decline")


@login_required
@require_POST
def delivery_course(request: AppRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "course")


def _rehab_course_act(
    request: AppRequest,
    pk: int,
    *,
    form: forms.Form,
    incomplete: str,
    done: str,
    service: Callable[..., Any],
) -> HttpResponse:
    """Run the service on a visible rehab course with the form's data; back to the received plan."""
    rehab_course = get_object_or_404(
        RehabCourse.objects.visible_to(request.actor).select_related("plan", "provider"), pk=pk
    )
    try:
        if not form.is_valid():
            raise DomainError(incomplete)
        service(rehab_course=rehab_course, acting_user=request.user, **form.cleaned_data)
        messages.success(request, done)
    except DomainError as error:
        messages.error(request, error.message)
    delivery = rehab_course.plan.deliveries.filter(is_responsible=True).order_by("-sent_at").first()
    return redirect("rehab-delivery", pk=delivery.pk) if delivery else redirect("rehab-inbox")


@login_required
@require_POST
def rehab_course_end(request: AppRequest, pk: int) -> HttpResponse:
    """The provider (or the responsible receiver) records the end of a rehab course and what was delivered."""
    return _rehab_course_act(
        request,
        pk,
        form=RehabCourseEndForm(request.POST),
        incomplete="Angiv slutdatoen.",
        done="Afslutningen af genoptræningsforløbet er registreret.",
        service=services.rehab_course_end,
    )


@login_required
@require_POST
def rehab_course_final_status(request: AppRequest, pk: int) -> HttpResponse:
    """The specialised hospital sends the final status (slutstatus) as the citizen moves to general rehab."""
    return _rehab_course_act(
        request,
        pk,
        form=FinalStatusForm(request.POST),
        incomplete="Skriv den afsluttende status.",
        done="Slutstatus er sendt til kommunen.",
        service=services.final_status_send,
    )


@login_required
def citizen_timeline(request: AppRequest, pk: int) -> HttpResponse:
    citizen = citizen_get(actor=request.actor, pk=pk)
    entries = selectors.citizen_rehab_timeline(actor=request.actor, citizen=citizen)
    plans = selectors.plan_list(actor=request.actor).filter(course__citizen=citizen)
    access_log_record(
        request=request, citizen_ids=[citizen.pk], what="Genoptræning: tidslinje", action="view"
    )
    return render(request, "rehab/timeline.html", {"citizen": citizen, "entries": entries, "plans": plans})


@login_required
def capacity_notices(request: AppRequest) -> HttpResponse:
    """Capacity notices sent and received by the user's organisations; sending one (no citizen data)."""
    ids = request.actor.party_ids
    senders = list(Organisation.objects.filter(pk__in=ids, kind__in=["region", "hospital", "municipality"]))
    form = CapacityNoticeForm(request.POST or None)
    form.fields["receiver"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
        kind__in=["municipality", "hospital", "region"], is_active=True
    )
    if request.method == "POST" and form.is_valid() and senders:
        try:
            notice = services.capacity_notice_create(
                acting_user=request.user, sender=senders[0], **form.cleaned_data
            )
            if notice.is_short_notice:
                messages.warning(request, "Varslet er sendt med kortere varsel end 6 måneder.")
            else:
                messages.success(request, "Kapacitetsvarslet er sendt.")
            return redirect("rehab-capacity")
        except DomainError as error:
            messages.error(request, error.message)
    notices = selectors.capacity_notice_list(actor=request.actor)[:200]
    return render(request, "rehab/capacity.html", {"notices": notices, "form": form, "senders": senders})
