"""The course page links to the psychiatric course only for those with a psychiatric care relation: the
psychiatric department, the municipality and the GP once each is informed; a somatic ward of the same hospital
never sees it. The psychiatric department is led from an admission without a psychiatric course to its board."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from psychiatry.models import PsychiatricCourse
from psychiatry.services import course_inform
from tests.factories import member
from tests.psychiatry.conftest import GOOD_FRIDAY, admission_at

pytestmark = pytest.mark.django_db


def _hub(user: User, admission_pk: int | None) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/forloeb/{admission_pk}/")
    if response.status_code == 404:
        return ""
    assert response.status_code == 200
    return response.content.decode().split('id="course-hub"')[1].split("</nav>")[0]


def _link(course: PsychiatricCourse) -> str:
    return f'href="/psykiatri/forloeb/{course.pk}/"'


def test_the_psychiatric_department_finds_the_psychiatric_course(
    course: PsychiatricCourse, psychiatrist: User
) -> None:
    hub = _hub(psychiatrist, course.admission_id)
    assert _link(course) in hub
    assert "Voksenpsykiatri · i behandling" in hub


def test_the_municipality_finds_it_only_once_informed(
    course: PsychiatricCourse, psychiatrist: User, visitator: User
) -> None:
    assert _link(course) not in _hub(visitator, course.admission_id)
    assert "Psykiatri" not in _hub(visitator, course.admission_id)
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    assert _link(course) in _hub(visitator, course.admission_id)


def test_the_gp_finds_it_only_once_informed(course: PsychiatricCourse, psychiatrist: User, gp: User) -> None:
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    assert "Psykiatri" not in _hub(gp, course.admission_id)
    course_inform(course=course, party="gp", acting_user=psychiatrist)
    assert _link(course) in _hub(gp, course.admission_id)


def test_a_somatic_ward_of_the_same_hospital_never_sees_it(
    course: PsychiatricCourse, psychiatrist: User, ward: User
) -> None:
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    somatic = member("ward_staff", "AUH-ORT")
    assert "Psykiatri" not in _hub(somatic, course.admission_id)
    assert "psykiatri" not in _hub(somatic, course.admission_id)


def test_an_admission_without_a_psychiatric_course_leads_the_department_to_its_board(
    citizen: Any, psychiatrist: User, visitator: User, clock: Any
) -> None:
    admission = admission_at(citizen, GOOD_FRIDAY)
    hub = _hub(psychiatrist, admission.pk)
    assert 'href="/psykiatri/"' in hub and "Start psykiatrisk forløb" in hub
    assert "Intet psykiatrisk forløb endnu" in hub
    assert "Psykiatri" not in _hub(visitator, admission.pk)
