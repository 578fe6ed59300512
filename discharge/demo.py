"""Demo data of discharge, continuing the wards' courses of ``admissions.demo`` through the services:
discharge plans in every need category (deadlines breached, in warning, pending and met), a notification
with the municipality's "needs more time", a finished-treatment date, a discharge conference, and recent
discharges with discharge notice, report and epikrise to the GP.

The planned dates are searched relative to "now" so that each plan's notification deadline is in the state
its story needs (breached, warning, pending) whatever the day the demo is loaded.

Every cluster works by the 2021 cooperation agreement (shipped reference data); the demo puts Klynge Aarhus
back on the 2008 agreement (``DEMO_2008_CLUSTER``) so both can be seen: the Aarhus wards' plans have fixed
notice deadlines that breach, the Randers and Vest wards' plans have an agreed discharge time and the 2008
deadlines only as guidance. ``manage.py load_demo_data`` says so.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from admissions.demo import WARD_USERS, demo_course, demo_user, demo_visitation
from admissions.models import Course
from admissions.selectors import course_consents_to
from discharge.due import notification_due, rule_set_needs_agreed_date
from discharge.models import DischargeConference, DischargeNotice, DischargePlan, FunctionalAbility, Need
from discharge.models import MunicipalReply as Reply
from discharge.services import (
    discharge_conference_schedule,
    discharge_letter_send,
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    discharge_report_send,
    discharge_time_propose,
    finished_treatment_record,
    municipal_reply_send,
)
from sundhedsaftale.deadlines.models import RuleSetAdoption
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import DANISH, local_date, local_datetime


@dataclass(frozen=True)
class PlanStory:
    key: str  # the course's demo episode-of-care id
    need: str
    deadline: str  # the state the notification deadline should be in: breached, warning or pending
    notify: bool = False  # the ward sends the notification (meets the deadline)
    reply: str = ""  # the municipality's answer to the notification
    finished_days_ago: int | None = None  # færdigbehandlet on the last weekday at least this long ago
    conference: bool = False


@dataclass(frozen=True)
class DischargeStory:
    key: str
    days_ago: int
    at: time
    medication_changed: bool = False
    report: bool = False
    reply: bool = False


PLANS: tuple[PlanStory, ...] = (
    PlanStory("DEMO-AUH-01", Need.HOME_CARE, "breached"),
    PlanStory("DEMO-AUH-02", Need.SPECIAL_AIDS, "warning", conference=True),
    PlanStory("DEMO-AUH-03", Need.HOME_CARE, "pending", notify=True, reply=Reply.Answer.NEEDS_TIME),
    PlanStory("DEMO-AUH-04", Need.HOUSING, "warning"),
    PlanStory("DEMO-AUH-05", Need.HOME_CARE, "warning", finished_days_ago=3),
    PlanStory("DEMO-AUH-07", Need.SIMPLE_NURSING, "pending"),
    # Klynge Randers works by the 2021 agreement: the municipality needs more time and proposes a later day
    PlanStory("DEMO-RHR-01", Need.HOME_CARE, "warning", notify=True, reply=Reply.Answer.NEEDS_TIME),
    PlanStory("DEMO-RHR-03", Need.SPECIAL_AIDS, "breached"),
    PlanStory("DEMO-HEV-01", Need.HOUSING, "pending"),
    PlanStory("DEMO-HEV-02", Need.SPECIAL_AIDS, "pending", notify=True, reply=Reply.Answer.READY),
    PlanStory("DEMO-HEV-03", Need.HOME_CARE, "breached", finished_days_ago=2),
)
DISCHARGES: tuple[DischargeStory, ...] = (
    DischargeStory("DEMO-AUH-09", 2, time(11, 0), report=True, reply=True),
    DischargeStory("DEMO-AUH-10", 1, time(14, 30), medication_changed=True),
    DischargeStory("DEMO-RHR-04", 1, time(10, 15)),
    DischargeStory("DEMO-HEV-04", 1, time(13, 0), report=True),
)

NOTES: dict[str, str] = {
    Need.SIMPLE_NURSING: "Sårskift på operationssåret hver 2. dag; plaster og forbindinger medgives.",
    Need.HOME_CARE: "Behov for hjælp til personlig pleje morgen og aften samt støttestrømper.",
    Need.SPECIAL_AIDS: "Plejeseng og lift skal være leveret og monteret inden udskrivningen.",
    Need.HOUSING: "Dørtrin skal fjernes og badeværelset ombygges til kørestol.",
}
DEMO_2008_CLUSTER = "klynge-aarhus"
DEMO_2008_FROM = date(2024, 1, 1)
NEEDS_TIME = "Hjemmeplejen kan først starte aftenbesøg to dage efter den planlagte udskrivning."


def demo_rule_sets() -> None:
    """Put the demo's 2008 cluster back on the 2008 agreement (a later adoption of 2008 wins)."""
    cluster = Organisation.objects.filter(code=DEMO_2008_CLUSTER, kind=Organisation.Kind.CLUSTER).first()
    if cluster is not None:
        RuleSetAdoption.objects.get_or_create(
            cluster=cluster, rule_set="2008", defaults={"adopted_on": DEMO_2008_FROM}
        )


def _deadline_state(*, course: Course, need: str, planned: date, now: datetime) -> str:
    due = notification_due(course=course, need=need, planned_date=planned).due
    if due.due_at <= now:
        return "breached"
    return "warning" if due.warn_at <= now else "pending"


