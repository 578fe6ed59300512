"""The ward's screens: courses to write plans for, the plan editor with autosave, finalise, correct, send,
the cached PDF and the structured JSON export."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from admissions.models import Course
from rehab import selectors, services
from rehab.course_facts import course_consents, course_discharge_date, course_planned_discharge_date
from rehab.diagnoses import icd10_subset
from rehab.export import plan_export
from rehab.forms import AdvanceNoticeForm, CorrectForm, PlanVersionForm, SendForm
from rehab.models import Plan, PlanPdf, PlanVersion
from rehab.tasks import PDF_PENDING_GRACE
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest


def _log(request: AppRequest, plan: Plan, what: str, action: str = "view") -> None:
    access_log_record(request=request, citizen_ids=[plan.course.citizen_id], what=what, action=action)


@login_required
def ward_list(request: AppRequest) -> HttpResponse:
    """The ward's open and recent courses with their rehabilitation plans."""
    courses = selectors.ward_course_list(actor=request.actor)
    access_log_record(
        request=request,
        citizen_ids=[c.citizen_id for c in courses],
        what="Genoptræning: afdeling",
        action="view",
    )
    departments = Organisation.objects.filter(
        pk__in=request.actor.organisation_ids, kind="department"
    ).order_by("name")
    return render(request, "rehab/ward_list.html", {"courses": courses, "departments": departments})


