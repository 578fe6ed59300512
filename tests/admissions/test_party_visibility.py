"""Records sent from one organisation to another are read by their two parties only (for hospital staff: any
department of the hospitals of the course). Seeing the citizen is not reading every record about them: a third
party gets 404, in the API list and detail and on the pages, exactly as for a record that does not exist."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from admissions.models import AdmissionReport, Course, InformationRequest
from discharge.models import (
    DischargeLetter,
    DischargeNotice,
    DischargeNotification,
    DischargeReport,
    FinishedTreatment,
    MunicipalReply,
    SuddenChange,
)
from rehab.models import AdvanceNotice
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member, organisation_get
from tests.factories.admissions import ConsentFactory
from tests.factories.discharge import DischargePlanFactory

pytestmark = pytest.mark.django_db

ROLES = ("ward", "other_ward", "municipality", "gp", "other_hospital")


@dataclass
class World:
    course: Course
    practice: Organisation
    users: dict[str, User]


@pytest.fixture
def world() -> World:
    """An Aarhus citizen listed with a GP, admitted at AUH-ORT; everyone below sees the citizen: the ward, a
        nurse on another AUH department, the visitator in Aarhus, the GP, and Randers hospital (an earlier stay). The
    citizen consents to sharing with the municipality and the GP."""
    practice = PracticeFactory.create()
    citizen = CitizenFactory.create(gp_practice=practice)
    CourseFactory.create(at="RHR-KIR", citizen=citizen, state=Course.State.DISCHARGED)
    course = CourseFactory.create(at="AUH-ORT", citizen=citizen)
    ConsentFactory.create(course=course)
    users = {
        "ward": member("ward_staff", "AUH-ORT"),
        "other_ward": member("ward_staff", "AUH-GER"),
        "municipality": member("visitation", "751"),
        "gp": member("gp", practice.code),
        "other_hospital": member("ward_staff", "RHR-KIR"),
    }
    return World(course, practice, users)


def _info_to_gp(w: World) -> InformationRequest:
    return InformationRequest.objects.create(
        course=w.course,
        sender=organisation_get("AUH-ORT"),
        recipient=w.practice,
        question="Hvilken INR-værdi og hvilken dosis Marevan?",
        sent_at=timezone.now(),
    )


def _info_to_municipality(w: World) -> InformationRequest:
    return InformationRequest.objects.create(
        course=w.course,
        sender=organisation_get("AUH-ORT"),
        recipient=organisation_get("751"),
        question="Hvilken hjemmepleje modtager borgeren?",
        sent_at=timezone.now(),
    )


def _admission_report(w: World) -> AdmissionReport:
    return AdmissionReport.objects.create(
        course=w.course, municipality=organisation_get("751"), functional_level="Går med rollator"
    )


def _notification(w: World) -> DischargeNotification:
    plan = DischargePlanFactory.create(course=w.course)
    return DischargeNotification.objects.create(
        plan=plan,
        course=w.course,
        municipality=organisation_get("751"),
        planned_date=plan.planned_date,
        need=plan.need,
        sent_at=timezone.now(),
    )


def _finished(w: World) -> FinishedTreatment:
    return FinishedTreatment.objects.create(
        course=w.course,
        finished_on=timezone.localdate(),
        municipality=organisation_get("751"),
        doctor_name="X",
    )


def _notice(w: World) -> DischargeNotice:
    return DischargeNotice.objects.create(
        course=w.course, municipality=organisation_get("751"), discharged_at=timezone.now()
    )


def _report(w: World) -> DischargeReport:
    return DischargeReport.objects.create(
        course=w.course,
        municipality=organisation_get("751"),
        functional_level="Selvhjulpen",
        nursing="Sårpleje",
    )


def _letter(w: World) -> DischargeLetter:
    return DischargeLetter.objects.create(course=w.course, gp_practice=w.practice, summary="Marevan pauseret")


def _reply(w: World) -> MunicipalReply:
    return MunicipalReply.objects.create(
        course=w.course, notice=_notice(w), municipality=organisation_get("751"), answer="ready"
    )


def _sudden_change(w: World) -> SuddenChange:
    return SuddenChange.objects.create(
        course=w.course,
        kind="family",
        description="Ægtefællen er indlagt",
        occurred_at=timezone.now() - timedelta(hours=1),
        reported_by_org=organisation_get("751"),
        notified_at=timezone.now(),
    )


def _advance_notice(w: World) -> AdvanceNotice:
    return AdvanceNotice.objects.create(
        course=w.course,
        municipality=organisation_get("751"),
        therapy_department=organisation_get("AUH-ORT"),
        diagnosis_code="M16.1",
    )


HOSPITAL = {"ward", "other_ward"}
TO_MUNICIPALITY = HOSPITAL | {"municipality"}
TO_GP = HOSPITAL | {"gp"}

#: (API collection, how the record is made, who reads it)
RECORDS: list[tuple[str, Callable[[World], object], set[str]]] = [
    ("information-requests", _info_to_gp, TO_GP),
    ("information-requests", _info_to_municipality, TO_MUNICIPALITY),
    ("admission-reports", _admission_report, TO_MUNICIPALITY),
    ("discharge-notifications", _notification, TO_MUNICIPALITY),
    ("finished-treatments", _finished, TO_MUNICIPALITY),
    ("discharge-notices", _notice, TO_MUNICIPALITY),
    ("discharge-reports", _report, TO_MUNICIPALITY),
    ("discharge-letters", _letter, TO_GP),
    ("municipal-replies", _reply, TO_MUNICIPALITY),
    ("sudden-changes", _sudden_change, TO_MUNICIPALITY),
    ("rehab/advance-notices", _advance_notice, TO_MUNICIPALITY),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("collection", "make", "parties"), RECORDS, ids=[f"{c}:{m.__name__.strip('_')}" for c, m, _p in RECORDS]
)
def test_only_the_parties_read_a_record_in_the_api(
    world: World, role: str, collection: str, make: Callable[[World], object], parties: set[str]
) -> None:
    # given a record between two organisations about a citizen every role sees
    record = make(world)
    pk = record.pk  # type: ignore[attr-defined]
    client = APIClient()
    client.force_authenticate(world.users[role])
    assert client.get(f"/api/v1/courses/{world.course.pk}/").status_code == 200

    # when the role lists the course's records and opens this one
    listed = client.get(f"/api/v1/{collection}/", {"course": world.course.pk}).json()["results"]
    detail = client.get(f"/api/v1/{collection}/{pk}/")

    # then a party reads it, a third party finds nothing, as for an id that does not exist
    if role in parties:
        assert pk in [row["id"] for row in listed]
        assert detail.status_code == 200
    else:
        assert pk not in [row["id"] for row in listed]
        assert detail.status_code == 404
        assert detail.json() == client.get(f"/api/v1/{collection}/999999/").json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("make", [_info_to_gp, _info_to_municipality], ids=["to_gp", "to_municipality"])
def test_only_the_parties_open_an_information_request_page(
    world: World, role: str, make: Callable[[World], InformationRequest]
) -> None:
    # given the hospital's question to the GP or to the municipality
    request = make(world)
    parties = TO_GP if request.recipient == world.practice else TO_MUNICIPALITY
    client = Client()
    client.force_login(world.users[role])

    # when the role opens the question and the course page
    page = client.get(f"/forespoergsel/{request.pk}/")
    course_page = client.get(f"/forloeb/{world.course.pk}/").content.decode()

    # then only the parties read the question, on its page, and find it on the course page
    assert page.status_code == (200 if role in parties else 404)
    assert (request.question in page.content.decode()) is (role in parties)
    assert (f"/forespoergsel/{request.pk}/" in course_page) is (role in parties)
