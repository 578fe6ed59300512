"""Read use-cases of rehabilitation; every one starts from the visibility rule."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from admissions.models import Course
from rehab.models import AdvanceNotice, CapacityNotice, Delivery, FinalStatus, Plan, PlanVersion, RehabCourse
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date, local_datetime


def plan_list(*, actor: Actor) -> QuerySet[Plan]:
    return Plan.objects.visible_to(actor).select_related(
        "course__citizen", "course__department", "course__hospital"
    )


def ward_course_list(*, actor: Actor, limit: int = 200) -> list[Course]:
    """Return the newest courses (not cancelled) of the user's departments with their rehab plans."""
    return list(
        Course.objects.visible_to(actor)
        .filter(department_id__in=actor.organisation_ids)
        .exclude(state__in=["cancelled"])
        .select_related("citizen", "department")
        .prefetch_related("rehab_plans")
        .order_by("-admitted_at")[:limit]
    )


def plan_get(*, actor: Actor, pk: int) -> Plan:
    """Return the plan if visible to the user; Http404 otherwise (existence is not leaked)."""
    return get_object_or_404(plan_list(actor=actor), pk=pk)


def version_get(*, actor: Actor, plan_pk: int, number: int) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.visible_to(actor).select_related("plan__course__citizen"),
        plan_id=plan_pk,
        number=number,
    )


def plan_list_for_course(*, actor: Actor, course: Course) -> QuerySet[Plan]:
    return plan_list(actor=actor).filter(course=course).prefetch_related("versions")


def delivery_get(*, actor: Actor, pk: int) -> Delivery:
    return get_object_or_404(
        Delivery.objects.visible_to(actor).select_related("plan__course__citizen", "organisation", "version"),
        pk=pk,
    )


def inbox_list(*, actor: Actor, include_closed: bool = False) -> QuerySet[Delivery]:
    """Return the plans sent to the user's municipality or hospital, the open ones first and sorted by their
    first-contact deadline (not yet received plans first: the clock starts on receipt; copies without a clock
    and contacted plans last), each annotated with
    ``contact_due_at`` and ``contact_deadline_state``."""
    deliveries = Delivery.objects.visible_to(actor).filter(organisation_id__in=actor.party_ids)
    if not include_closed:
        deliveries = deliveries.filter(closed_at__isnull=True)
    deadline = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Delivery),
        subject_id=OuterRef("pk"),
        rule_code="rehab.first_contact",
    ).order_by("-created_at")
    rows: QuerySet[Delivery] = deliveries.exclude(recipient=Delivery.Recipient.CITIZEN)
    return (
        rows.annotate(
            contact_due_at=Subquery(deadline.values("due_at")[:1]),
            contact_deadline_state=Subquery(deadline.values("state")[:1]),
        )
        .select_related(
            "plan__course__citizen", "plan__course__department__parent", "version", "organisation"
        )
        .order_by(
            F("contacted_at").asc(nulls_first=True),
            "-is_responsible",
            F("contact_due_at").asc(nulls_first=True),
            "sent_at",
            "pk",
        )
    )


def inbox_narrow(
    rows: QuerySet[Delivery],
    *,
    received: str = "",
    plan_type: str = "",
    sent_from: datetime | None = None,
    sent_before: datetime | None = None,
) -> QuerySet[Delivery]:
    """The inbox's rows narrowed by the page's filters: ``received`` "ikke" (not yet acknowledged) or
    "kvitteret", the plan's type, and sent in ``sent_from..sent_before``."""
    if received == "ikke":
        rows = rows.filter(received_at__isnull=True)
    elif received == "kvitteret":
        rows = rows.filter(received_at__isnull=False)
    if plan_type:
        rows = rows.filter(version__plan_type=plan_type)
    if sent_from is not None:
        rows = rows.filter(sent_at__gte=sent_from)
    if sent_before is not None:
        rows = rows.filter(sent_at__lt=sent_before)
    return rows


def inbox_counts(*, actor: Actor, organisation_ids: list[int], now: datetime) -> dict[str, int]:
    """Return the counts of the organisations' open received plans: ``not_received``, ``awaiting_contact``
    (the responsible receiver has not contacted the citizen) and ``contact_overdue`` (past the deadline)."""
    deliveries = inbox_list(actor=actor).filter(organisation_id__in=organisation_ids)
    awaiting = Q(contacted_at__isnull=True, is_responsible=True)
    return deliveries.aggregate(
        not_received=Count("pk", filter=Q(received_at__isnull=True)),
        awaiting_contact=Count("pk", filter=awaiting),
        contact_overdue=Count("pk", filter=awaiting & Q(contact_due_at__lt=now)),
    )


