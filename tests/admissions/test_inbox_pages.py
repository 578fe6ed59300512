"""Every list of the municipal inbox pages on its own (25 a page): the information requests' pager keeps the
filters and the notices' page, and a bad page number shows the first page."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from admissions.services import consent_record, information_request_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions_26(ward: Any, admitted_course: Any) -> None:
    consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=1),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    for n in range(26):
        information_request_send(
            course=admitted_course,
            recipient=admitted_course.citizen.municipality,
            question=f"Spørgsmål {n}",
            acting_user=ward,
        )


def requests_list(html: str) -> str:
    return html.split('id="inbox-requests"')[1].split("<h2")[0]


def test_the_information_requests_are_paged_on_their_own(questions_26: None, visitator: Any) -> None:
    client = Client()
    client.force_login(visitator)

    first = requests_list(client.get("/kommune/indbakke/?tildelt=ingen").content.decode())
    second = requests_list(
        client.get("/kommune/indbakke/?tildelt=ingen&side_forespoergsler=2").content.decode()
    )
    bad = requests_list(client.get("/kommune/indbakke/?side_forespoergsler=to").content.decode())

    assert first.count("<li>") == 25 and "Side 1 af 2 (26 i alt)" in first
    assert "tildelt=ingen&amp;side_forespoergsler=2" in first and 'aria-label="Sider: forespørgsler"' in first
    assert second.count("<li>") == 1
    assert bad.count("<li>") == 25
