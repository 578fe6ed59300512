"""The API's ``?course=`` filter on records hanging on a course: a value that is no course id (a superscript digit,
a number past any id) is ignored like any bad filter value or finds nothing, never a 500."""

from typing import Any

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LISTS = ("/api/v1/admission-notices/", "/api/v1/consents/", "/api/v1/discharge-plans/")


@pytest.mark.parametrize("value", ["²", "1²", "9" * 40], ids=["superscript", "digit-superscript", "huge"])
@pytest.mark.parametrize("path", LISTS)
def test_a_course_filter_that_is_no_course_id_is_no_error(
    ward: Any, admitted_course: Any, path: str, value: str
) -> None:
    # given a ward nurse with a visible course
    client = APIClient()
    client.force_authenticate(ward)

    # when a client filters a list by a course "id" no course can have
    response = client.get(path, {"course": value})

    # then the list answers with JSON, as for any other filter value
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_a_course_filter_still_narrows_to_the_course(ward: Any, admitted_course: Any, admit: Any) -> None:
    # given two admitted citizens
    other = admit(name="Anden Borger")
    client = APIClient()
    client.force_authenticate(ward)

    # when the list of admission notices is filtered by one course
    response = client.get("/api/v1/admission-notices/", {"course": str(admitted_course.pk)})

    # then only that course's notice is listed
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["course"] for row in rows] == [admitted_course.pk]
    assert other.pk != admitted_course.pk
