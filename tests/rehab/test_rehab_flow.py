"""Each plan type end to end: write, finalise, send at discharge, receive, first contact within and after
3 working days across Easter 2026, free choice, final status.

Hand-checked calendar: Wednesday 1 April 2026 is received; Skærtorsdag 2/4, Langfredag 3/4, the weekend,
and 2. påskedag 6/4 are not working days; Tue 7/4 is day 1, Wed 8/4 day 2, Thu 9/4 day 3 → due Thursday
9 April 2026 at 23:59:59.
"""

from datetime import date
from typing import Any

import pytest
import time_machine

from rehab.models import Delivery, PlanType, PlanVersion
from rehab.services import (
    delivery_decline,
    delivery_forward,
    delivery_receive,
    final_status_send,
    first_contact_record,
    plan_correct,
    plan_finalise,
    plan_send,
    plan_version_update,
    rehab_course_start,
)
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from tests.factories import member
from tests.factories.rehab import local, plan_written

EASTER_DUE = date(2026, 4, 9)


def _deadline(subject: Any, rule: str = "rehab.first_contact") -> Any:
    """The subject's newest deadline of the rule (``None`` when there is none)."""
    return Deadline.objects.for_subject(subject).filter(rule_code=rule).order_by("-created_at").first()


def test_plan_by_discharge_is_met_when_sent_before_discharge(course_discharged_before_easter, therapist):
    # given a finalised general plan on a course discharged 1 April 11:00
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    deadline = _deadline(plan, "rehab.plan_by_discharge")
    assert deadline.state == "pending"
    assert deadline.due_at == local(2026, 4, 1, 11)
    # when it is sent at 10:00 that morning
    plan_send(
        plan=plan,
        acting_user=therapist,
        consent_municipality=True,
        consent_gp=False,
        at=local(2026, 4, 1, 10),
    )
    # then the deadline is met on time
    deadline.refresh_from_db()
    assert (deadline.state, deadline.met_late) == ("met", False)


def test_sending_after_discharge_meets_the_deadline_late(course_discharged_before_easter, therapist):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    plan_send(plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 15))
    assert _deadline(plan, "rehab.plan_by_discharge").met_late is True


@pytest.mark.parametrize(
    ("contacted", "late"),
    [
        pytest.param(local(2026, 4, 9, 14), False, id="thursday-after-easter-on-time"),
        pytest.param(local(2026, 4, 10, 9), True, id="friday-after-easter-late"),
    ],
)
def test_general_plan_end_to_end(course_discharged_before_easter, therapist, visitator, contacted, late):
    # given a general plan written and sent with consent to Aarhus municipality and the citizen
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    deliveries = plan_send(
        plan=plan,
        acting_user=therapist,
        consent_municipality=True,
        consent_gp=False,
        at=local(2026, 4, 1, 10),
    )
    recipients = {d.recipient: d for d in deliveries}
    assert set(recipients) == {"citizen", "municipality"}
    municipal = recipients["municipality"]
    assert municipal.is_responsible and municipal.consent
    # then the electronic delivery started the clock at the discharge (11:00), not the receiver's click
    deadline = _deadline(municipal)
    assert deadline.anchor_at == local(2026, 4, 1, 11)
    # and the first contact is due three working days later, across Easter; acknowledging changes nothing
    delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 1, 12))
    assert _deadline(municipal).pk == deadline.pk
    assert deadline.due_date == EASTER_DUE
    assert deadline.responsible.code == "751"
    # and recording the contact meets it, late or not
    contact = first_contact_record(
        delivery=municipal,
        acting_user=visitator,
        contacted_at=contacted,
        method="phone",
        contacted_by_name="Visitator Bo Lind",
        offer_place="Sundhedscenter Aarhus N",
        offer_provider="municipality",
        offer_form="team",
        expected_start=date(2026, 4, 20),
        waiting_days=19,
    )
    deadline.refresh_from_db()
    assert deadline.state == "met"
    assert deadline.met_late is late
    assert contact.delivery.contacted_at == contacted


def test_specialised_plan_goes_to_the_hospital_which_must_contact(
    course_discharged_before_easter, therapist, hospital_therapist, visitator
):
    plan = plan_written(
        course=course_discharged_before_easter, author=therapist, plan_type=PlanType.SPECIALISED
    )
    deliveries = plan_send(
        plan=plan,
        acting_user=therapist,
        consent_municipality=True,
        consent_gp=False,
        at=local(2026, 4, 1, 10),
    )
    by_recipient = {d.recipient: d for d in deliveries}
    assert set(by_recipient) == {"citizen", "hospital", "municipality"}
    assert by_recipient["hospital"].is_responsible and not by_recipient["municipality"].is_responsible
    # the municipality's copy starts no clock
    delivery_receive(delivery=by_recipient["municipality"], acting_user=visitator, at=local(2026, 4, 1, 12))
    assert _deadline(by_recipient["municipality"]) is None
    hospital_copy = delivery_receive(
        delivery=by_recipient["hospital"], acting_user=hospital_therapist, at=local(2026, 4, 1, 12)
    )
    deadline = _deadline(hospital_copy)
    assert (deadline.due_date, deadline.responsible.code) == (EASTER_DUE, "AUH")
    first_contact_record(
        delivery=hospital_copy,
        acting_user=hospital_therapist,
        contacted_at=local(2026, 4, 7, 9),
        method="letter",
        contacted_by_name="Fysioterapeut Ole Dam",
    )
    deadline.refresh_from_db()
    assert (deadline.state, deadline.met_late) == ("met", False)
    # specialised rehab ends with a final status to the municipality as general rehab takes over
    specialised = rehab_course_start(
        plan=plan,
        acting_user=hospital_therapist,
        level="specialised",
        provider_kind="hospital",
        provider=hospital_copy.organisation,
        started_on=date(2026, 4, 14),
    )
    status = final_status_send(
        rehab_course=specialised,
        acting_user=hospital_therapist,
        summary="Kan gå 500 m uden hjælpemiddel.",
        continued_need="Styrketræning",
        ended_on=date(2026, 6, 2),
    )
    assert status.municipality.code == "751"
    specialised.refresh_from_db()
    assert specialised.ended_on == date(2026, 6, 2)
    general = rehab_course_start(
        plan=plan,
        acting_user=visitator,
        level="general",
        provider_kind="private_physio",
        provider_name="Fysioklinikken Trøjborg",
        started_on=date(2026, 6, 8),
    )
    assert general.provider_kind == "private_physio"


