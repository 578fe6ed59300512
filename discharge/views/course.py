"""The course's discharge page, the planning form with its live deadline, and the discharge actions."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from admissions.models import Course
from admissions.parties import Party
from discharge import forms as f
from discharge import selectors, services
from discharge.due import NotificationDue, notification_due, rule_set_needs_agreed_date
from discharge.models import DischargeConference, DischargePlan, DischargeTimeProposal, SuddenChange
from discharge.permissions import HOSPITAL, HOSPITAL_OR_MUNICIPALITY, MUNICIPALITY
from discharge.views.common import (
    active_organisation,
    admissions_course_url,
    course_page_url,
    done,
    require_party,
    today,
    viewer_party,
)
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest


def _course(request: AppRequest, pk: int, what: str) -> Course:
    """The course, through the visibility rule (404 otherwise), its read logged."""
    rows = Course.objects.select_related(
        "citizen__municipality", "citizen__gp_practice", "hospital", "department__parent"
    )
    return read_or_404(request, rows, what=what, pk=pk)


@login_required
def course_discharge(request: AppRequest, pk: int) -> HttpResponse:
    """Everything about the course's discharge, with the actions the viewer's party may take."""
    course = _course(request, pk, "Udskrivning")
    context = {
        "d": selectors.course_discharge_get(actor=request.actor, course=course, today=today()),
        "course": course,
        "party": viewer_party(request, course) or ("hospital" if request.user.is_superuser else None),
        "course_url": admissions_course_url(course),
        "now": timezone.now(),
    }
    template = "discharge/course.html#records" if request.htmx else "discharge/course.html"
    return render(request, template, context)


# --- planning with the live deadline ---------------------------------------------------------------


def _preview(course: Course, data: dict[str, Any]) -> tuple[NotificationDue | None, str]:
    """The deadline for the values entered so far, or a Danish hint why it cannot be computed yet."""
    if not data.get("need") or not data.get("planned_date"):
        return None, "Vælg behov og planlagt udskrivningsdato for at se varslingsfristen."
    try:
        computed = notification_due(
            course=course,
            need=data["need"],
            needs=[data["need"], *data.get("needs", [])],
            planned_date=data["planned_date"],
            nursing_service_date=data.get("nursing_service_date"),
            agreed_date=data.get("agreed_date"),
        )
    except DomainError as error:
        return None, error.message
    return computed, ""


def _plan_initial(plan: DischargePlan | None) -> dict[str, Any]:
    if plan is None:
        return {}
    return {
        "functional_ability": plan.functional_ability,
        "need": plan.need,
        "needs": [need for need in plan.all_needs if need != plan.need],
        "planned_date": plan.planned_date,
        "nursing_service_date": plan.nursing_service_date,
        "agreed_date": plan.agreed_date,
        "note": plan.note,
    }


def _partial_data(form: forms.Form) -> dict[str, Any]:
    """The fields that parse, even when others do not (the preview runs on half-filled forms)."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}


