"""The MedCom log pages of the regional secretariat: received and sent messages with their outcome, filtered by
organisation, event and outcome; one message's Bundle pretty-printed with the citizen left out; re-processing a
message that failed or had no course. The region runs the integrations and reads no citizen through them: the
pages show no citizen data (``medcom.selectors.bundle_redacted``)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medcom import selectors
from medcom.models import InboundMessage, OutboundMessage
from medcom.services.communications import care_communication_reprocess
from medcom.services.notifications import hospital_notification_reprocess
from sundhedsaftale.errors import DomainError
from sundhedsaftale.listfilters import page_of, query_string
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest


def _admin_only(request: AppRequest) -> None:
    if not request.actor.is_regional_admin:
        raise PermissionDenied


LOG_PAGE = 50  # messages of each list per page


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 10 else None


@login_required
def message_log(request: AppRequest) -> HttpResponse:
    """Inbound and outbound messages, newest first, 50 of each a page (``?side_modtaget=``, ``?side_afsendt=``),
    with the filters in the query."""
    _admin_only(request)
    organisation_id = _int(request.GET.get("organisation"))
    event = request.GET.get("event", "").strip()[:24]
    outcome = request.GET.get("outcome", "")[:16]
    inbound = page_of(
        selectors.inbound_list(
            actor=request.actor, organisation_id=organisation_id, event=event, outcome=outcome
        ),
        request.GET,
        LOG_PAGE,
        parameter="side_modtaget",
    )
    outbound = page_of(
        selectors.outbound_list(
            actor=request.actor,
            organisation_id=organisation_id,
            event=event,
            state=outcome if outcome in OutboundMessage.State.values else "",
        ),
        request.GET,
        LOG_PAGE,
        parameter="side_afsendt",
    )
    filters = {"organisation": organisation_id, "event": event, "outcome": outcome}
    # each list's pager keeps the filters and the other list's page
    other_pages = {
        "side_modtaget": inbound.number if inbound.number > 1 else None,
        "side_afsendt": outbound.number if outbound.number > 1 else None,
    }
    organisations = Organisation.objects.filter(
        kind__in=["hospital", "department", "municipality", "municipal_unit"], sor_code__gt=""
    ).order_by("name")
    context = {
        "inbound": inbound.object_list,
        "outbound": outbound.object_list,
        "inbound_page": inbound,
        "outbound_page": outbound,
        "inbound_query": query_string({**filters, "side_afsendt": other_pages["side_afsendt"]}),
        "outbound_query": query_string({**filters, "side_modtaget": other_pages["side_modtaget"]}),
        "organisations": organisations,
        "outcomes": InboundMessage.Outcome.choices,
        "filters": filters,
    }
    return render(request, "medcom/log.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inbound_detail(request: AppRequest, pk: int) -> HttpResponse:
    """A received message with its Bundle; POST processes a failed one again (the button on the page)."""
    _admin_only(request)
    row = get_object_or_404(
        InboundMessage.objects.visible_to(request.actor).select_related("sender", "receiver"), pk=pk
    )
    if request.method == "POST":
        reprocess = (
            hospital_notification_reprocess
            if row.kind == InboundMessage.Kind.HOSPITAL_NOTIFICATION
            else care_communication_reprocess
        )
        try:
            reprocess(row=row)
        except DomainError as error:
            messages.error(
                request, _("Meddelelsen kunne ikke behandles igen: %(reason)s") % {"reason": error.message}
            )
        else:
            messages.success(request, _("Meddelelsen er behandlet igen."))
        return redirect("medcom-inbound", pk=row.pk)
    bundle = json.dumps(selectors.bundle_redacted(row.bundle), indent=2, ensure_ascii=False)
    return render(request, "medcom/detail.html", {"row": row, "bundle": bundle, "inbound": True})


@login_required
def outbound_detail(request: AppRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    row = get_object_or_404(
        OutboundMessage.objects.visible_to(request.actor).select_related("receiver"), pk=pk
    )
    bundle = json.dumps(selectors.bundle_redacted(row.bundle), indent=2, ensure_ascii=False)
    return render(request, "medcom/detail.html", {"row": row, "bundle": bundle, "inbound": False})