def test_self_training_plan_informs_without_a_clock(course_discharged_before_easter, therapist, visitator):
    plan = plan_written(
        course=course_discharged_before_easter, author=therapist, plan_type=PlanType.SELF_TRAINING
    )
    deliveries = plan_send(
        plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 10)
    )
    municipal = next(d for d in deliveries if d.recipient == "municipality")
    assert not municipal.is_responsible
    delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 1, 12))
    assert _deadline(municipal) is None


def test_without_consent_the_plan_is_only_handed_to_the_citizen(course_discharged_before_easter, therapist):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    deliveries = plan_send(
        plan=plan,
        acting_user=therapist,
        consent_municipality=False,
        consent_gp=False,
        at=local(2026, 4, 1, 10),
    )
    assert [d.recipient for d in deliveries] == ["citizen"]


@time_machine.travel(local(2026, 4, 1, 13), tick=False)  # before the first clock falls due: still moot
def test_free_choice_moves_the_clock_and_a_decline_returns_it(
    course_discharged_before_easter, therapist, visitator, other_visitator
):
    # given a general plan received by the home municipality, Aarhus
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 10)
        )
        if d.recipient == "municipality"
    )
    delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 1, 12))
    # when the citizen chooses Skanderborg
    with pytest.raises(DomainError):
        delivery_forward(
            delivery=municipal,
            to=other_visitator.memberships.get().organisation,
            consent=False,
            acting_user=visitator,
        )
    chosen = delivery_forward(
        delivery=municipal,
        to=other_visitator.memberships.get().organisation,
        consent=True,
        acting_user=visitator,
        reason="Bor hos datteren i Skanderborg",
    )
    # then the old clock is cancelled and the new receiver's runs
    assert _deadline(municipal).state == "cancelled"
    assert (_deadline(chosen).state, _deadline(chosen).responsible.code) == ("pending", "746")
    # and when Skanderborg declines for capacity the plan returns to Aarhus with a fresh clock
    back = delivery_decline(
        delivery=chosen, reason="Ingen ledige hold før august", acting_user=other_visitator
    )
    assert _deadline(chosen).state == "cancelled"
    assert (back.organisation_id, _deadline(back).state) == (
        course_discharged_before_easter.citizen.municipality_id,
        "pending",
    )
    assert Delivery.objects.get(pk=chosen.pk).declined


def test_home_municipality_cannot_decline(course_discharged_before_easter, therapist, visitator):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 10)
        )
        if d.recipient == "municipality"
    )
    with pytest.raises(DomainError):
        delivery_decline(delivery=municipal, reason="Travlt", acting_user=visitator)


def test_final_version_is_read_only_and_a_correction_keeps_the_old(
    course_discharged_before_easter, therapist
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    first = plan.latest
    with pytest.raises(DomainError):
        plan_version_update(version=first, data={"health_state": "ændret"}, acting_user=therapist)
    second = plan_correct(plan=plan, reason="Forkert side angivet", acting_user=therapist)
    plan_version_update(version=second, data={"need_body": "Venstre hofte"}, acting_user=therapist)
    plan_finalise(version=second, acting_user=therapist)
    first.refresh_from_db()
    assert (
        first.state == PlanVersion.State.SUPERSEDED
        and first.need_body == "Styrke og bevægelighed i højre hofte"
    )
    final = plan.final
    assert final is not None and (final.number, final.need_body) == (2, "Venstre hofte")


def test_incomplete_plan_cannot_be_finalised(course_discharged_before_easter, therapist):
    plan = plan_written(
        course=course_discharged_before_easter,
        author=therapist,
        finalise=False,
        plan_type=PlanType.SPECIALISED,
        specialised_reason="",
        recipient_hospital=None,
    )
    with pytest.raises(DomainError) as error:
        plan_finalise(version=plan.latest, acting_user=therapist)
    assert "Årsag til specialiseret" in error.value.message and "2b" in error.value.message


def test_only_the_hospital_side_writes_plans(course_discharged_before_easter, visitator):
    from rehab.services import plan_create

    with pytest.raises(DomainError):
        plan_create(course=course_discharged_before_easter, acting_user=visitator)


def test_a_foreign_municipality_cannot_receive(course_discharged_before_easter, therapist):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 10)
        )
        if d.recipient == "municipality"
    )
    with pytest.raises(DomainError):
        delivery_receive(delivery=municipal, acting_user=member("visitation", "730"))
