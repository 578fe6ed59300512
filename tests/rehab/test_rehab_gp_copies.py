"""The GP's 'Genoptræning' menu entry leads to the practice's copies of the rehabilitation plans (issue 11): the
GP follows the link from the menu and finds the copy; another practice finds none."""

import re

import pytest
from django.test import Client

from rehab.models import PlanType
from rehab.services import plan_send
from tests.factories import PracticeFactory, member
from tests.factories.rehab import hospital, local, plan_written

pytestmark = pytest.mark.django_db


def menu_link(html: str, label: str) -> str:
    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*>\s*(?:<span>)?{label}(?:</span>)?\s*</a>', html)
    assert match, f"the menu has {label}"
    return match.group(1)


def test_the_gp_follows_genoptraening_to_its_copy_of_the_plan(course_discharged_before_easter, therapist):
    practice = PracticeFactory()
    citizen = course_discharged_before_easter.citizen
    citizen.gp_practice = practice
    citizen.save()
    plan = plan_written(
        course=course_discharged_before_easter,
        author=therapist,
        plan_type=PlanType.SPECIALISED,
        recipient_hospital=hospital("RHS"),
    )
    plan_send(
        plan=plan, acting_user=therapist, consent_municipality=True, consent_gp=True, at=local(2026, 4, 1, 9)
    )
    gp, other_gp = Client(), Client()
    gp.force_login(member("gp", str(practice.code)))
    other_gp.force_login(member("gp", str(PracticeFactory().code)))

    href = menu_link(gp.get("/").content.decode(), "Genoptræning")
    page = gp.get(href).content.decode()

    assert href == "/genoptraening/indbakke/"
    assert citizen.name in page
    assert citizen.name not in other_gp.get(href).content.decode()
