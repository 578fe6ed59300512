"""The HTML forms for advance notices (varsel om forventet genoptræning) and the end of a rehab course: they
work without JavaScript, the services decide, errors are Danish and nothing is half-saved."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from admissions.models import Course
from rehab.models import AdvanceNotice, Delivery, RehabCourse
from rehab.selectors import inbox_counts
from rehab.services import delivery_receive, plan_send, rehab_course_end, rehab_course_start
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.organisations.actor import actor_for
from tests.factories.rehab import course_at, local, plan_written


def received_course(course: Course, therapist: User, visitator: User) -> tuple[Delivery, RehabCourse]:
    """A general plan sent to Aarhus, received, and a rehab course started there on 8 April 2026."""
    plan = plan_written(course=course, author=therapist)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9)
        )
        if d.recipient == Delivery.Recipient.MUNICIPALITY
    )
    delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 1, 12))
    rehab_course = rehab_course_start(
        plan=plan,
        acting_user=visitator,
        level="general",
        provider_kind="municipality",
        provider=municipal.organisation,
        started_on=date(2026, 4, 8),
    )
    return municipal, rehab_course


def test_the_ward_sends_an_advance_notice_from_the_page(
    client: Client, course_discharged_before_easter: Course, therapist: User
) -> None:
    client.force_login(therapist)
    assert (
        f"/genoptraening/forloeb/{course_discharged_before_easter.pk}/varsel/"
        in client.get("/genoptraening/afdeling/").content.decode()
    )

    response = client.post(
        f"/genoptraening/forloeb/{course_discharged_before_easter.pk}/varsel/",
        {"diagnosis_code": "m161", "operation_type": "Hoftealloplastik", "operation_date": "2026-03-26"},
    )

    assert response.status_code == 302
    notice = AdvanceNotice.objects.get(course=course_discharged_before_easter)
    assert (notice.diagnosis_code, notice.municipality.code, notice.therapy_department.code) == (
        "M16.1",
        "751",
        "AUH",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Hoftealloplastik" in page and "Varslet er sendt til Aarhus" in page
    assert AccessLog.objects.filter(user_id=therapist.pk, what="Genoptræning: varsel").exists()


def test_the_advance_notice_form_proposes_the_planned_discharge_date(client: Client, therapist: User) -> None:
    from discharge.models import DischargePlan

    # given a planned admission whose discharge the discharge app plans for Friday 3 April 2026
    course = course_at(admitted_at=local(2026, 3, 25, 8), kind="planned")
    DischargePlan.objects.create(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=date(2026, 4, 3),
        rule_code="discharge.home_care",
        rule_set="2008",
    )
    client.force_login(therapist)

    form = client.get(f"/genoptraening/forloeb/{course.pk}/varsel/").context["form"]

    assert form.initial["expected_discharge"] == date(2026, 4, 3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"diagnosis_code": ""}, "Dette felt er påkrævet", id="no-diagnosis"),
        pytest.param({"diagnosis_code": "hofte"}, "er ikke en ICD-10-kode", id="not-icd10"),
    ],
)
def test_an_invalid_advance_notice_is_refused_in_danish_and_not_saved(
    client: Client,
    course_discharged_before_easter: Course,
    therapist: User,
    data: dict[str, Any],
    message: str,
) -> None:
    client.force_login(therapist)

    response = client.post(f"/genoptraening/forloeb/{course_discharged_before_easter.pk}/varsel/", data)

    assert response.status_code == 400 and message in response.content.decode()
    assert not AdvanceNotice.objects.exists()


def test_only_the_hospital_sends_an_advance_notice(
    client: Client, course_discharged_before_easter: Course, visitator: User
) -> None:
    client.force_login(visitator)

    response = client.post(
        f"/genoptraening/forloeb/{course_discharged_before_easter.pk}/varsel/", {"diagnosis_code": "M16.1"}
    )

    assert response.status_code == 403
    assert not AdvanceNotice.objects.exists()


def test_the_provider_ends_the_rehab_course_from_the_page(
    client: Client, course_discharged_before_easter: Course, therapist: User, visitator: User
) -> None:
    municipal, rehab_course = received_course(course_discharged_before_easter, therapist, visitator)
    client.force_login(visitator)
    assert "Registrér afslutning" in client.get(f"/genoptraening/modtaget/{municipal.pk}/").content.decode()

    response = client.post(
        f"/genoptraening/forloeb-genoptraening/{rehab_course.pk}/afslut/",
        {"ended_on": "2026-05-20", "services": "8 ugers holdtræning"},
    )

    assert response.status_code == 302 and response["Location"] == f"/genoptraening/modtaget/{municipal.pk}/"
    rehab_course.refresh_from_db()
    assert (str(rehab_course.ended_on), rehab_course.services) == ("2026-05-20", "8 ugers holdtræning")
    assert "Registrér afslutning" not in client.get(response["Location"]).content.decode()


def test_an_end_before_the_start_is_refused_in_danish(
    client: Client, course_discharged_before_easter: Course, therapist: User, visitator: User
) -> None:
    _municipal, rehab_course = received_course(course_discharged_before_easter, therapist, visitator)
    client.force_login(visitator)

    response = client.post(
        f"/genoptraening/forloeb-genoptraening/{rehab_course.pk}/afslut/",
        {"ended_on": "2026-04-01"},
        follow=True,
    )

    assert "Slutdatoen ligger før start" in response.content.decode()
    rehab_course.refresh_from_db()
    assert rehab_course.ended_on is None


def test_another_municipality_cannot_end_the_course(
    client: Client,
    course_discharged_before_easter: Course,
    therapist: User,
    visitator: User,
    other_visitator: User,
) -> None:
    _municipal, rehab_course = received_course(course_discharged_before_easter, therapist, visitator)
    client.force_login(other_visitator)

    response = client.post(
        f"/genoptraening/forloeb-genoptraening/{rehab_course.pk}/afslut/", {"ended_on": "2026-05-20"}
    )

    assert response.status_code == 404
    rehab_course.refresh_from_db()
    assert rehab_course.ended_on is None


def test_a_course_with_a_private_provider_is_ended_only_by_the_responsible_receiver(
    client: Client, course_discharged_before_easter: Course, therapist: User, visitator: User
) -> None:
    # given a course at a private physiotherapist (no provider organisation), visible to the ward too
    _municipal, rehab_course = received_course(course_discharged_before_easter, therapist, visitator)
    RehabCourse.objects.filter(pk=rehab_course.pk).update(provider=None, provider_kind="private_physio")
    client.force_login(therapist)

    # when the ward tries to end it, it is refused
    response = client.post(
        f"/genoptraening/forloeb-genoptraening/{rehab_course.pk}/afslut/",
        {"ended_on": "2026-05-20"},
        follow=True,
    )

    assert "Kun Aarhus" in response.content.decode()
    rehab_course.refresh_from_db()
    assert rehab_course.ended_on is None
    # and the municipality responsible for the plan may
    rehab_course_end(rehab_course=rehab_course, ended_on=date(2026, 5, 20), acting_user=visitator)
    assert RehabCourse.objects.get(pk=rehab_course.pk).ended_on == date(2026, 5, 20)


def test_inbox_counts_count_the_open_plans_of_the_receiver(
    course_discharged_before_easter: Course, therapist: User, visitator: User
) -> None:
    received_course(course_discharged_before_easter, therapist, visitator)
    aarhus = visitator.memberships.get().organisation

    counts = inbox_counts(
        actor=actor_for(user=visitator), organisation_ids=[aarhus.pk], now=local(2026, 4, 2, 12)
    )
    later = inbox_counts(
        actor=actor_for(user=visitator), organisation_ids=[aarhus.pk], now=local(2026, 4, 30, 12)
    )

    assert counts == {"not_received": 0, "awaiting_contact": 1, "contact_overdue": 0}
    assert later["contact_overdue"] == 1
