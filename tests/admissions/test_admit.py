"""Admission: the course, its first stay, the notice to the home municipality and the paused home care."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import AdmissionNotice, Course, CourseEvent, HomeCareService, Stay
from admissions.services import course_admit, home_care_resume
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.errors import Conflict, DomainError
from tests.factories import CitizenFactory, member, organisation_get
from tests.factories.admissions import HomeCareServiceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [Course.Kind.PLANNED, Course.Kind.ACUTE, Course.Kind.OPEN], ids=str)
def test_admission_creates_course_stay_and_notice_to_home_municipality(admit, kind):
    course = admit(kind=kind)

    assert course.state == Course.State.ADMITTED
    assert course.hospital == organisation_get("AUH")
    stay = Stay.objects.get(course=course)
    assert (stay.department, stay.started_at, stay.ended_at) == (course.department, course.admitted_at, None)
    notice = AdmissionNotice.objects.get(course=course)
    assert notice.municipality == organisation_get("751")
    assert notice.read_at is None
    assert course.is_acute == (kind != Course.Kind.PLANNED)


def test_admission_pauses_active_home_care_from_admission_time_and_discharge_resumes_it(admit, ward):
    citizen = CitizenFactory()
    visits, cleaning = (HomeCareServiceFactory.create(citizen=citizen) for _ in range(2))
    ended = HomeCareServiceFactory.create(citizen=citizen, status=HomeCareService.Status.ENDED)
    admitted_at = timezone.now() - timedelta(hours=3)

    course = admit(cpr=citizen.cpr, name=citizen.name, gp_practice=None, admitted_at=admitted_at)

    visits.refresh_from_db()
    ended.refresh_from_db()
    assert (visits.status, visits.paused_at, visits.paused_by_course) == ("paused", admitted_at, course)
    assert ended.status == "ended"
    assert course.events.filter(kind=CourseEvent.Kind.SERVICES_PAUSED).exists()

    discharged_at = timezone.now()
    assert home_care_resume(course=course, at=discharged_at, acting_user=ward) == 2
    assert home_care_resume(course=course, at=discharged_at, acting_user=ward) == 0
    cleaning.refresh_from_db()
    assert (cleaning.status, cleaning.resumed_at) == ("active", discharged_at)


def test_same_stay_twice_is_a_conflict_and_saves_nothing(admit, ward):
    first = admit(episode_of_care_id="EOC-1")
    counts = (Citizen.objects.count(), Course.objects.count(), AdmissionNotice.objects.count())

    with pytest.raises(Conflict) as error:
        admit(cpr=first.citizen.cpr, name="Nyt Navn", episode_of_care_id="EOC-1")

    assert error.value.status_code == 409
    assert (Citizen.objects.count(), Course.objects.count(), AdmissionNotice.objects.count()) == counts
    first.citizen.refresh_from_db()
    assert first.citizen.name == "Else Testesen"


def test_citizen_with_open_course_cannot_be_admitted_again(admit):
    first = admit()
    hospital_nurse = member("ward_staff", "AUH")

    with pytest.raises(Conflict):
        admit(cpr=first.citizen.cpr, department=organisation_get("AUH-GER"), acting_user=hospital_nurse)

    assert Course.objects.filter(citizen=first.citizen).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"cpr": "3213991234"}, "cpr", id="impossible-cpr"),
        pytest.param({"kind": "ambulant"}, "kind", id="unknown-kind"),
        pytest.param({"department": "AUH"}, "department", id="hospital-not-department"),
        pytest.param({"municipality": "AUH-ORT"}, "municipality", id="municipality-not-municipality"),
        pytest.param({"admitted_at": "future"}, "admitted_at", id="in-the-future"),
        pytest.param({"name": ""}, "name", id="new-citizen-without-name"),
    ],
)
def test_bad_admission_input_is_a_danish_domain_error_and_saves_nothing(admit, overrides, field):
    values = dict(overrides)
    for key in ("department", "municipality"):
        if key in values:
            values[key] = organisation_get(values[key])
    if values.get("admitted_at") == "future":
        values["admitted_at"] = timezone.now() + timedelta(days=1)

    with pytest.raises(DomainError) as error:
        admit(**values)

    assert error.value.field == field
    assert error.value.message
    assert not Course.objects.exists() and not Citizen.objects.exists()


def test_ward_cannot_admit_to_another_hospitals_department(admit):
    with pytest.raises(DomainError) as error:
        admit(department=organisation_get("RHR-MED"))

    assert error.value.status_code == 403


def test_visitator_cannot_admit(admit, visitator):
    with pytest.raises(DomainError):
        admit(acting_user=visitator)


def test_course_admit_is_keyword_only():
    with pytest.raises(TypeError):
        course_admit("0101901234")  # type: ignore[call-arg]
