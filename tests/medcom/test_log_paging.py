"""The MedCom page a page at a time: 50 received messages a page, each list with its own pager that keeps the
filters and the other list's page; a page number that is not one is ignored."""

import pytest
from django.test import Client

from medcom.models import InboundMessage
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_with_55_rejected() -> Client:
    InboundMessage.objects.bulk_create(
        InboundMessage(
            kind=InboundMessage.Kind.HOSPITAL_NOTIFICATION,
            event="STIN",
            outcome=InboundMessage.Outcome.REJECTED,
            detail=f"Afvist nr. {n:02d}",
        )
        for n in range(55)
    )
    client = Client()
    client.force_login(member("regional_admin"))
    return client


def test_the_received_messages_are_paged_and_the_pager_keeps_the_filter(
    admin_with_55_rejected: Client,
) -> None:
    first = admin_with_55_rejected.get("/medcom/?outcome=rejected").content.decode()
    second = admin_with_55_rejected.get("/medcom/?outcome=rejected&side_modtaget=2").content.decode()

    assert first.count("Afvist nr.") == 50 and "Side 1 af 2 (55 i alt)" in first
    assert "outcome=rejected&amp;side_modtaget=2" in first
    assert 'aria-label="Sider: modtagne"' in first
    assert second.count("Afvist nr.") == 5


def test_a_bad_page_number_shows_the_first_page(admin_with_55_rejected: Client) -> None:
    response = admin_with_55_rejected.get("/medcom/?side_modtaget=nej&side_afsendt=-1")

    assert response.status_code == 200 and response.content.decode().count("Afvist nr.") == 50
