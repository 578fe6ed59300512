"""Psychiatric data is read only through a psychiatric care relation: a somatic ward of the same hospital
that has the same citizen does not see the course, its legal status or relatives; the municipality and the
GP see it once informed; every read is access-logged."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from psychiatry.models import Notice, PsychiatricCourse
from psychiatry.services import course_inform, relative_add
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.organisations.actor import actor_for
from tests.factories import member
from tests.psychiatry.conftest import admission_at, local

pytestmark = pytest.mark.django_db


def _sees(user: User, course: PsychiatricCourse) -> bool:
    return PsychiatricCourse.objects.visible_to(actor_for(user=user)).filter(pk=course.pk).exists()


def test_a_somatic_ward_with_the_same_citizen_does_not_see_the_psychiatric_course(
    client: Client, course: PsychiatricCourse, psychiatrist: User, ward: User
) -> None:
    # The citizen also had a somatic admission at AUH-ORT in March: the ward sees the citizen, not psychiatry.
    admission_at(course.citizen, local(2026, 3, 2, 9), department="AUH-ORT")
    relative_add(course=course, name="Hanne Holm", relation="Datter", involve=True, acting_user=psychiatrist)
    assert not _sees(ward, course)
    client.force_login(ward)
    assert client.get(f"/psykiatri/forloeb/{course.pk}/").status_code == 404
    response = client.get("/api/v1/psychiatry/courses/")
    assert response.status_code == 200 and response.json()["results"] == []
    assert client.get(f"/api/v1/psychiatry/courses/{course.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("role", "code", "before", "after"),
    [
        pytest.param("ward_staff", "AUH-PSY", True, True, id="the-psychiatric-department"),
        pytest.param("ward_staff", "AUH-BUP", False, False, id="another-psychiatric-department"),
        pytest.param("visitation", "751", False, True, id="home-municipality-once-informed"),
        pytest.param("visitation", "730", False, False, id="other-municipality"),
        pytest.param("steering_group", "klynge-aarhus", False, False, id="steering-group"),
    ],
)
def test_each_party_sees_the_course_only_with_its_relation(
    course: PsychiatricCourse, psychiatrist: User, role: str, code: str, before: bool, after: bool
) -> None:
    user = member(role, code)
    assert _sees(user, course) is before
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    assert _sees(user, course) is after


def test_the_gp_sees_the_course_once_informed_but_not_the_letter_to_the_municipality(
    course: PsychiatricCourse, psychiatrist: User, gp: User
) -> None:
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    assert not _sees(gp, course)
    course_inform(course=course, party="gp", acting_user=psychiatrist)
    assert _sees(gp, course)
    kinds = set(Notice.objects.visible_to(actor_for(user=gp)).values_list("recipient__kind", flat=True))
    assert kinds == {"practice"}


def test_the_municipality_reads_legal_status_and_each_read_is_logged(
    client: Client, course: PsychiatricCourse, psychiatrist: User, visitator: User, clock: Any
) -> None:
    client.force_login(visitator)
    assert client.get(f"/psykiatri/forloeb/{course.pk}/").status_code == 404
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    page = client.get(f"/psykiatri/forloeb/{course.pk}/").content.decode()
    assert "Frivillig" in page and "Datteren må orienteres." in page
    assert AccessLog.objects.filter(user_id=visitator.pk, what="Psykiatri: forløb").count() == 1
    client.get("/psykiatri/indbakke/")
    assert AccessLog.objects.filter(user_id=visitator.pk, what="Psykiatri: indbakke").exists()
