"""Figures for the dashboard panels: numbers only, no citizen leaves these queries (the steering group
reads them without ``visible_to``)."""

from datetime import date, datetime, timedelta
from statistics import median
from typing import TypedDict

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from discharge.models import DischargePlan, FinishedTreatment
from discharge.selectors.course import finished_bed_days, finished_bed_days_by_municipality, local_midnight
from discharge.selectors.lists import expected_discharges, letters_for_practice, ward_board
from sundhedsaftale.deadlines.catalogue import calendar_for
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rulesets import AGREED_DISCHARGE, NOTICE_RULES_2008
from sundhedsaftale.workdays import Calendar, local_date


class WardCounts(TypedDict):
    planned_soon: int
    missing_plan: int
    missing_notification: int
    sudden_changes: int
    finished: int
    finished_bed_days: int


def ward_discharge_counts(
    *, actor: Actor, organisation: Organisation, today: date, now: datetime
) -> WardCounts:
    """Return the ward's discharge figures: plans for today or tomorrow, citizens without plan or notification,
    unacknowledged sudden changes, færdigbehandlede citizens and their sengedage so far."""
    rows = ward_board(actor=actor, organisation=organisation, today=today, now=now)
    by_course = {row.course.pk: row.course for row in rows}
    finished = list(FinishedTreatment.objects.visible_to(actor).filter(course_id__in=by_course))
    return {
        "planned_soon": sum(
            1 for row in rows if row.plan is not None and row.plan.planned_date <= today + timedelta(days=1)
        ),
        "missing_plan": sum(1 for row in rows if row.plan is None),
        "missing_notification": sum(1 for row in rows if row.plan is not None and not row.notified),
        "sudden_changes": sum(len(row.open_changes) for row in rows),
        "finished": len(finished),
        "finished_bed_days": sum(
            finished_bed_days(finished=f, course=by_course[f.course_id], today=today) for f in finished
        ),
    }


def expected_discharges_per_day(
    *, actor: Actor, municipality: Organisation, start: date, days: int
) -> dict[date, int]:
    """Return how many of the municipality's citizens are expected to be discharged on each of the ``days``
    days from ``start`` (every day present, zero included)."""
    per_day = dict(
        expected_discharges(actor=actor, municipality=municipality, start=start, days=days - 1)
        .prefetch_related(None)
        .order_by()
        .values("planned_date")
        .annotate(n=Count("pk"))
        .values_list("planned_date", "n")
    )
    return {start + timedelta(days=i): per_day.get(start + timedelta(days=i), 0) for i in range(days)}


def finished_waiting_count(*, actor: Actor, municipality: Organisation) -> int:
    """Return how many of the municipality's færdigbehandlede citizens are still admitted."""
    return (
        FinishedTreatment.objects.visible_to(actor)
        .filter(municipality=municipality, course__discharged_at__isnull=True)
        .count()
    )


class LetterCounts(TypedDict):
    unread: int
    week: int


def letter_counts_for_practice(*, actor: Actor, practice: Organisation, since: datetime) -> LetterCounts:
    """Return the practice's unread epikriser and those received since ``since``."""
    counts = letters_for_practice(actor=actor, practice=practice).aggregate(
        unread=Count("pk", filter=Q(read_at__isnull=True)), week=Count("pk", filter=Q(sent_at__gte=since))
    )
    return {"unread": counts["unread"], "week": counts["week"]}


class OnTimeShare(TypedDict):
    total: int
    on_time: int
    percent: int | None
    #: additive (issue 10): obligations counted that were never met (no notice at all)
    never_sent: int
    #: the 2021 agreement: discharges judged against the agreed time, and those earlier than agreed
    agreed_total: int
    earlier_than_agreed: int


