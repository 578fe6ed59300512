"""Demo data of prevention: the offers of Klynge Aarhus' municipalities (Aarhus, Samsø) and hospital (AUH),
generated and plausible, never real; screenings on the AUH wards' courses and referrals in every status, made
through the services as the ward and Aarhus' visitation would."""

from datetime import date, datetime
from typing import Any

from django.db import transaction

from admissions.demo import WARD_USERS, demo_course, demo_user, demo_visitation
from prevention.models import Offer, Referral
from prevention.services import offer_create, referral_create, referral_status_set, screening_record
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

Status = Referral.Status
PATIENT, CITIZEN = Offer.Orientation.PATIENT, Offer.Orientation.CITIZEN

# (provider code, title, orientation, kram, programme, education, waiting weeks, where, when, target, content)
OFFERS: tuple[tuple[Any, ...], ...] = (
    (
        "751",
        "Rygestop på hold",
        PATIENT,
        ["smoking"],
        "",
        "",
        2,
        "Sundhedshuset, Frederiks Allé 12, Aarhus C",
        "Tirsdage kl. 16–18, 6 mødegange",
        "Borgere over 18 år, der vil holde op med at ryge, også før en operation",
        "Rygestopforløb med uddannet rygestoprådgiver; nikotinerstatning til nedsat pris; opfølgning efter 3 og 6 måneder.",
    ),
    (
        "751",
        "Individuel rygestoprådgivning",
        PATIENT,
        ["smoking"],
        "",
        "",
        1,
        "Sundhedshuset, Aarhus C",
        "Efter aftale, dagtid",
        "Rygere, der ikke kan deltage på hold (skiftende arbejdstider, sygdom)",
        "Op til 5 samtaler med rygestoprådgiver, også telefonisk.",
    ),
    (
        "751",
        "Lær at leve med kronisk sygdom",
        PATIENT,
        ["diet", "exercise"],
        "other",
        "cross_diagnostic",
        4,
        "Sundhedscenter Nord, Randersvej 200, Aarhus N",
        "Torsdage kl. 13–15.30, 6 uger",
        "Borgere med en eller flere kroniske sygdomme og deres pårørende",
        "Tværdiagnostisk patientuddannelse efter Stanford-modellen: mestring, handleplaner, kost og motion.",
    ),
    (
        "751",
        "Diabetesrehabilitering",
        PATIENT,
        ["diet", "exercise"],
        "diabetes",
        "disease_specific",
        6,
        "Sundhedscenter Syd, Aarhus V",
        "Mandage og onsdage kl. 9–11, 12 uger",
        "Borgere med type 2-diabetes, henvist af egen læge eller hospital",
        "Træning to gange om ugen, kostvejledning ved diætist og undervisning i sygdommen.",
    ),
    (
        "751",
        "KOL-rehabilitering",
        PATIENT,
        ["exercise", "smoking"],
        "copd",
        "disease_specific",
        5,
        "Sundhedscenter Nord, Aarhus N",
        "Tirsdage og fredage kl. 10–12, 10 uger",
        "Borgere med KOL (MRC 2–4) efter udredning",
        "Fysisk træning, vejrtrækningsteknik, rygestop og undervisning.",
    ),
    (
        "751",
        "Hjerterehabilitering fase II",
        PATIENT,
        ["exercise", "diet"],
        "heart",
        "disease_specific",
        3,
        "Sundhedscenter Syd, Aarhus V",
        "Mandage og torsdage kl. 14–16, 8 uger",
        "Borgere med iskæmisk hjertesygdom eller hjertesvigt efter udskrivning",
        "Træning, kostvejledning og samtale om livet med hjertesygdom, i samarbejde med AUH.",
    ),
    (
        "751",
        "Alkoholbehandling – samtaler",
        PATIENT,
        ["alcohol"],
        "",
        "",
        1,
        "Alkoholbehandlingen, Aarhus C",
        "Hverdage, også aften",
        "Borgere over 18 år med et skadeligt forbrug af alkohol, og deres pårørende",
        "Anonym og gratis ambulant behandling: samtaler individuelt, i gruppe og for familien.",
    ),
    (
        "751",
        "Motion på recept",
        CITIZEN,
        ["exercise"],
        "",
        "",
        2,
        "Lokale idrætsforeninger i Aarhus",
        "Efter aftale",
        "Fysisk inaktive borgere, der vil i gang",
        "4 måneders vejledt træning og overgang til en forening.",
    ),
    (
        "741",
        "Rygestop på Samsø",
        PATIENT,
        ["smoking"],
        "",
        "",
        3,
        "Samsø Sundhedscenter, Tranebjerg",
        "Onsdage kl. 17–19, 5 mødegange",
        "Rygere på Samsø",
        "Rygestophold med rådgiver; individuelle samtaler efter behov.",
    ),
    (
        "741",
        "Sund kost og bevægelse",
        CITIZEN,
        ["diet", "exercise"],
        "",
        "",
        0,
        "Samsø Sundhedscenter",
        "Torsdage kl. 10–12",
        "Borgere på Samsø, der vil ændre kost- og motionsvaner",
        "Holdforløb med diætist og fysioterapeut.",
    ),
    (
        "741",
        "Lær at leve med kronisk sygdom – Samsø",
        PATIENT,
        ["diet", "exercise"],
        "other",
        "cross_diagnostic",
        8,
        "Samsø Sundhedscenter",
        "Forår og efterår",
        "Borgere med kronisk sygdom på Samsø",
        "Tværdiagnostisk patientuddannelse.",
    ),
    (
        "AUH",
        "Diabetesskole",
        PATIENT,
        ["diet"],
        "diabetes",
        "disease_specific",
        4,
        "AUH, Steno Diabetes Center Aarhus",
        "Hverdage kl. 9–15, 3 dage",
        "Patienter med type 1-diabetes tilknyttet AUH",
        "Sygdomsspecifik patientuddannelse: insulin, kost, kulhydrattælling.",
    ),
    (
        "AUH",
        "Hjerteskole",
        PATIENT,
        ["exercise", "diet", "smoking"],
        "heart",
        "disease_specific",
        2,
        "AUH, Hjertesygdomme",
        "Første onsdag i måneden",
        "Patienter indlagt med akut koronart syndrom",
        "Undervisning ved læge, sygeplejerske, fysioterapeut og diætist.",
    ),
    (
        "AUH",
        "Rygestop før operation",
        PATIENT,
        ["smoking"],
        "",
        "",
        0,
        "AUH, Anæstesiologisk ambulatorium",
        "6–8 uger før planlagt operation",
        "Rygere med planlagt operation",
        "Intensivt rygestopforløb før operation (færre komplikationer).",
    ),
    (
        "AUH",
        "KOL-skole",
        PATIENT,
        ["smoking", "exercise"],
        "copd",
        "disease_specific",
        6,
        "AUH, Lungesygdomme",
        "Tirsdage, 4 uger",
        "Patienter med svær KOL (MRC 4–5) tilknyttet lungeambulatoriet",
        "Specialiseret rehabilitering med lægedeltagelse.",
    ),
)

