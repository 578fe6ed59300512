"""The psychiatry forms name a chosen row by its id (department, plan, meeting): a value that is no id, such as a
superscript digit (``²`` passes ``isdigit()`` but not ``int()``), is the Danish "choose it" error, not a 500."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "department", ["²", "1²", "٣x", ""], ids=["superscript", "digit-superscript", "arabic", "empty"]
)
def test_a_referral_with_a_department_that_is_no_id_asks_for_the_department(
    child_psychiatrist: Any, department: str
) -> None:
    # given a nurse at the child and adolescent psychiatric department
    client = Client()
    client.force_login(child_psychiatrist)

    # when the referral form comes back with a department that is no id
    response = client.post(
        "/psykiatri/henvisning/ny/",
        {"municipality": "751", "department": department, "cpr": "0101201234", "name": "Alma Berg"},
    )

    # then the form says in Danish what to do
    assert response.status_code == 400
    assert "Vælg afdelingen." in response.content.decode()
