"""The ward's admit form and the citizen's course page with its actions (htmx, with redirect fallbacks)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.views.decorators.http import require_POST

from admissions import forms as f
from admissions import selectors, services
from admissions.models import Course, Stay
from admissions.parties import Party, course_related_organisations
from admissions.views.common import active_organisation, viewer_party
from sundhedsaftale import areas
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest

TEMPLATE = "admissions/course_detail.html"


@login_required
def course_admit(request: AppRequest) -> HttpResponse:
    """The ward registers an admission; the notice goes to the home municipality at once."""
    form = f.AdmitForm(request.POST or None, actor=request.actor)
    differences: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = services.course_admit(
                cpr=data["cpr"],
                name=data["name"],
                municipality=data["municipality"],
                gp_practice=data["gp_code"],
                kind=data["kind"],
                department=data["department"],
                admitted_at=data["admitted_at"],
                episode_of_care_id=data["episode_of_care_id"],
                update_master_data=data["update_master_data"],
                master_data_reason=data["master_data_reason"],
                room=data["room"],
                bed=data["bed"],
                acting_user=request.user,
            )
        except services.MasterDataDiffers as error:
            form_add_domain_error(form, error)
            differences = services.master_data_differences_shown(actor=request.actor, error=error)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, f"{course.citizen.name} er indlagt; indlæggelsesadvis sendt.")
            return redirect("course-detail", course.pk)
    context = {
        "form": form,
        "differences": differences,
        "confirmation_fields": f.AdmitForm.CONFIRMATION_FIELDS,
    }
    return render(request, "admissions/course_admit.html", context, status=400 if form.errors else 200)


def deadlines_timeline_url(citizen_pk: int) -> str | None:
    """The deadlines app's timeline of a citizen, when that app provides it."""
    path = f"/frister/borger/{citizen_pk}/"
    try:
        resolve(path)
    except (Resolver404, NoReverseMatch):
        return None
    return path


