"""One of every psychiatric record of a citizen, for the role × endpoint matrix (``tests/citizen_records.py``):
an adult outpatient course at the psychiatric department of the hospital the citizen is admitted to (consent
given, the municipality and the GP informed) with a contact person, a meeting, a treatment plan, the children
assessment and one plan of each kind; and a referral to child and adolescent psychiatry with its discharge
statement, the municipality and GP informed of it too. Only AUH has both departments; citizens at other hospitals get none."""

from django.utils import timezone

from admissions.models import Course
from psychiatry import services as psychiatry
from psychiatry.models import CarePlan, PsychiatricCourse
from psychiatry.services.child import STATEMENT_FIELDS
from psychiatry.services.courses import course_begin
from sundhedsaftale.citizens.models import Citizen
from tests.factories import member, organisation_get


def psychiatric_records_create(citizen: Citizen, course: Course) -> None:
    hospital = course.department.parent
    if (
        hospital is None
        or hospital.code != "AUH"
        or PsychiatricCourse.objects.filter(citizen=citizen).exists()
    ):
        return
    staff = member("ward_staff", "AUH-PSY")
    adult = course_begin(
        citizen=citizen,
        department=organisation_get("AUH-PSY"),
        setting=PsychiatricCourse.Setting.OUTPATIENT,
        started_at=timezone.now(),
        state=PsychiatricCourse.State.ACTIVE,
        legal_status=PsychiatricCourse.LegalStatus.VOLUNTARY,
        consent=PsychiatricCourse.Consent.CITIZEN,
        consent_by="",
        relatives_wishes="Ingen pårørende ønskes inddraget.",
        acting_user=staff,
    )
    psychiatry.course_inform(course=adult, party="municipality", acting_user=staff)
    if citizen.gp_practice_id:
        psychiatry.course_inform(course=adult, party="gp", acting_user=staff)
    psychiatry.contact_person_add(course=adult, role="case_worker", name="Sagsbehandler", acting_user=staff)
    psychiatry.meeting_schedule(
        course=adult, kind="collaboration", scheduled_at=timezone.now(), acting_user=staff
    )
    psychiatry.treatment_plan_write(
        course=adult, goals="Stabilisering", handed_to_patient=True, acting_user=staff
    )
    psychiatry.child_assessment_record(course=adult, has_children=False, acting_user=staff)
    for kind in (
        CarePlan.Kind.DISCHARGE_AGREEMENT,
        CarePlan.Kind.COORDINATION_PLAN,
        CarePlan.Kind.DUAL_DIAGNOSIS,
    ):
        psychiatry.care_plan_save(
            course=adult, kind=kind, acting_user=staff, treatment_offers="Distriktspsykiatri"
        )
    psychiatry.care_plan_save(
        course=adult,
        kind=CarePlan.Kind.ACTION_PLAN,
        acting_user=member("visitation", citizen.municipality.code),
        social_offers="Bostøtte",
    )
    child_staff = member("ward_staff", "AUH-BUP")
    referral = psychiatry.referral_receive(
        cpr=citizen.cpr,
        name=citizen.name,
        municipality=citizen.municipality,
        department=organisation_get("AUH-BUP"),
        referred_on=timezone.localdate(),
        purpose="Udredning",
        acting_user=child_staff,
    )
    # the family's consent: the municipality and the GP are told of the referral, and read it from then on
    psychiatry.course_update(
        course=referral.course,
        legal_status="voluntary",
        consent="substitute",
        consent_by="Forældrene",
        acting_user=child_staff,
    )
    psychiatry.course_inform(course=referral.course, party="municipality", acting_user=child_staff)
    if citizen.gp_practice_id:
        psychiatry.course_inform(course=referral.course, party="gp", acting_user=child_staff)
    psychiatry.statement_write(
        course=referral.course, acting_user=child_staff, **{name: "Beskrevet" for name in STATEMENT_FIELDS}
    )
