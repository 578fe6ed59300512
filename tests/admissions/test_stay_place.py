"""Room and bed: the ward says where the citizen lies (admission form, course page, API), each change on the
course's timeline; one short line each, a Danish error otherwise."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from admissions.models import Course, CourseEvent
from admissions.services import course_transfer, stay_set_place
from sundhedsaftale.errors import DomainError
from tests.admissions.conftest import new_cpr
from tests.factories import organisation_get

pytestmark = pytest.mark.django_db


def _place(course: Course) -> tuple[str, str]:
    stay = course.stays.get(ended_at__isnull=True)
    return stay.room, stay.bed


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_nurse_sets_room_and_bed_and_the_timeline_says_so(admit: Any, ward: Any) -> None:
    course = admit()

    stay_set_place(course=course, room=" 4 ", bed="B", acting_user=ward)
    stay_set_place(course=course, room="4", bed="B", acting_user=ward)  # unchanged: no second event
    stay_set_place(course=course, room="12", bed="", acting_user=ward)

    assert _place(course) == ("12", "")
    texts = list(
        course.events.filter(text__startswith="Stue og seng").order_by("pk").values_list("text", flat=True)
    )
    assert texts == ["Stue og seng: ingen → stue 4, seng B", "Stue og seng: stue 4, seng B → stue 12"]
    assert course.events.filter(text__startswith="Stue og seng").first().actor_name == "Karen Sygeplejerske"


@pytest.mark.parametrize(
    ("room", "bed", "field", "message"),
    [
        ("4\nB", "", "room", "Stue skal stå på én linje."),
        ("4", "B\t2", "bed", "Seng skal stå på én linje."),
        ("x" * 21, "", "room", "Stue må højst have 20 tegn."),
    ],
)
def test_room_and_bed_are_one_short_line(
    admit: Any, ward: Any, room: str, bed: str, field: str, message: str
) -> None:
    course = admit()

    with pytest.raises(DomainError) as error:
        stay_set_place(course=course, room=room, bed=bed, acting_user=ward)

    assert (error.value.field, error.value.message) == (field, message)
    assert _place(course) == ("", "")


def test_only_the_hospital_side_sets_the_place(admit: Any, visitator: Any) -> None:
    course = admit()

    with pytest.raises(DomainError) as error:
        stay_set_place(course=course, room="4", bed="B", acting_user=visitator)

    assert error.value.status_code == 403
    assert _place(course) == ("", "")


def test_a_transfer_starts_a_stay_without_a_place(admit: Any, ward: Any) -> None:
    course = admit()
    stay_set_place(course=course, room="4", bed="B", acting_user=ward)

    course_transfer(
        course=course,
        department=organisation_get("AUH-GER"),
        at=timezone.now() - timedelta(hours=1),
        acting_user=ward,
    )

    assert _place(course) == ("", "")


def test_the_admission_form_takes_room_and_bed(ward: Any) -> None:
    response = _client(ward).post(
        "/indlaeggelse/ny/",
        {
            "cpr": new_cpr(),
            "name": "Else Testesen",
            "municipality": organisation_get("751").pk,
            "kind": "acute",
            "department": organisation_get("AUH-ORT").pk,
            "admitted_at": timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "room": "7",
            "bed": "2",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    course = Course.objects.get()
    assert _place(course) == ("7", "2")
    assert "stue 7, seng 2" in course.events.get(kind=CourseEvent.Kind.ADMITTED).text


def test_the_course_page_shows_and_saves_room_and_bed(admit: Any, ward: Any) -> None:
    course = admit()
    client = _client(ward)

    saved = client.post(f"/forloeb/{course.pk}/stue/", {"room": "4", "bed": "B"}, follow=True)
    too_long = client.post(f"/forloeb/{course.pk}/stue/", {"room": "x" * 21, "bed": "B"})

    html = saved.content.decode()
    assert "Stue og seng gemt." in html and "Stue 4, seng B" in html
    assert too_long.status_code == 400
    assert _place(course) == ("4", "B")


def test_the_api_sets_room_and_bed_and_shows_them_on_the_course(
    api_client: Any, admit: Any, ward: Any
) -> None:
    course = admit()
    api_client.force_authenticate(ward)

    response = api_client.post(
        f"/api/v1/courses/{course.pk}/place/", {"room": "4", "bed": "B"}, format="json"
    )
    listed = api_client.get("/api/v1/courses/").json()["results"]
    broken = api_client.post(f"/api/v1/courses/{course.pk}/place/", {"room": "4\nB"}, format="json")
    too_long = api_client.post(f"/api/v1/courses/{course.pk}/place/", {"bed": "x" * 21}, format="json")

    assert response.status_code == 200
    assert (response.json()["room"], response.json()["bed"]) == ("4", "B")
    assert [(c["room"], c["bed"]) for c in listed] == [("4", "B")]
    assert broken.status_code == 400 and broken.json()["errors"]["room"] == ["Stue skal stå på én linje."]
    assert too_long.status_code == 400 and "bed" in too_long.json()["errors"]
    assert _place(course) == ("4", "B")


def test_the_api_admits_with_room_and_bed(api_client: Any, ward: Any) -> None:
    api_client.force_authenticate(ward)

    response = api_client.post(
        "/api/v1/admissions/",
        {
            "cpr": new_cpr(),
            "name": "Else Testesen",
            "municipality": "751",
            "kind": "planned",
            "department": "AUH-ORT",
            "admitted_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "room": "3",
            "bed": "1",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["room"], response.json()["bed"]) == ("3", "1")