def unsent_plan_count(*, actor: Actor, organisation: Organisation) -> int:
    """Return how many plans of the ward (a department, or a hospital with its departments) are not sent yet
    while the citizen is still admitted."""
    plans = plan_list(actor=actor).filter(sent_at__isnull=True, course__discharged_at__isnull=True)
    if organisation.kind == Organisation.Kind.HOSPITAL:
        return plans.filter(course__hospital=organisation).count()
    return plans.filter(course__department=organisation).count()


def advance_notice_list(*, actor: Actor, course: Course) -> QuerySet[AdvanceNotice]:
    """Return the advance notices of the course the user may see, newest first."""
    return (
        AdvanceNotice.objects.visible_to(actor)
        .filter(course=course)
        .select_related("municipality", "therapy_department__parent")
    )


def deadlines_for(*, subject: Any) -> QuerySet[Deadline]:
    return Deadline.objects.for_subject(subject).order_by("created_at")


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime | date
    title: str
    detail: str = ""
    kind: str = "event"


def _day(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value
    return local_datetime(value, time(12, 0))


def citizen_rehab_timeline(*, actor: Actor, citizen: Citizen) -> list[TimelineEntry]:
    """Return the citizen's rehabilitation events (plans, versions, sending, receipt, contacts, free choice,
    rehab courses, final status, advance notices), oldest first."""
    entries: list[TimelineEntry] = []
    plans = (
        plan_list(actor=actor)
        .filter(course__citizen=citizen)
        .prefetch_related(
            "versions", "deliveries__organisation", "deliveries__first_contact", "rehab_courses"
        )
    )
    for plan in plans:
        for version in plan.versions.all():
            if version.finalised_at:
                entries.append(
                    TimelineEntry(
                        version.finalised_at,
                        f"Genoptræningsplan v{version.number} færdiggjort",
                        version.get_plan_type_display(),
                        "plan",
                    )
                )
        for delivery in plan.deliveries.all():
            who = delivery.organisation or delivery.get_recipient_display()
            verb = "Videresendt til" if delivery.forwarded_from_id else "Sendt til"
            entries.append(TimelineEntry(delivery.sent_at, f"{verb} {who}", delivery.consent_note, "send"))
            if delivery.received_at and not delivery.forwarded_from_id:
                entries.append(TimelineEntry(delivery.received_at, f"Modtaget af {who}", "", "receive"))
            contact = getattr(delivery, "first_contact", None)
            if contact is not None:
                entries.append(
                    TimelineEntry(
                        contact.contacted_at,
                        f"Borgeren kontaktet af {who}",
                        f"{contact.get_method_display()}; {contact.offer_place}",
                        "contact",
                    )
                )
            if delivery.declined:
                entries.append(
                    TimelineEntry(
                        delivery.closed_at or delivery.sent_at,
                        f"Afvist af {who}",
                        delivery.closed_reason,
                        "decline",
                    )
                )
        for rehab_course in plan.rehab_courses.all():
            entries.append(
                TimelineEntry(
                    rehab_course.started_on,
                    f"{rehab_course.get_level_display()} genoptræning startet",
                    rehab_course.provider_name,
                    "course",
                )
            )
            if rehab_course.ended_on:
                entries.append(
                    TimelineEntry(
                        rehab_course.ended_on,
                        f"{rehab_course.get_level_display()} genoptræning afsluttet",
                        rehab_course.provider_name,
                        "course",
                    )
                )
    for status in FinalStatus.objects.visible_to(actor).filter(rehab_course__plan__course__citizen=citizen):
        entries.append(
            TimelineEntry(status.sent_at, "Slutstatus sendt til kommunen", status.summary[:120], "status")
        )
    for notice in AdvanceNotice.objects.visible_to(actor).filter(course__citizen=citizen):
        entries.append(
            TimelineEntry(
                notice.sent_at,
                "Varsel om forventet genoptræning",
                f"{notice.diagnosis_code} {notice.operation_type}",
                "notice",
            )
        )
    return sorted(entries, key=lambda entry: _day(entry.at))


def discharge_day(*, plan: Plan) -> date | None:
    """The day the citizen was discharged (the course), or the plan's discharge date (item 5b)."""
    if plan.course.discharged_at is not None:
        return local_date(plan.course.discharged_at)
    final = plan.final
    return final.discharge_date if final else None


def rehab_waiting_days(*, rehab_course: RehabCourse) -> int | None:
    """Return the waiting time in days: from discharge to the start of rehab, minus the medically required
    healing period (agreement 3.3), never below 0; ``None`` while the discharge day is unknown."""
    discharged = discharge_day(plan=rehab_course.plan)
    if discharged is None:
        return None
    return max(0, (rehab_course.started_on - discharged).days - rehab_course.healing_days)


def capacity_notice_list(*, actor: Actor) -> QuerySet[CapacityNotice]:
    return CapacityNotice.objects.visible_to(actor).select_related("sender", "receiver")
