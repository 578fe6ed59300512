#!/usr/bin/env python
"""Prepare the load test on a database filled by ``bench/region_data.py``: the users, their tokens and work.

Usage (from the repository root):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sa_bench \
        .venv/bin/python bench/load_setup.py --out var/bench/plan.json

Writes a JSON plan that ``bench/open_loop.py`` and ``bench/locustfile.py`` read (``BENCH_PLAN``):

* ``--ward`` ward-staff users ``bench.ward.NNN``, one per department in turn, each with the open courses of
  its department to look at and two of them reserved for it alone to discharge (a discharge notice);
* ``--municipal`` visitators ``bench.kommune.NNN``, one per municipality in turn, each with courses of its
  residents that a hospital discharged here through ``discharge_notice_send`` (so it has notices to reply to);
* ``--steering`` steering-group members ``bench.styregruppe.NNN``, one per cluster in turn;
* ``--rest`` integration users ``bench.api.NNN`` (REST clients at a hospital unit or a municipality) with an
  API token each (``token_issue``), and ``bench.rest`` at 751 for the open-loop API measurements;
* for the open loop: citizens resident in 751 (the citizen record as ``bench.visitation``).

Every user is made a member through ``member_create`` (password ``BENCH_PASSWORD``). The password is hashed once
and the user rows created with that hash before ``member_create`` adds the membership: hashing 200 passwords
with PBKDF2 would take minutes on two cores. Running it twice reuses the users.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.utils import timezone  # noqa: E402
from region_data import BENCH_PASSWORD  # noqa: E402

from admissions.models import Course  # noqa: E402
from discharge.models import DischargeNotice  # noqa: E402
from discharge.services import discharge_notice_send  # noqa: E402
from sundhedsaftale.access.tokens import token_issue  # noqa: E402
from sundhedsaftale.citizens.models import Citizen  # noqa: E402
from sundhedsaftale.organisations.models import Organisation  # noqa: E402
from sundhedsaftale.organisations.roles import Role  # noqa: E402
from sundhedsaftale.organisations.services import member_create  # noqa: E402

OPEN_LOOP_MUNICIPALITY = "751"
NOTICES_PER_OFFICER = 2
DISCHARGES_PER_WARD_USER = 2


def users_make(members: list[tuple[str, str, str]]) -> None:
    """Create the users that do not exist yet with one shared password hash, then the memberships."""
    user_model = get_user_model()
    existing = set(
        user_model.objects.filter(username__in=[u for u, _, _ in members]).values_list("username", flat=True)
    )
    password = make_password(BENCH_PASSWORD)
    user_model.objects.bulk_create(
        [
            user_model(username=username, password=password)
            for username, _, _ in members
            if username not in existing
        ]
    )
    for username, code, role in members:
        member_create(username=username, password=None, organisation_code=code, role=role)


def open_courses(organisation: Organisation) -> list[int]:
    return list(
        Course.objects.filter(department=organisation, discharged_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default="var/bench/plan.json")
    parser.add_argument("--ward", type=int, default=80)
    parser.add_argument("--municipal", type=int, default=60)
    parser.add_argument("--steering", type=int, default=10)
    parser.add_argument("--rest", type=int, default=50)
    args = parser.parse_args()
    started = time.perf_counter()

    departments = list(Organisation.objects.filter(kind="department").order_by("code"))
    municipalities = list(Organisation.objects.filter(kind="municipality").order_by("code"))
    clusters = list(Organisation.objects.filter(kind="cluster").order_by("code"))
    hospitals = list(Organisation.objects.filter(kind="hospital").order_by("code"))
    ward = [
        (f"bench.ward.{i:03d}", departments[i % len(departments)].code, Role.WARD_STAFF)
        for i in range(args.ward)
    ]
    municipal = [
        (f"bench.kommune.{i:03d}", municipalities[i % len(municipalities)].code, Role.VISITATION)
        for i in range(args.municipal)
    ]
    steering = [
        (f"bench.styregruppe.{i:03d}", clusters[i % len(clusters)].code, Role.STEERING_GROUP)
        for i in range(args.steering)
    ]
    rest_orgs = hospitals + municipalities
    rest = [
        (f"bench.api.{i:03d}", rest_orgs[i % len(rest_orgs)].code, Role.INTEGRATION) for i in range(args.rest)
    ]
    rest.append(("bench.rest", OPEN_LOOP_MUNICIPALITY, Role.INTEGRATION))
    users_make(ward + municipal + steering + rest)
    print(
        f"  users: {len(ward)} ward, {len(municipal)} municipal, {len(steering)} steering, {len(rest)} REST"
    )

    # ward users: the open courses of their department; a disjoint slice of them to discharge
    by_department = {d.code: open_courses(d) for d in departments}
    taken: set[int] = set()
    ward_plan = []
    for index, (username, code, _) in enumerate(ward):
        courses = by_department[code]
        share = index // len(departments)  # the how-many-th user of this department
        mine = courses[share * DISCHARGES_PER_WARD_USER : (share + 1) * DISCHARGES_PER_WARD_USER]
        taken.update(mine)
        ward_plan.append({"username": username, "courses": courses[-20:], "discharge": mine})

    # municipal users: courses of their residents, discharged here by a ward user of the course's department
    ward_user_of = {code: username for username, code, _ in reversed(ward)}
    user_model = get_user_model()
    municipal_plan = []
    notices = 0
    for username, code, _ in municipal:
        candidates = (
            Course.objects.filter(citizen__municipality__code=code, discharged_at__isnull=True)
            .exclude(pk__in=taken)
            .select_related("department")
            .order_by("pk")
        )
        mine = []
        for course in candidates[: NOTICES_PER_OFFICER * 5]:
            if len(mine) == NOTICES_PER_OFFICER:
                break
            acting = ward_user_of.get(course.department.code)
            if acting is None:
                continue
            taken.add(course.pk)
            if not DischargeNotice.objects.filter(course=course).exists():
                discharge_notice_send(
                    course=course,
                    discharged_at=timezone.now(),
                    destination="Eget hjem",
                    early_discharge_reason="Bænktest: udskrevet for at give kommunen en advis at svare på.",
                    acting_user=user_model.objects.get(username=acting),
                )
                notices += 1
            mine.append(course.pk)
        municipal_plan.append({"username": username, "courses": mine})
    print(f"  discharge notices sent for the municipal officers: {notices}")

    tokens = {}
    for username, _, _ in rest:
        tokens[username] = token_issue(user=user_model.objects.get(username=username)).key
    residents = list(
        Citizen.objects.filter(municipality__code=OPEN_LOOP_MUNICIPALITY)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    plan = {
        "password": BENCH_PASSWORD,
        "ward": ward_plan,
        "municipal": municipal_plan,
        "steering": [{"username": username} for username, _, _ in steering],
        "rest": [{"username": u, "token": tokens[u]} for u, _, _ in rest if u != "bench.rest"],
        "open_loop": {
            "board_user": "bench.ward",
            "record_user": "bench.visitation",
            "api_token": tokens["bench.rest"],
            "citizens": residents,
        },
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(plan, indent=1))
    print(f"  plan written to {out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
