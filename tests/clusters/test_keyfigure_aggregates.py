"""The stored aggregates equal the raw rows: a few thousand generated courses with random events, refreshed
incrementally while they change (including a discharge time corrected months later), compared figure by figure
with a computation straight from the rows and, for the main figures, with a plain Python count."""

import random
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from admissions.demo.people import cpr_fake
from admissions.models import Course
from clusters.keyfigures.raw import compute
from clusters.keyfigures.refresh import cells_by_level, keyfigures_refresh
from clusters.keyfigures.sources import month_of, next_month
from clusters.models import FigureCell, FigureRefresh
from discharge.models import FinishedTreatment
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import TZ, local_date

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 6, 12, tzinfo=TZ)
FIRST = datetime(2025, 1, 1, tzinfo=TZ)
COURSES = 2500


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


def _generate(rng: random.Random) -> None:
    municipalities = list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY))
    departments = list(
        Organisation.objects.filter(
            kind=Organisation.Kind.DEPARTMENT, department_kind="somatic"
        ).select_related("parent")
    )
    cprs = {cpr_fake(random.Random(f"kf-{i}")) for i in range(700)}
    Citizen.objects.bulk_create(
        Citizen(cpr=cpr, name="Generet Borger", municipality=rng.choice(municipalities)) for cpr in cprs
    )
    citizens = list(Citizen.objects.all())
    courses = []
    for _ in range(COURSES):
        department = rng.choice(departments)
        admitted = _moment(rng, FIRST, NOW - timedelta(days=1))
        state = rng.choices(
            [Course.State.DISCHARGED, Course.State.ADMITTED, Course.State.CANCELLED, Course.State.DECEASED],
            [80, 12, 4, 4],
        )[0]
        discharged = None
        if state in (Course.State.DISCHARGED, Course.State.DECEASED):
            discharged = min(admitted + timedelta(hours=rng.randrange(2, 24 * 40)), NOW)
        courses.append(
            Course(
                citizen=rng.choice(citizens),
                kind=rng.choice(list(Course.Kind)),
                state=state,
                hospital=department.parent,
                department=department,
                admitted_at=admitted,
                discharged_at=discharged,
            )
        )
    Course.objects.bulk_create(courses)
    finished = []
    for course in Course.objects.all():
        if rng.random() < 0.25:
            end = course.discharged_at or NOW
            finished.append(
                FinishedTreatment(
                    course=course,
                    finished_on=local_date(_moment(rng, course.admitted_at, end)),
                    municipality=course.citizen.municipality,
                    doctor_name="Overlæge",
                )
            )
        if rng.random() < 0.4:
            _deadline(rng, course)
    FinishedTreatment.objects.bulk_create(finished)


def _deadline(rng: random.Random, course: Course) -> None:
    due = _moment(rng, course.admitted_at, course.admitted_at + timedelta(days=20))
    state = rng.choice(list(Deadline.State))
    late = state == Deadline.State.MET and rng.random() < 0.3
    Deadline.objects.create(
        subject_type=ContentType.objects.get_for_model(Course),
        subject_id=course.pk,
        citizen=course.citizen,
        rule_code=rng.choice(["discharge.home_care", "admission.info_reply", "rehab.first_contact"]),
        rule_set="2008",
        responsible=course.department,
        counterpart=course.citizen.municipality,
        anchor_at=due,
        due_date=local_date(due),
        due_at=due,
        warn_at=due - timedelta(days=1),
        state=Deadline.State.PENDING if state == Deadline.State.MET and due > NOW else state,
        met_at=due + timedelta(hours=5) if late else due - timedelta(hours=5),
        met_late=late,
        breached_at=due if state == Deadline.State.BREACHED or late else None,
    )


def _stored() -> dict[tuple[str, tuple[str, str, date, int | None, int | None, int | None]], int]:
    return {
        (c.level, (c.figure, c.key, c.month, c.municipality_id, c.hospital_id, c.department_id)): c.value
        for c in FigureCell.objects.all()
    }


