"""Every role sees exactly its own rehab rows: the one rule through the citizen, widened only for the party a
plan was sent to; capacity notices by organisation."""

import pytest

from rehab.models import Delivery, FirstContact, Plan, PlanType, PlanVersion
from rehab.services import delivery_receive, first_contact_record, plan_send
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.services import citizen_lookup_for_purpose
from sundhedsaftale.organisations.actor import Actor, actor_for
from tests.factories import PracticeFactory, member
from tests.factories.rehab import hospital, local, plan_written

# the regional secretariat (1082) having looked the citizen up for a complaint case: since issue 9 the region
# reads a citizen only through such a purpose look-up, never by role alone
REGION_AFTER_LOOKUP = "1082 after a purpose look-up"


def reader(role: str, code: str, citizen: Citizen) -> Actor:
    """The actor of a new member with ``role`` at ``code`` (``REGION_AFTER_LOOKUP``: the region, looked up)."""
    if code != REGION_AFTER_LOOKUP:
        return actor_for(user=member(role, code))
    actor = actor_for(user=member(role, "1082"))
    citizen_lookup_for_purpose(actor=actor, cpr=citizen.cpr, purpose="complaint", reference="J.nr. 2026-17")
    return actor


@pytest.mark.parametrize(
    ("role", "code", "sees"),
    [
        pytest.param("ward_staff", "AUH-ORT", True, id="writing-department"),
        pytest.param("ward_staff", "AUH", True, id="writing-hospital"),
        pytest.param("visitation", "751", True, id="home-municipality"),
        pytest.param("visitation", "730", False, id="other-municipality"),
        pytest.param("ward_staff", "RHS", True, id="chosen-specialised-hospital"),
        pytest.param("ward_staff", "RHH", False, id="other-hospital"),
        pytest.param("steering_group", "klynge-aarhus", False, id="steering-group"),
        pytest.param("regional_admin", "1082", False, id="region-without-purpose-look-up"),
        pytest.param("regional_admin", REGION_AFTER_LOOKUP, True, id="region-after-purpose-look-up"),
        pytest.param("gp", None, True, id="citizens-gp"),
        pytest.param("gp", "other-practice", False, id="other-gp"),
    ],
)
def test_each_role_sees_its_own_rehab_rows(
    course_discharged_before_easter, therapist, visitator, role, code, sees
):
    practice = PracticeFactory()
    course_discharged_before_easter.citizen.gp_practice = practice
    course_discharged_before_easter.citizen.save()
    plan = plan_written(
        course=course_discharged_before_easter,
        author=therapist,
        plan_type=PlanType.SPECIALISED,
        recipient_hospital=hospital("RHS"),
    )
    plan_send(
        plan=plan, acting_user=therapist, consent_municipality=True, consent_gp=True, at=local(2026, 4, 1, 9)
    )
    if code is None:
        code = practice.code
    elif code == "other-practice":
        code = PracticeFactory().code
    actor = reader(role, code, course_discharged_before_easter.citizen)
    counts = {
        "plans": Plan.objects.visible_to(actor).count(),
        "versions": PlanVersion.objects.visible_to(actor).count(),
        "deliveries": Delivery.objects.visible_to(actor).count(),  # citizen, hospital, municipality, GP
    }
    assert counts == ({"plans": 1, "versions": 1, "deliveries": 4} if sees else dict.fromkeys(counts, 0))


def test_a_contact_is_visible_with_its_plan(course_discharged_before_easter, therapist, visitator):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9)
        )
        if d.recipient == "municipality"
    )
    delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 1, 10))
    first_contact_record(
        delivery=municipal,
        acting_user=visitator,
        contacted_at=local(2026, 4, 7, 9),
        method="phone",
        contacted_by_name="Bo Lind",
    )
    assert FirstContact.objects.visible_to(actor_for(user=visitator)).count() == 1
    assert FirstContact.objects.visible_to(actor_for(user=member("visitation", "730"))).count() == 0


@pytest.mark.parametrize(
    ("role", "code", "sees"),
    [
        pytest.param("ward_staff", "AUH-ORT", "all", id="writing-department"),
        pytest.param("visitation", "751", "all", id="home-municipality"),
        pytest.param("visitation", "730", "none", id="other-municipality"),
        # the chosen hospital sees what hangs on the plan it received, not the admission's advance notice
        pytest.param("ward_staff", "RHS", "plan", id="chosen-specialised-hospital"),
        pytest.param("ward_staff", "RHH", "none", id="other-hospital"),
        pytest.param("steering_group", "klynge-aarhus", "none", id="steering-group"),
        pytest.param("regional_admin", "1082", "none", id="region-without-purpose-look-up"),
        # the region, having looked the citizen up, reads the citizen's plan side; the advance notice between
        # hospital and municipality is a party record, read by its two parties only (issue 9)
        pytest.param("regional_admin", REGION_AFTER_LOOKUP, "plan", id="region-after-purpose-look-up"),
    ],
)
def test_each_role_sees_its_own_courses_statuses_notices_and_pdfs(
    course_discharged_before_easter, therapist, role, code, sees
):
    from datetime import date

    from rehab.models import AdvanceNotice, FinalStatus, PlanPdf, RehabCourse
    from rehab.services import advance_notice_send, final_status_send, rehab_course_start

    # given a specialised plan received by RHS, its course with a final status, and an advance notice
    advance_notice_send(course=course_discharged_before_easter, acting_user=therapist, diagnosis_code="S72.0")
    plan = plan_written(
        course=course_discharged_before_easter,
        author=therapist,
        plan_type=PlanType.SPECIALISED,
        recipient_hospital=hospital("RHS"),
    )
    sent = plan_send(plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9))
    receiver = member("ward_staff", "RHS")
    rhs = next(d for d in sent if d.recipient == Delivery.Recipient.HOSPITAL)
    delivery_receive(delivery=rhs, acting_user=receiver, at=local(2026, 4, 1, 10))
    rehab_course = rehab_course_start(
        plan=plan,
        acting_user=receiver,
        level="specialised",
        provider_kind="hospital",
        provider=rhs.organisation,
        started_on=date(2026, 4, 8),
    )
    final_status_send(rehab_course=rehab_course, summary="Går 500 m", acting_user=receiver)
    actor = reader(role, code, course_discharged_before_easter.citizen)

    counts = {
        "courses": RehabCourse.objects.visible_to(actor).count(),
        "statuses": FinalStatus.objects.visible_to(actor).count(),
        "pdfs": PlanPdf.objects.visible_to(actor).count(),
        "notices": AdvanceNotice.objects.visible_to(actor).count(),
    }

    on_plan = {"courses": 1, "statuses": 1, "pdfs": 1}
    expected = {
        "all": {**on_plan, "notices": 1},
        "plan": {**on_plan, "notices": 0},
        "none": dict.fromkeys(counts, 0),
    }[sees]
    assert counts == expected
