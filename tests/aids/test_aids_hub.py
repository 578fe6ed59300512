"""The course page links to the course's aids for the parties of an aid need: the ward and the citizen's
municipality see the needs waiting and may register one; the GP, who is no party of a need, gets no link."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from admissions.models import Course
from aids import services
from aids.models import AidType
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory
from tests.factories.rehab import course_at

pytestmark = pytest.mark.django_db


def _hub(user: User, course: Course) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/forloeb/{course.pk}/")
    assert response.status_code == 200
    return response.content.decode().split('id="course-hub"')[1].split("</nav>")[0]


@pytest.fixture
def need_registered(course: Course, rollator: AidType, ward: User) -> Course:
    services.need_register(course=course, aid_type=rollator, situation="general_rehab", acting_user=ward)
    return course


def test_the_ward_finds_the_aids_and_may_register_a_need(course: Course, ward: User) -> None:
    hub = _hub(ward, course)
    assert f'href="/hjaelpemidler/forloeb/{course.pk}/"' in hub and "Ingen behov registreret" in hub
    assert f'href="/hjaelpemidler/forloeb/{course.pk}/#nyt-behov"' in hub and "Registrér behov" in hub


def test_the_municipality_sees_what_waits_for_delivery(need_registered: Course, visitator: User) -> None:
    hub = _hub(visitator, need_registered)
    assert f'href="/hjaelpemidler/forloeb/{need_registered.pk}/"' in hub
    assert "1 behov · 1 afventer levering" in hub and "Registrér behov" in hub


def test_the_gp_gets_no_aids_link(rollator: AidType, ward: User, gp: User, practice: Organisation) -> None:
    course = course_at(citizen=CitizenFactory(name="Ib Lægesen", gp_practice=practice), at="AUH-ORT")
    services.need_register(course=course, aid_type=rollator, situation="general_rehab", acting_user=ward)
    hub = _hub(gp, course)
    assert "Udskrivning" in hub  # the GP sees the course's hub
    assert "/hjaelpemidler/" not in hub and "Hjælpemidler" not in hub


def test_after_discharge_the_link_stays_without_registering(need_registered: Course, ward: User) -> None:
    need_registered.discharged_at = need_registered.admitted_at
    need_registered.save(update_fields=["discharged_at"])
    hub = _hub(ward, need_registered)
    assert "Hjælpemidler" in hub and "Registrér behov" not in hub
