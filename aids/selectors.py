"""Read use-cases of the aids area. Every one that returns citizen data starts from the visibility rule
(``visible_to(actor)``); the figures (``aids.figures``) return numbers only."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from admissions.models import Course
from aids.models import AidNeed, CapacityNote, Depot, Dispute, Loan, MissingAidAlert
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation

_NEED_RELATED = ("course__citizen", "course__hospital", "aid_type", "delivering_organisation", "municipality")


def need_get(*, actor: Actor, pk: int) -> AidNeed:
    """The need (404 when missing or not visible: foreign and missing alike)."""
    return get_object_or_404(AidNeed.objects.visible_to(actor).select_related(*_NEED_RELATED), pk=pk)


def needs_for_course(*, actor: Actor, course: Course) -> QuerySet[AidNeed]:
    return (
        AidNeed.objects.visible_to(actor)
        .filter(course=course)
        .select_related(*_NEED_RELATED)
        .prefetch_related("loans", "disputes")
        .order_by("-fast_track", "needed_from", "pk")
    )


def courses_admitted(*, actor: Actor) -> QuerySet[Course]:
    """The admitted courses at the actor's hospital unit or department (where the ward registers aid needs),
    soonest admitted last."""
    return (
        Course.objects.visible_to(actor)
        .filter(discharged_at__isnull=True)
        .filter(Q(hospital_id__in=actor.party_ids) | Q(department_id__in=actor.party_ids))
        .select_related("citizen")
        .order_by("-admitted_at", "pk")
    )


def worklist(*, actor: Actor, include_done: bool = False) -> QuerySet[AidNeed]:
    """The needs the actor's organisation must deliver or waits for, most urgent first: terminal patients' fast
    track on top, then by the date needed. A municipality sees its citizens' needs; the hospital side the needs
    of its courses and those it delivers (another region's patients borrowing from their local hospital)."""
    rows = AidNeed.objects.visible_to(actor).filter(
        Q(delivering_organisation_id__in=actor.party_ids)
        | Q(municipality_id__in=actor.party_ids)
        | Q(course__hospital_id__in=actor.party_ids)
    )
    if not include_done:
        rows = rows.filter(state=AidNeed.State.OPEN)
    return rows.select_related(*_NEED_RELATED).order_by("-fast_track", "needed_from", "pk")


@dataclass
class ReadyRow:
    """One citizen with a planned discharge: the needs due by then and those that will not be there."""

    course: Course
    planned_date: date
    needs: list[AidNeed] = field(default_factory=list)
    missing: list[AidNeed] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.missing


def need_ready_by(need: AidNeed, day: date) -> bool:
    """Whether the need is (or will be) covered on ``day``: delivered, cancelled, not needed yet, or expected
    to be delivered by then."""
    if need.state != AidNeed.State.OPEN or need.needed_from > day:
        return True
    return need.expected_delivery_on is not None and need.expected_delivery_on <= day


def ready_at_discharge(*, actor: Actor, today: date) -> list[ReadyRow]:
    """For every citizen with a planned discharge from ``today`` on (course not yet discharged) and an aid need
    the actor's organisation is a party to: whether every needed aid is delivered or will be by the discharge
    date; the least ready (then the soonest) first."""
    needs = (
        worklist(actor=actor, include_done=True)
        .filter(
            course__discharged_at__isnull=True,
            course__discharge_plan__planned_date__gte=today,
        )
        .exclude(state=AidNeed.State.CANCELLED)
        .select_related("course__discharge_plan")
    )
    rows: dict[int, ReadyRow] = {}
    for need in needs:
        planned = need.course.discharge_plan.planned_date
        row = rows.setdefault(need.course_id, ReadyRow(course=need.course, planned_date=planned))
        row.needs.append(need)
        if not need_ready_by(need, planned):
            row.missing.append(need)
    return sorted(rows.values(), key=lambda row: (row.ready, row.planned_date, row.course.pk))


def loan_get(*, actor: Actor, pk: int) -> Loan:
    return get_object_or_404(
        Loan.objects.visible_to(actor).select_related(
            "need__course__citizen", "need__course__hospital", "aid_type", "lender", "depot"
        ),
        pk=pk,
    )


def loans_out(*, actor: Actor) -> QuerySet[Loan]:
    """Items the actor's organisation has lent and not got back, follow-ups soonest first."""
    return (
        Loan.objects.visible_to(actor)
        .filter(lender_id__in=actor.party_ids, returned_at__isnull=True)
        .select_related("need__course__citizen", "aid_type", "depot")
        .order_by("follow_up_on", "delivered_at", "pk")
    )


def dispute_get(*, actor: Actor, pk: int) -> Dispute:
    return get_object_or_404(
        Dispute.objects.visible_to(actor).select_related(
            "need__course__citizen", "need__aid_type", "interim_organisation", "opened_by_organisation"
        ),
        pk=pk,
    )


def disputes_open(*, actor: Actor) -> QuerySet[Dispute]:
    return (
        Dispute.objects.visible_to(actor)
        .filter(state=Dispute.State.OPEN)
        .select_related("need__course__citizen", "need__aid_type", "interim_organisation")
        .order_by("opened_at", "pk")
    )


def missing_alerts(*, actor: Actor, include_acknowledged: bool = False) -> QuerySet[MissingAidAlert]:
    """The alerts for aids missing at discharge addressed to the actor's organisation, newest first."""
    rows = MissingAidAlert.objects.visible_to(actor).filter(organisation_id__in=actor.party_ids)
    if not include_acknowledged:
        rows = rows.filter(acknowledged_at__isnull=True)
    return rows.select_related("need__course__citizen", "need__aid_type")


def depots(*, actor: Actor) -> QuerySet[Depot]:
    return (
        Depot.objects.visible_to(actor).select_related("organisation").order_by("organisation__name", "name")
    )


def own_depots(*, actor: Actor) -> QuerySet[Depot]:
    return Depot.objects.filter(organisation_id__in=actor.party_ids).order_by("name")


def capacity_notes(*, actor: Actor, limit: int = 100) -> QuerySet[CapacityNote]:
    return CapacityNote.objects.visible_to(actor).select_related("organisation", "depot")[:limit]


def lending_organisations(*, actor: Actor) -> list[Organisation]:
    """The organisations whose depots the actor may lend from (its own)."""
    return list(Organisation.objects.filter(pk__in=actor.party_ids).order_by("name"))
