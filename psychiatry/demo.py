"""Demo data of psychiatry, through the services: staff at Aarhus' adult and child and adolescent psychiatric
departments, an adult admitted two days ago (consent given, municipality and GP informed, contact person and
treatment plan recorded), an adult who left the ward unplanned yesterday (the municipality alerted, a
coordination plan, the GP letter due) and a child on the waiting list of child and adolescent psychiatry (the
outpatient contact due now, since treatment will not start within 3 months).

Idempotent: the admissions are keyed by their episode-of-care id, the referral by its citizen.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from admissions.demo import cpr_fake, demo_course, demo_password
from admissions.demo.people import practices_load
from admissions.models import Course
from admissions.services import course_admit
from psychiatry.models import CarePlan, ContactPerson, PsychiatricCourse, Referral
from psychiatry.services import (
    care_plan_save,
    child_assessment_record,
    contact_person_add,
    course_inform,
    course_start_admitted,
    course_unplanned_discharge,
    course_update,
    referral_receive,
    referral_visitate,
    relative_add,
    treatment_plan_write,
)
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.organisations.services import member_create
from sundhedsaftale.workdays import local_date

# (username, organisation code): the staff of the two psychiatric departments of AUH.
PSYCHIATRY_USERS = {"AUH-PSY": "psykiatri.auh", "AUH-BUP": "bup.auh"}
SEED = 2026_13
AARHUS = "751"


@dataclass(frozen=True)
class AdultStory:
    key: str  # the admission's episode-of-care id
    name: str
    hours_ago: int
    step: str  # "admitted" (informed, plan written) or "left" (unplanned discharge yesterday)


ADULTS = (
    AdultStory("DEMO-PSY-01", "Mikkel Demo Lauridsen", 46, "admitted"),
    AdultStory("DEMO-PSY-02", "Sofie Demo Kragh", 120, "left"),
)
CHILD_NAME = "Emil Demo Vestergaard"


def _user(code: str) -> User:
    username = PSYCHIATRY_USERS[code]
    existing = get_user_model().objects.filter(username=username).first()
    if existing is not None:
        return existing
    member_create(username=username, password=demo_password(), organisation_code=code, role=Role.WARD_STAFF)
    return get_user_model().objects.get(username=username)


def _new_cpr(rng: random.Random) -> str:
    while True:
        cpr = cpr_fake(rng)
        if not Citizen.objects.filter(cpr=cpr).exists():
            return cpr


def _gp() -> Organisation | None:
    """The demo practice in Aarhus (``laege.aarhus`` is its member)."""
    return practices_load().get(AARHUS)


def _admission(story: AdultStory, *, rng: random.Random, now: datetime, staff: User) -> Course:
    existing = demo_course(story.key)
    if existing is not None:
        return existing
    return course_admit(
        cpr=_new_cpr(rng),
        name=story.name,
        municipality=Organisation.objects.get(kind="municipality", code=AARHUS),
        kind=Course.Kind.ACUTE,
        department=Organisation.objects.get(code="AUH-PSY"),
        admitted_at=now - timedelta(hours=story.hours_ago),
        acting_user=staff,
        gp_practice=_gp(),
        address="Demovej 13, 8000 Aarhus C",
        episode_of_care_id=story.key,
    )


def _adult_load(story: AdultStory, *, rng: random.Random, now: datetime, staff: User) -> None:
    admission = _admission(story, rng=rng, now=now, staff=staff)
    if (
        PsychiatricCourse.objects.filter(admission=admission).exists()
        or admission.state != Course.State.ADMITTED
    ):
        return
    course = course_start_admitted(admission=admission, acting_user=staff)
    admitted_at = admission.admitted_at
    course_update(
        course=course,
        legal_status=PsychiatricCourse.LegalStatus.VOLUNTARY,
        consent=PsychiatricCourse.Consent.CITIZEN,
        relatives_wishes="Søsteren må orienteres og inddrages; forældrene skal ikke kontaktes.",
        acting_user=staff,
    )
    relative_add(
        course=course,
        name="Line Demo Kragh",
        relation="Søster",
        phone="2012 3344",
        involve=True,
        acting_user=staff,
    )
    contact_person_add(
        course=course,
        role=ContactPerson.Role.SUPPORT_WORKER,
        name="Bostøtte Anne Demo Holm",
        phone="8940 1313",
        acting_user=staff,
    )
    course_inform(course=course, party="municipality", acting_user=staff, at=admitted_at + timedelta(hours=3))
    if course.citizen.gp_practice is not None:
        course_inform(course=course, party="gp", acting_user=staff, at=admitted_at + timedelta(hours=4))
    treatment_plan_write(
        course=course,
        goals="Stabilisering af søvn og stemningsleje; udskrivning til eget hjem med bostøtte.",
        treatment="Medicinsk behandling og samtaler dagligt; samarbejdsmøde med bostøtten.",
        handed_to_patient=True,
        author_name="Overlæge Demo Juhl",
        written_at=admitted_at + timedelta(hours=20),
        acting_user=staff,
    )
    child_assessment_record(course=course, has_children=False, acting_user=staff)
    if story.step == "left":
        course_unplanned_discharge(
            course=course,
            relatives_informed="Søsteren er ringet op, som patienten ønskede.",
            at=now - timedelta(hours=20),
            acting_user=staff,
        )
        care_plan_save(
            course=course,
            kind=CarePlan.Kind.COORDINATION_PLAN,
            acting_user=staff,
            treatment_offers="Opsøgende kontakt fra distriktspsykiatrien inden for en uge.",
            social_offers="Bostøtten besøger borgeren i morgen og tilbyder følge til lægen.",
            participants="Distriktspsykiatrien, bostøtten, egen læge.",
            responsibilities="Distriktspsykiatrien koordinerer; bostøtten melder tilbage efter besøget.",
            follow_up_on=local_date(now) + timedelta(days=14),
        )


def _child_load(*, rng: random.Random, now: datetime, staff: User) -> None:
    if Referral.objects.filter(course__citizen__name=CHILD_NAME).exists():
        return
    referral = referral_receive(
        cpr=_new_cpr(rng),
        name=CHILD_NAME,
        municipality=Organisation.objects.get(kind="municipality", code=AARHUS),
        gp_practice=_gp(),
        department=Organisation.objects.get(code="AUH-BUP"),
        referred_on=local_date(now) - timedelta(days=40),
        purpose="Udredning for ADHD; store vanskeligheder i skolen.",
        referrer="Egen læge",
        summary="10-årig dreng med uro og koncentrationsbesvær gennem to år.",
        symptoms="Uro, impulsivitet, søvnproblemer.",
        family_view="Forældrene ønsker udredning og råd til hjemmet og skolen.",
        acting_user=staff,
    )
    referral_visitate(
        referral=referral,
        outcome=Referral.Outcome.WAITLIST,
        expected_start_on=local_date(now) + timedelta(days=90),
        acting_user=staff,
    )


@transaction.atomic
def load(*, now: datetime) -> None:
    """Create the psychiatric staff and the demo courses that do not exist yet."""
    rng = random.Random(SEED)
    adult_staff = _user("AUH-PSY")
    for story in ADULTS:
        _adult_load(story, rng=rng, now=now, staff=adult_staff)
    _child_load(rng=rng, now=now, staff=_user("AUH-BUP"))
