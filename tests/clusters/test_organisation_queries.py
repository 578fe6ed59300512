"""Query counts of the organisation lists: the Kontaktliste page and the organisation API cost the same for
a few organisations or many. Each bound is the count measured with the reference data alone."""

from datetime import time
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sundhedsaftale.organisations.models import Contact, OpeningHours
from tests.factories import PracticeFactory, member

pytestmark = pytest.mark.django_db
MORE = [pytest.param(0, id="reference-data"), pytest.param(12, id="twelve-more")]


def practices_with_contacts(count: int) -> None:
    """``count`` more practices, each with a phone open on weekdays."""
    for _ in range(count):
        contact = Contact.objects.create(
            organisation=PracticeFactory.create(), purpose=Contact.Purpose.CITIZEN, label="Telefon"
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(contact=contact, weekday=day, opens=time(8), closes=time(15)) for day in range(5)
        )


@pytest.mark.parametrize("more", MORE)
@pytest.mark.parametrize(
    ("signed_in", "bound"),
    [
        # the organisations, their contacts, the contacts' opening hours, the hospitals' departments (with kind)
        pytest.param(False, 4, id="anonymous"),
        # + session, user, memberships and the header's alert count
        pytest.param(True, 8, id="signed-in"),
    ],
)
def test_the_contact_list_costs_the_same_for_many_organisations(
    more: int, signed_in: bool, bound: int, django_assert_max_num_queries: Any
) -> None:
    practices_with_contacts(more)
    client = Client()
    if signed_in:
        client.force_login(member("visitation", "751"))

    with django_assert_max_num_queries(bound):
        response = client.get("/kontakter/", {"formaal": "citizen"})

    assert response.status_code == 200
    assert response.content.decode().count("Lægerne i Testrup (") == more


@pytest.mark.parametrize("more", MORE)
def test_the_organisation_api_list_costs_the_same_for_many_organisations(
    more: int, django_assert_max_num_queries: Any
) -> None:
    practices_with_contacts(more)
    client = APIClient()
    client.force_login(member("visitation", "751"))

    # session, user, memberships, the page of organisations with parent and cluster
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/organisations/", {"kind": "practice"})

    assert response.status_code == 200
    assert len(response.json()["results"]) >= more
