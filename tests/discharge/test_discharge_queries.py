"""Query counts of the lists: a ward board, the municipality's discharges, the GP's epikriser and the API lists
cost the same number of queries for eight citizens as for one (no query per row)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from admissions.models import Course
from admissions.services import consent_record, stay_set_place
from discharge.services import (
    discharge_conference_schedule,
    discharge_letter_send,
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    discharge_report_send,
    finished_treatment_record,
    municipal_reply_send,
    sudden_change_report,
)
from sundhedsaftale.workdays import local_date

CITIZENS = 8
# Measured with eight citizens; the same for one (session, user, memberships, one query per record kind,
# the access log insert and the navigation's alert count). A ward's actor adds one query per request, not per
# row: its hospital unit's departments (the party it reads for).
BOARD_QUERIES = 15  # + every plan's obligations (each need's notice, the agreed time) in one query
MUNICIPAL_QUERIES = 13
GP_QUERIES = 7  # with the count of the paged list
COURSE_PAGE_QUERIES = 19


def busy_course(make_course: Callable[..., Course], ward: Any, visitator: Any, n: int) -> Course:
    """An admitted citizen with everything the lists show: plan, deadline, notification, reply, a date change,
    a conference, finished treatment, a sudden change, a report and an epikrise."""
    now = timezone.now()
    course = make_course(admitted_at=now - timedelta(days=10))
    consent_record(
        course=course,
        given_by="citizen",
        given_at=course.admitted_at,
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    today = local_date(now)
    for planned in (today + timedelta(days=2), today + timedelta(days=3)):  # the second save moves the date
        plan = discharge_plan_save(
            course=course,
            functional_ability="reduced",
            need="home_care",
            planned_date=planned,
            acting_user=ward,
        )
    discharge_notification_send(plan=plan, acting_user=ward)
    municipal_reply_send(course=course, answer="needs_time", reason=f"Grund {n}", acting_user=visitator)
    discharge_conference_schedule(
        course=course, kind="phone", scheduled_at=now, participants="Afdeling, visitator", acting_user=ward
    )
    weekday = today - timedelta(days=max(0, today.weekday() - 4) + 1)
    while weekday.weekday() >= 5:
        weekday -= timedelta(days=1)
    finished_treatment_record(course=course, finished_on=weekday, doctor_name="Overlæge", acting_user=ward)
    sudden_change_report(
        course=course, kind="family", description="Ægtefælle indlagt", occurred_at=now, acting_user=visitator
    )
    sudden_change_report(
        course=course, kind="condition", description="Delirium", occurred_at=now, acting_user=ward
    )
    discharge_report_send(course=course, functional_level="Rollator", nursing="Bad", acting_user=ward)
    discharge_letter_send(course=course, summary=f"Epikrise {n}", acting_user=ward)
    return course


@pytest.fixture
def courses(make_course: Callable[..., Course], ward: Any, visitator: Any) -> list[Course]:
    return [busy_course(make_course, ward, visitator, n) for n in range(CITIZENS)]


@pytest.fixture
def discharged(make_course: Callable[..., Course], ward: Any, visitator: Any) -> list[Course]:
    """Citizens discharged yesterday, each with a notice and the municipality's reply."""
    gone = []
    for _n in range(CITIZENS):
        course = make_course(admitted_at=timezone.now() - timedelta(days=5))
        discharge_notice_send(
            course=course,
            discharged_at=timezone.now() - timedelta(days=1),
            destination="Eget hjem",
            acting_user=ward,
        )
        municipal_reply_send(course=course, answer="ready", acting_user=visitator)
        gone.append(course)
    return gone


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/")  # the session and the active membership exist before counting
    return client


def test_ward_board_does_not_query_per_citizen(
    courses: list[Course], ward: Any, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(ward)

    with django_assert_max_num_queries(BOARD_QUERIES):
        html = client.get("/afdeling/tavle/").content.decode()

    assert all(course.citizen.name in html for course in courses)
    assert html.count("Har brug for mere tid") == CITIZENS


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"sorter": "stue"}, id="by-room"),
        pytest.param({"sorter": "navn", "behov": "home_care", "kommune": "751"}, id="by-name-filtered"),
        pytest.param({"sorter": "indlagt", "overskredet": "1"}, id="overdue-only"),
    ],
)
@pytest.mark.parametrize("htmx", [pytest.param(False, id="page"), pytest.param(True, id="htmx-rows")])
def test_the_sorted_and_filtered_board_costs_the_same(
    courses: list[Course], ward: Any, params: dict[str, str], htmx: bool, django_assert_max_num_queries: Any
) -> None:
    for n, course in enumerate(courses, start=1):
        stay_set_place(course=course, room=str(n), bed="A", acting_user=ward)
    client = logged_in(ward)

    with django_assert_max_num_queries(BOARD_QUERIES):
        response = client.get("/afdeling/tavle/", params, headers={"HX-Request": "true"} if htmx else {})

    html = response.content.decode()
    if "overskredet" in params:  # every plan's notification was sent in time: nobody is overdue
        assert "Ingen af afdelingens 8 indlagte borgere passer til filtret." in html
    else:
        assert all(course.citizen.name in html for course in courses)
        assert all(f"Stue {n}, seng A" in html for n in range(1, CITIZENS + 1))


def test_municipal_discharges_do_not_query_per_citizen(
    courses: list[Course], discharged: list[Course], visitator: Any, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(visitator)

    with django_assert_max_num_queries(MUNICIPAL_QUERIES):
        html = client.get("/kommune/udskrivninger/").content.decode()

    assert all(course.citizen.name in html for course in courses + discharged)
    assert html.count("Udskrivningsdatoen er flyttet") == CITIZENS
    assert html.count('data-testid="sudden-change"') == CITIZENS


def test_gp_letters_do_not_query_per_letter(
    courses: list[Course], gp: Any, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(gp)

    with django_assert_max_num_queries(GP_QUERIES):
        html = client.get("/praksis/epikriser/").content.decode()

    assert all(f"Epikrise {n}" in html for n in range(CITIZENS))


def test_course_page_queries_do_not_grow_with_records(
    courses: list[Course], ward: Any, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(ward)

    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        html = client.get(f"/forloeb/{courses[0].pk}/udskrivning/").content.decode()

    assert "Har brug for mere tid" in html


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("discharge-plans", 4),
        ("discharge-notifications", 2),
        ("finished-treatments", 2),
        ("discharge-conferences", 2),
        ("discharge-notices", 2),
        ("discharge-reports", 2),
        ("discharge-letters", 2),
        ("municipal-replies", 2),
        ("sudden-changes", 2),
    ],
    ids=lambda value: str(value),
)
def test_api_lists_do_not_query_per_row(
    courses: list[Course],
    discharged: list[Course],
    ward: Any,
    path: str,
    queries: int,
    django_assert_max_num_queries: Any,
) -> None:
    client = APIClient()
    client.force_authenticate(ward)

    with django_assert_max_num_queries(queries):
        response = client.get(f"/api/v1/{path}/")

    assert response.status_code == 200
    assert len(response.json()["results"]) >= CITIZENS
