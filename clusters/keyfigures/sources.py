"""Key figures computed from the raw rows, one calendar month at a time.

Each source returns the cells of its figures for the months asked: ``{(figure, key, month, municipality,
hospital, department): value}``. The refresh stores them in ``FigureCell``; the dashboards read only the
stored cells. Places are ids: the citizen's municipality, the course's hospital unit and department (for an
obligation, the department that owes it or waits for it). Cancelled courses count nowhere.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from admissions.models import Course
from discharge.models import FinishedTreatment
from rehab.models import Plan, RehabCourse
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import local_date, local_datetime

type CellKey = tuple[str, str, date, int | None, int | None, int | None]
type Cells = dict[CellKey, int]
type Source = Callable[[Sequence[date], date], Cells]

READMISSION_DAYS = 30
WAITING_CAP_DAYS = 365  # the last bucket of the waiting-time distribution: "a year or more"


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month as aware datetimes in Danish time, ``[start, end)``."""
    return local_datetime(month, datetime.min.time()), local_datetime(next_month(month), datetime.min.time())


def cell_add(cells: Cells, figure: str, key: str, month: date, place: tuple[int | None, ...], n: int) -> None:
    if n:
        municipality, hospital, department = place
        cell = (figure, key, month, municipality, hospital, department)
        cells[cell] = cells.get(cell, 0) + n


_COURSE_PLACE = ("citizen__municipality_id", "hospital_id", "department_id")
_LIVE = ~Q(state=Course.State.CANCELLED)


def admissions(months: Sequence[date], today: date) -> Cells:
    """Admissions by the month admitted, planned or acute (an open admission is handled as acute)."""
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        rows = (
            Course.objects.filter(_LIVE, admitted_at__gte=start, admitted_at__lt=end)
            .order_by()
            .values_list("kind", *_COURSE_PLACE)
            .annotate(n=Count("pk"))
        )
        for kind, *place, n in rows:
            cell_add(
                cells,
                "admissions",
                "planned" if kind == Course.Kind.PLANNED else "acute",
                month,
                tuple(place),
                n,
            )
    return cells


def discharges(months: Sequence[date], today: date) -> Cells:
    """Discharges (not deaths) by the month discharged: the base of the readmission rate."""
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        rows = (
            Course.objects.filter(
                state=Course.State.DISCHARGED, discharged_at__gte=start, discharged_at__lt=end
            )
            .order_by()
            .values_list(*_COURSE_PLACE)
            .annotate(n=Count("pk"))
        )
        for *place, n in rows:
            cell_add(cells, "discharges", "", month, tuple(place), n)
    return cells


def readmissions(months: Sequence[date], today: date) -> Cells:
    """Acute admissions within 30 days of a discharge of the same citizen from any hospital, by the month of the
    new admission."""
    earlier = Course.objects.filter(
        citizen_id=OuterRef("citizen_id"),
        state=Course.State.DISCHARGED,
        discharged_at__lte=OuterRef("admitted_at"),
        discharged_at__gte=OuterRef("admitted_at") - timedelta(days=READMISSION_DAYS),
    ).exclude(pk=OuterRef("pk"))
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        rows = (
            Course.objects.filter(_LIVE, admitted_at__gte=start, admitted_at__lt=end)
            .exclude(kind=Course.Kind.PLANNED)
            .filter(Exists(earlier))
            .order_by()
            .values_list(*_COURSE_PLACE)
            .annotate(n=Count("pk"))
        )
        for *place, n in rows:
            cell_add(cells, "readmissions", "", month, tuple(place), n)
    return cells


def finished_bed_days(months: Sequence[date], today: date) -> Cells:
    """Færdigbehandlede sengedage: every day after the day the citizen was declared finished up to and including
    the discharge day (today while still admitted), in the month it falls in; the place is the municipality
    that pays for them."""
    cells: Cells = {}
    for month in months:
        start, _end = month_bounds(month)
        last_day = next_month(month) - timedelta(days=1)
        rows = (
            FinishedTreatment.objects.filter(finished_on__lt=last_day)
            .exclude(course__state=Course.State.CANCELLED)
            .filter(Q(course__discharged_at__isnull=True) | Q(course__discharged_at__gte=start))
            .values_list(
                "finished_on",
                "course__discharged_at",
                "municipality_id",
                "course__hospital_id",
                "course__department_id",
            )
        )
        for finished_on, discharged_at, *place in rows:
            through = local_date(discharged_at) if discharged_at else today
            first = max(finished_on + timedelta(days=1), month)
            days = (min(through, last_day) - first).days + 1
            if days > 0:
                cell_add(cells, "finished_bed_days", "", month, tuple(place), days)
    return cells


