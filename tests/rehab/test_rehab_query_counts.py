"""Query counts of the rehab lists and the plan editor: one plan costs as many queries as several. Each bound
is the count measured with one plan (session, user, memberships, the header's alert count included; for hospital
staff also the one query expanding the actor's department to its hospital unit, since issue 9)."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from rehab.models import Delivery, Plan
from rehab.services import (
    advance_notice_send,
    delivery_receive,
    first_contact_record,
    plan_send,
    rehab_course_start,
)
from tests.factories import CitizenFactory
from tests.factories.rehab import course_at, local, plan_written

pytestmark = pytest.mark.django_db


def sent_plans(count: int, therapist: User, visitator: User) -> list[Plan]:
    """``count`` general plans of different citizens, sent to Aarhus and received there."""
    plans = []
    for i in range(count):
        course = course_at(
            citizen=CitizenFactory(name=f"Borger {i}"),
            admitted_at=local(2026, 3, 20, 8),
            discharged_at=local(2026, 3, 31, 10),
            state="discharged",
        )
        plan = plan_written(course=course, author=therapist)
        for delivery in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 3, 31, 9)
        ):
            if delivery.recipient == Delivery.Recipient.MUNICIPALITY:
                delivery_receive(delivery=delivery, acting_user=visitator, at=local(2026, 4, 1, 9))
                first_contact_record(
                    delivery=delivery,
                    acting_user=visitator,
                    contacted_at=local(2026, 4, 2, 10),
                    method="phone",
                    contacted_by_name="Bo Lind",
                )
                rehab_course_start(
                    plan=plan,
                    acting_user=visitator,
                    level="general",
                    provider_kind="municipality",
                    provider=delivery.organisation,
                    started_on=local(2026, 4, 8).date(),
                )
        advance_notice_send(course=course, acting_user=therapist, diagnosis_code="M16.1")
        plans.append(plan)
    return plans


MANY = [pytest.param(1, id="one-plan"), pytest.param(4, id="four-plans")]


@pytest.mark.parametrize("count", MANY)
def test_the_municipal_inbox_costs_the_same_for_several_plans(
    count: int, therapist: User, visitator: User, client: Client, django_assert_max_num_queries: Any
) -> None:
    sent_plans(count, therapist, visitator)
    client.force_login(visitator)

    # the deliveries with their deadlines, the page's count (the pager), the access log
    with django_assert_max_num_queries(7):
        response = client.get("/genoptraening/indbakke/")

    assert len(response.context["deliveries"]) == count
    assert response.content.decode().count("Aarhus Universitetshospital, ") >= count


@pytest.mark.parametrize("count", MANY)
def test_the_ward_plan_list_costs_the_same_for_several_plans(
    count: int, therapist: User, visitator: User, client: Client, django_assert_max_num_queries: Any
) -> None:
    sent_plans(count, therapist, visitator)
    client.force_login(therapist)

    # the courses, their plans, the access log, the ward's departments (+1: the actor's hospital unit)
    with django_assert_max_num_queries(9):
        response = client.get("/genoptraening/afdeling/")

    assert response.content.decode().count("(sendt)") == count


@pytest.mark.parametrize("count", MANY)
def test_the_plan_page_costs_the_same_however_many_versions_and_deliveries(
    count: int, therapist: User, visitator: User, client: Client, django_assert_max_num_queries: Any
) -> None:
    plan = sent_plans(1, therapist, visitator)[0]
    for number in range(count - 1):  # corrections: each a new final version, sent again
        from rehab.services import plan_correct, plan_finalise

        draft = plan_correct(plan=plan, reason=f"Rettelse {number}", acting_user=therapist)
        plan_finalise(version=draft, acting_user=therapist)
        plan_send(plan=plan, acting_user=therapist, consent_municipality=True)
    client.force_login(therapist)

    # the plan, its versions, deliveries and deadline, the consents, the access log (+1: the actor's hospital unit)
    with django_assert_max_num_queries(13):
        response = client.get(f"/genoptraening/plan/{plan.pk}/")

    assert len(response.context["versions"]) == count
    assert "Send genoptræningsplan" not in response.content.decode()


def test_the_draft_editor_has_a_fixed_cost(
    therapist: User, course_discharged_before_easter: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    client.force_login(therapist)

    # as the plan page, plus the organisations of the four recipient and sender lists
    with django_assert_max_num_queries(17):
        response = client.get(f"/genoptraening/plan/{plan.pk}/")

    assert response.context["form"] is not None


@pytest.mark.parametrize("count", MANY)
@pytest.mark.parametrize(
    ("who", "url", "per_plan", "bound"),
    [
        # a therapist's bounds include the query expanding the actor's department to its hospital unit
        pytest.param("therapist", "/api/v1/rehab/plans/", 1, 7, id="plans"),
        # the municipality's delivery and the citizen's copy (the citizen lives in Aarhus)
        pytest.param("visitator", "/api/v1/rehab/deliveries/", 2, 5, id="deliveries"),
        pytest.param("visitator", "/api/v1/rehab/contacts/", 1, 5, id="contacts"),
        pytest.param("visitator", "/api/v1/rehab/courses/", 1, 5, id="courses"),
        pytest.param("therapist", "/api/v1/rehab/advance-notices/", 1, 6, id="advance-notices"),
    ],
)
def test_the_api_lists_cost_the_same_for_several_plans(
    count: int,
    who: str,
    url: str,
    per_plan: int,
    bound: int,
    therapist: User,
    visitator: User,
    django_assert_max_num_queries: Any,
) -> None:
    sent_plans(count, therapist, visitator)
    api = APIClient()
    api.force_login({"therapist": therapist, "visitator": visitator}[who])

    with django_assert_max_num_queries(bound):
        response = api.get(url)

    assert response.status_code == 200
    body = response.json()
    assert len(body["results"] if isinstance(body, dict) else body) == count * per_plan


@pytest.mark.parametrize("count", MANY)
def test_the_received_plan_page_costs_the_same_for_several_rehab_courses(
    count: int, therapist: User, visitator: User, client: Client, django_assert_max_num_queries: Any
) -> None:
    plan = sent_plans(1, therapist, visitator)[0]
    delivery = plan.deliveries.get(recipient=Delivery.Recipient.MUNICIPALITY)
    for _ in range(count - 1):
        rehab_course_start(
            plan=plan,
            acting_user=visitator,
            level="general",
            provider_kind="private_physio",
            provider_name="Fysioterapi Nord",
            started_on=local(2026, 4, 9).date(),
        )
    client.force_login(visitator)

    # the delivery, its deadlines, the rehab courses with their final status, the forms' organisations
    with django_assert_max_num_queries(13):
        response = client.get(f"/genoptraening/modtaget/{delivery.pk}/")

    assert response.content.decode().count("Registrér afslutning") == count
