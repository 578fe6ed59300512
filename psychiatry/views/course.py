"""The psychiatric course page: every section of the course, and its forms. Each form posts to
``psychiatry-course-action`` with the action's name; a refused action renders the page again with the Danish
reason (400), a done one redirects back (works without JavaScript)."""

import contextlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from admissions.models import Course
from psychiatry import selectors, services
from psychiatry.models import CarePlan, ContactPerson, Meeting, Notice, PsychiatricCourse
from psychiatry.permissions import HOSPITAL_ROLES
from psychiatry.services.child import STATEMENT_FIELDS
from psychiatry.views import inputs as i
from sundhedsaftale.access.reads import read_or_404
from sundhedsaftale.errors import DomainError
from sundhedsaftale.requests import AppRequest

Action = Callable[[PsychiatricCourse, Any, Any], object]


def _care_plan(course: PsychiatricCourse, d: Any, u: Any) -> object:
    kind = i.text(d, "kind", 20)
    plan = None
    if (plan_id := i.row_id(d, "plan")) is not None:
        plan = course.care_plans.filter(pk=plan_id).first()
    fields: dict[str, object] = {
        name: i.text(d, name)
        for name in ("treatment_offers", "social_offers", "participants", "responsibilities")
    }
    fields["follow_up_on"] = i.day_or_none(d, "follow_up_on")
    fields["joint_team_referred_on"] = i.day_or_none(d, "joint_team_referred_on")
    return services.care_plan_save(course=course, kind=kind, plan=plan, acting_user=u, **fields)


def _follow_up(course: PsychiatricCourse, d: Any, u: Any) -> object:
    plan = course.care_plans.filter(
        kind=CarePlan.Kind.ACTION_PLAN,
        pk=i.row_id(d, "plan") or 0,
    ).first()
    if plan is None:
        raise DomainError("Vælg handleplanen.", field="plan")
    return services.action_plan_follow_up(plan=plan, on=i.day(d, "on"), acting_user=u)


def _meeting_record(course: PsychiatricCourse, d: Any, u: Any) -> object:
    meeting = (
        course.meetings.filter(pk=meeting_id).first()
        if (meeting_id := i.row_id(d, "meeting")) is not None
        else None
    )
    if meeting is None:
        raise DomainError("Vælg mødet.", field="meeting")
    return services.meeting_record(meeting=meeting, notes=i.text(d, "notes"), acting_user=u)


def _referral(course: PsychiatricCourse) -> Any:
    referral = getattr(course, "referral", None)
    if referral is None:
        raise DomainError("Forløbet har ingen henvisning.")
    return referral


ACTIONS: dict[str, Action] = {
    "samtykke": lambda c, d, u: services.course_update(
        course=c,
        legal_status=i.text(d, "legal_status", 20),
        consent=i.text(d, "consent", 20),
        consent_by=i.text(d, "consent_by", 200),
        relatives_wishes=i.text(d, "relatives_wishes"),
        acting_user=u,
    ),
    "kontaktperson": lambda c, d, u: services.contact_person_add(
        course=c,
        role=i.text(d, "role", 20),
        name=i.text(d, "name", 200),
        phone=i.text(d, "phone", 40),
        acting_user=u,
    ),
    "paaroerende": lambda c, d, u: services.relative_add(
        course=c,
        name=i.text(d, "name", 200),
        relation=i.text(d, "relation", 100),
        phone=i.text(d, "phone", 40),
        involve=i.flag(d, "involve"),
        acting_user=u,
    ),
    "orienter": lambda c, d, u: services.course_inform(
        course=c, party=i.text(d, "party", 20), text=i.text(d, "text"), acting_user=u
    ),
    "moede": lambda c, d, u: services.meeting_schedule(
        course=c,
        kind=i.text(d, "kind", 20),
        scheduled_at=i.moment(d, "scheduled_at"),
        participants=i.text(d, "participants"),
        acting_user=u,
    ),
    "moede-referat": _meeting_record,
    "udskrivningstidspunkt": lambda c, d, u: services.discharge_time_agree(
        course=c,
        agreed_at=i.moment(d, "agreed_at"),
        reason=i.text(d, "reason"),
        acting_user=u,
    ),
    "behandlingsplan": lambda c, d, u: services.treatment_plan_write(
        course=c,
        goals=i.text(d, "goals"),
        treatment=i.text(d, "treatment"),
        handed_to_patient=i.text(d, "handed", 10) == "handed",
        patient_objected=i.text(d, "handed", 10) == "objected",
        author_name=i.text(d, "author_name", 200),
        acting_user=u,
    ),
    "boern": lambda c, d, u: services.child_assessment_record(
        course=c,
        has_children=i.text(d, "has_children", 5) == "ja",
        children=i.text(d, "children", 200),
        situation=i.text(d, "situation"),
        support_need=i.text(d, "support_need"),
        concern_reported=i.flag(d, "concern_reported"),
        concern_reported_on=i.day_or_none(d, "concern_reported_on"),
        acting_user=u,
    ),
    "plan": _care_plan,
    "handleplan-opfoelgning": _follow_up,
    "afslut": lambda c, d, u: services.course_complete(course=c, acting_user=u),
    "uplanlagt": lambda c, d, u: services.course_unplanned_discharge(
        course=c,
        relatives_informed=i.text(d, "relatives_informed"),
        at=i.moment_or_none(d, "left_at"),
        acting_user=u,
    ),
    "laegebrev": lambda c, d, u: services.gp_letter_send(course=c, text=i.text(d, "text"), acting_user=u),
    "visitation": lambda c, d, u: services.referral_visitate(
        referral=_referral(c),
        outcome=i.text(d, "outcome", 10),
        rejection_reason=i.text(d, "rejection_reason"),
        expected_start_on=i.day_or_none(d, "expected_start_on"),
        acting_user=u,
    ),
    "ambulant-kontakt": lambda c, d, u: services.waitlist_contact_offer(referral=_referral(c), acting_user=u),
    "behandlingsstart": lambda c, d, u: services.treatment_start(course=c, acting_user=u),
    "forventet-afslutning": lambda c, d, u: services.planned_end_set(
        course=c,
        planned_end_on=i.day(d, "planned_end_on"),
        consent=i.flag(d, "consent"),
        acting_user=u,
    ),
    "afslutningsvarsel": lambda c, d, u: services.end_notice_send(
        course=c, text=i.text(d, "text"), acting_user=u
    ),
    "forventet-udskrivning": lambda c, d, u: services.expected_discharge_inform(
        course=c,
        expected_on=i.day(d, "expected_on"),
        acting_user=u,
    ),
    "erklaering": lambda c, d, u: services.statement_write(
        course=c,
        acting_user=u,
        **{name: i.text(d, name) for name in STATEMENT_FIELDS},
    ),
    "faerdigbehandlet": lambda c, d, u: services.finished_treatment_record(
        course=c,
        on=i.day(d, "finished_treatment_on"),
        acting_user=u,
    ),
}


