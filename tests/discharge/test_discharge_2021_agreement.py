"""The 2021 cooperation agreement modelled as it is (issue 10): no invented notice deadline; the expected
discharge time and need told early, the municipality's answer, an agreed discharge time changed by either side
with who and why; measured: the preparation time given, a discharge earlier than agreed (the hospital's miss)
and færdigbehandlet days past the agreed time. The 2008 deadlines show beside it as guidance only."""

from datetime import date
from typing import Any

import time_machine
from django.test import Client
from django.utils import timezone

from admissions.models import Course
from discharge.models import DischargeNotice, DischargePlan, DischargeTimeProposal
from discharge.selectors import (
    course_discharge_get,
    discharge_warnings,
    plan_guidance,
    preparation_working_days,
)
from discharge.services import (
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    discharge_time_proposal_answer,
    discharge_time_propose,
    finished_treatment_record,
    municipal_reply_send,
)
from sundhedsaftale.deadlines.catalogue import rule_set_for
from sundhedsaftale.deadlines.models import Alert, Deadline, RuleSetAdoption
from sundhedsaftale.deadlines.reference_data import rule_set_adoptions_load
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation
from tests.factories import organisation_get
from tests.factories.discharge import local

AGREEMENT_2021 = date(2021, 6, 1)


def _aarhus_on_2021() -> None:
    RuleSetAdoption.objects.create(
        cluster=organisation_get("klynge-aarhus"), rule_set="2021", adopted_on=AGREEMENT_2021
    )


def test_the_shipped_reference_data_puts_every_cluster_on_2021_from_1_june_2021(db: None) -> None:
    """000: "Klyngerne påbegynder implementeringen fra ikrafttrædelsen den 1. juni 2021."; 003: the agreement
    is "implementeret i alle klynger". The rule set in force is decided by one rule over that reference data."""
    assert rule_set_adoptions_load() == 6
    assert rule_set_adoptions_load() == 0  # idempotent, never overwrites the secretariat's edits

    clusters = Organisation.objects.filter(kind=Organisation.Kind.CLUSTER)
    assert {(a.cluster.code, a.rule_set, a.adopted_on) for a in RuleSetAdoption.objects.all()} == {
        (cluster.code, "2021", AGREEMENT_2021) for cluster in clusters
    }
    department = organisation_get("AUH-ORT")
    assert rule_set_for(on=date(2021, 5, 31), organisation=department).code == "2008"
    assert rule_set_for(on=AGREEMENT_2021, organisation=department).code == "2021"
    # the secretariat (or the demo) puts a cluster back on 2008 by adopting it again later
    RuleSetAdoption.objects.create(
        cluster=organisation_get("klynge-aarhus"), rule_set="2008", adopted_on=date(2024, 1, 1)
    )
    assert rule_set_for(on=date(2026, 12, 1), organisation=department).code == "2008"
    assert rule_set_for(on=date(2026, 12, 1), organisation=organisation_get("RHR-MED")).code == "2021"


