"""In the browser: the municipal visitator answers the ward's discharge notification by clicking one of the two
answers — the radio buttons are drawn where a mouse finds them, and the answer reaches the ward."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from discharge import services as discharge
from discharge.models import MunicipalReply
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD, CitizenFactory, CourseFactory, member

pytestmark = pytest.mark.browser


def test_the_visitator_clicks_an_answer_and_the_ward_gets_it(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a citizen of Aarhus at AUH-ORT whose discharge the ward has planned and notified
    ward = member("ward_staff", "AUH-ORT")
    visitation = member("visitation", "751")
    course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(name="Carl Svarsen"))
    plan = discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=local_date(timezone.now()) + timedelta(days=7),
        acting_user=ward,
    )
    discharge.discharge_notification_send(plan=plan, text="Forventet udskrivning.", acting_user=ward)

    # when the visitator opens "Kommunens svar"
    login(page, visitation.username, TEST_PASSWORD)
    page.goto(f"/forloeb/{course.pk}/udskrivning/svar/")

    # then both answers are there to see, neither chosen beforehand, each a 24 px box beside its words
    answers = page.get_by_role("group", name="Svar")
    for name in ("Klar til at modtage borgeren", "Har brug for mere tid"):
        radio = answers.get_by_role("radio", name=name)
        assert not radio.is_checked()
        box = radio.bounding_box()
        label = page.locator(f"label[for='{radio.get_attribute('id')}']").bounding_box()
        assert box and label and box["width"] >= 20 and box["height"] >= 20
        assert abs(box["y"] - label["y"]) < 20 and box["x"] <= label["x"] < box["x"] + 40

    # when she clicks "Klar til at modtage borgeren" (the box itself, no force) and sends
    answers.get_by_role("radio", name="Klar til at modtage borgeren").click()
    page.get_by_role("button", name="Send svar").click()

    # then the answer is recorded for the ward
    page.get_by_text("Svaret er sendt til afdelingen.").wait_for()
    assert MunicipalReply.objects.get(course=course).answer == MunicipalReply.Answer.READY
