"""Keeping ``FigureCell`` current: recompute the months that changed since the last run.

A month is recomputed whole from the raw rows (a few thousand rows a month at the region's scale), so an
aggregate is always what a direct computation would give. Which months changed comes from:

* the audit log (every write is audited): each entry since the last one processed names the dates it
  changed, old and new, so a discharge time corrected a month later refreshes both months; a discharge also
  refreshes the next month (the 30-day readmission window reaches into it);
* deadlines changed since the last run (the engine's own rows, not audited): the months they fall due in;
* always the current and the previous month, where the færdigbehandlede sengedage of citizens still
  admitted grow every day.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from admissions.models import Course
from aids.models import AidNeed, MissingAidAlert
from clusters.keyfigures.raw import compute
from clusters.keyfigures.sources import CellKey, Cells, month_of, next_month
from clusters.models import FigureCell, FigureRefresh
from discharge.models import DischargeNotification, DischargePlan, FinishedTreatment
from prevention.models import Referral
from rehab.models import Delivery, Plan, RehabCourse
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import local_date

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# the models whose changes move a figure (a citizen moving municipality moves its counts)
_AUDITED = (
    Course,
    FinishedTreatment,
    DischargePlan,
    DischargeNotification,
    Plan,
    Delivery,
    RehabCourse,
    AidNeed,
    MissingAidAlert,
    Referral,
    Citizen,
)
BATCH = 5000
OVERLAP = timedelta(minutes=10)


def _months_named(changes: object) -> set[date]:
    """The months of every date or datetime in an audit entry's ``changes`` (``{field: [old, new]}``)."""
    found: set[date] = set()
    if not isinstance(changes, dict):
        return found
    for values in changes.values():
        for value in values if isinstance(values, list) else [values]:
            match = _DATE.match(value) if isinstance(value, str) else None
            if match:
                year, month = int(match[1]), int(match[2])
                if 2000 <= year <= 2100 and 1 <= month <= 12:
                    found.add(date(year, month, 1))
    return found


def cells_by_level(cells: Cells) -> dict[tuple[str, CellKey], int]:
    """The cells of the sources summed to the two stored levels: (municipality, hospital unit) and (hospital unit,
    department)."""
    levels: dict[tuple[str, CellKey], int] = defaultdict(int)
    for (figure, key, month, municipality, hospital, department), value in cells.items():
        levels[(FigureCell.Level.MUNICIPALITY, (figure, key, month, municipality, hospital, None))] += value
        levels[(FigureCell.Level.DEPARTMENT, (figure, key, month, None, hospital, department))] += value
    return dict(levels)


def cells_store(months: Iterable[date], *, today: date) -> int:
    """Recompute ``months`` from the raw rows and replace their cells. Returns the number of cells stored."""
    chosen = sorted(set(months))
    if not chosen:
        return 0
    cells = cells_by_level(compute(chosen, today))
    with transaction.atomic():
        FigureCell.objects.filter(month__in=chosen).delete()
        FigureCell.objects.bulk_create(
            (
                FigureCell(
                    level=level,
                    figure=figure,
                    key=key,
                    month=month,
                    municipality_id=municipality,
                    hospital_id=hospital,
                    department_id=department,
                    value=value,
                )
                for (level, (figure, key, month, municipality, hospital, department)), value in cells.items()
            ),
            batch_size=BATCH,
        )
    return len(cells)


def keyfigures_rebuild(*, first: date, last: date, today: date | None = None) -> int:
    """Recompute every month from ``first`` to ``last`` (a first load or a repair). Returns the cells stored."""
    today = today or local_date(timezone.now())
    months, month = [], month_of(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return cells_store(months, today=today)


def _changed_months(state: FigureRefresh, now_month: date) -> tuple[set[date], int]:
    months = {now_month, month_of(now_month - timedelta(days=1))}
    types = ContentType.objects.get_for_models(*_AUDITED).values()
    # Ids are handed out before commit, so a slow transaction can commit an entry below the last id seen: the
    # last minutes are read again (recomputing a month twice is harmless).
    since = Q(pk__gt=state.last_entry_id)
    if state.changed_since is not None:
        since |= Q(timestamp__gte=state.changed_since - OVERLAP)
    entries = LogEntry.objects.filter(since, content_type__in=types).order_by("pk")
    last_id = state.last_entry_id
    for entry_id, changes, timestamp in entries.values_list("pk", "changes", "timestamp").iterator(BATCH):
        named = _months_named(changes) | {month_of(local_date(timestamp))}
        months |= named | {next_month(month) for month in named}
        last_id = max(last_id, entry_id)
    if state.changed_since is not None:
        deadlines = Deadline.objects.filter(updated_at__gte=state.changed_since - OVERLAP)
        for due_at in deadlines.values_list("due_at", flat=True).iterator(BATCH):
            months.add(month_of(local_date(due_at)))
    return {month for month in months if month <= now_month}, last_id


def keyfigures_refresh() -> int:
    """Recompute the months changed since the last run (the first run builds everything there is). Returns the
    number of months recomputed. Two runs at once wait for each other (the state row is locked)."""
    now = timezone.now()
    today = local_date(now)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # background work on one core: with parallel workers the refresh took both cores from the pages for
            # seconds every five minutes (p95 of every page 0.6-2 s in the bench's 50 requests/s; bench/README.md)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        state, _created = FigureRefresh.objects.select_for_update().get_or_create(name="keyfigures")
        if state.refreshed_at is None:
            last_id = LogEntry.objects.aggregate(last=Max("pk"))["last"] or 0
            oldest = Course.objects.order_by("admitted_at").values_list("admitted_at", flat=True).first()
            months: set[date] = set()
            month = month_of(local_date(oldest)) if oldest is not None else month_of(today)
            while month <= month_of(today):
                months.add(month)
                month = next_month(month)
        else:
            months, last_id = _changed_months(state, month_of(today))
        cells_store(months, today=today)
        state.last_entry_id = last_id
        state.changed_since = now
        state.refreshed_at = timezone.now()
        state.months_refreshed = len(months)
        state.save()
    return len(months)