def _context(
    request: AppRequest, course: PsychiatricCourse, error: DomainError | None = None
) -> dict[str, Any]:
    actor = request.actor
    on_hospital_side = actor.role in HOSPITAL_ROLES and course.department_id in actor.organisation_ids
    referral = getattr(course, "referral", None) if hasattr(course, "referral") else None
    return {
        "course": course,
        "citizen": course.citizen,
        "deadlines": selectors.course_deadlines(course=course),
        "notices": selectors.course_notices(actor=actor, course=course),
        "referral": referral,
        "contact_now": referral is not None and services.waitlist_contact_needed_now(referral),
        "statement": getattr(course, "statement", None) if hasattr(course, "statement") else None,
        "hospital": on_hospital_side,
        "municipality": actor.acting_organisation == course.citizen.municipality,
        "error": error,
        "data": request.POST if error else {},
        "choices": {
            "legal_status": PsychiatricCourse.LegalStatus.choices,
            "consent": PsychiatricCourse.Consent.choices,
            "contact_roles": ContactPerson.Role.choices,
            "meeting_kinds": Meeting.Kind.choices,
            "plan_kinds": CarePlan.Kind.choices,
        },
    }


def _course(request: AppRequest, pk: int, what: str) -> PsychiatricCourse:
    return read_or_404(
        request,
        PsychiatricCourse.objects.select_related(
            "citizen__municipality", "citizen__gp_practice", "department__parent"
        ),
        what=what,
        pk=pk,
    )


@login_required
def course_detail(request: AppRequest, pk: int) -> HttpResponse:
    course = _course(request, pk, "Psykiatri: forløb")
    return render(request, "psychiatry/course.html", _context(request, course))


@login_required
@require_POST
def course_action(request: AppRequest, pk: int, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    course = _course(request, pk, f"Psykiatri: {action}")
    try:
        handler(course, request.POST, request.user)
    except DomainError as error:
        course.refresh_from_db()
        return render(
            request, "psychiatry/course.html", _context(request, course, error), status=error.status_code
        )
    messages.success(request, "Gemt.")
    return redirect("psychiatry-course", pk=course.pk)


@login_required
@require_POST
def course_start(request: AppRequest, admission_pk: int) -> HttpResponse:
    """Start the psychiatric course of an admission at a psychiatric department (from the board)."""
    admission = read_or_404(
        request,
        Course.objects.select_related("department", "citizen"),
        what="Psykiatri: start",
        pk=admission_pk,
    )
    try:
        course = services.course_start_admitted(
            admission=admission,
            legal_status=i.text(request.POST, "legal_status", 20) or "voluntary",
            consent=i.text(request.POST, "consent", 20) or "not_asked",
            consent_by=i.text(request.POST, "consent_by", 200),
            relatives_wishes=i.text(request.POST, "relatives_wishes"),
            acting_user=request.user,
        )
    except DomainError as error:
        existing = PsychiatricCourse.objects.filter(admission=admission).first()
        if existing is not None:
            return redirect("psychiatry-course", pk=existing.pk)
        return render(
            request,
            "psychiatry/start_error.html",
            {"error": error, "admission": admission},
            status=error.status_code,
        )
    return redirect("psychiatry-course", pk=course.pk)


@login_required
@require_POST
def notice_read(request: AppRequest, pk: int) -> HttpResponse:
    notice = read_or_404(request, Notice.objects.all(), what="Psykiatri: orientering læst", pk=pk)
    with contextlib.suppress(DomainError):
        services.notice_mark_read(notice=notice, acting_user=request.user)
    return redirect("psychiatry-inbox")
