"""The discharge plan's dates as a nurse types them in an English-language browser: Danish in, Danish out, and a
date that is no date is a Danish message on the form, never a 500 (a 400 with the form)."""

from typing import Any

import pytest
from django.test import Client

from admissions.models import Course
from discharge.models import DischargePlan

pytestmark = pytest.mark.django_db


def _plan(client: Client, course: Course, planned_date: str) -> Any:
    return client.post(
        f"/forloeb/{course.pk}/udskrivning/plan/",
        {
            "functional_ability": "reduced",
            "need": "home_care",
            "planned_date": planned_date,
            "action": "save",
        },
        headers={"Accept-Language": "en-US"},
    )


def test_the_plan_form_shows_a_danish_date_field(course_admitted_16_november: Course, ward: Any) -> None:
    client = Client()
    client.force_login(ward)
    html = client.get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/").content.decode()
    assert 'type="date"' not in html
    assert 'name="planned_date" inputmode="numeric" autocomplete="off"' in html
    assert "dd.mm.åååå" in html


@pytest.mark.parametrize("typed", ["29.12.2026", "29-12-2026", "29/12/2026", "2026-12-29"])
def test_a_danish_date_is_saved(course_admitted_16_november: Course, ward: Any, typed: str) -> None:
    client = Client()
    client.force_login(ward)
    assert _plan(client, course_admitted_16_november, typed).status_code == 302
    plan = DischargePlan.objects.get(course=course_admitted_16_november)
    assert f"{plan.planned_date:%d.%m.%Y}" == "29.12.2026"
    form = client.get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/").content.decode()
    assert 'value="29.12.2026"' in form


@pytest.mark.parametrize("typed", ["12/29/2026", "30.02.2026", "٢٩.١٢.٢٠٢٦"])
def test_a_bad_date_is_a_danish_error_on_the_form(
    course_admitted_16_november: Course, ward: Any, typed: str
) -> None:
    client = Client()
    client.force_login(ward)
    response = _plan(client, course_admitted_16_november, typed)
    assert response.status_code == 400
    assert "Skriv datoen som dd.mm.åååå, fx 27.11.2026." in response.content.decode()
    assert not DischargePlan.objects.exists()
