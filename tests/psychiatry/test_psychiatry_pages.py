"""The psychiatric pages as the ward and the municipality use them: the board, the course page's forms (a
refusal is a Danish message on the page, never a 500), the municipal inbox with the unplanned discharge alert."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from psychiatry.models import Notice, PsychiatricCourse
from psychiatry.services import course_inform
from tests.psychiatry.conftest import GOOD_FRIDAY, admission_at

pytestmark = pytest.mark.django_db


def test_the_board_starts_a_course_for_an_admission_at_the_department(
    client: Client, citizen: Any, psychiatrist: User, clock: Any
) -> None:
    admission = admission_at(citizen, GOOD_FRIDAY)
    client.force_login(psychiatrist)
    board = client.get("/psykiatri/").content.decode()
    assert "Indlæggelser uden psykiatrisk forløb" in board and citizen.name in board
    response = client.post(
        f"/psykiatri/indlaeggelse/{admission.pk}/start/",
        {"legal_status": "involuntary", "consent": "citizen"},
    )
    course = PsychiatricCourse.objects.get(admission=admission)
    assert response["Location"] == f"/psykiatri/forloeb/{course.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Tvang (psykiatriloven)" in page
    assert "Kommunale kontaktpersoner orienteret om indlæggelsen" in page
    assert "Ikke vurderet: forløbet kan ikke afsluttes uden vurderingen." in page


def test_a_refused_action_shows_the_reason_in_danish(
    client: Client, course: PsychiatricCourse, psychiatrist: User
) -> None:
    client.force_login(psychiatrist)
    response = client.post(f"/psykiatri/forloeb/{course.pk}/afslut/")
    assert response.status_code == 400
    assert "Forløbet kan ikke afsluttes, før børn i familien er vurderet" in response.content.decode()
    bad_date = client.post(
        f"/psykiatri/forloeb/{course.pk}/udskrivningstidspunkt/", {"agreed_at": "i morgen"}
    )
    assert (
        bad_date.status_code == 400 and "Skriv tidspunktet som dd.mm.åååå tt.mm" in bad_date.content.decode()
    )
    assert client.post(f"/psykiatri/forloeb/{course.pk}/findes-ikke/").status_code == 404


def test_the_forms_of_the_course_page_record_what_the_ward_enters(
    client: Client, course: PsychiatricCourse, psychiatrist: User
) -> None:
    client.force_login(psychiatrist)
    url = f"/psykiatri/forloeb/{course.pk}/"
    client.post(
        url + "kontaktperson/", {"role": "case_worker", "name": "Sagsbehandler Lis", "phone": "8940 1111"}
    )
    client.post(url + "orienter/", {"party": "municipality", "text": ""})
    client.post(url + "behandlingsplan/", {"goals": "Søvn og ro", "handed": "objected"})
    client.post(url + "boern/", {"has_children": "nej"})
    page = client.get(url).content.decode()
    assert "Sagsbehandler Lis (Sagsbehandler)" in page
    assert "Orientering om indlæggelse til" in page
    assert "patienten modsatte sig udlevering" in page
    assert "ingen børn under 18 år" in page


def test_the_municipality_sees_the_unplanned_discharge_alert_and_marks_it_read(
    client: Client, course: PsychiatricCourse, psychiatrist: User, visitator: User
) -> None:
    course_inform(course=course, party="municipality", acting_user=psychiatrist)
    ward = Client()
    ward.force_login(psychiatrist)
    ward.post(f"/psykiatri/forloeb/{course.pk}/boern/", {"has_children": "nej"})
    ward.post(
        f"/psykiatri/forloeb/{course.pk}/uplanlagt/",
        {"relatives_informed": "Datteren er ringet op.", "left_at": ""},
    )
    client.force_login(visitator)
    inbox = client.get("/psykiatri/indbakke/").content.decode()
    assert "Uplanlagt udskrivning" in inbox and "app-row-alert" in inbox
    alert = Notice.objects.get(kind=Notice.Kind.UNPLANNED)
    client.post(f"/psykiatri/orientering/{alert.pk}/laest/")
    alert.refresh_from_db()
    assert alert.read_at is not None
    # the department's own staff cannot mark the municipality's notice read
    other = Notice.objects.get(kind=Notice.Kind.ADMISSION)
    ward.post(f"/psykiatri/orientering/{other.pk}/laest/")
    other.refresh_from_db()
    assert other.read_at is None


def test_the_dashboard_counts_courses_missing_the_children_assessment(
    client: Client, course: PsychiatricCourse, psychiatrist: User, ward: User
) -> None:
    client.force_login(psychiatrist)
    dashboard = client.get("/").content.decode()
    assert "mangler vurdering af børn i familien" in dashboard
    # a somatic ward has no psychiatry panel
    client.force_login(ward)
    assert "mangler vurdering af børn i familien" not in client.get("/").content.decode()
