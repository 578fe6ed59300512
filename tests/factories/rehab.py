"""Rehabilitation plans: a plan on a course with a complete draft of annex 3.2, written through the services."""

from datetime import date, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from admissions.models import Course
from rehab.models import Plan, PlanType, PlanVersion
from rehab.services import plan_create, plan_finalise, plan_version_update
from sundhedsaftale.organisations.models import Organisation
from tests.factories.organisations import organisation_get

CPH = ZoneInfo("Europe/Copenhagen")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Copenhagen moment."""
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


def plan_content(plan_type: str = PlanType.GENERAL, **overrides: Any) -> dict[str, Any]:
    """Return a complete plan (every item of annex 3.2) of the given type; ``overrides`` win."""
    content: dict[str, Any] = {
        "plan_type": plan_type,
        "diagnosis_code": "S72.0",
        "diagnosis_text": "Brud på lårbenshals (collum femoris)",
        "secondary_diagnoses": [
            {"code": "M80.0", "text": "Postmenopausal osteoporose med patologisk fraktur"}
        ],
        "health_state": "Opereret med hemialloplastik; fuld belastning tilladt.",
        "language": "",
        "wheelchair": False,
        "transport_need": "Liggende transport ikke nødvendig",
        "practical_info": "Høreapparat venstre øre.",
        "outpatient_control": "yes",
        "outpatient_control_where": "Ortopædkirurgisk ambulatorium",
        "outpatient_control_when": date(2026, 5, 12),
        "contact_patient_on": date(2026, 4, 7),
        "before_body": "Selvhjulpen, god muskelstyrke",
        "before_activity": "Gik ture på 2 km dagligt",
        "before_environment": "Bor alene i lejlighed, 2. sal med elevator",
        "discharge_body": "Nedsat styrke i højre hofte",
        "discharge_activity": "Går med rollator 50 m",
        "discharge_environment": "Toiletforhøjer er monteret",
        "need_body": "Styrke og bevægelighed i højre hofte",
        "need_activity": "Gang uden hjælpemiddel, trappegang",
        "need_environment": "Genoptage indkøb selv",
        "interventions": [{"code": "BLHA", "text": "Genoptræning af gangfunktion"}],
        "interventions_note": "Operationsbeskrivelse vedlagt.",
        "measurements": [{"test": "Timed Up and Go", "date": "2026-03-30", "score": "18 s"}],
        "aids_handed_out": "Rollator, badebænk",
        "doctor_name": "Overlæge Per Holm",
        "doctor_phone": "78450000",
        "author_name": "Fysioterapeut Anna Berg",
        "author_phone": "78451234",
        "author_email": "anna@example.dk",
        "trainer_name": "",
        "trainer_phone": "",
    }
    if plan_type == PlanType.SPECIALISED:
        content.update(
            {
                "specialised_reason": PlanVersion.SpecialisedReason.INTERDISCIPLINARY,
                "recipient_hospital": organisation_get("AUH"),
                "appointment_place": "Fysioterapien, Aarhus Universitetshospital",
                "appointment_weeks": 8,
                "training_form": PlanVersion.TrainingForm.TEAM,
                "appointment_phone": "78469999",
            }
        )
    content.update(overrides)
    return content


def plan_written(
    *,
    course: Course,
    author: User,
    plan_type: str = PlanType.GENERAL,
    finalise: bool = True,
    **overrides: Any,
) -> Plan:
    """Return a plan written by ``author`` on the course (finalised unless ``finalise=False``)."""
    plan = plan_create(course=course, acting_user=author)
    plan_version_update(version=plan.latest, data=plan_content(plan_type, **overrides), acting_user=author)
    if finalise:
        plan_finalise(version=plan.latest, acting_user=author)
    return Plan.objects.get(pk=plan.pk)


def hospital(code: str = "AUH") -> Organisation:
    return organisation_get(code)


def course_at(**fields: Any) -> Course:
    """A course (``CourseFactory``), typed as the model it creates."""
    from tests.factories import CourseFactory

    return cast(Course, CourseFactory(**fields))
