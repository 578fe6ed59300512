"""Demo citizens: ~30 generated background citizens with courses at three hospitals, and the demo practices.

Every person here is generated, never a real one. CPR numbers are valid in format (a real birth date and
a century digit that fits it) but deliberately fail the old modulus-11 check, which every CPR number
issued before 2007 passes, and no birth date is 1 January (the date given to people whose birthday is
unknown): so no generated number belongs to a real person born in the years we draw from.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stdnum.dk import cpr as stdnum_cpr

from admissions.models import Course, Stay
from admissions.services import course_care_relations_sync
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.services import citizen_relations_sync
from sundhedsaftale.organisations.models import Organisation

DEMO_CITIZENS = 30

FEMALE_NAMES = [
    "Anna",
    "Birthe",
    "Else",
    "Grethe",
    "Inge",
    "Karen",
    "Kirsten",
    "Lis",
    "Mette",
    "Hanne",
    "Ruth",
]
MALE_NAMES = ["Bent", "Erik", "Hans", "Henning", "Jens", "Jørgen", "Lars", "Niels", "Ole", "Poul", "Søren"]
SURNAMES = [
    "Andersen",
    "Christensen",
    "Hansen",
    "Jensen",
    "Jørgensen",
    "Kristensen",
    "Larsen",
    "Madsen",
    "Nielsen",
    "Olsen",
    "Pedersen",
    "Poulsen",
    "Rasmussen",
    "Sørensen",
    "Thomsen",
]

# (kommunekode, number of demo citizens, postal code and town). Aarhus, Randers and Herning carry most;
# the others are in the same three clusters, so every course is at AUH, RHR or HEV.
RESIDENCES: list[tuple[str, int, str]] = [
    ("751", 9, "8000 Aarhus C"),
    ("730", 7, "8900 Randers C"),
    ("657", 6, "7400 Herning"),
    ("741", 1, "8305 Samsø"),
    ("710", 2, "8382 Hinnerup"),
    ("706", 1, "8400 Ebeltoft"),
    ("661", 2, "7500 Holstebro"),
    ("756", 2, "7430 Ikast"),
]

# Demo practices (ydernummer, name, kommunekode of the clinic).
PRACTICES: list[tuple[str, str, str]] = [
    ("012345", "Lægerne i Frederiksbjerg", "751"),
    ("023456", "Lægerne i Randers Midtby", "730"),
    ("034567", "Lægerne i Herning Centrum", "657"),
]


def cpr_fake(rng: random.Random, *, female: bool | None = None) -> str:
    """Return a generated CPR number (10 digits) born 1925-1999 that no real person has (see module doc)."""
    while True:
        born = date(1925, 1, 2) + timedelta(days=rng.randrange((date(1999, 12, 31) - date(1925, 1, 2)).days))
        if (born.month, born.day) == (1, 1):
            continue
        # century digit 0-3 means born in the 1900s; the last digit is even for women, odd for men
        sequence = f"{rng.randrange(0, 4)}{rng.randrange(0, 100):02d}{rng.randrange(0, 10)}"
        if female is not None and int(sequence[-1]) % 2 != (0 if female else 1):
            continue
        number = f"{born:%d%m%y}{sequence}"
        if stdnum_cpr.checksum(number) != 0:
            return number


@dataclass(frozen=True)
class PlannedCourse:
    kind: str
    days_ago: int
    hours: int
    stay_days: int | None  # None while still admitted
    acute_department: bool
    department_pick: int
    contact: str


@dataclass(frozen=True)
class PlannedCitizen:
    cpr: str
    name: str
    municipality: str
    postal: str
    street_number: int
    listed: bool
    courses: tuple[PlannedCourse, ...]


def _plan(rng: random.Random) -> list[PlannedCitizen]:
    """Draw every random value first, so the plan is the same whether or not rows exist already."""
    planned: list[PlannedCitizen] = []
    for code, count, postal in RESIDENCES:
        for _ in range(count):
            female = rng.random() < 0.55
            first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            name = f"{first} {rng.choice(SURNAMES)}"
            cpr = cpr_fake(rng, female=female)
            courses = []
            count_courses = 2 if rng.random() < 0.25 else 1
            for index in range(count_courses):
                # with two courses the first is an earlier, discharged one
                earlier = count_courses == 2 and index == 0
                kind = rng.choice(["planned", "acute", "acute", "open"])
                courses.append(
                    PlannedCourse(
                        kind=kind,
                        days_ago=rng.randrange(40, 120) if earlier else rng.randrange(0, 14),
                        hours=rng.randrange(0, 24),
                        stay_days=rng.randrange(1, 12) if earlier or rng.random() < 0.3 else None,
                        acute_department=kind != "planned",
                        department_pick=rng.randrange(100),
                        contact=f"{rng.choice(FEMALE_NAMES + MALE_NAMES)} (sygeplejerske)",
                    )
                )
            planned.append(
                PlannedCitizen(
                    cpr=cpr,
                    name=name,
                    municipality=code,
                    postal=postal,
                    street_number=rng.randrange(1, 80),
                    listed=rng.random() < 0.7,
                    courses=tuple(courses),
                )
            )
    return planned


def _department(hospital: Organisation, *, acute: bool, pick: int) -> Organisation:
    # The demo's courses follow the general agreement's somatic discharge rules (001 l. 1299).
    departments = list(
        hospital.children.filter(kind="department", department_kind="somatic").order_by("code")
    )
    acute_ones = [d for d in departments if d.code.endswith("-AKUT")]
    if acute and acute_ones:
        return acute_ones[0]
    ward = [d for d in departments if not d.code.endswith(("-AKUT", "-ERFY"))] or departments
    return ward[pick % len(ward)]


def practices_load() -> dict[str, Organisation]:
    """Create the demo practices (idempotent); return them by the kommunekode they serve."""
    region = Organisation.objects.get(kind="region")
    by_municipality: dict[str, Organisation] = {}
    for code, name, municipality_code in PRACTICES:
        municipality = Organisation.objects.get(kind="municipality", code=municipality_code)
        practice, _ = Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": "practice", "name": name, "parent": region, "cluster": municipality.cluster},
        )
        by_municipality[municipality_code] = practice
    return by_municipality


def citizens_load(*, rng: random.Random, now: datetime) -> set[str]:
    """Create the background citizens (skipping those that exist); return their CPR numbers.

    Their courses are history and context for lists and key figures, written directly: the wards' current
    citizens, created through the services, are in ``admissions.demo.wards``.
    """
    practices = practices_load()
    planned_citizens = _plan(rng)
    municipalities = {o.code: o for o in Organisation.objects.filter(kind="municipality")}
    hospital_of_cluster = {h.cluster_id: h for h in Organisation.objects.filter(kind="hospital")}
    for person in planned_citizens:
        if Citizen.objects.filter(cpr=person.cpr).exists():
            continue
        municipality = municipalities[person.municipality]
        citizen = Citizen.objects.create(
            cpr=person.cpr,
            name=person.name,
            municipality=municipality,
            gp_practice=practices.get(person.municipality) if person.listed else None,
            address=f"Demovej {person.street_number}, {person.postal}",
        )
        citizen_relations_sync(citizen=citizen, at=citizen.created_at)
        hospital = hospital_of_cluster[municipality.cluster_id]
        for planned in person.courses:
            department = _department(hospital, acute=planned.acute_department, pick=planned.department_pick)
            admitted = now - timedelta(days=planned.days_ago, hours=planned.hours)
            discharged = (
                admitted + timedelta(days=planned.stay_days) if planned.stay_days is not None else None
            )
            if discharged is not None and discharged > now:
                discharged = None
            course = Course.objects.create(
                citizen=citizen,
                kind=planned.kind,
                hospital=hospital,
                department=department,
                state=Course.State.DISCHARGED if discharged else Course.State.ADMITTED,
                admitted_at=admitted,
                discharged_at=discharged,
                contact_name=planned.contact,
                contact_role="Fast kontaktperson",
            )
            Stay.objects.create(
                course=course,
                hospital=hospital,
                department=department,
                started_at=admitted,
                ended_at=discharged,
            )
            course_care_relations_sync(course=course)
    return {person.cpr for person in planned_citizens}
