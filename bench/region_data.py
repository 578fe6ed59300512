#!/usr/bin/env python
"""Generate the region's data set on PostgreSQL: a million citizens and half a million courses, set-based.

Usage (from the repository root; the database in ``DATABASE_URL`` is migrated and filled, ``--reset`` empties
the generated tables first):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sa_bench \
        .venv/bin/python bench/region_data.py --citizens 1000000 --courses 500000

What it writes (every row with ``INSERT ... SELECT FROM generate_series``, no model instances):

* GP practices: one per ~2,500 citizens, spread over the 19 municipalities by inhabitants (codes ``9xxxxx``).
* Citizens: spread over the municipalities by inhabitants, each listed with a practice of their municipality.
  Names from the demo's Danish first names and surnames. CPR numbers are synthetic and never a real person's:
  the birth date (1925-1999, never 1 January) comes from the row number, the sequence ``0000``-``3990`` in steps
  of ten from the row number too (so every CPR is unique), and the last digit is 0, or 1 where 0 would give a
  modulus-11 checksum of 0 — like ``admissions.demo.cpr_fake``, every number fails the modulus-11 check that
  every CPR issued before 2007 passes. They match the citizens' check constraint ``^[0-9]{6}[0-9]{4}$``.
* Care relations exactly as the services write them: ``resident`` and ``listed_gp`` per citizen (source "",
  open), ``admitted`` per course at the hospital unit (source ``course:<id>``, ends 30 days after the course
  ended, ``CARE_RELATION_DAYS_AFTER_COURSE``; open while the course is).
* Courses over ``--years`` years at the hospitals' departments (uniformly), one stay each at the same
  department; ``--open-per-department`` of them still open per department, the rest discharged (1-14 days).
* Deadlines: one pending ``discharge.home_care`` per open course (responsible: its department, counterpart:
  the citizen's municipality), a fifth of them past due (breached, with unacknowledged breach alerts for both
  sides), and a met deadline per course of the last year with acknowledged breach alerts for one in five.
* The bench users: ``bench.ward`` (ward staff at AUH-ORT) and ``bench.visitation`` (visitation in 751), made
  by ``member_create``; password ``BENCH_PASSWORD``.

Then ``VACUUM ANALYZE`` of the filled tables. As a superuser the foreign-key triggers are off while it fills
(``session_replication_role = replica``): every reference is made from ids it just read.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import CharField, TextField  # noqa: E402

from admissions.demo import FEMALE_NAMES, MALE_NAMES, SURNAMES  # noqa: E402
from admissions.models import Course, Stay  # noqa: E402
from sundhedsaftale.citizens.models import CareRelation, Citizen  # noqa: E402
from sundhedsaftale.deadlines.models import Alert, Deadline  # noqa: E402
from sundhedsaftale.organisations.models import Organisation  # noqa: E402
from sundhedsaftale.organisations.roles import Role  # noqa: E402
from sundhedsaftale.organisations.services import member_create  # noqa: E402

BENCH_PASSWORD = "Tavle-maaling-7319"
BENCH_USERS = (("bench.ward", "AUH-ORT", Role.WARD_STAFF), ("bench.visitation", "751", Role.VISITATION))
PRACTICE_PREFIX = "9"
CITIZENS_PER_PRACTICE = 2_500

# a deterministic pseudo-random non-negative integer from a row number and a salt (no random(): repeatable)
H = "(hashint8(({n})::bigint * 1000003 + {salt}) & 2147483647)"


def h(n: str, salt: int) -> str:
    return H.format(n=n, salt=salt)


def blanks(model: type, given: str) -> tuple[str, str]:
    """The text columns an INSERT below does not name (fields added since): '' each, as a blank form would."""
    named = {column.strip() for column in given.split(",")}
    extra = [
        f.column
        for f in model._meta.concrete_fields
        if isinstance(f, CharField | TextField) and not f.null and f.column not in named
    ]
    return "".join(f", {column}" for column in extra), "".join(", ''" for _ in extra)


def step(title: str, sql: str, params: list | None = None) -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if params is None:
            cursor.execute(sql)
        else:  # '%' is the modulo operator here: escape it, keep the placeholders
            cursor.execute(sql.replace("%", "%%").replace("%%s", "%s"), params)
        rows = cursor.rowcount
    print(f"  {title}: {rows:,} rows, {time.perf_counter() - started:.1f} s", flush=True)


def reset() -> None:
    tables = [
        Alert._meta.db_table,
        Deadline._meta.db_table,
        CareRelation._meta.db_table,
        Stay._meta.db_table,
        Course._meta.db_table,
        Citizen._meta.db_table,
        "access_accesslog",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        existing = {row[0] for row in cursor.fetchall()}
        present = [t for t in tables if t in existing]
        cursor.execute(f"TRUNCATE {', '.join(present)} RESTART IDENTITY CASCADE")
    Organisation.objects.filter(kind="practice", code__startswith=PRACTICE_PREFIX).delete()


def practices(citizens: int) -> None:
    """Create the practices and the helper table ``bench_practice`` (municipality, index, id, count)."""
    region = Organisation.objects.get(kind="region")
    municipalities = list(Organisation.objects.filter(kind="municipality").order_by("code"))
    total = sum(m.inhabitants or 0 for m in municipalities)
    wanted = max(len(municipalities), citizens // CITIZENS_PER_PRACTICE)
    rows = []
    number = 0
    for municipality in municipalities:
        count = max(1, round(wanted * (municipality.inhabitants or 0) / total))
        for index in range(count):
            number += 1
            rows.append(
                Organisation(
                    code=f"{PRACTICE_PREFIX}{number:05d}",
                    kind="practice",
                    name=f"Lægehuset {municipality.name} {index + 1}",
                    parent=region,
                    cluster=municipality.cluster,
                )
            )
    Organisation.objects.bulk_create(rows, batch_size=1000)
    step(
        "practices (helper table)",
        f"""
        DROP TABLE IF EXISTS bench_practice;
        CREATE TABLE bench_practice AS
        SELECT m.id AS municipality_id, row_number() OVER (PARTITION BY m.id ORDER BY p.code) - 1 AS idx,
               p.id AS practice_id
          FROM clusters_organisation p JOIN clusters_organisation m
            ON m.kind = 'municipality' AND m.cluster_id IS NOT DISTINCT FROM p.cluster_id
           AND p.name LIKE 'Lægehuset ' || m.name || ' %'
         WHERE p.kind = 'practice' AND p.code LIKE '{PRACTICE_PREFIX}%';
        CREATE INDEX ON bench_practice (municipality_id, idx);
        """,
    )


def municipalities_table() -> None:
    """``bench_municipality``: cumulative inhabitant ranges [lo, hi) and the practice count of each."""
    step(
        "municipalities (helper table)",
        """
        DROP TABLE IF EXISTS bench_municipality;
        CREATE TABLE bench_municipality AS
        SELECT m.id, m.code,
               sum(m.inhabitants) OVER (ORDER BY m.code) - m.inhabitants AS lo,
               sum(m.inhabitants) OVER (ORDER BY m.code) AS hi,
               (SELECT count(*) FROM bench_practice b WHERE b.municipality_id = m.id) AS practices
          FROM clusters_organisation m WHERE m.kind = 'municipality';
        """,
    )


def citizens(count: int) -> None:
    first = list(FEMALE_NAMES) + list(MALE_NAMES)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(hi) FROM bench_municipality")
        total = cursor.fetchone()[0]
    # the modulus-11 sum of the first nine digits, written out (a subquery per row took most of the step)
    checksum = " + ".join(
        f"substr(b.cpr0, {k}, 1)::int * {w}" for k, w in enumerate((4, 3, 2, 7, 6, 5, 4, 3, 2), 1)
    )
    step(
        "days of birth (helper table)",
        """
        DROP TABLE IF EXISTS bench_day;
        CREATE TABLE bench_day AS
        SELECT (row_number() OVER (ORDER BY d) - 1)::int AS n, d::date AS born
          FROM generate_series('1925-01-02'::date, '1999-12-31'::date, interval '1 day') d
         WHERE NOT (extract(month FROM d) = 1 AND extract(day FROM d) = 1);
        CREATE UNIQUE INDEX ON bench_day (n);
        """,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_day")
        days = cursor.fetchone()[0]
    if count > days * 400:
        raise SystemExit(f"at most {days * 400:,} citizens with this CPR scheme")
    step(
        "citizens",
        f"""
        WITH base AS (
            SELECT i, to_char(d.born, 'DDMMYY') || lpad((((i - 1) / {days}) * 10)::text, 4, '0') AS cpr0,
                   {h("i", 1)} AS h1, {h("i", 2)} AS h2, {h("i", 3)} AS h3, {h("i", 4)} AS h4, {h("i", 5)} AS h5
              FROM generate_series(1, %s) i JOIN bench_day d ON d.n = (i - 1) % {days}
        ), summed AS (
            SELECT b.*, {checksum} AS checksum
              FROM base b
        )
        INSERT INTO {Citizen._meta.db_table}
               (cpr, name, municipality_id, gp_practice_id, address, phone, deceased_at, created_at)
        SELECT CASE WHEN s.checksum % 11 = 0 THEN left(s.cpr0, 9) || '1' ELSE s.cpr0 END,
               (%s::text[])[1 + s.h1 % %s] || ' ' ||
               CASE WHEN s.h4 % 3 = 0 THEN (%s::text[])[1 + (s.h4 / 3) % %s] || ' ' ELSE '' END ||
               (%s::text[])[1 + s.h2 % %s],
               m.id, p.practice_id,
               'Bænkvej ' || (1 + s.h3 % 200) || ', ' || m.code, '', NULL,
               now() - interval '1 day' * (365 + s.h3 % 3650)
          FROM summed s
          JOIN bench_municipality m ON s.h5 % {total} >= m.lo AND s.h5 % {total} < m.hi
          JOIN bench_practice p ON p.municipality_id = m.id AND p.idx = s.h2 % m.practices
         ORDER BY s.i
        """,
        [count, first, len(first), SURNAMES, len(SURNAMES), SURNAMES, len(SURNAMES)],
    )
    relations = CareRelation._meta.db_table
    for kind, column in (("resident", "municipality_id"), ("listed_gp", "gp_practice_id")):
        step(
            f"care relations {kind}",
            f"""
            INSERT INTO {relations} (citizen_id, organisation_id, kind, source, purpose, starts_at, ends_at)
            SELECT id, {column}, %s, '', '', created_at, NULL FROM {Citizen._meta.db_table}
             WHERE {column} IS NOT NULL ORDER BY id
            """,
            [kind],
        )


def courses(count: int, years: int, open_per_department: int) -> None:
    step(
        "departments (helper table)",
        """
        DROP TABLE IF EXISTS bench_department;
        CREATE TABLE bench_department AS
        SELECT (row_number() OVER (ORDER BY d.code) - 1)::int AS n, d.id, d.parent_id AS hospital_id, d.code
          FROM clusters_organisation d WHERE d.kind = 'department';
        """,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_department")
        departments = cursor.fetchone()[0]
        cursor.execute(f"SELECT max(id) FROM {Citizen._meta.db_table}")
        citizens = cursor.fetchone()[0]
    opened = min(count, departments * open_per_department)
    table = Course._meta.db_table
    # courses 1..closed are history (admitted over the years, 1-14 days); the last `opened` are still open,
    # admitted within the last ten days, `open_per_department` at each department
    closed = count - opened
    columns = (
        "citizen_id, kind, state, hospital_id, department_id, admitted_at, discharged_at, episode_of_care_id, "
        "contact_name, contact_role, contact_phone, created_at"
    )
    extra_columns, extra_values = blanks(Course, columns)
    step(
        "courses",
        f"""
        INSERT INTO {table} ({columns}{extra_columns})
        SELECT 1 + {h("i", 11)} % {citizens},
               CASE WHEN {h("i", 12)} % 3 = 0 THEN 'planned' ELSE 'acute' END,
               CASE WHEN i > {closed} THEN (CASE WHEN {h("i", 13)} % 20 = 0 THEN 'on_leave' ELSE 'admitted' END)
                    WHEN {h("i", 13)} % 50 = 0 THEN 'deceased' ELSE 'discharged' END,
               d.hospital_id, d.id, a.admitted_at,
               CASE WHEN i > {closed} THEN NULL
                    ELSE a.admitted_at + interval '1 hour' * (24 + {h("i", 14)} % (13 * 24)) END,
               '', '', '', '', a.admitted_at{extra_values}
          FROM generate_series(1, %s) i
          CROSS JOIN LATERAL (
              SELECT CASE WHEN i > {closed} THEN now() - interval '1 minute' * ({h("i", 15)} % (10 * 24 * 60))
                          ELSE now() - interval '15 days'
                               - interval '1 minute' * ({h("i", 15)} % ({years} * 365 * 24 * 60)) END
                     AS admitted_at
          ) a
          JOIN bench_department d
            ON d.n = CASE WHEN i > {closed} THEN (i - {closed} - 1) % {departments}
                          ELSE {h("i", 16)} % {departments} END
         ORDER BY a.admitted_at
        """,
        [count],
    )
    columns = "course_id, hospital_id, department_id, started_at, ended_at"
    extra_columns, extra_values = blanks(Stay, columns)
    step(
        "stays",
        f"""
        INSERT INTO {Stay._meta.db_table} ({columns}{extra_columns})
        SELECT id, hospital_id, department_id, admitted_at, discharged_at{extra_values} FROM {table} ORDER BY id
        """,
    )
    days = settings.CARE_RELATION_DAYS_AFTER_COURSE
    step(
        "care relations admitted",
        f"""
        INSERT INTO {CareRelation._meta.db_table}
               (citizen_id, organisation_id, kind, source, purpose, starts_at, ends_at)
        SELECT citizen_id, hospital_id, 'admitted', 'course:' || id, '', admitted_at,
               discharged_at + interval '{days} days'
          FROM {table} ORDER BY id
        """,
    )


def deadlines() -> None:
    course_type = ContentType.objects.get_for_model(Course).pk
    table = Deadline._meta.db_table
    courses = Course._meta.db_table
    citizens = Citizen._meta.db_table
    common = "rule_code, rule_set, anchor_is_date, met_late, met_event, cancel_reason, updated_at"
    step(
        "open deadlines (one per open course, a fifth breached)",
        f"""
        INSERT INTO {table} (subject_type_id, subject_id, citizen_id, responsible_id, counterpart_id,
                             anchor_at, due_date, due_at, warn_at, state, breached_at, created_at, {common})
        SELECT {course_type}, c.id, c.citizen_id, c.department_id, z.municipality_id,
               due.at, (due.at AT TIME ZONE 'Europe/Copenhagen')::date, due.at, due.at - interval '1 day',
               CASE WHEN c.id % 5 = 0 THEN 'breached' ELSE 'pending' END,
               CASE WHEN c.id % 5 = 0 THEN due.at END, c.admitted_at,
               'discharge.home_care', '2021', true, false, '', '', now()
          FROM {courses} c JOIN {citizens} z ON z.id = c.citizen_id
          CROSS JOIN LATERAL (
              SELECT CASE WHEN c.id % 5 = 0 THEN now() - interval '1 hour' * (1 + c.id % 48)
                          ELSE now() + interval '1 hour' * (24 + c.id % 240) END AS at
          ) due
         WHERE c.discharged_at IS NULL
        """,
    )
    step(
        "met deadlines (courses of the last year)",
        f"""
        INSERT INTO {table} (subject_type_id, subject_id, citizen_id, responsible_id, counterpart_id,
                             anchor_at, due_date, due_at, warn_at, state, breached_at, met_at, created_at,
                             {common})
        SELECT {course_type}, c.id, c.citizen_id, c.department_id, z.municipality_id,
               c.discharged_at, (c.discharged_at AT TIME ZONE 'Europe/Copenhagen')::date,
               c.discharged_at - interval '1 day', c.discharged_at - interval '2 days', 'met',
               CASE WHEN c.id % 5 = 0 THEN c.discharged_at - interval '1 day' END,
               c.discharged_at - interval '1 hour', c.admitted_at,
               'discharge.home_care', '2021', true, false, '', '', now()
          FROM {courses} c JOIN {citizens} z ON z.id = c.citizen_id
         WHERE c.discharged_at > now() - interval '1 year' AND c.discharged_at - interval '2 days' >= c.admitted_at
        """,
    )
    step(
        "breach alerts (both sides; the history acknowledged)",
        f"""
        INSERT INTO {Alert._meta.db_table} (deadline_id, kind, organisation_id, created_at, acknowledged_at)
        SELECT d.id, 'breach', o.organisation_id, d.breached_at,
               CASE WHEN d.state = 'met' THEN d.met_at END
          FROM {table} d
          CROSS JOIN LATERAL (VALUES (d.responsible_id), (d.counterpart_id)) o(organisation_id)
         WHERE d.breached_at IS NOT NULL
        """,
    )


def users() -> None:
    for username, code, role in BENCH_USERS:
        member_create(username=username, password=BENCH_PASSWORD, organisation_code=code, role=role)
    print(f"  users: {', '.join(u for u, _, _ in BENCH_USERS)}", flush=True)


def analyse() -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (Citizen, CareRelation, Course, Stay, Deadline, Alert, Organisation):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    print(f"  VACUUM ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--citizens", type=int, default=1_000_000)
    parser.add_argument("--courses", type=int, default=500_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--open-per-department", type=int, default=200)
    parser.add_argument("--reset", action="store_true", help="empty the generated tables first")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench/region_data.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.reset:
        reset()
    if Citizen.objects.exists():
        raise SystemExit("the database has citizens already: use --reset (it empties the generated tables)")
    print(
        f"generating {args.citizens:,} citizens, {args.courses:,} courses over {args.years} years", flush=True
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            # The rows are consistent by construction: no foreign-key trigger per row (Django's constraints are
            # deferred, so millions of checks would queue up for the commit: minutes). Superuser only.
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
        practices(args.citizens)
        municipalities_table()
        citizens(args.citizens)
        courses(args.courses, args.years, args.open_per_department)
        deadlines()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bench_practice, bench_municipality, bench_day, bench_department")
        users()
    analyse()
    print(f"done in {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
