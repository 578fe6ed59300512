"""Demo data of aids, continuing the AUH ward's courses of ``admissions.demo`` and ``discharge.demo`` through the
services: a rollator still missing and a care bed lent by Aarhus for the citizen who needs special aids at
discharge, crutches lent by the hospital for training, a wheelchair in dispute; a depot at each party and a
capacity note to the cluster."""

from datetime import datetime, timedelta

from django.db import transaction

from admissions.demo import WARD_USERS, demo_course, demo_user, demo_visitation
from admissions.models import Course
from aids import services
from aids.models import AidNeed, AidType, CapacityNote, Depot
from aids.reference_data import aid_types_load
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

DEPOTS = (
    ("AUH", "Hjælpemiddeldepot, Aarhus Universitetshospital", "Palle Juul-Jensens Boulevard 99", "7845 0000"),
    ("751", "Hjælpemiddeldepotet, Aarhus Kommune", "Spanien 19, 8000 Aarhus C", "8940 2000"),
)


def _depots_load() -> dict[str, Depot]:
    depots: dict[str, Depot] = {}
    for code, name, address, phone in DEPOTS:
        organisation = Organisation.objects.get(code=code)
        depots[code], _created = Depot.objects.get_or_create(
            organisation=organisation, name=name, defaults={"address": address, "phone": phone}
        )
    return depots


def _special_aids(course: Course, depot: Depot) -> None:
    """The citizen who needs special aids at discharge: a rollator still missing, a care bed lent by Aarhus."""
    ward = demo_user(WARD_USERS[course.department.code])
    services.need_register(
        course=course,
        aid_type=AidType.objects.get(code="rollator"),
        situation="general_rehab",
        why="Går usikkert efter hoftebrud; skal bruge rollator indendørs og ude.",
        discharge_need=AidNeed.DischargeNeed.SPECIAL_AIDS,
        acting_user=ward,
    )
    bed = services.need_register(
        course=course,
        aid_type=AidType.objects.get(code="plejeseng"),
        situation="home_nursing",
        why="Hjemmesygeplejen skal kunne vende og forflytte borgeren.",
        home_visit_needed=True,
        acting_user=ward,
    )
    visitation = demo_visitation(course.citizen.municipality.code)
    if visitation is not None:
        services.loan_create(
            need=bed,
            acting_user=visitation,
            item_number="PS-2291",
            depot=depot,
            contact_name="Hjælpemiddeldepotet, Aarhus Kommune",
            contact_phone="8940 2000",
            delivered_by_name="Depotchauffør Kim Nygaard",
            instruction_given=True,
            instruction_note="Hjemmesygeplejen instrueret i brug af sengens el-funktioner.",
            follow_up_on=local_date(bed.created_at) + timedelta(days=30),
        )


def _training(course: Course, depot: Depot) -> None:
    """Crutches for training during the admission, lent by the hospital with a loan slip."""
    ward = demo_user(WARD_USERS[course.department.code])
    crutches = services.need_register(
        course=course,
        aid_type=AidType.objects.get(code="albuestokke"),
        situation="training_in_hospital",
        why="Gangtræning med fysioterapeut under indlæggelsen.",
        acting_user=ward,
    )
    services.loan_create(
        need=crutches,
        acting_user=ward,
        item_number="AS-0412",
        depot=depot,
        contact_name="Fysioterapeut Mette Lund",
        contact_phone="7845 6120",
        instruction_given=True,
    )


def _disputed(course: Course) -> None:
    """A wheelchair both parties think the other should provide: a dispute, Aarhus delivering meanwhile."""
    ward = demo_user(WARD_USERS[course.department.code])
    chair = services.need_register(
        course=course,
        aid_type=AidType.objects.get(code="koerestol"),
        situation="lasting_reduced_function",
        why="Kan ikke gå længere strækninger; boligen skal ændres.",
        acting_user=ward,
    )
    visitation = demo_visitation(course.citizen.municipality.code)
    if visitation is not None:
        services.dispute_open(
            need=chair,
            acting_user=visitation,
            question="Kørestolen er ordineret som led i behandlingen og bruges under hospitalets kontrol, "
            "indtil tilstanden er stationær: er det ikke hospitalets ansvar (1.1)?",
        )


@transaction.atomic
def load(*, now: datetime) -> None:
    """Register the demo aid needs on the AUH ward's courses that have none yet; the depots and a capacity note."""
    aid_types_load()
    depots = _depots_load()
    stories = (("DEMO-AUH-02", _special_aids, depots["751"]), ("DEMO-AUH-03", _training, depots["AUH"]))
    for key, story, depot in stories:
        course = demo_course(key)
        if course is not None and course.discharged_at is None and not course.aid_needs.exists():
            story(course, depot)
    course = demo_course("DEMO-AUH-04")
    if course is not None and course.discharged_at is None and not course.aid_needs.exists():
        _disputed(course)
    aarhus = depots["751"].organisation
    visitation = demo_visitation(aarhus.code)
    if visitation is not None and not CapacityNote.objects.filter(organisation=aarhus).exists():
        services.capacity_note_create(
            acting_user=visitation,
            depot=depots["751"],
            kind=CapacityNote.Kind.CHANGED_NEED,
            text="Flere hofteoperationer på AUH fra næste kvartal: forventet 20 % flere rollatorer og "
            "plejesenge til udlån.",
            valid_from=local_date(now),
        )
