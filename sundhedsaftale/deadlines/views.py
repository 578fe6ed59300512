"""HTML and htmx views: the public "Frister" page and its PDF, the alert inbox and the citizen timeline."""

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.deadlines import selectors, services
from sundhedsaftale.deadlines.models import Alert
from sundhedsaftale.deadlines.pixi import pixi_pdf_render
from sundhedsaftale.deadlines.wording import rule_rows
from sundhedsaftale.listfilters import page_of, query_string
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date

ALERTS_CHANGED = "alerts-changed"
ALERTS_PAGE = 50  # alerts per page of the inbox
STATE_LABELS = {"unacknowledged": "Ikke kvitteret", "acknowledged": "Kvitteret", "all": "Alle"}


@require_GET
def rule_catalogue(request: AppRequest) -> HttpResponse:
    """The public "Frister" page: every rule of every rule set with its source text."""
    rows = rule_rows(selectors.rule_catalogue_list())
    rule_sets = list(dict.fromkeys(row.rule_set for row in rows))
    region, conventions = selectors.region_conventions_list()
    return render(
        request,
        "deadlines/rules.html",
        {"rows": rows, "rule_sets": rule_sets, "region": region, "conventions": conventions},
    )


@require_GET
def rule_catalogue_pdf(request: AppRequest) -> HttpResponse:
    """The pixi edition as a PDF, public like the page."""
    pdf = pixi_pdf_render(
        base_url=request.build_absolute_uri("/"),
        on=local_date(timezone.now()),
        conventions=selectors.region_conventions(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="frister.pdf"'
    return response


def _inbox_filters(request: AppRequest) -> dict[str, str]:
    state = request.GET.get("state", "unacknowledged")
    kind = request.GET.get("kind", "")
    rule = request.GET.get("rule", "")
    return {
        "state": state if state in selectors.ALERT_STATES else "unacknowledged",
        "kind": kind if kind in Alert.Kind.values else "",
        "rule": rule,
    }


def _inbox_context(request: AppRequest, alerts: list[Alert]) -> dict[str, Any]:
    return {
        "alerts": alerts,
        "show_names": selectors.shows_personal_data(actor=request.actor),
        "membership": request.actor.membership,
        "back": request.get_full_path(),
    }


@login_required
@require_GET
def alert_inbox(request: AppRequest) -> HttpResponse:
    """The active organisation's alerts, filtered by state, kind and rule; htmx gets the rows only."""
    rules = sorted(
        {(rule.code, rule.title) for _, rule in selectors.rule_catalogue_list(rule_set_code="2008")}
    )
    filters = _inbox_filters(request)
    if filters["rule"] not in {code for code, _title in rules}:
        filters["rule"] = ""  # an unknown rule is ignored, as every bad filter value
    page = page_of(
        selectors.alert_list(
            actor=request.actor,
            state=filters["state"],
            kind=filters["kind"],
            rule_code=filters["rule"],
        ),
        request.GET,
        ALERTS_PAGE,
    )
    alerts = list(page.object_list)
    context = _inbox_context(request, alerts)
    if context["show_names"]:
        access_log_record(
            request=request,
            citizen_ids=selectors.citizen_ids_of_alerts(alerts=alerts),
            what="Advarsler (indbakke)",
            action="list",
        )
    context.update(
        filters=filters,
        states=STATE_LABELS,
        kinds=Alert.Kind.choices,
        rules=rules,
        page=page,
        query=query_string(filters),
    )
    is_htmx = bool(getattr(request, "htmx", False))
    template = "deadlines/inbox.html#list" if is_htmx else "deadlines/inbox.html"
    return render(request, template, context)


@login_required
@require_GET
def alert_count(request: AppRequest) -> HttpResponse:
    """The live count of unacknowledged alerts for the header (a fragment; the nav link's href is the inbox)."""
    count = selectors.alert_count_unacknowledged(actor=request.actor)
    return render(request, "deadlines/_count.html", {"alert_count": count})


def _back(request: AppRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("alert-inbox")


def _alert_action(request: AppRequest, pk: int, action: str) -> HttpResponse:
    try:
        alert = selectors.alert_get(actor=request.actor, pk=pk)
    except Alert.DoesNotExist:
        raise Http404 from None
    if action == "acknowledge":
        services.alert_acknowledge(alert=alert, acting_user=request.user)
    else:
        services.alert_assign_to_me(alert=alert, acting_user=request.user)
    if not getattr(request, "htmx", False):
        return redirect(_back(request))
    alert = selectors.alert_get(actor=request.actor, pk=pk)
    context = _inbox_context(request, [alert])
    context.update(alert=alert, back=_back(request))
    if context["show_names"]:
        access_log_record(
            request=request,
            citizen_ids=selectors.citizen_ids_of_alerts(alerts=[alert]),
            what="Advarsel",
            action="view",
        )
    response = render(request, "deadlines/inbox.html#row", context)
    response["HX-Trigger"] = ALERTS_CHANGED
    return response


@login_required
@require_POST
def alert_acknowledge(request: AppRequest, pk: int) -> HttpResponse:
    """Acknowledge one alert of the active organisation; htmx swaps the row, others go back."""
    return _alert_action(request, pk, "acknowledge")


@login_required
@require_POST
def alert_assign_to_me(request: AppRequest, pk: int) -> HttpResponse:
    """Assign one alert of the active organisation to the requesting user."""
    return _alert_action(request, pk, "assign")


@login_required
@require_GET
def citizen_timeline(request: AppRequest, citizen_pk: int) -> HttpResponse:
    """The citizen's deadlines, oldest due first; htmx (e.g. from the citizen page) gets the fragment."""
    citizen_model = apps.get_model("citizens", "Citizen")
    citizen = citizen_model.objects.visible_to(request.actor).filter(pk=citizen_pk).first()
    if citizen is None:
        raise Http404
    deadlines = list(selectors.deadline_list_for_citizen(actor=request.actor, citizen_id=citizen.pk))
    access_log_record(request=request, citizen_ids=[citizen.pk], what="Frister (tidslinje)", action="view")
    is_htmx = bool(getattr(request, "htmx", False))
    template = "deadlines/timeline.html#timeline" if is_htmx else "deadlines/timeline.html"
    return render(request, template, {"citizen": citizen, "deadlines": deadlines, "now": timezone.now()})