def _obligation_place(row: dict[str, object]) -> tuple[int | None, int | None, int | None]:
    """The citizen's municipality and the department that owes the obligation or waits for it."""
    for side in ("responsible", "counterpart"):
        if row[f"{side}__kind"] == "department":
            return row["citizen__municipality_id"], row[f"{side}__parent_id"], row[f"{side}_id"]  # type: ignore[return-value]
        if row[f"{side}__kind"] == "hospital":
            return row["citizen__municipality_id"], row[f"{side}_id"], None  # type: ignore[return-value]
    return row["citizen__municipality_id"], None, None  # type: ignore[return-value]


_OBLIGATION_VALUES = (
    "rule_code",
    "citizen__municipality_id",
    "responsible_id",
    "responsible__kind",
    "responsible__parent_id",
    "counterpart_id",
    "counterpart__kind",
    "counterpart__parent_id",
)


def obligations(months: Sequence[date], today: date) -> Cells:
    """Every obligation settled, per rule, in the month its deadline fell due: met in time, or missed (never met,
    or met late). An obligation never sent is missed; a cancelled one (moot) counts nowhere; a pending one
    counts once it is settled."""
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        met = Q(state=Deadline.State.MET, met_late=False)
        missed = Q(state=Deadline.State.BREACHED) | Q(state=Deadline.State.MET, met_late=True)
        for figure, condition in (("obligations_met", met), ("obligations_missed", missed)):
            rows = (
                Deadline.objects.filter(condition, due_at__gte=start, due_at__lt=end)
                .order_by()
                .values(*_OBLIGATION_VALUES)
                .annotate(n=Count("pk"))
            )
            for row in rows:
                cell_add(cells, figure, str(row["rule_code"]), month, _obligation_place(row), int(row["n"]))
    return cells


def rehab_plans_at_discharge(months: Sequence[date], today: date) -> Cells:
    """Discharges with a training plan, by whether the plan was sent at the latest at the discharge."""
    sent_by_discharge = Plan.objects.filter(
        course_id=OuterRef("pk"), sent_at__isnull=False, sent_at__lte=OuterRef("discharged_at")
    )
    cells: Cells = {}
    for month in months:
        start, end = month_bounds(month)
        rows = (
            Course.objects.filter(
                state=Course.State.DISCHARGED, discharged_at__gte=start, discharged_at__lt=end
            )
            .filter(Exists(Plan.objects.filter(course_id=OuterRef("pk"))))
            .annotate(in_time=Exists(sent_by_discharge))
            .order_by()
            .values_list("in_time", *_COURSE_PLACE)
            .annotate(n=Count("pk"))
        )
        for in_time, *place, n in rows:
            cell_add(cells, "rehab_plans", "by_discharge" if in_time else "after", month, tuple(place), n)
    return cells


def rehab_waiting(months: Sequence[date], today: date) -> Cells:
    """The waiting time from discharge to the start of training, in days (a distribution: key = days), by the
    month training started."""
    cells: Cells = {}
    for month in months:
        rows = RehabCourse.objects.filter(
            started_on__gte=month, started_on__lt=next_month(month), plan__course__discharged_at__isnull=False
        ).values_list(
            "started_on",
            "plan__course__discharged_at",
            "plan__course__citizen__municipality_id",
            "plan__course__hospital_id",
            "plan__course__department_id",
        )
        for started_on, discharged_at, *place in rows:
            days = min(max((started_on - local_date(discharged_at)).days, 0), WAITING_CAP_DAYS)  # type: ignore[arg-type]
            cell_add(cells, "rehab_waiting_days", str(days), month, tuple(place), 1)
    return cells


SOURCES: tuple[Source, ...] = (
    admissions,
    discharges,
    readmissions,
    finished_bed_days,
    obligations,
    rehab_plans_at_discharge,
    rehab_waiting,
)
