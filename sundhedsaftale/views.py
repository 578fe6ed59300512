"""Kernel pages: the dashboard per role, switching organisation, and the health check."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sundhedsaftale import areas
from sundhedsaftale.api.errors import json_404, json_500
from sundhedsaftale.ops.health import health_report
from sundhedsaftale.organisations.actor import SESSION_KEY
from sundhedsaftale.organisations.selectors import membership_list
from sundhedsaftale.requests import AppRequest


def dashboard_panels(request: AppRequest) -> list[dict[str, Any]]:
    """Return the areas' panels (``panel`` on their AppConfig) that have something for the active membership,
    each a dict with the ``template`` to include and its context. The area apps sit above the kernel, so they
    are read from their AppConfigs here, never imported."""
    panels = (panel(request) for panel in areas.dashboard_panels())
    return [panel for panel in panels if panel is not None]


@login_required
def dashboard(request: AppRequest) -> HttpResponse:
    membership = request.actor.membership
    role = membership.role if membership else ("superuser" if request.user.is_superuser else "")
    context = {"role": role, "membership": membership, "panels": dashboard_panels(request)}
    return render(request, "kernel/dashboard.html", context)


@login_required
@require_POST
def membership_switch(request: AppRequest) -> HttpResponse:
    chosen = request.POST.get("membership", "")
    if any(str(m.pk) == chosen for m in membership_list(user=request.user)):
        request.session[SESSION_KEY] = int(chosen)
    return redirect("dashboard")


@never_cache
def healthz(request: AppRequest) -> JsonResponse:
    """200 with the status of the database, the broker and the last beat tick; 503 if the database is down."""
    report = health_report()
    return JsonResponse(report, status=200 if report["database"]["ok"] else 503)


def not_found(request: AppRequest, exception: Exception | None = None) -> HttpResponse:
    """JSON for API clients, the Danish page for people."""
    if request.path.startswith("/api/"):
        return json_404(request, exception)
    return render(request, "404.html", status=404)


def server_error(request: AppRequest) -> HttpResponse:
    """JSON with a ``detail`` for API clients (every API error body is JSON), Django's page for people."""
    if request.path.startswith("/api/"):
        return json_500(request)
    return defaults.server_error(request)
