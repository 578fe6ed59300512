"""Query counts of the admissions screens and API lists: one row or six cost the same.

Each bound is the count measured for one row (plus nothing); a query per row (an N+1) breaks it as soon as
there are more. A hospital member's actor costs one query more than others (its hospital unit's departments,
once per request), so the ward's bounds include it. The rows are made through the services, so they are what the screens really show: every
course has a consent, a report request, information requests and messages from the ward's department (whose
name prints with its hospital's) to the municipality and the GP.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from admissions import services
from admissions.models import Course, Message, Thread
from sundhedsaftale.organisations.models import Organisation
from tests.factories import organisation_get

pytestmark = pytest.mark.django_db
ROWS = [pytest.param(1, id="one-row"), pytest.param(6, id="six-rows")]
FIRST_NAMES = ["Anna", "Bent", "Carl", "Dorte", "Erik", "Frida"]


def _course_records(course: Course, *, ward: User, practice: Organisation) -> None:
    """Consent, a report request, and an information request and a message to each of municipality and GP."""
    services.consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=5),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    services.admission_report_request(course=course, acting_user=ward)
    for recipient in (organisation_get("751"), practice):
        services.information_request_send(
            course=course, recipient=recipient, question="Hvilken medicin?", acting_user=ward
        )
        services.message_send(
            course=course,
            category=Thread.Category.NURSING,
            recipient=recipient,
            body="Tryksår på hælen.",
            author_phone="78450000",
            acting_user=ward,
        )


@pytest.fixture
def courses(request: pytest.FixtureRequest, admit: Any, ward: User, practice: Organisation) -> list[Course]:
    """``rows`` admitted Aarhus citizens, each with the records above."""
    made = []
    for first_name in FIRST_NAMES[: request.param]:
        course = admit(name=f"{first_name} Testesen")
        _course_records(course, ward=ward, practice=practice)
        made.append(course)
    return made


@pytest.fixture
def busy_course(
    request: pytest.FixtureRequest,
    admitted_course: Course,
    ward: User,
    visitator: User,
    gp: User,
    practice: Organisation,
) -> Course:
    """One course with ``rows`` rounds of requests, messages and replies (and their timeline rows)."""
    _course_records(admitted_course, ward=ward, practice=practice)
    previous = Message.objects.get(course=admitted_course, recipient__code="751")
    for _ in range(request.param):
        _course_records_again(admitted_course, ward=ward, practice=practice)
        reply = services.message_reply(
            message=previous, body="Tak, noteret.", author_phone="87130000", acting_user=visitator
        )
        previous = services.message_send(
            course=admitted_course,
            category=Thread.Category.MEDICINE,
            recipient=practice,
            body="Dosisdispensering?",
            author_phone="78450000",
            acting_user=ward,
        )
        services.message_reply(message=previous, body="Ja.", author_phone="86000000", acting_user=gp)
        previous = services.message_forward(
            message=reply,
            recipient=organisation_get("751"),
            body="Til orientering.",
            author_phone="78450000",
            acting_user=ward,
        )
        services.message_reply(message=previous, body="Set.", author_phone="87130000", acting_user=visitator)
    return admitted_course


def _course_records_again(course: Course, *, ward: User, practice: Organisation) -> None:
    for recipient in (organisation_get("751"), practice):
        services.information_request_send(
            course=course, recipient=recipient, question="Og nu?", acting_user=ward
        )


def _get(client: Any, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _info_link(pk: int) -> str:
    return f'href="{reverse("information-request-detail", args=[pk])}"'


def _shows_every_citizen(response: Any, courses: list[Course]) -> None:
    """The page lists the citizens it was counted for: a bound met by an empty page proves nothing."""
    text = response.content.decode()
    missing = [course.citizen.name for course in courses if course.citizen.name not in text]
    assert not missing, f"not on the page: {missing}"


def _client(cls: Any, user: User) -> Any:
    """A client logged in by session: every request loads the user and its memberships afresh."""
    client = cls()
    client.force_login(user)
    return client


@pytest.mark.parametrize("courses", ROWS, indirect=True)
@pytest.mark.parametrize("htmx", [pytest.param(False, id="page"), pytest.param(True, id="htmx-fragment")])
def test_the_municipal_inbox_costs_the_same_for_many_citizens(
    courses: list[Course], htmx: bool, visitator: User, django_assert_max_num_queries: Any
) -> None:
    client = _client(Client, visitator)
    headers = {"HX-Request": "true"} if htmx else {}
    # each list of the inbox pages on its own: a count per list that is not empty
    with django_assert_max_num_queries(14):
        response = _get(client, "/kommune/indbakke/", **headers)
    _shows_every_citizen(response, courses)


@pytest.mark.parametrize("courses", ROWS, indirect=True)
def test_the_gp_page_costs_the_same_for_many_patients(
    courses: list[Course], gp: User, django_assert_max_num_queries: Any
) -> None:
    client = _client(Client, gp)
    with django_assert_max_num_queries(14):  # a count per list that is not empty (the lists are paged)
        response = _get(client, "/praksis/")
    _shows_every_citizen(response, courses)


@pytest.mark.parametrize("courses", ROWS, indirect=True)
def test_citizen_search_costs_the_same_for_many_hits(
    courses: list[Course], ward: User, django_assert_max_num_queries: Any
) -> None:
    client = _client(Client, ward)
    with django_assert_max_num_queries(7):
        response = _get(client, "/borgere/?q=Testesen")
    _shows_every_citizen(response, courses)


@pytest.mark.parametrize("busy_course", ROWS, indirect=True)
@pytest.mark.parametrize(
    ("viewer", "bound"),
    [
        # the hub ("Forløbet") adds a fixed few: each area's look at the viewer's party, the discharge plan,
        # the rehabilitation plans with their versions or the plans received, the unread notice, the aid needs,
        # the psychiatric course (and, on the hospital side, whether the admission still awaits one)
        pytest.param("ward", 38, id="ward"),
        pytest.param("visitator", 30, id="municipality"),
        pytest.param("gp", 28, id="gp"),
    ],
)
def test_the_course_page_costs_the_same_for_a_long_course(
    busy_course: Course,
    viewer: str,
    bound: int,
    request: pytest.FixtureRequest,
    django_assert_max_num_queries: Any,
) -> None:
    client = _client(Client, request.getfixturevalue(viewer))
    with django_assert_max_num_queries(bound):
        response = _get(client, f"/forloeb/{busy_course.pk}/")
    rounds = request.node.callspec.params["busy_course"]
    rounds = request.node.callspec.params["busy_course"]
    text = response.content.decode()
    shown = [
        pk for pk in busy_course.information_requests.values_list("pk", flat=True) if _info_link(pk) in text
    ]
    assert len(shown) >= 1 + rounds, "every round's information request to the viewer is listed"


@pytest.mark.parametrize("busy_course", ROWS, indirect=True)
def test_a_thread_page_costs_the_same_for_a_long_thread(
    busy_course: Course, ward: User, django_assert_max_num_queries: Any
) -> None:
    thread = Thread.objects.filter(course=busy_course).order_by("pk").first()
    assert thread is not None
    client = _client(Client, ward)
    with django_assert_max_num_queries(18):
        response = _get(client, f"/korrespondance/{thread.pk}/")
    assert "Tryksår på hælen." in response.content.decode()
    assert "Tak, noteret." in response.content.decode()


@pytest.mark.parametrize("courses", ROWS, indirect=True)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/courses/",
        "/api/v1/admissions/",
        "/api/v1/citizens/",
        "/api/v1/messages/",
        "/api/v1/information-requests/",
        "/api/v1/admission-reports/",
        "/api/v1/consents/",
    ],
)
def test_the_api_lists_cost_the_same_for_many_rows(
    courses: list[Course], path: str, ward: User, django_assert_max_num_queries: Any
) -> None:
    client = _client(APIClient, ward)
    with django_assert_max_num_queries(9):
        response = _get(client, path)
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert len(rows) >= len(courses), (path, len(rows))


@pytest.mark.parametrize("courses", ROWS, indirect=True)
def test_the_api_course_list_carries_room_and_bed_at_the_same_cost(
    courses: list[Course], ward: User, django_assert_max_num_queries: Any
) -> None:
    for n, course in enumerate(courses, start=1):
        services.stay_set_place(course=course, room=str(n), bed="B", acting_user=ward)
    client = _client(APIClient, ward)

    with django_assert_max_num_queries(9):
        rows = _get(client, "/api/v1/courses/").json()["results"]

    assert sorted((row["room"], row["bed"]) for row in rows) == [
        (str(n), "B") for n in range(1, len(courses) + 1)
    ]