@login_required
def plan_edit(request: AppRequest, pk: int) -> HttpResponse:
    """Plan (or re-plan) the discharge. "Beregn frist" re-renders with the deadline (no JavaScript needed)."""
    course = _course(request, pk, "Udskrivningsplan")
    require_party(request, course, HOSPITAL)
    plan = DischargePlan.objects.visible_to(request.actor).filter(course=course).first()
    status = 200
    if request.method == "POST":
        form = f.PlanForm(request.POST)
        if request.POST.get("action") == "preview":
            due, hint = _preview(course, _partial_data(form))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.discharge_plan_save(
                    course=course,
                    functional_ability=data["functional_ability"],
                    need=data["need"],
                    needs=data["needs"],
                    planned_date=data["planned_date"],
                    nursing_service_date=data["nursing_service_date"],
                    agreed_date=data["agreed_date"],
                    note=data["note"],
                    reason=data["reason"],
                    acting_user=request.user,
                    acting_organisation=active_organisation(request),
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return done(
                    request, message="Udskrivningsplanen er gemt.", default_url=course_page_url(course)
                )
            due, hint = _preview(course, _partial_data(form))
            status = 400
        else:
            due, hint = _preview(course, _partial_data(form))
            status = 400
    else:
        form = f.PlanForm(initial=_plan_initial(plan))
        due, hint = _preview(course, _plan_initial(plan))
    context = {
        "course": course,
        "plan": plan,
        "form": form,
        "due": due,
        "hint": hint,
        "needs_agreed": rule_set_needs_agreed_date(course=course, on=today()),
    }
    return render(request, "discharge/plan_form.html", context, status=status)


@login_required
@require_GET
def plan_preview(request: AppRequest, pk: int) -> HttpResponse:
    """The live deadline fragment (htmx GET on every change of the planning form): it reads the citizen's course."""
    course = _course(request, pk, "Udskrivningsplan (frist)")
    require_party(request, course, HOSPITAL)
    due, hint = _preview(course, _partial_data(f.PlanForm(request.GET)))
    return render(request, "discharge/plan_form.html#due", {"course": course, "due": due, "hint": hint})


# --- the other actions: one form, one service call --------------------------------------------------


@dataclass(frozen=True)
class Action:
    title: str
    form_class: type[forms.Form]
    parties: tuple[Party, ...]
    submit: str
    perform: Callable[[AppRequest, Course, dict[str, Any]], str]
    intro: str = ""


def _kwargs(request: AppRequest) -> dict[str, Any]:
    return {"acting_user": request.user, "acting_organisation": active_organisation(request)}


def _run(request: AppRequest, course: Course, action: Action) -> HttpResponse:
    """GET shows the form; POST calls the service, maps a DomainError to a form error, or is done."""
    status = 200
    if request.method == "POST":
        form = action.form_class(request.POST)
        if form.is_valid():
            try:
                message = action.perform(request, course, form.cleaned_data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return done(request, message=message, default_url=course_page_url(course))
        status = 200 if request.htmx else 400
    else:
        form = action.form_class()
    template = "discharge/action_form.html#form" if request.htmx else "discharge/action_form.html"
    context = {"course": course, "form": form, "action": action, "post_url": request.path}
    return render(request, template, context, status=status)


def _action_view(action: Action) -> Callable[[AppRequest, int], HttpResponse]:
    @login_required
    def view(request: AppRequest, pk: int) -> HttpResponse:
        course = _course(request, pk, action.title)
        require_party(request, course, action.parties)
        return _run(request, course, action)

    return view


def _notify(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    plan = get_object_or_404(DischargePlan.objects.visible_to(request.actor), course=course)
    notification = services.discharge_notification_send(plan=plan, text=data["text"], **_kwargs(request))
    sent = "Varslingen er sendt til kommunen" + ("." if notification.on_time else " – efter fristen.")
    if not notification.need:
        sent += (
            " Behovet"
            + (" og beskeden" if getattr(notification, "text_withheld", False) else "")
            + " er ikke sendt med: borgeren har ikke givet samtykke til at videregive helbredsoplysninger."
        )
    return sent


def _finished(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.finished_treatment_record(course=course, **data, **_kwargs(request))
    return "Færdigbehandlingsdatoen er registreret."


def _conference(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    conference = services.discharge_conference_schedule(course=course, **data, **_kwargs(request))
    return f"{conference.get_kind_display()} er planlagt."


def _notice(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    # The confirm step: a discharge that misses a notice or comes before the agreed day needs the reason
    # recorded first (a warning, never a block).
    plan = DischargePlan.objects.visible_to(request.actor).filter(course=course).first()
    warnings = selectors.discharge_warnings(course=course, plan=plan, at=data["discharged_at"])
    if warnings and not data.get("early_discharge_reason", "").strip():
        raise DomainError(
            " ".join(warning.text for warning in warnings)
            + " Angiv årsagen for at udskrive alligevel; den registreres sammen med udskrivningen.",
            field="early_discharge_reason",
            code="confirm_early_discharge",
        )
    services.discharge_notice_send(course=course, **data, **_kwargs(request))
    return "Borgeren er udskrevet, og udskrivningsadvisen er sendt til kommunen." + (
        " Afvigelsen er registreret med årsagen." if warnings else ""
    )


def _report(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.discharge_report_send(course=course, **data, **_kwargs(request))
    return "Udskrivningsrapporten er sendt til kommunen."


def _letter(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.discharge_letter_send(course=course, **data, **_kwargs(request))
    return "Epikrisen er sendt til egen læge."


def _reply(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.municipal_reply_send(course=course, **data, **_kwargs(request))
    return "Svaret er sendt til afdelingen."


def _sudden(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    change = services.sudden_change_report(course=course, **data, **_kwargs(request))
    who = change.contact_name or "afdelingen"
    return f"{change.get_kind_display()} er registreret, og {who} er underrettet."


notification_send = _action_view(
    Action(
        "Varsling af udskrivning",
        f.NotificationForm,
        HOSPITAL,
        "Send varsling",
        _notify,
        "Varslingen sendes til borgerens bopælskommune og opfylder varslingsfristen.",
    )
)
finished_treatment = _action_view(
    Action(
        "Færdigbehandlet",
        f.FinishedTreatmentForm,
        HOSPITAL,
        "Registrér",
        _finished,
        "Hver dag efter færdigbehandlingsdatoen frem til udskrivning tæller som en færdigbehandlet sengedag for kommunen.",
    )
)
conference_schedule = _action_view(
    Action("Udskrivningskonference eller hjemmebesøg", f.ConferenceForm, HOSPITAL, "Planlæg", _conference)
)
notice_send = _action_view(
    Action(
        "Udskrivningsadvis",
        f.NoticeForm,
        HOSPITAL,
        "Udskriv og send advis",
        _notice,
        "Borgeren udskrives, og kommunen får udskrivningsadvisen; afbestilt hjemmepleje genoptages.",
    )
)
report_send = _action_view(Action("Udskrivningsrapport", f.ReportForm, HOSPITAL, "Send rapport", _report))
letter_send = _action_view(Action("Epikrise til egen læge", f.LetterForm, HOSPITAL, "Send epikrise", _letter))
reply_send = _action_view(
    Action(
        "Kommunens svar",
        f.ReplyForm,
        MUNICIPALITY,
        "Send svar",
        _reply,
        "Svaret vises straks for afdelingen.",
    )
)
sudden_change = _action_view(
    Action(
        "Pludselig ændring",
        f.SuddenChangeForm,
        HOSPITAL_OR_MUNICIPALITY,
        "Registrér og underret",
        _sudden,
        "Ved pludselige ændringer, også dødsfald, gives altid straks besked til kontaktpersonen.",
    )
)


def _propose(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    proposal = services.discharge_time_propose(course=course, **data, **_kwargs(request))
    return f"Forslaget om udskrivning {proposal.proposed_date:%d.%m.%Y} er sendt til den anden part."


time_propose = _action_view(
    Action(
        "Forslag til udskrivningstidspunkt",
        f.TimeProposalForm,
        HOSPITAL_OR_MUNICIPALITY,
        "Send forslag",
        _propose,
        "Hospital og kommune aftaler udskrivningstidspunktet ud fra den forberedelse, kommunen har brug for. "
        "Forslaget registreres med hvem og hvorfor; den anden part accepterer eller afviser.",
    )
)


@login_required
@require_POST
def time_proposal_answer(request: AppRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """The other side accepts (``accept=1``) or declines a proposed discharge time."""
    course = _course(request, pk, "Forslag til udskrivningstidspunkt")
    require_party(request, course, HOSPITAL_OR_MUNICIPALITY)
    proposal = get_object_or_404(
        DischargeTimeProposal.objects.visible_to(request.actor), pk=proposal_pk, course=course
    )
    accept = request.POST.get("accept") == "1"
    try:
        services.discharge_time_proposal_answer(proposal=proposal, accept=accept, **_kwargs(request))
    except DomainError as error:
        return HttpResponse(error.message, status=error.status_code)
    message = (
        "Forslaget er accepteret; det aftalte tidspunkt er ændret." if accept else "Forslaget er afvist."
    )
    return done(request, message=message, default_url=course_page_url(course))


@login_required
def conference_outcome(request: AppRequest, pk: int, conference_pk: int) -> HttpResponse:
    course = _course(request, pk, "Udskrivningskonference")
    require_party(request, course, HOSPITAL)
    conference = get_object_or_404(
        DischargeConference.objects.visible_to(request.actor), pk=conference_pk, course=course
    )

    def perform(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
        services.discharge_conference_record_outcome(
            conference=conference, outcome=data["outcome"], **_kwargs(request)
        )
        return "Resultatet er registreret."

    action = Action(f"Resultat: {conference}", f.ConferenceOutcomeForm, HOSPITAL, "Gem resultat", perform)
    return _run(request, course, action)


@login_required
@require_POST
def sudden_change_acknowledge(request: AppRequest, pk: int, change_pk: int) -> HttpResponse:
    """The receiving party (the ward, or the municipality for the hospital's reports) acknowledges a change."""
    course = _course(request, pk, "Pludselig ændring")
    require_party(request, course, HOSPITAL_OR_MUNICIPALITY)
    change = get_object_or_404(SuddenChange.objects.visible_to(request.actor), pk=change_pk, course=course)
    try:
        services.sudden_change_acknowledge(change=change, acting_user=request.user)
    except DomainError as error:
        return HttpResponse(error.message, status=error.status_code)
    return done(request, message="Ændringen er kvitteret.", default_url=course_page_url(course))
