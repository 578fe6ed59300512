"""Kernel pages: the dashboard per role, switching organisation, and the health check."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clusters.middleware import SESSION_KEY
from clusters.selectors import membership_list
from sundhedsaftale.ops.health import health_report


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = getattr(request, "membership", None)
    role = membership.role if membership else ("superuser" if request.user.is_superuser else "")
    return render(request, "kernel/dashboard.html", {"role": role, "membership": membership})


@login_required
@require_POST
def membership_switch(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("membership", "")
    if any(str(m.pk) == chosen for m in membership_list(user=request.user)):
        request.session[SESSION_KEY] = int(chosen)
    return redirect("dashboard")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the status of the database, the broker and the last beat tick; 503 if the database is down."""
    report = health_report()
    return JsonResponse(report, status=200 if report["database"]["ok"] else 503)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """JSON for API clients, the Danish page for people."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Ikke fundet.", "code": "not_found"}, status=404)
    return render(request, "404.html", status=404)
