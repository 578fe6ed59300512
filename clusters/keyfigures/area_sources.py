"""Key figures of the areas on top of admission and discharge: the 2021 agreement's preparation time, aids ready
at discharge and their delivery times, prevention referrals. Same shape as ``sources``: cells per month and
place (the citizen's municipality, the course's hospital unit and department)."""

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, Exists, Min, OuterRef

from admissions.models import Course
from aids.models import AidNeed, MissingAidAlert
from clusters.keyfigures.sources import Cells, Source, cell_add, month_bounds
from discharge.models import DischargePlan
from prevention.models import Referral
from sundhedsaftale.deadlines.catalogue import calendar_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import Calendar, local_date

CAP_DAYS = 365


def preparation_time(months: Sequence[date], today: date) -> Cells:
    """For each discharge with a discharge plan, the working days from the first notice to the discharge by the
    municipality's calendar (0 when it was never notified): the 2021 agreement's "fælles forberedelsestid"."""
    cells: Cells = {}
    calendars: dict[int, Calendar] = {}
    for month in months:
        start, end = month_bounds(month)
        plans = (
            DischargePlan.objects.filter(course__discharged_at__gte=start, course__discharged_at__lt=end)
            .exclude(course__state="cancelled")
            .annotate(first_sent=Min("notifications__sent_at"))
            .values_list(
                "first_sent",
                "course__discharged_at",
                "course__citizen__municipality_id",
                "course__hospital_id",
                "course__department_id",
            )
        )
        for first_sent, discharged_at, municipality, hospital, department in plans:
            days = 0
            if first_sent is not None:
                if municipality not in calendars:
                    calendars[municipality] = calendar_for(Organisation.objects.get(pk=municipality))
                given = calendars[municipality].working_days_between(
                    local_date(first_sent),
                    local_date(discharged_at),  # type: ignore[arg-type]
                )
                days = min(max(given, 0), CAP_DAYS)
            cell_add(cells, "preparation_days", str(days), month, (municipality, hospital, department), 1)
    return cells


def aids_at_discharge(months: Sequence[date], today: date) -> Cells:
    """Discharges with an aid needed by the discharge, by whether every such aid was there (no missing-aid
    alert)."""
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        needs = AidNeed.objects.filter(
            course_id=OuterRef("pk"), needed_from__lte=OuterRef("discharged_at__date")
        ).exclude(state=AidNeed.State.CANCELLED)
        missing = MissingAidAlert.objects.filter(need__course_id=OuterRef("pk"))
        rows = (
            Course.objects.filter(discharged_at__gte=start, discharged_at__lt=end)
            .exclude(state=Course.State.CANCELLED)
            .filter(Exists(needs))
            .annotate(missing=Exists(missing))
            .order_by()
            .values_list("missing", "citizen__municipality_id", "hospital_id", "department_id")
            .annotate(n=Count("pk"))
        )
        for was_missing, *place, n in rows:
            cell_add(
                cells, "aids_at_discharge", "missing" if was_missing else "ready", month, tuple(place), n
            )
    return cells


def aids_delivery(months: Sequence[date], today: date) -> Cells:
    """Days from registering an aid need to its delivery (a distribution: key = whole days), by the month it
    was delivered."""
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        rows = AidNeed.objects.filter(
            state=AidNeed.State.DELIVERED, delivered_at__gte=start, delivered_at__lt=end
        ).values_list(
            "created_at",
            "delivered_at",
            "course__citizen__municipality_id",
            "course__hospital_id",
            "course__department_id",
        )
        for created_at, delivered_at, *place in rows:
            days = min(max((delivered_at - created_at).days, 0), CAP_DAYS)  # type: ignore[operator]
            cell_add(cells, "aids_delivery_days", str(days), month, tuple(place), 1)
    return cells


def prevention_referrals(months: Sequence[date], today: date) -> Cells:
    """Referrals to prevention offers by the month sent and their status now; those to smoking cessation (an
    offer on smoking) also on their own, the indicator the agreement follows."""
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        rows = (
            Referral.objects.filter(sent_at__gte=start, sent_at__lt=end)
            .order_by()
            .values_list(
                "status",
                "offer__kram_smoking",
                "citizen__municipality_id",
                "course__hospital_id",
                "course__department_id",
            )
            .annotate(n=Count("pk"))
        )
        for status, smoking, *place, n in rows:
            cell_add(cells, "prevention_referrals", status, month, tuple(place), n)
            if smoking:
                cell_add(cells, "smoking_referrals", status, month, tuple(place), n)
    return cells


AREA_SOURCES: tuple[Source, ...] = (preparation_time, aids_at_discharge, aids_delivery, prevention_referrals)
