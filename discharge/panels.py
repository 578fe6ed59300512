"""The discharge panel of the dashboard: what the ward must do before discharge, what the municipality must
prepare and the GP's new epikriser. The steering groups' figures are the key figures (``clusters.panels``).

Counts only, no names: the dashboard shows nothing that needs the access log.
"""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from admissions.panels import WARD_KINDS
from discharge.selectors import (
    expected_discharges_per_day,
    finished_waiting_count,
    letter_counts_for_practice,
    ward_discharge_counts,
)
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date

WEEKDAYS = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
# The municipality's horizon for expected discharges (the municipal page offers 3, 7 and 14 days).
EXPECTED_DAYS = 7


def _ward(request: AppRequest, organisation: Organisation, today: date) -> dict[str, Any]:
    counts = ward_discharge_counts(
        actor=request.actor, organisation=organisation, today=today, now=timezone.now()
    )
    return {"template": "discharge/_panel_ward.html", "counts": counts}


def expected_chart(*, days: dict[date, int]) -> dict[str, Any]:
    """Return the bar chart (``kernel/_bar_chart.html``) of expected discharges per day."""
    rows = [
        {"label": f"{WEEKDAYS[day.weekday()]} {day:%d.%m.}", "value": count, "tone": "neutral"}
        for day, count in days.items()
    ]
    return {
        "id": "chart-expected-discharges",
        "title": f"Forventede udskrivninger de næste {len(rows)} dage",
        "unit": "borgere",
        "label_heading": "Dag",
        "rows": rows,
        "max": max(days.values(), default=0) or 1,
    }


def _municipality(request: AppRequest, organisation: Organisation, today: date) -> dict[str, Any]:
    days = expected_discharges_per_day(
        actor=request.actor, municipality=organisation, start=today, days=EXPECTED_DAYS
    )
    counts = {
        "next_two_days": days[today] + days[today + timedelta(days=1)],
        "expected": sum(days.values()),
        "finished_waiting": finished_waiting_count(actor=request.actor, municipality=organisation),
    }
    return {
        "template": "discharge/_panel_municipality.html",
        "counts": counts,
        "chart": expected_chart(days=days),
        "expected_days": EXPECTED_DAYS,
    }


def _practice(request: AppRequest, organisation: Organisation) -> dict[str, Any]:
    since = timezone.now() - timedelta(days=7)
    counts = letter_counts_for_practice(actor=request.actor, practice=organisation, since=since)
    return {"template": "discharge/_panel_gp.html", "counts": counts}


def panel(request: AppRequest) -> dict[str, Any] | None:
    """Return the discharge panel for the active membership, or None for roles without one."""
    membership = request.actor.membership
    if membership is None:
        return None
    organisation = membership.organisation
    role, kind = membership.role, organisation.kind
    today = local_date(timezone.now())
    if role == Role.WARD_STAFF and kind in WARD_KINDS:
        return _ward(request, organisation, today)
    if role == Role.VISITATION and kind == Organisation.Kind.MUNICIPALITY:
        return _municipality(request, organisation, today)
    if role == Role.GP and kind == Organisation.Kind.PRACTICE:
        return _practice(request, organisation)
    return None