def notification_on_time_share(
    *, cluster: Organisation, start: date, end: date, now: datetime | None = None
) -> OnTimeShare:
    """Return the notice obligations to the cluster's municipalities that fell due or were settled in
    ``start..end`` (``total``: every one, including those never sent), how many were met on time (``on_time``),
    the share in whole percent (None without any), how many were never sent, and under the 2021 agreement how
    many discharges were judged against the agreed time and how many came earlier than agreed."""
    now = now or timezone.now()
    first, after = local_midnight(start), local_midnight(end + timedelta(days=1))
    in_period = (
        Q(due_at__gte=first, due_at__lt=after, due_at__lte=now)
        | Q(met_at__gte=first, met_at__lt=after)
        | Q(breached_at__gte=first, breached_at__lt=after)
    )
    rows = Deadline.objects.filter(counterpart__cluster=cluster).exclude(state=Deadline.State.CANCELLED)
    notices = rows.filter(in_period, rule_code__in=NOTICE_RULES_2008).aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(state=Deadline.State.MET, met_late=False)),
        never_sent=Count("pk", filter=~Q(state=Deadline.State.MET)),
    )
    agreed = rows.filter(rule_code=AGREED_DISCHARGE, met_at__gte=first, met_at__lt=after) | rows.filter(
        rule_code=AGREED_DISCHARGE, breached_at__gte=first, breached_at__lt=after
    )
    agreed_counts = agreed.aggregate(
        total=Count("pk", distinct=True),
        early=Count("pk", filter=Q(state=Deadline.State.BREACHED), distinct=True),
    )
    total, on_time = notices["total"], notices["on_time"]
    return {
        "total": total,
        "on_time": on_time,
        "percent": round(100 * on_time / total) if total else None,
        "never_sent": notices["never_sent"],
        "agreed_total": agreed_counts["total"],
        "earlier_than_agreed": agreed_counts["early"],
    }


def finished_bed_days_for_cluster(
    *, cluster: Organisation, start: date, end: date, today: date
) -> dict[str, int]:
    """Return the færdigbehandlede sengedage in ``start..end`` per municipality of the cluster, by name
    (every municipality present, zero included)."""
    municipalities = list(Organisation.objects.municipalities().filter(cluster=cluster).order_by("name"))
    totals = finished_bed_days_by_municipality(
        start=start, end=end, today=today, municipality_ids=[m.pk for m in municipalities]
    )
    return {m.name: totals.get(m, 0) for m in municipalities}


# The steering group's figures (issue 10, read by the key figures of issue 15): plain selectors over a period
# ``start..end`` (local days, both included) and optional organisation filters, numbers only, no citizen.


def _organisation_filter(
    prefix: str,
    *,
    cluster: Organisation | None,
    municipality: Organisation | None,
    hospital: Organisation | None,
    municipality_path: str,
    department_path: str,
) -> Q:
    """The rows of the cluster's municipalities, of one municipality, and/or of one hospital (or department)."""
    condition = Q()
    if cluster is not None:
        condition &= Q(**{f"{prefix}{municipality_path}__cluster": cluster})
    if municipality is not None:
        condition &= Q(**{f"{prefix}{municipality_path}": municipality})
    if hospital is not None:
        condition &= Q(**{f"{prefix}{department_path}": hospital}) | Q(
            **{f"{prefix}{department_path}__parent": hospital}
        )
    return condition


def _deadline_rows(
    *, cluster: Organisation | None, municipality: Organisation | None, hospital: Organisation | None
) -> QuerySet[Deadline]:
    return Deadline.objects.exclude(state=Deadline.State.CANCELLED).filter(
        _organisation_filter(
            "",
            cluster=cluster,
            municipality=municipality,
            hospital=hospital,
            municipality_path="counterpart",
            department_path="responsible",
        )
    )


class NoticeCounts(TypedDict):
    total: int
    on_time: int
    late: int
    never_sent: int
    percent: int | None