def _months() -> list[date]:
    months, month = [], month_of(local_date(FIRST))
    while month <= month_of(local_date(NOW)):
        months.append(month)
        month = next_month(month)
    return months


def _sum(figure: str) -> Counter[tuple[str, date]]:
    totals: Counter[tuple[str, date]] = Counter()
    for (level, (name, key, month, *_place)), value in _stored().items():
        if name == figure and level == FigureCell.Level.MUNICIPALITY:
            totals[(key, month)] += value
    return totals


def _plain_python_counts() -> tuple[
    Counter[tuple[str, date]], Counter[tuple[str, date]], Counter[tuple[str, date]]
]:
    """Admissions, readmissions and færdigbehandlede sengedage counted row by row, without the sources."""
    courses = list(Course.objects.exclude(state=Course.State.CANCELLED))
    admissions: Counter[tuple[str, date]] = Counter()
    readmissions: Counter[tuple[str, date]] = Counter()
    discharges_of: dict[int, list[tuple[int, datetime]]] = {}
    for course in courses:
        if course.state == Course.State.DISCHARGED and course.discharged_at:
            discharges_of.setdefault(course.citizen_id, []).append((course.pk, course.discharged_at))
    for course in courses:
        month = month_of(local_date(course.admitted_at))
        admissions[("planned" if course.kind == "planned" else "acute", month)] += 1
        if course.kind != "planned" and any(
            timedelta(0) <= course.admitted_at - at <= timedelta(days=30)
            for pk, at in discharges_of.get(course.citizen_id, [])
            if pk != course.pk
        ):
            readmissions[("", month)] += 1
    bed_days: Counter[tuple[str, date]] = Counter()
    for finished in FinishedTreatment.objects.select_related("course").exclude(course__state="cancelled"):
        through = (
            local_date(finished.course.discharged_at) if finished.course.discharged_at else local_date(NOW)
        )
        day = finished.finished_on + timedelta(days=1)
        while day <= through:
            bed_days[("", month_of(day))] += 1
            day += timedelta(days=1)
    return admissions, readmissions, bed_days


def test_incrementally_refreshed_aggregates_equal_the_raw_rows() -> None:
    rng = random.Random(20261206)
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        _generate(rng)
    with time_machine.travel(NOW - timedelta(days=2), tick=False):
        keyfigures_refresh()
    assert FigureCell.objects.exists()

    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        # a day's activity: discharges corrected back in time (months later), new admissions, settled deadlines
        for course in rng.sample(list(Course.objects.filter(state=Course.State.DISCHARGED)), 6):
            assert course.discharged_at is not None
            course.discharged_at = max(
                course.admitted_at, course.discharged_at - timedelta(days=rng.randrange(1, 60))
            )
            course.save()
        for course in rng.sample(list(Course.objects.filter(state=Course.State.ADMITTED)), 30):
            course.state = Course.State.DISCHARGED
            course.discharged_at = NOW - timedelta(days=1)
            course.save()
        template = Course.objects.filter(state=Course.State.DISCHARGED).first()
        assert template is not None
        for _ in range(40):
            Course.objects.create(
                citizen=template.citizen,
                kind=Course.Kind.ACUTE,
                hospital=template.hospital,
                department=template.department,
                admitted_at=NOW - timedelta(days=1, hours=rng.randrange(1, 20)),
            )
        for deadline in Deadline.objects.filter(
            state=Deadline.State.PENDING, due_at__gte=NOW - timedelta(days=40)
        )[:50]:
            deadline.state = Deadline.State.BREACHED
            deadline.breached_at = deadline.due_at
            deadline.save()

    with time_machine.travel(NOW, tick=False):
        assert keyfigures_refresh() < len(_months())  # only what changed, not everything
        stored = _stored()
        assert stored == cells_by_level(compute(_months(), local_date(NOW)))

    admissions, readmissions, bed_days = _plain_python_counts()
    assert _sum("admissions") == admissions
    assert _sum("readmissions") == readmissions
    assert _sum("finished_bed_days") == bed_days
    assert FigureRefresh.objects.get().months_refreshed > 2
