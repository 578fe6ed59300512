"""The received plans' inbox filters by acknowledgement, plan type and the day sent (plain GET, htmx swaps the
list); a value the page does not know is ignored."""

from typing import Any

import pytest
from django.test import Client

from rehab.models import PlanType
from rehab.services import plan_send
from tests.factories.rehab import hospital, local, plan_written

pytestmark = pytest.mark.django_db

INBOX = "/genoptraening/indbakke/"


@pytest.fixture
def visitator_with_a_specialised_plan(
    course_discharged_before_easter: Any, therapist: Any, visitator: Any
) -> Any:
    plan = plan_written(
        course=course_discharged_before_easter,
        author=therapist,
        plan_type=PlanType.SPECIALISED,
        recipient_hospital=hospital("RHS"),
    )
    plan_send(plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9))
    client = Client()
    client.force_login(visitator)
    return client, course_discharged_before_easter.citizen.name


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", True),
        (f"type={PlanType.SPECIALISED.value}", True),
        (f"type={PlanType.GENERAL.value}", False),
        ("kvittering=ikke", True),
        ("kvittering=kvitteret", False),
        ("fra=01.04.2026&til=01.04.2026", True),
        ("fra=02.04.2026", False),
        ("til=31.03.2026", False),
        ("type=ZZ9999&kvittering=maaske&fra=31.02.2026&side=99", True),
    ],
    ids=[
        "all",
        "specialised",
        "general",
        "not-acknowledged",
        "acknowledged",
        "sent-that-day",
        "sent-before",
        "sent-after",
        "bad-values-ignored",
    ],
)
def test_the_filters_narrow_the_inbox(
    visitator_with_a_specialised_plan: Any, query: str, shown: bool
) -> None:
    client, name = visitator_with_a_specialised_plan

    response = client.get(f"{INBOX}?{query}")

    assert response.status_code == 200
    assert (name in response.content.decode()) is shown


def test_htmx_gets_the_list_only(visitator_with_a_specialised_plan: Any) -> None:
    client, name = visitator_with_a_specialised_plan

    html = client.get(f"{INBOX}?kvittering=ikke", headers={"HX-Request": "true"}).content.decode()

    assert html.lstrip().startswith('<div id="rehab-inbox-list"') and name in html and "<h1>" not in html
