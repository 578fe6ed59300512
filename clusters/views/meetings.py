"""A cluster's page (its notices, meetings and key figures) and its steering-group meetings.

Reading needs a log-in (no citizen data is here); writing needs the cluster's steering group or the regional
secretariat, and a notice may be announced by any member of an organisation in the cluster.
"""

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from aids.figures import disputes_by_outcome
from clusters import services
from clusters.forms import DecisionForm, FollowUpForm, MeetingForm, MinutesForm, NoticeForm
from clusters.keyfigures.periods import Period, last_completed_half
from clusters.keyfigures.suppression import suppress
from clusters.models import ClusterNotice, Decision, Meeting
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import DesignSystemForm, form_add_domain_error
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date


def _may_lead(request: AppRequest, cluster: Organisation) -> bool:
    actor = request.actor
    return actor.is_regional_admin or (actor.role == Role.STEERING_GROUP and actor.acts_for(cluster.pk))


def _may_announce(request: AppRequest, cluster: Organisation) -> bool:
    acting = request.actor.acting_organisation
    if acting is None:
        return False
    own_cluster = acting.cluster_id or (acting.parent.cluster_id if acting.parent else None)
    return _may_lead(request, cluster) or own_cluster == cluster.pk


@login_required
def cluster_view(request: AppRequest, code: str) -> HttpResponse:
    cluster = get_object_or_404(Organisation, kind=Organisation.Kind.CLUSTER, code=code[:32])
    today = local_date(timezone.now())
    notice_form = NoticeForm(initial={"valid_from": today})
    if request.method == "POST":
        if not _may_announce(request, cluster):
            raise PermissionDenied
        notice_form = NoticeForm(request.POST)
        if notice_form.is_valid():
            try:
                services.notice_announce(
                    cluster=cluster,
                    organisation=request.actor.acting_organisation,  # type: ignore[arg-type]
                    user=request.user,
                    **notice_form.cleaned_data,
                )
            except DomainError as error:
                form_add_domain_error(notice_form, error)
            else:
                messages.success(request, "Meddelelsen er sendt til klyngen.")
                return redirect("cluster-detail", cluster.code)
    notices = (
        ClusterNotice.objects.filter(cluster=cluster)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("organisation")
    )
    context: dict[str, Any] = {
        "cluster": cluster,
        "members": Organisation.objects.filter(cluster=cluster, is_active=True).order_by("kind", "name"),
        "notices": notices,
        "meetings": Meeting.objects.filter(cluster=cluster)[:20],
        "may_lead": _may_lead(request, cluster),
        "may_announce": _may_announce(request, cluster),
        "notice_form": notice_form,
        "meeting_form": MeetingForm(initial={"held_on": today + timedelta(days=14)}),
        "report_period": last_completed_half(today),
    }
    return render(request, "clusters/cluster.html", context, status=400 if notice_form.errors else 200)


@login_required
def meeting_create_view(request: AppRequest, code: str) -> HttpResponse:
    cluster = get_object_or_404(Organisation, kind=Organisation.Kind.CLUSTER, code=code[:32])
    if not _may_lead(request, cluster):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(cluster=cluster, user=request.user, **form.cleaned_data)
        return redirect("meeting-detail", meeting.pk)
    return render(
        request,
        "clusters/meeting_form.html",
        {"cluster": cluster, "form": form},
        status=400 if form.errors else 200,
    )


def _meeting_post(request: AppRequest, meeting: Meeting) -> tuple[bool, dict[str, Any]]:
    """Handle one of the meeting page's forms; returns whether it was saved and the forms to show again."""
    forms: dict[str, Any] = {}
    form: DesignSystemForm | None = None
    action = request.POST.get("handling", "")
    try:
        if action == "referat":
            forms["minutes_form"] = form = MinutesForm(request.POST)
            if form.is_valid():
                services.meeting_minutes_save(meeting=meeting, **form.cleaned_data)
                return True, forms
        elif action == "beslutning":
            forms["decision_form"] = form = DecisionForm(request.POST)
            if form.is_valid():
                services.decision_add(meeting=meeting, **form.cleaned_data)
                return True, forms
        elif action == "opfoelgning":
            decision = get_object_or_404(
                Decision, pk=request.POST.get("beslutning", "0")[:12] or 0, meeting__cluster=meeting.cluster
            )
            forms["follow_up_forms"] = {
                decision.pk: (form := FollowUpForm(request.POST, prefix=f"d{decision.pk}"))
            }
            if form.is_valid():
                services.decision_follow_up(decision=decision, **form.cleaned_data)
                return True, forms
    except DomainError as error:
        if form is not None:
            form_add_domain_error(form, error)
    return False, forms


def _follow_up_form(decision: Decision, today: date) -> FollowUpForm:
    return FollowUpForm(initial={"done_on": today}, prefix=f"d{decision.pk}")


def _disputes(cluster: Organisation, period: Period) -> dict[str, int | str]:
    """The cluster's disputes about aids in the half-year, by outcome, suppressed like every figure."""
    counts = disputes_by_outcome(start=period.start, end=period.end - timedelta(days=1), cluster=cluster)
    return suppress(counts)


@login_required
def meeting_detail_view(request: AppRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("cluster"), pk=pk)
    may_lead = _may_lead(request, meeting.cluster)
    bound: dict[str, Any] = {}
    if request.method == "POST":
        if not may_lead:
            raise PermissionDenied
        saved, bound = _meeting_post(request, meeting)
        if saved:
            messages.success(request, "Gemt.")
            return redirect("meeting-detail", meeting.pk)
    today = local_date(timezone.now())
    open_earlier = Decision.objects.filter(
        meeting__cluster=meeting.cluster, meeting__held_on__lt=meeting.held_on, done_on__isnull=True
    ).select_related("meeting")
    decisions = list(meeting.decisions.all())
    follow_up_forms = bound.get("follow_up_forms", {})
    context = {
        "meeting": meeting,
        "may_lead": may_lead,
        "decisions": [(d, follow_up_forms.get(d.pk) or _follow_up_form(d, today)) for d in decisions],
        "open_earlier": [(d, follow_up_forms.get(d.pk) or _follow_up_form(d, today)) for d in open_earlier],
        "minutes_form": bound.get("minutes_form") or MinutesForm(initial={"minutes": meeting.minutes}),
        "decision_form": bound.get("decision_form")
        or DecisionForm(initial={"due_on": meeting.held_on + timedelta(days=90)}),
        "notices": ClusterNotice.objects.filter(cluster=meeting.cluster).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=meeting.held_on)
        ),
        "report_period": (period := last_completed_half(meeting.held_on)),
        "disputes": _disputes(meeting.cluster, period),
    }
    return render(request, "clusters/meeting.html", context, status=400 if bound else 200)