# (course key, status reached, screening values); the citizens of these AUH courses live in Aarhus
STORIES = (
    ("DEMO-AUH-01", Status.SENT),
    ("DEMO-AUH-02", Status.RECEIVED),
    ("DEMO-AUH-03", Status.CONTACTED),
    ("DEMO-AUH-04", Status.STARTED),
    ("DEMO-AUH-07", Status.COMPLETED),
    ("DEMO-AUH-08", Status.DECLINED),
    ("DEMO-AUH-09", Status.NO_SHOW),
)
PATH = {
    Status.SENT: [],
    Status.RECEIVED: [Status.RECEIVED],
    Status.CONTACTED: [Status.RECEIVED, Status.CONTACTED],
    Status.STARTED: [Status.RECEIVED, Status.CONTACTED, Status.STARTED],
    Status.COMPLETED: [Status.RECEIVED, Status.CONTACTED, Status.STARTED, Status.COMPLETED],
    Status.DECLINED: [Status.RECEIVED, Status.DECLINED],
    Status.NO_SHOW: [Status.RECEIVED, Status.CONTACTED, Status.NO_SHOW],
}


def _offers_load(*, today: date) -> None:
    region_admin = demo_user("region.admin")
    for code, title, orientation, kram, programme, education, weeks, where, when, target, content in OFFERS:
        provider = Organisation.objects.filter(code=code).first()
        if provider is None or Offer.objects.filter(provider=provider, title=title).exists():
            continue
        offer_create(
            provider=provider,
            acting_user=region_admin,
            data={
                "title": title,
                "orientation": orientation,
                "target_group": target,
                "content": content,
                **{f"kram_{key}": key in kram for key in ("diet", "smoking", "alcohol", "exercise")},
                "programme": programme,
                "education": education,
                "visitation": "Henvisning fra hospital eller egen læge"
                if orientation == PATIENT
                else "Egen henvendelse",
                "waiting_weeks": weeks,
                "contact": f"{provider.full_name}, tlf. {provider.phone or '8940 0000'}",
                "location": where,
                "schedule": when,
                "active_from": date(today.year, 1, 1),
            },
        )


def _referrals_load(*, now: datetime) -> None:
    ward = demo_user(WARD_USERS["AUH-ORT"])
    smoking = Offer.objects.filter(provider__code="751", title="Rygestop på hold").first()
    if smoking is None:
        return
    for key, reached in STORIES:
        course = demo_course(key)
        if course is None or Referral.objects.filter(course=course).exists():
            continue
        screening = screening_record(
            citizen=course.citizen,
            course=course,
            screened_on=local_date(course.admitted_at),
            assessments={"smoking": "motivated", "alcohol": "no_need", "exercise": "need"},
            acting_user=ward,
        )
        referral = referral_create(
            citizen=course.citizen,
            course=course,
            offer=smoking,
            screening=screening,
            consent_by=Referral.ConsentBy.CITIZEN,
            reason="Ryger ca. 20 cigaretter dagligt; motiveret for rygestop efter indlæggelsen.",
            acting_user=ward,
        )
        visitation = demo_visitation(course.citizen.municipality.code)
        if visitation is None:
            continue
        for status in PATH[reached]:
            note = {Status.DECLINED: "Borgeren ønsker ikke rygestop nu", Status.NO_SHOW: "Mødte ikke op"}
            referral_status_set(
                referral=referral, status=status, acting_user=visitation, note=note.get(status, "")
            )


@transaction.atomic
def load(*, now: datetime) -> None:
    """Load the cluster's offers and the wards' screenings and referrals (idempotent)."""
    _offers_load(today=local_date(now))
    _referrals_load(now=now)