@login_required
@require_POST
def plan_create(request: AppRequest, course_pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.visible_to(request.actor), pk=course_pk)
    try:
        plan = services.plan_create(course=course, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("rehab-ward")
    return redirect("rehab-plan", pk=plan.pk)


@login_required
def advance_notice(request: AppRequest, course_pk: int) -> HttpResponse:
    """Advance notice of expected rehab for a planned admission (2.1.5): the course's notices and the form;
    a valid post sends one to the home municipality and the hospital's therapy department."""
    course = get_object_or_404(
        Course.objects.visible_to(request.actor).select_related("citizen__municipality", "hospital"),
        pk=course_pk,
    )
    form = AdvanceNoticeForm(
        request.POST or None,
        hospital=course.hospital,
        initial={"expected_discharge": course_planned_discharge_date(course=course)},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.advance_notice_send(course=course, acting_user=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = error.status_code
            else:
                messages.success(request, f"Varslet er sendt til {course.citizen.municipality}.")
                return redirect("rehab-advance-notice", course_pk=course.pk)
    access_log_record(
        request=request, citizen_ids=[course.citizen_id], what="Genoptræning: varsel", action="view"
    )
    context = {
        "course": course,
        "citizen": course.citizen,
        "form": form,
        "notices": selectors.advance_notice_list(actor=request.actor, course=course),
        "icd10": sorted(icd10_subset().items()),
    }
    return render(request, "rehab/advance_notice.html", context, status=status)


def _plan_missing(version: PlanVersion) -> list[tuple[str, str]]:
    """What finalising still needs, each line with the id of the control to fill (a radio group's first)."""
    radios = {"plan_type", "outpatient_control"}
    return [
        (line, f"id_{field}_0" if field in radios else f"id_{field}")
        for line, field in services.plans.plan_missing_fields(version)
    ]


def _plan_form(request: AppRequest, plan: Plan, version: PlanVersion) -> PlanVersionForm:
    """The editor on the draft; an empty discharge date starts at the course's (the discharge plan's planned
    date until the discharge), an empty author at the user's name (the log-in only if the user has none)."""
    initial: dict[str, object] = {}
    if version.discharge_date is None and (day := course_discharge_date(course=plan.course)) is not None:
        initial["discharge_date"] = day
    if not version.author_name:
        initial["author_name"] = request.user.get_full_name() or request.user.get_username()
    form = PlanVersionForm(instance=version, initial=initial)
    if not plan.course.discharged_at and "discharge_date" in initial:
        field = form.fields["discharge_date"]
        field.help_text = f"Planlagt udskrivning fra udskrivningsplanen. {field.help_text}".strip()
    return form


def _more_rows_open(form: PlanVersionForm | None) -> dict[str, bool]:
    """Per row list, whether a row after the first is filled in or wrong (its fold then starts open)."""
    if form is None:
        return {}
    return {
        prefix: any(field.errors or str(field.value() or "").strip() for row in rows[1:] for field in row)
        for prefix, rows in form.row_groups().items()
    }


def _plan_context(request: AppRequest, plan: Plan, form: PlanVersionForm | None = None) -> dict:
    versions = list(
        plan.versions.select_related(
            "recipient_municipality", "recipient_hospital", "gp_practice", "sender_department__parent"
        ).order_by("-number")
    )
    latest = versions[0]
    final = next((v for v in versions if v.state == PlanVersion.State.FINAL), None)
    deliveries = list(
        plan.deliveries.select_related("organisation__parent", "version").order_by("sent_at", "pk")
    )
    deadline = (
        Deadline.objects.for_subject(plan)
        .filter(rule_code="rehab.plan_by_discharge")
        .order_by("-created_at")
        .first()
    )
    form = form or (_plan_form(request, plan, latest) if latest.is_editable else None)
    return {
        "plan": plan,
        "latest": latest,
        "final": final,
        "final_sent": final is not None and any(d.version_id == final.pk for d in deliveries),
        "citizen": plan.course.citizen,
        "versions": versions,
        "form": form,
        "more_rows": _more_rows_open(form),
        "missing": _plan_missing(latest) if latest.is_editable else [],
        "deliveries": deliveries,
        "send_form": SendForm(recorded=course_consents(course=plan.course)),
        "correct_form": CorrectForm(),
        "deadline": deadline,
    }


@login_required
def plan_detail(request: AppRequest, pk: int) -> HttpResponse:
    """The editor while the newest version is a draft; the read-only plan with sending and versions otherwise."""
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    _log(request, plan, "Genoptræningsplan")
    return render(request, "rehab/plan.html", _plan_context(request, plan))


@login_required
@require_POST
def plan_save(request: AppRequest, pk: int) -> HttpResponse:
    """Save the draft. The htmx autosave gets the status fragment; a plain submit redirects (or re-renders
    with the errors, having saved every valid field)."""
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    version = plan.latest
    form = PlanVersionForm(request.POST, instance=PlanVersion.objects.get(pk=version.pk))
    form.is_valid()
    try:
        services.plan_version_update(version=version, data=form.content(), acting_user=request.user)
    except DomainError as error:
        if request.htmx:
            return render(request, "rehab/plan.html#autosave", {"error": error.message}, status=409)
        messages.error(request, error.message)
        return redirect("rehab-plan", pk=plan.pk)
    if request.htmx:  # the status, and what is still missing in its place above the form (out of band)
        saved = PlanVersion.objects.get(pk=version.pk)
        status = render_to_string(
            "rehab/plan.html#autosave",
            {"saved_at": timezone.localtime(), "form_errors": form.errors},
            request=request,
        )
        missing = render_to_string(
            "rehab/plan.html#missing", {"missing": _plan_missing(saved), "oob": True}, request=request
        )
        return HttpResponse(status + missing)
    if form.errors:
        plan.refresh_from_db()
        _log(request, plan, "Genoptræningsplan")
        return render(request, "rehab/plan.html", _plan_context(request, plan, form), status=400)
    if "finalise" in request.POST:
        return plan_finalise(request, pk)
    messages.success(request, "Kladden er gemt.")
    return redirect("rehab-plan", pk=plan.pk)


@login_required
@require_POST
def plan_finalise(request: AppRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    try:
        services.plan_finalise(version=plan.latest, acting_user=request.user)
        messages.success(request, "Planen er færdiggjort og kan ikke længere ændres.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("rehab-plan", pk=plan.pk)


@login_required
@require_POST
def plan_correct(request: AppRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    form = CorrectForm(request.POST)
    reason = form.cleaned_data["correction_reason"] if form.is_valid() else ""
    try:
        services.plan_correct(plan=plan, reason=reason, acting_user=request.user)
        messages.success(request, "En ny version er oprettet; den tidligere version er bevaret.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("rehab-plan", pk=plan.pk)


@login_required
@require_POST
def plan_send(request: AppRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    form = SendForm(request.POST)
    form.is_valid()
    try:
        deliveries = services.plan_send(
            plan=plan,
            acting_user=request.user,
            consent_municipality=form.cleaned_data.get("consent_municipality", False),
            consent_hospital=form.cleaned_data.get("consent_hospital", False),
            consent_gp=form.cleaned_data.get("consent_gp", False),
        )
        names = ", ".join(str(d.organisation or d.get_recipient_display()) for d in deliveries)
        messages.success(request, f"Planen er sendt til: {names}.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("rehab-plan", pk=plan.pk)


@login_required
def version_detail(request: AppRequest, pk: int, number: int) -> HttpResponse:
    version = selectors.version_get(actor=request.actor, plan_pk=pk, number=number)
    _log(request, version.plan, f"Genoptræningsplan v{number}")
    return render(
        request,
        "rehab/version.html",
        {"version": version, "plan": version.plan, "citizen": version.plan.course.citizen},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_pdf(request: AppRequest, pk: int, number: int) -> HttpResponseBase:
    """GET only reads: the rendered PDF, else the rendering's state (htmx polls it every 2 s). POST asks for the
    rendering (again): a plain form is redirected back here, htmx gets the status fragment."""
    version = selectors.version_get(actor=request.actor, plan_pk=pk, number=number)
    if version.is_editable:
        messages.error(request, "Der dannes kun PDF af en færdiggjort plan.")
        return redirect("rehab-plan", pk=pk)
    if request.method == "POST":
        services.plan_pdf_request(version=version, acting_user=request.user)
        if not request.htmx:
            return redirect("rehab-version-pdf", pk=pk, number=number)
    pdf = PlanPdf.objects.filter(version=version).first()
    if pdf is not None and pdf.state == PlanPdf.State.READY and pdf.file and not request.htmx:
        _log(request, version.plan, f"Genoptræningsplan v{number} (PDF)", action="export")
        return FileResponse(
            pdf.file.open("rb"),
            content_type="application/pdf",
            filename=f"genoptraeningsplan-{pk}-v{number}.pdf",
        )
    url = reverse("rehab-version-pdf", kwargs={"pk": pk, "number": number})
    # a rendering pending past the grace lost its message: the user may ask again (the beat would too)
    stalled = (
        pdf is not None
        and pdf.state == PlanPdf.State.PENDING
        and pdf.requested_at < timezone.now() - PDF_PENDING_GRACE
    )
    context = {
        "pdf": pdf,
        "version": version,
        "plan": version.plan,
        "pdf_url": url,
        "stalled": stalled,
    }
    if request.htmx:
        return render(request, "rehab/pdf_status.html#status", context)
    return render(request, "rehab/pdf_status.html", context)


@login_required
def plan_export_json(request: AppRequest, pk: int) -> HttpResponse:
    """The plan (every version) as structured JSON, for an EOJ or the citizen's right of access."""
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    _log(request, plan, "Genoptræningsplan (JSON-eksport)", action="export")
    body = json.dumps(plan_export(plan=plan), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="genoptraeningsplan-{pk}.json"'
    return response


@login_required
def letter_3_10(request: AppRequest, department_pk: int) -> HttpResponseBase:
    """Annex 3.10 for citizens who self-train without a plan: one cached PDF per department (no citizen data)."""
    from django.core.files.storage import default_storage

    from rehab.pdf import letter_3_10_path
    from rehab.tasks import render_letter_3_10
    from sundhedsaftale.ops.enqueue import enqueue_now

    department = get_object_or_404(
        Organisation.objects.select_related("parent"), pk=department_pk, kind="department"
    )
    path = letter_3_10_path(department=department)
    if default_storage.exists(path):
        return FileResponse(
            default_storage.open(path, "rb"),
            content_type="application/pdf",
            filename=f"bilag-3-10-{department.code}.pdf",
        )
    if not request.htmx:
        enqueue_now(render_letter_3_10, department.pk)  # nothing to commit first; a page load asks again
    url = reverse("rehab-letter-3-10", kwargs={"department_pk": department.pk})
    context = {
        "pdf": {"state": "pending"},
        "pdf_url": url,
        "title": "Informationsbrev om egen træning (bilag 3.10)",
    }
    template = "rehab/pdf_status.html#status" if request.htmx else "rehab/pdf_status.html"
    return render(request, template, context)