def test_a_2021_course_records_the_agreed_time_the_preparation_time_and_an_early_discharge_as_a_miss(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    """000: "faste tidsfrister fjernes, hvorved fokus flyttes fra et fast antal forberedelsesdage til
    funktionsevnen hos borgeren" and "Fælles forberedelsestid: Forberedelse er afgørende". The ward notifies on
    Monday 14 December, the municipality needs until Tuesday 22 December and proposes it, the ward accepts. The
    citizen is discharged on Friday 18 December: 4 working days of preparation, and earlier than agreed — the
    hospital's miss, alerted to both sides."""
    _aarhus_on_2021()
    course = course_admitted_16_november
    with time_machine.travel(local(2026, 12, 14, 10), tick=False):
        plan = discharge_plan_save(
            course=course,
            functional_ability="reduced",
            need="home_care",
            planned_date=date(2026, 12, 21),
            acting_user=ward,
        )
        assert plan.rule_set == "2021"
        assert not Deadline.objects.exists()  # no invented hospital deadline
        (guidance,) = plan_guidance(plan=plan)
        assert guidance.advisory and guidance.due.due_at == local(2026, 12, 16, 23, 59, 59)
        assert guidance.text.startswith("Anbefalet forberedelsestid")

        notification = discharge_notification_send(plan=plan, text="Hjælp morgen og aften", acting_user=ward)
        municipal_reply_send(
            course=course,
            answer="needs_time",
            reason="Hjemmeplejen kan starte tirsdag",
            ready_on=date(2026, 12, 22),
            notification=notification,
            acting_user=visitator,
        )
        proposal = discharge_time_propose(
            course=course,
            proposed_date=date(2026, 12, 22),
            reason="Hjemmeplejen kan starte tirsdag",
            acting_user=visitator,
        )
        assert (proposal.party, proposal.proposed_by_org.code) == ("municipality", "751")
        discharge_time_proposal_answer(proposal=proposal, accept=True, acting_user=ward)
    plan.refresh_from_db()
    assert plan.agreed_date == date(2026, 12, 22)
    assert DischargeTimeProposal.objects.get().state == "accepted"

    with time_machine.travel(local(2026, 12, 18, 10), tick=False):
        assert [w.code for w in discharge_warnings(course=course, plan=plan, at=timezone.now())] == [
            "before_agreed"
        ]
        discharge_notice_send(
            course=course,
            discharged_at=local(2026, 12, 18, 9, 30),
            early_discharge_reason="Borgeren ønskede selv at komme hjem",
            acting_user=ward,
        )
        course.refresh_from_db()
        page = course_discharge_get(actor=actor_for(user=ward), course=course, today=date(2026, 12, 18))

    miss = Deadline.objects.get(rule_code="discharge.agreed_time")
    assert (miss.state, miss.rule_set, miss.breached_at) == ("breached", "2021", local(2026, 12, 18, 9, 30))
    assert set(
        Alert.objects.filter(deadline=miss, kind="breach").values_list("organisation__code", flat=True)
    ) == {"AUH-ORT", "751"}
    assert not Deadline.objects.filter(rule_code="discharge.home_care").exists()
    assert preparation_working_days(plan=plan, discharged_at=course.discharged_at) == 4
    assert page.preparation_days == 4 and page.agreed_rule_set
    assert [line.label for line in page.lines if not line.advisory] == ["Overskredet"]
    assert DischargeNotice.objects.get().early_discharge_reason == "Borgeren ønskede selv at komme hjem"


def test_the_2008_guidance_warns_but_never_breaches_and_waiting_past_the_agreed_time_is_counted(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """000: "faste tidsfrister fjernes"; 004: færdigbehandlet "når patienten ud fra en lægelig vurdering kan
    udskrives". Nobody notified the municipality: the recommended preparation time (3 working days) only warns.
    Færdigbehandlet Friday 18 December, agreed Monday 21 December, discharged Wednesday 23 December: 2 days past
    the agreed time (the municipality's), a discharge on or after the agreed day is kept."""
    _aarhus_on_2021()
    course = course_admitted_16_november
    with time_machine.travel(local(2026, 12, 14, 10), tick=False):
        plan = discharge_plan_save(
            course=course,
            functional_ability="reduced",
            need="home_care",
            planned_date=date(2026, 12, 21),
            agreed_date=date(2026, 12, 21),
            acting_user=ward,
        )
    with time_machine.travel(local(2026, 12, 18, 10), tick=False):
        finished_treatment_record(
            course=course, finished_on=date(2026, 12, 18), doctor_name="Overlæge Holm", acting_user=ward
        )
    assert scan_due(now=local(2026, 12, 22, 9)).breached == 0
    assert not Alert.objects.exists()
    assert [w.code for w in discharge_warnings(course=course, plan=plan, at=local(2026, 12, 21, 10))] == [
        "guidance"
    ]

    with time_machine.travel(local(2026, 12, 23, 12), tick=False):
        discharge_notice_send(
            course=course,
            discharged_at=local(2026, 12, 23, 10),
            early_discharge_reason="Ingen varsling: borgeren blev klar hurtigere end ventet",
            acting_user=ward,
        )
        course.refresh_from_db()
        page = course_discharge_get(actor=actor_for(user=ward), course=course, today=date(2026, 12, 23))

    kept = Deadline.objects.get(rule_code="discharge.agreed_time")
    assert kept.state == "met" and not kept.met_late
    assert page.waiting_past_agreed == 2
    assert page.preparation_days == 0
    assert DischargePlan.objects.get().agreed_date == date(2026, 12, 21)


@time_machine.travel(local(2026, 11, 20, 12), tick=False)
def test_the_ward_confirms_an_early_discharge_with_a_reason_before_it_goes_through(
    course_admitted_16_november: Course, ward: Any
) -> None:
    """l. 1530: "Varsling senest 3 hverdage før udskrivning." Discharging a citizen whose municipality was
    never notified asks for the reason first (a confirm step, not a block); with it the discharge goes through
    and the reason is recorded."""
    discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=date(2026, 12, 29),
        acting_user=ward,
    )
    client = Client()
    client.force_login(ward)
    url = f"/forloeb/{course_admitted_16_november.pk}/udskrivning/advis/"
    data = {"discharged_at": "2026-11-20T11:00"}

    first = client.post(url, data)

    assert first.status_code == 400
    page = first.content.decode()
    assert "kommunen er ikke varslet" in page and "Angiv årsagen for at udskrive alligevel" in page
    assert not DischargeNotice.objects.exists()

    second = client.post(url, {**data, "early_discharge_reason": "Borgeren ønskede selv at komme hjem"})

    assert second.status_code == 302
    assert DischargeNotice.objects.get().early_discharge_reason == "Borgeren ønskede selv at komme hjem"
    assert Deadline.objects.get().state == "breached"
