"""Demo data of rehab, continuing the wards' courses of ``admissions.demo`` through the services: a draft plan,
a plan finalised and sent to Aarhus with the first-contact deadline running, general plans sent at discharge
(one contacted on time), and a capacity notice from AUH to Aarhus.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction

from admissions.demo import WARD_USERS, demo_course, demo_user, demo_visitation
from admissions.models import Course
from rehab.models import CapacityNotice, Delivery, FirstContact, OutpatientControl, Plan, PlanType
from rehab.services import (
    capacity_notice_create,
    delivery_receive,
    first_contact_record,
    plan_create,
    plan_finalise,
    plan_send,
    plan_version_update,
)
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date


@dataclass(frozen=True)
class PlanStory:
    key: str  # the course's demo episode-of-care id
    step: str  # how far the plan got: "draft", "sent" (received, first contact due) or "contacted"


PLANS: tuple[PlanStory, ...] = (
    PlanStory("DEMO-AUH-02", "draft"),
    PlanStory("DEMO-AUH-03", "sent"),
    PlanStory("DEMO-AUH-09", "contacted"),
    PlanStory("DEMO-HEV-04", "sent"),
)

DRAFT: dict[str, Any] = {
    "diagnosis_code": "S72.0",
    "diagnosis_text": "Fraktur af lårbenshals",
    "health_state": "Opereret med hemialloplastik; fuld belastning tilladt.",
    "before_activity": "Selvhjulpen i eget hjem, gik ture dagligt uden hjælpemidler.",
    "discharge_body": "Nedsat kraft og bevægelighed i højre hofte; smerter ved belastning.",
    "discharge_activity": "Går med rollator ca. 50 meter; behov for hjælp til trapper.",
    "author_name": "Fysioterapeut Mette Lund",
    "author_phone": "7845 6120",
}
FINAL: dict[str, Any] = {
    **DRAFT,
    "plan_type": PlanType.GENERAL,
    "outpatient_control": OutpatientControl.NO,
    "need_body": "Styrketræning af hofte- og lårmuskulatur.",
    "need_activity": "Gangtræning uden hjælpemidler og trappegang; genoptage daglige gåture.",
    "need_environment": "Vurdering af behov for gelænder ved hoveddøren.",
}


def _plan_load(story: PlanStory, course: Course, *, now: datetime) -> None:
    ward = demo_user(WARD_USERS[course.department.code])
    plan = plan_create(course=course, acting_user=ward)
    content = DRAFT if story.step == "draft" else FINAL
    version = plan_version_update(version=plan.latest, data=dict(content), acting_user=ward)
    if story.step == "draft":
        return
    plan_finalise(version=version, acting_user=ward)
    # A plan is sent no later than at discharge: at the discharge itself, or now for a citizen still admitted.
    sent_at = course.discharged_at or now
    deliveries = plan_send(plan=plan, acting_user=ward, at=sent_at)
    responsible = next(d for d in deliveries if d.recipient == Delivery.Recipient.MUNICIPALITY)
    visitation = demo_visitation(course.citizen.municipality.code)
    if visitation is None:
        return
    received_at = min(sent_at + timedelta(hours=1), now)
    delivery_receive(delivery=responsible, acting_user=visitation, at=received_at)
    if story.step == "contacted":
        first_contact_record(
            delivery=responsible,
            acting_user=visitation,
            contacted_at=min(received_at + timedelta(hours=2), now),
            method=FirstContact.Method.PHONE,
            contacted_by_name="Fysioterapeut Anders Bak, Sundhed og Omsorg",
            offer_place="Træningscenter Frederiksbjerg",
            offer_provider=FirstContact.Provider.MUNICIPALITY,
            offer_form=FirstContact.Form.TEAM,
            expected_start=local_date(now) + timedelta(days=7),
            waiting_days=7,
        )


def _capacity_load(*, today: date) -> None:
    hospital = Organisation.objects.get(code="AUH")
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    if CapacityNotice.objects.filter(sender=hospital, receiver=aarhus).exists():
        return
    capacity_notice_create(
        kind=CapacityNotice.Kind.ACTIVITY_INCREASE,
        sender=hospital,
        receiver=aarhus,
        description="Ortopædkirurgi udvider med 300 hofte- og knæalloplastikker om året; forventet flere "
        "genoptræningsplaner til almen genoptræning i Aarhus Kommune.",
        effective_on=today + timedelta(days=240),
        acting_user=demo_user(WARD_USERS["AUH-ORT"]),
    )


@transaction.atomic
def load(*, now: datetime) -> None:
    """Write, send and follow up the demo plans on courses that have no plan yet; announce the capacity change."""
    for story in PLANS:
        course = demo_course(story.key)
        if course is not None and not Plan.objects.filter(course=course).exists():
            _plan_load(story, course, now=now)
    _capacity_load(today=local_date(now))
