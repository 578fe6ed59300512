"""The wards' current citizens: admitted through the services at AUH ortopædkirurgi (``afdeling.auh``),
RHR medicinsk (``afdeling.rhr``) and HEV medicinsk (``afdeling.hev``), with contact persons, consent,
admission notices, admission reports, information requests and correspondence.

Each course carries a fixed episode-of-care id (``DEMO-AUH-01`` ...): it keeps a second run from admitting
again, and it is how the discharge and rehab demos find the courses they continue.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from admissions.demo.people import FEMALE_NAMES, MALE_NAMES, RESIDENCES, SURNAMES, cpr_fake, practices_load
from admissions.models import AdmissionNotice, Consent, Course, InformationRequest, Thread
from admissions.services import (
    admission_notice_mark_read,
    admission_report_request,
    admission_report_submit,
    consent_record,
    course_admit,
    course_set_contact_person,
    information_request_send,
    message_mark_read,
    message_reply,
    message_send,
)
from admissions.services.records import INFO_REPLY_RULE
from sundhedsaftale.deadlines.services import deadline_ensure
from sundhedsaftale.organisations.models import Organisation

WARD_USERS = {"AUH-ORT": "afdeling.auh", "RHR-MED": "afdeling.rhr", "HEV-MED": "afdeling.hev"}
VISITATION_USERS = {"751": "visitation.aarhus", "730": "visitation.randers", "657": "visitation.herning"}
POSTAL = {code: postal for code, _count, postal in RESIDENCES}


@dataclass(frozen=True)
class WardStay:
    """One current (or, for the discharge demo, recently discharged) course and its admission story."""

    key: str  # the EPJ's episode-of-care id
    department: str
    municipality: str
    kind: str
    hours_ago: int  # admitted this many hours before now
    listed: bool = True  # listed with the municipality's demo practice
    consent: bool = True
    notice_read: bool = False
    report: str = ""  # "", "requested" or "submitted"
    # an information request to the GP, sent this long ago; the 24-hour reply deadline belongs to planned
    # admissions only (section 1.2.3.1), so the stays with questions are planned
    question_hours_ago: int | None = None
    question_to_municipality: bool = False
    thread: str = ""  # a key of THREADS


D = 24  # hours a day, to keep the table readable
WARD_STAYS: tuple[WardStay, ...] = (
    WardStay("DEMO-AUH-01", "AUH-ORT", "751", "acute", 4 * D + 5, notice_read=True, report="submitted", thread="medicin"),
    WardStay("DEMO-AUH-02", "AUH-ORT", "751", "planned", 3 * D + 2, notice_read=True, report="submitted", thread="hjaelpemidler"),
    WardStay("DEMO-AUH-03", "AUH-ORT", "751", "planned", 6 * D + 3, notice_read=True, report="requested", question_hours_ago=20),
    WardStay("DEMO-AUH-04", "AUH-ORT", "751", "planned", 9 * D + 7, notice_read=True, report="submitted", question_hours_ago=30),
    WardStay("DEMO-AUH-05", "AUH-ORT", "741", "acute", 12 * D + 4, listed=False),
    WardStay("DEMO-AUH-06", "AUH-ORT", "710", "acute", 1 * D + 9, listed=False, consent=False),
    WardStay("DEMO-AUH-07", "AUH-ORT", "751", "acute", 2 * D + 6, report="requested"),
    WardStay("DEMO-AUH-08", "AUH-ORT", "751", "planned", 5),
    WardStay("DEMO-AUH-09", "AUH-ORT", "751", "planned", 8 * D + 2, notice_read=True, report="submitted"),
    WardStay("DEMO-AUH-10", "AUH-ORT", "751", "acute", 10 * D + 8, notice_read=True, report="submitted"),
    WardStay("DEMO-RHR-01", "RHR-MED", "730", "acute", 3 * D + 4, notice_read=True, report="submitted"),
    WardStay("DEMO-RHR-02", "RHR-MED", "730", "planned", 1 * D + 3, report="requested", question_to_municipality=True),
    WardStay("DEMO-RHR-03", "RHR-MED", "706", "acute", 5 * D + 6, listed=False),
    WardStay("DEMO-RHR-04", "RHR-MED", "730", "planned", 7 * D + 2, notice_read=True, report="submitted"),
    WardStay("DEMO-HEV-01", "HEV-MED", "657", "acute", 2 * D + 8, notice_read=True, report="submitted"),
    WardStay("DEMO-HEV-02", "HEV-MED", "657", "planned", 4 * D + 1, notice_read=True, report="submitted", thread="pleje"),
    WardStay("DEMO-HEV-03", "HEV-MED", "756", "acute", 6 * D + 5, listed=False),
    WardStay("DEMO-HEV-04", "HEV-MED", "657", "planned", 6 * D + 3, notice_read=True, report="submitted"),
)  # fmt: skip

# (category, the ward's message, the municipality's reply or "" while the municipality has not read it)
THREADS: dict[str, tuple[str, str, str]] = {
    "medicin": (
        Thread.Category.MEDICINE,
        "Marevan er pauseret under indlæggelsen, og borgeren er startet i Eliquis 5 mg x 2. Kan "
        "hjemmesygeplejen sørge for, at dosisdispenseringen ændres inden udskrivningen?",
        "Tak. Vi har bestilt en ny dosisrulle fra apoteket med start dagen efter udskrivningen.",
    ),
    "hjaelpemidler": (
        Thread.Category.ASSISTIVE_DEVICES,
        "Borgeren skal bruge toiletforhøjer, badebænk og rollator ved udskrivningen. Ergoterapeuten har "
        "målt op i hjemmet. Kan kommunen levere inden den planlagte udskrivning?",
        "",
    ),
    "pleje": (
        Thread.Category.NURSING,
        "Borgeren har et kompressionsbind på venstre underben, der skal skiftes hver 3. dag. Vi sender "
        "plejeplanen med ved udskrivningen.",
        "",
    ),
}
QUESTION_GP = (
    "Vi mangler borgerens aktuelle medicinliste og seneste INR-værdier. Kan I sende dem, så vi kan "
    "afstemme medicinen før operationen?"
)
QUESTION_HOME_CARE = "Hvor mange besøg om dagen havde borgeren af hjemmeplejen før indlæggelsen?"


@dataclass(frozen=True)
class Person:
    cpr: str
    name: str
    street_number: int
    phone: str
    contact: str
    contact_phone: str


def demo_user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def demo_visitation(municipality_code: str) -> Any:
    """The demo visitation user of the municipality, or None where the demo has none."""
    username = VISITATION_USERS.get(municipality_code)
    return demo_user(username) if username else None


def demo_course(key: str) -> Course | None:
    """Return the ward course with the demo episode-of-care id ``key`` (``DEMO-AUH-01``), or None."""
    return (
        Course.objects.select_related("citizen__municipality", "citizen__gp_practice", "department")
        .filter(episode_of_care_id=key)
        .first()
    )


def _people(rng: random.Random, taken: set[str]) -> list[Person]:
    """Draw every random value first, so the people are the same whether or not the rows exist."""
    people = []
    for _stay in WARD_STAYS:
        female = rng.random() < 0.55
        name = f"{rng.choice(FEMALE_NAMES if female else MALE_NAMES)} {rng.choice(SURNAMES)}"
        cpr = cpr_fake(rng, female=female)
        while cpr in taken:
            cpr = cpr_fake(rng, female=female)
        taken.add(cpr)
        people.append(
            Person(
                cpr=cpr,
                name=name,
                street_number=rng.randrange(1, 80),
                phone=f"2{rng.randrange(1000000, 9999999)}",
                contact=f"{rng.choice(FEMALE_NAMES + MALE_NAMES)} {rng.choice(SURNAMES)}",
                contact_phone=f"7845 {rng.randrange(1000, 9999)}",
            )
        )
    return people


def _sent_hours_ago(request: InformationRequest, *, hours: int, now: datetime) -> None:
    """The service stamps a request with the moment it is called; the story needs one sent yesterday. Move
    the sending back and let the engine recompute the 24-hour deadline from it, as when an anchor moves."""
    sent = now - timedelta(hours=hours)
    InformationRequest.objects.filter(pk=request.pk).update(sent_at=sent)
    if request.course.kind != Course.Kind.PLANNED:
        return  # no reply deadline at an acute admission
    deadline_ensure(
        subject=request,
        rule_code=INFO_REPLY_RULE,
        anchor=sent,
        responsible=request.recipient,
        counterpart=request.sender,
        citizen=request.course.citizen,
    )


def _stay_load(stay: WardStay, person: Person, *, now: datetime, practices: dict[str, Organisation]) -> None:
    ward = demo_user(WARD_USERS[stay.department])
    visitation = demo_visitation(stay.municipality)
    municipality = Organisation.objects.get(kind="municipality", code=stay.municipality)
    admitted_at = now - timedelta(hours=stay.hours_ago)
    course = course_admit(
        cpr=person.cpr,
        name=person.name,
        municipality=municipality,
        kind=stay.kind,
        department=Organisation.objects.get(code=stay.department),
        admitted_at=admitted_at,
        acting_user=ward,
        gp_practice=practices.get(stay.municipality) if stay.listed else None,
        address=f"Demovej {person.street_number}, {POSTAL[stay.municipality]}",
        phone=person.phone,
        episode_of_care_id=stay.key,
        room=str(1 + int(stay.key[-2:]) // 2),  # two beds to a room: DEMO-AUH-01 in room 1, bed 2
        bed=str(1 + int(stay.key[-2:]) % 2),
    )
    course_set_contact_person(
        course=course,
        name=person.contact,
        role="Sygeplejerske, fast kontaktperson",
        phone=person.contact_phone,
        acting_user=ward,
    )
    if stay.consent:
        consent_record(
            course=course,
            given_by=Consent.GivenBy.CITIZEN,
            given_at=admitted_at + timedelta(hours=2),
            to_municipality=True,
            to_gp=course.citizen.gp_practice_id is not None,
            acting_user=ward,
        )
    if stay.notice_read and visitation is not None:
        for notice in AdmissionNotice.objects.filter(course=course):
            admission_notice_mark_read(notice=notice, acting_user=visitation)
    if stay.report:
        admission_report_request(course=course, acting_user=ward)
    if stay.report == "submitted" and visitation is not None:
        admission_report_submit(
            course=course,
            acting_user=visitation,
            functional_level="Går med rollator indendørs. Klarer selv spisning; hjælp til bad og påklædning.",
            home_care_received="Hjemmehjælp morgen og aften, rengøring hver 14. dag.",
            medication="Dosisdispenseret: Metformin 500 mg x 2, Amlodipin 5 mg x 1, Paracetamol 1 g x 3.",
            dose_dispensed=True,
            aids="Rollator, badebænk, nødkald.",
            relatives="Datter (nærmeste pårørende), tlf. 2233 4455.",
            contact="Hjemmeplejens distriktsgruppe, tlf. 8940 2000 (hverdage 8-15).",
        )
    if stay.question_hours_ago is not None and course.citizen.gp_practice is not None:
        request = information_request_send(
            course=course,
            recipient=course.citizen.gp_practice,
            question=QUESTION_GP,
            acting_user=ward,
            author_phone=person.contact_phone,
        )
        _sent_hours_ago(request, hours=stay.question_hours_ago, now=now)
    if stay.question_to_municipality:
        information_request_send(
            course=course,
            recipient=municipality,
            question=QUESTION_HOME_CARE,
            acting_user=ward,
            author_phone=person.contact_phone,
        )
    if stay.thread:
        category, body, reply = THREADS[stay.thread]
        message = message_send(
            course=course,
            category=category,
            recipient=municipality,
            body=body,
            author_phone=person.contact_phone,
            author_name=f"{person.contact} (sygeplejerske)",
            acting_user=ward,
        )
        if reply and visitation is not None:
            message_mark_read(message=message, acting_user=visitation)
            message_reply(
                message=message,
                body=reply,
                author_phone="8940 2000",
                author_name=f"Visitator, {municipality.name} Kommune",
                acting_user=visitation,
            )


def ward_stays_load(*, rng: random.Random, now: datetime, taken: set[str]) -> None:
    """Admit the wards' citizens that are not admitted yet (keyed by episode-of-care id)."""
    practices = practices_load()
    for stay, person in zip(WARD_STAYS, _people(rng, set(taken)), strict=True):
        if not Course.objects.filter(episode_of_care_id=stay.key).exists():
            _stay_load(stay, person, now=now, practices=practices)
