"""The municipal inbox's team filter (by the hospital the citizens come from) survives the routine actions, with
and without JavaScript."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from admissions.models import Course
from tests.factories import member, organisation_get

pytestmark = pytest.mark.django_db


def test_marking_a_notice_read_without_js_returns_to_the_same_team(
    client: Any, admitted_course: Course, visitator: User
) -> None:
    auh = organisation_get("AUH").pk
    notice = admitted_course.admission_notices.get()
    client.force_login(visitator)
    page = client.get(f"/kommune/indbakke/?sted={auh}").content.decode()
    assert f'action="/kommune/advis/{notice.pk}/laest/?sted={auh}"' in page
    assert f'href="/kommune/indbakke/?sted={auh}"' in page  # the polled list also has a plain link

    response = client.post(f"/kommune/advis/{notice.pk}/laest/?sted={auh}")

    assert response.status_code == 302 and response["Location"] == f"/kommune/indbakke/?sted={auh}"
    notice.refresh_from_db()
    assert notice.read_by == visitator


def test_marking_a_notice_read_by_htmx_answers_the_filtered_fragment(
    client: Any, admit: Any, visitator: User
) -> None:
    at_auh = admit(name="Else Auhsen")
    rhr_ward = member("ward_staff", "RHR-MED")
    admit(name="Jens Rhrsen", department=organisation_get("RHR-MED"), acting_user=rhr_ward)
    notice = at_auh.admission_notices.get()
    client.force_login(visitator)

    response = client.post(
        f"/kommune/advis/{notice.pk}/laest/?sted={organisation_get('AUH').pk}", headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200 and response["HX-Trigger"] == "inbox-changed"
    assert body.lstrip().startswith('<div id="inbox"')
    assert "Else Auhsen" in body and "Jens Rhrsen" not in body


def test_the_municipal_inbox_offers_the_expected_discharges_with_and_without_javascript(client: Any) -> None:
    # given a visitation officer in Aarhus
    officer = member("visitation", "751")
    client.force_login(officer)
    # when the inbox is opened
    page = client.get("/kommune/indbakke/").content.decode()
    # then the expected discharges load into it (htmx) and a plain link leads to them without JavaScript
    assert 'hx-get="/kommune/udskrivninger/"' in page
    assert 'href="/kommune/udskrivninger/"' in page
    assert client.get("/kommune/udskrivninger/", HTTP_HX_REQUEST="true").status_code == 200