def notice_obligations_per_rule(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
    now: datetime | None = None,
) -> dict[str, NoticeCounts]:
    """Return, per notice rule (l. 1530-1543: ``discharge.same_day`` ... ``discharge.housing``, every rule present),
    the obligations that fell due or were settled in the period: ``total``, met ``on_time``, sent ``late``,
    ``never_sent`` (due and still unsent, or discharged without a notice) and the on-time share in whole percent
    (None without any). Cancelled obligations (death, transfer, a cancelled course) are not counted."""
    now = now or timezone.now()
    first, after = local_midnight(start), local_midnight(end + timedelta(days=1))
    in_period = (
        Q(due_at__gte=first, due_at__lt=after, due_at__lte=now)
        | Q(met_at__gte=first, met_at__lt=after)
        | Q(breached_at__gte=first, breached_at__lt=after)
    )
    rows = (
        _deadline_rows(cluster=cluster, municipality=municipality, hospital=hospital)
        .filter(in_period, rule_code__in=NOTICE_RULES_2008)
        .values("rule_code")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(state=Deadline.State.MET, met_late=False)),
            late=Count("pk", filter=Q(state=Deadline.State.MET, met_late=True)),
        )
    )
    counts = {row["rule_code"]: row for row in rows}
    figures: dict[str, NoticeCounts] = {}
    for code in NOTICE_RULES_2008:
        row = counts.get(code, {"total": 0, "on_time": 0, "late": 0})
        total, on_time = row["total"], row["on_time"]
        figures[code] = {
            "total": total,
            "on_time": on_time,
            "late": row["late"],
            "never_sent": total - on_time - row["late"],
            "percent": round(100 * on_time / total) if total else None,
        }
    return figures


class PreparationTime(TypedDict):
    discharges: int
    never_notified: int
    median_working_days: float | None
    #: how many discharges got 0, 1, 2, ... working days (the key is the number of days)
    by_working_days: dict[int, int]


def preparation_time_given(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> PreparationTime:
    """Return the preparation time the municipalities actually got (the 2021 agreement's measure, "fælles
    forberedelsestid"): for each planned discharge in the period, the working days from the first notice to the
    discharge by the municipality's calendar (0 when it was never notified)."""
    first, after = local_midnight(start), local_midnight(end + timedelta(days=1))
    plans = list(
        DischargePlan.objects.filter(
            _organisation_filter(
                "course__",
                cluster=cluster,
                municipality=municipality,
                hospital=hospital,
                municipality_path="citizen__municipality",
                department_path="department",
            ),
            course__discharged_at__gte=first,
            course__discharged_at__lt=after,
        )
        .annotate(first_sent=Min("notifications__sent_at"))
        .select_related("course__citizen__municipality")
    )
    calendars: dict[int, Calendar] = {}
    days: list[int] = []
    never = 0
    for plan in plans:
        course = plan.course
        first_sent: datetime | None = getattr(plan, "first_sent", None)
        if first_sent is None or course.discharged_at is None:
            never += 1
            days.append(0)
            continue
        home = course.citizen.municipality
        calendar = calendars.get(home.pk) or calendars.setdefault(home.pk, calendar_for(home))
        given = calendar.working_days_between(local_date(first_sent), local_date(course.discharged_at))
        days.append(max(0, given))
    by_days: dict[int, int] = {}
    for value in sorted(days):
        by_days[value] = by_days.get(value, 0) + 1
    return {
        "discharges": len(days),
        "never_notified": never,
        "median_working_days": float(median(days)) if days else None,
        "by_working_days": by_days,
    }


class AgreedCounts(TypedDict):
    total: int
    earlier_than_agreed: int
    percent_earlier: int | None


def discharges_earlier_than_agreed(
    *,
    start: date,
    end: date,
    cluster: Organisation | None = None,
    municipality: Organisation | None = None,
    hospital: Organisation | None = None,
) -> AgreedCounts:
    """Return the discharges in the period judged against an agreed discharge time (the 2021 agreement), and how
    many came earlier than agreed (the hospital's miss), with that share in whole percent (None without any)."""
    first, after = local_midnight(start), local_midnight(end + timedelta(days=1))
    counts = (
        _deadline_rows(cluster=cluster, municipality=municipality, hospital=hospital)
        .filter(rule_code=AGREED_DISCHARGE)
        .filter(Q(met_at__gte=first, met_at__lt=after) | Q(breached_at__gte=first, breached_at__lt=after))
        .aggregate(total=Count("pk"), early=Count("pk", filter=Q(state=Deadline.State.BREACHED)))
    )
    total, early = counts["total"], counts["early"]
    return {
        "total": total,
        "earlier_than_agreed": early,
        "percent_earlier": round(100 * early / total) if total else None,
    }
