"""The key-figure panel of the dashboard for the steering groups (their cluster) and the regional secretariat
(the region): the current half-year's headline figures from the aggregate cells, suppressed like everywhere
else, and the way to the full dashboard and the reports."""

from typing import Any

from django.utils import timezone

from clusters.charts import bars
from clusters.keyfigures.periods import period_of
from clusters.models import FigureRefresh
from clusters.selectors import dashboard
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date

PANEL_FIGURES = ["admissions", "finished_bed_days", "obligations"]


def panel(request: AppRequest) -> dict[str, Any] | None:
    membership = request.actor.membership
    if membership is None:
        return None
    organisation = membership.organisation
    if membership.role == Role.STEERING_GROUP and organisation.kind == Organisation.Kind.CLUSTER:
        unit = organisation
    elif membership.role == Role.REGIONAL_ADMIN:
        unit = Organisation.objects.filter(kind=Organisation.Kind.REGION).first()  # type: ignore[assignment]
        if unit is None:
            return None
    else:
        return None
    period = period_of(local_date(timezone.now()), "half")
    views = {view.figure.code: view for view in dashboard(unit, period, PANEL_FIGURES)}
    bed_days = views["finished_bed_days"]
    return {
        "template": "clusters/_panel.html",
        "unit": unit,
        "period": period,
        "views": [views[code] for code in PANEL_FIGURES],
        "bed_days_chart": bars(bed_days, "panel-bed-days") if bed_days.breakdown else None,
        "refreshed_at": FigureRefresh.objects.filter(name="keyfigures")
        .values_list("refreshed_at", flat=True)
        .first(),
    }