def _planned_date(*, course: Course, need: str, wanted: str, now: datetime) -> date:
    """The first day in the coming weeks on which a plan's deadline would be in the ``wanted`` state."""
    today = local_date(now)
    for days in range(1, 45):
        planned = today + timedelta(days=days)
        if _deadline_state(course=course, need=need, planned=planned, now=now) == wanted:
            return planned
    return today + timedelta(days=7)


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _plan_load(story: PlanStory, course: Course, *, now: datetime) -> None:
    ward = demo_user(WARD_USERS[course.department.code])
    reduced = story.need != Need.SIMPLE_NURSING
    planned = _planned_date(course=course, need=story.need, wanted=story.deadline, now=now)
    plan = discharge_plan_save(
        course=course,
        functional_ability=FunctionalAbility.REDUCED if reduced else FunctionalAbility.UNCHANGED,
        need=story.need,
        planned_date=planned,
        # under the 2021 agreement the wards record the discharge time agreed with the municipality
        agreed_date=planned
        if story.notify and rule_set_needs_agreed_date(course=course, on=planned)
        else None,
        note=NOTES[story.need],
        acting_user=ward,
    )
    if story.finished_days_ago is not None:
        finished_treatment_record(
            course=course,
            finished_on=_weekday_on_or_before(local_date(now) - timedelta(days=story.finished_days_ago)),
            doctor_name="Overlæge Birgitte Holm",
            note="Færdigbehandlet; afventer kommunalt tilbud.",
            acting_user=ward,
        )
    if story.conference:
        discharge_conference_schedule(
            course=course,
            kind=DischargeConference.Kind.CONFERENCE,
            scheduled_at=local_datetime(DANISH.working_days_after(local_date(now), 1), time(10, 0)),
            participants="Borgeren, datter, visitator fra kommunen, ergoterapeut og fast kontaktperson",
            location="Samtalerummet på afsnittet",
            acting_user=ward,
        )
    visitation = demo_visitation(course.citizen.municipality.code)
    if story.notify:
        notification = discharge_notification_send(
            plan=plan,
            text=f"Forventet udskrivning {plan.planned_date:%d.%m.%Y}. {plan.note}",
            acting_user=ward,
        )
        if story.reply and visitation is not None:
            municipal_reply_send(
                course=course,
                answer=story.reply,
                reason=NEEDS_TIME if story.reply == Reply.Answer.NEEDS_TIME else "",
                ready_on=plan.planned_date + timedelta(days=2)
                if story.reply == Reply.Answer.NEEDS_TIME
                else None,
                author_phone="8940 2000",
                notification=notification,
                acting_user=visitation,
            )
            if story.reply == Reply.Answer.NEEDS_TIME and plan.agreed_date is not None:
                # the 2021 dialogue: the municipality proposes a later discharge time; the ward answers it
                discharge_time_propose(
                    course=course,
                    proposed_date=plan.agreed_date + timedelta(days=2),
                    reason=NEEDS_TIME,
                    acting_user=visitation,
                )


def _discharge_load(story: DischargeStory, course: Course, *, now: datetime) -> None:
    ward = demo_user(WARD_USERS[course.department.code])
    discharged_at = local_datetime(local_date(now) - timedelta(days=story.days_ago), story.at)
    medication = "Eliquis 5 mg x 2 i stedet for Marevan." if story.medication_changed else ""
    notice = discharge_notice_send(
        course=course,
        discharged_at=discharged_at,
        destination="Eget hjem",
        medication_changed=story.medication_changed,
        aids_handed_out="Albuestokke (udlånt af hospitalet).",
        acting_user=ward,
    )
    if story.report and course_consents_to(course=course, party="municipality"):
        discharge_report_send(
            course=course,
            functional_level="Går med albuestokke; klarer selv forflytning. Hjælp til bad.",
            nursing="Sårpleje hver 2. dag til stingfjernelse dag 14; smertestillende efter plan.",
            medication="Paracetamol 1 g x 4, Oxycodon 5 mg efter behov (højst 3 gange i døgnet).",
            aids="Albuestokke, toiletforhøjer.",
            author_phone=course.contact_phone,
            acting_user=ward,
        )
    if course.citizen.gp_practice is not None and course_consents_to(course=course, party="gp"):
        discharge_letter_send(
            course=course,
            summary="Indlagt med hoftenær fraktur; opereret med osteosyntese. Ukompliceret forløb.",
            medication_changed=story.medication_changed,
            medication=medication,
            follow_up="Stingfjernelse hos egen læge dag 14. Ambulant røntgenkontrol om 6 uger.",
            acting_user=ward,
        )
    visitation = demo_visitation(course.citizen.municipality.code)
    if story.reply and visitation is not None:
        municipal_reply_send(
            course=course,
            answer=Reply.Answer.READY,
            notice=notice,
            author_phone="8940 2000",
            acting_user=visitation,
        )


@transaction.atomic
def load(*, now: datetime) -> None:
    """Plan, notify, and discharge the demo courses that have no plan or discharge notice yet (Klynge Aarhus on
    the 2008 agreement, the others on 2021)."""
    demo_rule_sets()
    for plan_story in PLANS:
        course = demo_course(plan_story.key)
        if course is not None and not DischargePlan.objects.filter(course=course).exists():
            _plan_load(plan_story, course, now=now)
    for discharge_story in DISCHARGES:
        course = demo_course(discharge_story.key)
        if course is not None and not DischargeNotice.objects.filter(course=course).exists():
            _discharge_load(discharge_story, course, now=now)
