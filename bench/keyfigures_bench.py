#!/usr/bin/env python
"""Key figures at the region's scale: the dashboard from the aggregate cells, and the incremental refresh after a
day's activity, each beside a trivial request and the raw-row computation, in one run.

Usage (from the repository root; needs a PostgreSQL server the user may create databases on):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sundhedsaftale .venv/bin/python bench/keyfigures_bench.py
    # options: --courses 5000000 --citizens 1000000 --years 30 --runs 50

Creates a throwaway database ``test_<name>`` (Django's test-database machinery, every migration), and fills it
set-based (``INSERT ... SELECT FROM generate_series``): generated citizens (CPR-shaped numbers that are no date,
so no real person's), ``--courses`` courses over ``--years`` years at the somatic departments (a tenth planned,
discharged after 1-14 days, the last 2,000 still admitted), a færdigbehandlet record for one course in twenty,
and one settled deadline per course (home care, information reply or rehab first contact; met, met late,
breached or cancelled). Then it measures:

* the full build of the cells (the refresh's first run);
* ``GET /healthz`` and ``GET /noegletal/`` for a cluster's half-year, through Django's test client (the whole
  middleware stack and the template, in-process), ``--runs`` each;
* the raw-row computation of the same half-year's figures (what a dashboard without the cells would run);
* a day's activity through the models (500 admissions, 500 discharges, 500 deadlines settled, all audited),
  then the incremental refresh.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from admissions.models import Course  # noqa: E402
from clusters.keyfigures.periods import period_of  # noqa: E402
from clusters.keyfigures.raw import compute  # noqa: E402
from clusters.keyfigures.refresh import keyfigures_refresh  # noqa: E402
from clusters.models import FigureCell  # noqa: E402
from discharge.models import FinishedTreatment  # noqa: E402
from sundhedsaftale.citizens.models import Citizen  # noqa: E402
from sundhedsaftale.deadlines.models import Deadline  # noqa: E402
from sundhedsaftale.organisations.roles import Role  # noqa: E402
from sundhedsaftale.organisations.services import member_create  # noqa: E402
from sundhedsaftale.workdays import local_date  # noqa: E402

PASSWORD = "Noegletal-maaling-4711"
CITIZENS, COURSES = Citizen._meta.db_table, Course._meta.db_table
FINISHED, DEADLINES = FinishedTreatment._meta.db_table, Deadline._meta.db_table
H = "(hashint8(({n})::bigint * 1000003 + {salt}) & 2147483647)"


def h(n: str, salt: int) -> str:
    return H.format(n=n, salt=salt)


def step(title: str, sql: str) -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.rowcount
    print(f"  {title}: {rows:,} rows, {time.perf_counter() - started:.1f} s", flush=True)


def populate(citizens: int, courses: int, years: int) -> None:
    step(
        "citizens",
        f"""
        INSERT INTO {CITIZENS} (cpr, name, municipality_id, gp_practice_id, address, phone, deceased_at,
                                      created_at)
        SELECT lpad(i::text, 10, '0'), 'Genereret Borger ' || i,
               (SELECT array_agg(id ORDER BY code) FROM clusters_organisation WHERE kind = 'municipality')
                   [1 + {h("i", 1)} % 19],
               NULL, '', '', NULL, now()
          FROM generate_series(1, {citizens}) i
        """,
    )
    step(
        "courses",
        f"""
        WITH departments AS (
            SELECT array_agg(id ORDER BY id) AS ids, array_agg(parent_id ORDER BY id) AS parents, count(*) AS n
              FROM clusters_organisation
             WHERE kind = 'department' AND department_kind = 'somatic' AND NOT is_external
        ), citizens AS (SELECT min(id) AS lo, count(*) AS n FROM {CITIZENS}),
        rows AS (
            SELECT i, 1 + {h("i", 2)} % d.n AS dep, c.lo + {h("i", 3)} % c.n AS citizen,
                   now() - interval '1 second' * ((i::float / {courses}) * {years} * 365 * 86400)::bigint
                       AS admitted,
                   interval '1 hour' * (24 + {h("i", 4)} % (13 * 24)) AS stay
              FROM generate_series(1, {courses}) i, departments d, citizens c
        )
        INSERT INTO {COURSES} (citizen_id, kind, state, hospital_id, department_id, admitted_at,
                                       discharged_at, episode_of_care_id, contact_name, contact_role,
                                       contact_phone, created_at)
        SELECT r.citizen, CASE WHEN {h("r.i", 5)} % 10 = 0 THEN 'planned' ELSE 'acute' END,
               CASE WHEN r.i <= 2000 THEN 'admitted' ELSE 'discharged' END,
               d.parents[r.dep], d.ids[r.dep], r.admitted,
               CASE WHEN r.i <= 2000 THEN NULL ELSE least(r.admitted + r.stay, now()) END,
               '', '', '', '', r.admitted
          FROM rows r, departments d
        """,
    )
    step(
        "færdigbehandlede",
        f"""
        INSERT INTO {FINISHED} (course_id, finished_on, municipality_id, doctor_name, note,
                                                 recorded_at)
        SELECT c.id, (c.admitted_at + (coalesce(c.discharged_at, now()) - c.admitted_at) / 2)::date,
               z.municipality_id, 'Overlæge', '', c.admitted_at
          FROM {COURSES} c JOIN {CITIZENS} z ON z.id = c.citizen_id
         WHERE c.id % 20 = 0
        """,
    )
    course_type = ContentType.objects.get_for_model(Course).pk
    step(
        "deadlines",
        f"""
        INSERT INTO {DEADLINES} (subject_type_id, subject_id, citizen_id, rule_code, rule_set,
            responsible_id, counterpart_id, anchor_at, anchor_is_date, due_date, due_at, warn_at, state,
            warned_at, breached_at, met_at, met_late, met_event, cancelled_at, cancel_reason, created_at,
            updated_at)
        SELECT {course_type}, c.id, c.citizen_id,
               (ARRAY['discharge.home_care', 'admission.info_reply', 'rehab.first_contact'])[1 + c.id % 3],
               '2008', c.department_id, z.municipality_id, c.admitted_at, false,
               (c.admitted_at + interval '2 days')::date, c.admitted_at + interval '2 days',
               c.admitted_at + interval '1 day',
               CASE WHEN x.r < 70 THEN 'met' WHEN x.r < 80 THEN 'met' WHEN x.r < 95 THEN 'breached'
                    ELSE 'cancelled' END,
               NULL,
               CASE WHEN x.r >= 70 AND x.r < 95 THEN c.admitted_at + interval '2 days' END,
               CASE WHEN x.r < 70 THEN c.admitted_at + interval '1 day'
                    WHEN x.r < 80 THEN c.admitted_at + interval '3 days' END,
               x.r >= 70 AND x.r < 80, '', CASE WHEN x.r >= 95 THEN c.admitted_at END, '', c.admitted_at,
               c.admitted_at
          FROM {COURSES} c JOIN {CITIZENS} z ON z.id = c.citizen_id,
               LATERAL (SELECT {h("c.id", 6)} % 100 AS r) x
         WHERE c.state = 'discharged'
        """,
    )
    with connection.cursor() as cursor:
        for table in (CITIZENS, COURSES, FINISHED, DEADLINES):
            cursor.execute(f"VACUUM ANALYZE {table}")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"| {name} | {statistics.median(samples):.1f} ms | {p95:.1f} ms | {min(samples):.1f} ms | "
        f"{max(samples):.1f} ms | {len(samples)} |"
    )


def day_of_activity() -> None:
    """500 admissions, 500 discharges and 500 deadlines settled, through the models (so audited as in use)."""
    now = timezone.now()
    template = Course.objects.filter(state=Course.State.DISCHARGED).order_by("-pk").first()
    assert template is not None
    for i in range(500):
        Course.objects.create(
            citizen_id=template.citizen_id,
            kind=Course.Kind.ACUTE,
            hospital_id=template.hospital_id,
            department_id=template.department_id,
            admitted_at=now - timedelta(minutes=i),
        )
    for course in Course.objects.filter(state=Course.State.ADMITTED).order_by("pk")[:500]:
        course.state = Course.State.DISCHARGED
        course.discharged_at = now
        course.save()
    for deadline in Deadline.objects.filter(state=Deadline.State.BREACHED).order_by("-pk")[:500]:
        deadline.state = Deadline.State.MET
        deadline.met_late = True
        deadline.met_at = now
        deadline.save()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--courses", type=int, default=5_000_000)
    parser.add_argument("--citizens", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/keyfigures_bench.py needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    settings.ALLOWED_HOSTS = ["testserver"]
    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        started = time.perf_counter()
        populate(args.citizens, args.courses, args.years)
        print(f"populated in {time.perf_counter() - started:.0f} s", flush=True)
        build = timed(keyfigures_refresh) / 1000
        print(f"full build of the cells: {build:.0f} s, {FigureCell.objects.count():,} cells", flush=True)
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load
            cursor.execute(f"VACUUM ANALYZE {FigureCell._meta.db_table}")

        user = member_create(
            username="bench.styregruppe",
            password=PASSWORD,
            organisation_code="klynge-aarhus",
            role=Role.STEERING_GROUP,
        )
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        half = period_of(local_date(timezone.now()), "half").previous()
        url = f"/noegletal/?enhed=klynge-aarhus&periode={half.code}"
        assert client.get(url).status_code == 200  # warm-up
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            with cProfile.Profile() as profile:
                for _ in range(5):
                    client.get(url)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
        trivial = [timed(lambda: client.get("/healthz")) for _ in range(args.runs)]
        dashboard = [timed(lambda: client.get(url)) for _ in range(args.runs)]
        months = [month.start for month in half.months()]
        raw = [
            timed(lambda: compute(months, local_date(timezone.now()))) for _ in range(max(3, args.runs // 10))
        ]

        day_of_activity()
        refresh = [timed(keyfigures_refresh)]
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        print(
            f"\n{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python "
            f"{platform.python_version()} · PostgreSQL {server} · {args.courses:,} courses over {args.years} years"
        )
        print("| measurement | median | p95 | min | max | n |\n|---|---:|---:|---:|---:|---:|")
        print(summary("`GET /healthz` (trivial)", trivial))
        print(summary(f"**`GET {url}`** (from the cells)", dashboard))
        print(summary(f"raw-row computation of {half.label} (all places)", raw))
        print(summary("**incremental refresh** after 500 admissions, 500 discharges, 500 deadlines", refresh))
    finally:
        teardown_databases(old_config, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