def _context(request: AppRequest, course: Course, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    party = viewer_party(request, course)
    consent_municipality = selectors.course_consents_to(course=course, party="municipality")
    consent_gp = selectors.course_consents_to(course=course, party="gp")
    shares = party in (None, Party.HOSPITAL) or (
        consent_municipality if party == Party.MUNICIPALITY else consent_gp
    )
    report = selectors.admission_report_for(actor=request.actor, course=course)
    recipients = [o for o in course_related_organisations(course=course) if o != active_organisation(request)]
    stays = list(course.stays.select_related("department__parent"))
    context: dict[str, Any] = {
        "course": course,
        "citizen": course.citizen,
        "party": party.value if party else "",
        "shares": shares,
        "timeline": selectors.course_timeline(
            actor=request.actor, course=course, party=party, shares=bool(shares)
        ),
        "stays": stays,
        "leaves": course.leaves.all(),
        "consents": course.consents.all(),
        "consent_municipality": consent_municipality,
        "consent_gp": consent_gp,
        "report": report,
        "notices": course.admission_notices.visible_to(request.actor).select_related(
            "municipality", "gp_practice"
        ),
        "information_requests": course.information_requests.visible_to(request.actor).select_related(
            "sender", "recipient"
        ),
        "threads": selectors.thread_list(actor=request.actor, course=course) if shares else [],
        "home_care": course.citizen.home_care_services.all(),
        "deadlines_url": deadlines_timeline_url(course.citizen_id),
        "contact_form": f.ContactPersonForm(
            auto_id="contact_form_%s",
            initial={"name": course.contact_name, "role": course.contact_role, "phone": course.contact_phone},
        ),
        "place_form": f.PlaceForm(auto_id="place_form_%s", initial=_place(stays)),
        "consent_form": f.ConsentForm(auto_id="consent_form_%s", initial={"given_by": "citizen"}),
        "leave_form": f.WhenForm(auto_id="leave_form_%s"),
        "transfer_form": f.TransferForm(auto_id="transfer_form_%s"),
        "death_form": f.WhenForm(auto_id="death_form_%s"),
        "cancel_form": f.CancelForm(auto_id="cancel_form_%s"),
        "info_form": f.InformationRequestForm(auto_id="info_form_%s", course=course),
        "message_form": f.MessageForm(auto_id="message_form_%s", recipients=recipients),
    }
    context.update(_hub(request, course, party, bool(shares)))
    context.update(bound or {})
    return context


def _place(stays: list[Stay]) -> dict[str, str]:
    """The room and bed of the current (open, latest) stay; blank when none is open."""
    current = [stay for stay in stays if stay.ended_at is None]
    stay = max(current, key=lambda s: (s.started_at, s.pk), default=None)
    return {"room": stay.room, "bed": stay.bed} if stay else {"room": "", "bed": ""}


# The forms a hub link may open on arrival (``?aaben=message_form``): details elements closed otherwise.
HUB_FORMS = ("message_form", "info_form", "contact_form")


def _hub(request: AppRequest, course: Course, party: Party | None, shares: bool) -> dict[str, Any]:
    """The course as the hub: every area's page about it with the viewer's actions, the unread notice."""
    organisation = active_organisation(request)
    unread = []
    if party == Party.MUNICIPALITY and organisation is not None:
        unread = list(
            course.admission_notices.visible_to(request.actor).filter(
                municipality=organisation, read_at__isnull=True
            )
        )
    wanted = request.GET.get("aaben", "")
    return {
        "hub_links": areas.course_links(request, course),
        "unread_notices": unread,
        "open_form": wanted if wanted in HUB_FORMS else "",
        "may_write": bool(party)
        and shares
        and course.state in (Course.State.ADMITTED, Course.State.ON_LEAVE),
    }


def _notices_mark_read(request: AppRequest, course: Course) -> None:
    """Opening the course from the inbox reads its admission notice for the user's municipality."""
    organisation = active_organisation(request)
    if organisation is None or organisation.kind != organisation.Kind.MUNICIPALITY:
        return
    notices = course.admission_notices.visible_to(request.actor).filter(
        municipality=organisation, read_at__isnull=True
    )
    for notice in notices:
        try:
            services.admission_notice_mark_read(notice=notice, acting_user=request.user)
        except DomainError:
            return


def _show(
    request: AppRequest, course: Course, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    name = f"{TEMPLATE}#body" if request.htmx else TEMPLATE
    return render(request, name, _context(request, course, bound), status=status)


@login_required
def course_detail(request: AppRequest, pk: int) -> HttpResponse:
    """The course page: facts, timeline of everything that happened and every deadline, and the actions."""
    course = selectors.course_get(actor=request.actor, pk=pk)
    access_log_record(request=request, citizen_ids=[course.citizen_id], what="Forløbsside", action="view")
    if request.GET.get("fra") == "indbakke":
        _notices_mark_read(request, course)
    return _show(request, course)


def _no_form_kwargs(request: AppRequest, course: Course) -> dict[str, Any]:
    return {}


def _course_action(
    form_name: str,
    form_class: Callable[..., forms.Form],
    act: Callable[[AppRequest, Course, dict[str, Any]], str],
    form_kwargs: Callable[[AppRequest, Course], dict[str, Any]] = _no_form_kwargs,
) -> Callable[[AppRequest, int], HttpResponse]:
    """A POST on the course page: validate the form, call the service, then show the course again — the
    fragment for htmx, a redirect otherwise. A Danish form error keeps the input and saves nothing."""

    @login_required
    @require_POST
    def view(request: AppRequest, pk: int) -> HttpResponse:
        course = selectors.course_get(actor=request.actor, pk=pk)
        access_log_record(request=request, citizen_ids=[course.citizen_id], what="Forløbsside", action="view")
        kwargs = form_kwargs(request, course)
        form = form_class(request.POST, request.FILES, auto_id=f"{form_name}_%s", **kwargs)
        if form.is_valid():
            try:
                text = act(request, course, form.cleaned_data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, text)
                if request.htmx:
                    course.refresh_from_db()
                    response = _show(request, course)
                    response["HX-Trigger"] = "course-changed"
                    return response
                return redirect("course-detail", course.pk)
        bound: dict[str, Any] = {form_name: form, "open_form": form_name}
        return _show(request, course, bound, status=200 if request.htmx else 400)

    return view


def _contact(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.course_set_contact_person(course=course, acting_user=request.user, **data)
    return "Fast kontaktperson gemt."


def _place_set(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.stay_set_place(course=course, acting_user=request.user, **data)
    return "Stue og seng gemt."


def _consent(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.consent_record(course=course, acting_user=request.user, **data)
    return "Samtykke registreret."


def _leave(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    if course.state == Course.State.ON_LEAVE:
        services.leave_end(course=course, ended_at=data["at"], acting_user=request.user)
        return "Orlov afsluttet."
    services.leave_start(course=course, started_at=data["at"], note=data["note"], acting_user=request.user)
    return "Orlov registreret."


def _transfer(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.course_transfer(course=course, acting_user=request.user, **data)
    return "Overflytning registreret."


def _death(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.course_record_death(course=course, died_at=data["at"], acting_user=request.user)
    return "Dødsfald registreret; kontaktpersonen er underrettet."


def _info(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.information_request_send(course=course, acting_user=request.user, **data)
    return "Forespørgsel sendt; svarfrist 24 timer."


def _message(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.message_send(
        course=course, acting_user=request.user, organisation=active_organisation(request), **data
    )
    return "Meddelelse sendt."


class EmptyForm(forms.Form):
    pass


def _report_request(request: AppRequest, course: Course, data: dict[str, Any]) -> str:
    services.admission_report_request(course=course, acting_user=request.user)
    return "Indlæggelsesrapport anmodet hos kommunen."


def _info_form_kwargs(request: AppRequest, course: Course) -> dict[str, Any]:
    return {"course": course}


def _message_form_kwargs(request: AppRequest, course: Course) -> dict[str, Any]:
    return {"recipients": course_related_organisations(course=course)}


course_contact_person = _course_action("contact_form", f.ContactPersonForm, _contact)
course_place = _course_action("place_form", f.PlaceForm, _place_set)
course_consent = _course_action("consent_form", f.ConsentForm, _consent)
course_leave = _course_action("leave_form", f.WhenForm, _leave)
course_transfer = _course_action("transfer_form", f.TransferForm, _transfer)
course_death = _course_action("death_form", f.WhenForm, _death)
course_information_request = _course_action(
    "info_form", f.InformationRequestForm, _info, form_kwargs=_info_form_kwargs
)
course_message = _course_action("message_form", f.MessageForm, _message, form_kwargs=_message_form_kwargs)
course_report_request = _course_action("report_request_form", EmptyForm, _report_request)


@login_required
@require_POST
def course_cancel(request: AppRequest, pk: int) -> HttpResponse:
    """Cancel the course. Its care relations end at once, so the ward may no longer see the citizen: go to the
    front page (``HX-Redirect`` for htmx) rather than back to the course."""
    course = selectors.course_get(actor=request.actor, pk=pk)
    access_log_record(request=request, citizen_ids=[course.citizen_id], what="Forløbsside", action="view")
    form = f.CancelForm(request.POST, auto_id="cancel_form_%s")
    status = 400
    if form.is_valid():
        try:
            services.course_cancel(
                course=course, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except DomainError as error:
            form_add_domain_error(form, error)
            status = 403 if error.status_code == 403 else status  # not on the hospital side of the course
        else:
            messages.success(request, f"Forløbet for {course.citizen.name} er annulleret.")
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = reverse("dashboard")
                return response
            return redirect("dashboard")
    bound: dict[str, Any] = {"cancel_form": form, "open_form": "cancel_form"}
    return _show(request, course, bound, status=200 if request.htmx and status != 403 else status)


@login_required
@require_POST
def consent_withdraw(request: AppRequest, pk: int) -> HttpResponse:
    consent = selectors.consent_get(actor=request.actor, pk=pk)
    try:
        services.consent_withdraw(consent=consent, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Samtykket er tilbagekaldt.")
    return redirect("course-detail", consent.course_id)


@login_required
def admission_report(request: AppRequest, pk: int) -> HttpResponse:
    """The municipality's admission report form for a course (and, read-only, the report itself)."""
    course = selectors.course_get(actor=request.actor, pk=pk)
    access_log_record(
        request=request, citizen_ids=[course.citizen_id], what="Indlæggelsesrapport", action="view"
    )
    report = selectors.admission_report_for(actor=request.actor, course=course)
    form = f.AdmissionReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.admission_report_submit(course=course, acting_user=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Indlæggelsesrapporten er sendt til hospitalet.")
            return redirect("course-detail", course.pk)
    context = {
        "course": course,
        "citizen": course.citizen,
        "report": report,
        "form": form,
        "party": (viewer_party(request, course) or ""),
    }
    return render(request, "admissions/admission_report.html", context, status=400 if form.errors else 200)
