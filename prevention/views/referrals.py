"""Referrals and screenings: refer a citizen from an offer's page or from a course, the referrals an
organisation sent and received, one referral with its status history, and the follow-up figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from admissions.models import Course
from prevention import figures, selectors, services
from prevention.forms import CourseReferralForm, ReferralForm, ReferralStatusForm, ScreeningForm
from prevention.models import Offer, Referral
from prevention.models.referrals import SCREENING_AREAS
from prevention.permissions import may_refer
from prevention.services.referrals import allowed_next, assessments_of
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.citizens.cpr import cpr_compact
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date


def _open_offers() -> object:
    return (
        Offer.objects.active(local_date(timezone.now()))
        .filter(accepts_referrals=True)
        .select_related("provider__parent")
    )


@login_required
@require_http_methods(["GET", "POST"])
def refer(request: AppRequest) -> HttpResponse:
    """Refer a citizen (by CPR number) to the offer named in the form; the citizen must be one the hospital or
    practice sees. Without JavaScript: the offer page posts here, errors come back on this page."""
    if not may_refer(request.actor):
        return render(request, "prevention/refer.html", {"refused": True}, status=403)
    form = ReferralForm(request.POST or None, initial={"offer": request.GET.get("tilbud", "")})
    offer = None
    offer_id = request.POST.get("offer") or request.GET.get("tilbud") or ""
    if offer_id.isascii() and offer_id.isdigit() and len(offer_id) < 10:
        offer = _open_offers().filter(pk=int(offer_id)).first()  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            if offer is None:
                raise DomainError("Tilbuddet modtager ikke henvisninger nu.", field="offer")
            cpr = cpr_compact(form.cleaned_data["cpr"] or "")
            citizen = Citizen.objects.visible_to(request.actor).filter(cpr=cpr).first() if cpr else None
            if citizen is None:
                raise DomainError(
                    "Ingen borger med dette CPR-nummer, som I har en behandlingsrelation til.", field="cpr"
                )
            referral = services.referral_create(
                citizen=citizen,
                offer=offer,
                consent_by=form.cleaned_data["consent_by"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
                organisation=request.actor.acting_organisation,
            )
        except (DomainError, ValidationError) as error:
            if isinstance(error, DomainError):
                form_add_domain_error(form, error)
            else:
                form.add_error("cpr", error.messages[0])
        else:
            messages.success(request, f"{citizen.name} er henvist til {offer.title}.")
            return redirect("prevention-referral", pk=referral.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "prevention/refer.html", {"form": form, "offer": offer}, status=status)


@login_required
def referral_list(request: AppRequest) -> HttpResponse:
    """The referrals the organisation received (default for municipalities) or sent, newest first."""
    actor = request.actor
    default = "received" if actor.organisation_kind == "municipality" else "sent"
    asked = request.GET.get("retning", "")
    direction = asked if asked in ("sent", "received") else default
    status = request.GET.get("status", "")
    referrals = list(selectors.referral_list(actor=actor, direction=direction, status=status)[:300])
    access_log_record(
        request=request,
        citizen_ids=[r.citizen_id for r in referrals],
        what="Forebyggelse: henvisninger",
        action="view",
    )
    context = {
        "referrals": referrals,
        "direction": direction,
        "status": status,
        "statuses": Referral.Status.choices,
    }
    template = "prevention/referrals.html#rows" if request.htmx else "prevention/referrals.html"
    return render(request, template, context)


@login_required
def referral_detail(request: AppRequest, pk: int) -> HttpResponse:
    referral = read_or_404(
        request, selectors.referral_rows(pk=pk), what="Henvisning til forebyggelsestilbud", pk=pk
    )
    is_receiver = request.actor.acts_for(referral.provider_id)
    allowed = allowed_next(referral.status) if is_receiver else []
    return render(
        request,
        "prevention/referral.html",
        {
            "referral": referral,
            "citizen": referral.citizen,
            "events": referral.events.select_related("organisation"),
            "is_receiver": is_receiver,
            "status_form": ReferralStatusForm(allowed=allowed) if allowed else None,
        },
    )


@login_required
@require_POST
def referral_status(request: AppRequest, pk: int) -> HttpResponse:
    referral = read_or_404(
        request, selectors.referral_rows(pk=pk), what="Henvisning: ny status", action="change", pk=pk
    )
    form = ReferralStatusForm(request.POST, allowed=allowed_next(referral.status))
    if not form.is_valid():
        messages.error(request, "Vælg den nye status.")
        return redirect("prevention-referral", pk=pk)
    try:
        services.referral_status_set(
            referral=referral,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            acting_user=request.user,
            organisation=request.actor.acting_organisation,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Status er nu »{Referral.Status(form.cleaned_data['status']).label}«.")
    return redirect("prevention-referral", pk=pk)


def _course(request: AppRequest, pk: int, action: str = "view") -> Course:
    rows = Course.objects.select_related("citizen", "hospital", "department")
    return read_or_404(request, rows, what="Forebyggelse på forløbet", action=action, pk=pk)


def _course_page(
    request: AppRequest,
    course: Course,
    *,
    screening_form: ScreeningForm | None = None,
    referral_form: CourseReferralForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.actor
    can_act = may_refer(actor)
    return render(
        request,
        "prevention/course.html",
        {
            "course": course,
            "citizen": course.citizen,
            "screenings": selectors.course_screenings(actor=actor, course=course),
            "referrals": selectors.citizen_referrals(actor=actor, citizen_id=course.citizen_id),
            "can_act": can_act,
            "areas": list(SCREENING_AREAS.values()),
            "screening_form": screening_form
            or ScreeningForm(initial={"screened_on": local_date(timezone.now())}),
            "referral_form": referral_form or CourseReferralForm(offers=_open_offers()),
        },
        status=status,
    )


@login_required
def course_prevention(request: AppRequest, pk: int) -> HttpResponse:
    """The course's screenings for need and motivation and the citizen's referrals, with the forms."""
    return _course_page(request, _course(request, pk))


@login_required
@require_POST
def course_screening(request: AppRequest, pk: int) -> HttpResponse:
    course = _course(request, pk, action="change")
    form = ScreeningForm(request.POST)
    if form.is_valid():
        try:
            services.screening_record(
                citizen=course.citizen,
                course=course,
                screened_on=form.cleaned_data["screened_on"],
                assessments=assessments_of(form.cleaned_data),
                note=form.cleaned_data["note"],
                acting_user=request.user,
                organisation=request.actor.acting_organisation,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Screeningen er registreret.")
            return redirect("prevention-course", pk=pk)
    return _course_page(request, course, screening_form=form, status=400)


@login_required
@require_POST
def course_refer(request: AppRequest, pk: int) -> HttpResponse:
    course = _course(request, pk, action="change")
    form = CourseReferralForm(request.POST, offers=_open_offers())
    if form.is_valid():
        try:
            referral = services.referral_create(
                citizen=course.citizen,
                course=course,
                offer=form.cleaned_data["offer"],
                consent_by=form.cleaned_data["consent_by"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
                organisation=request.actor.acting_organisation,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, f"Borgeren er henvist til {referral.offer.title}.")
            return redirect("prevention-referral", pk=referral.pk)
    return _course_page(request, course, referral_form=form, status=400)


@login_required
def figures_page(request: AppRequest) -> HttpResponse:
    """Referrals per hospital, practice and municipality and their outcomes in a period: counts only."""
    period = figures.period_from(request.GET, today=local_date(timezone.now()))
    context = figures.referral_figures(period=period) | {
        "previous": figures.previous_periods(period),
        "kinds": figures.PERIOD_LABELS,
    }
    return render(request, "prevention/figures.html", context)
