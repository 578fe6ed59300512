"""Read use-cases for citizens and courses; every one starts from the visibility rule."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from admissions.models import (
    AdmissionNotice,
    AdmissionReport,
    Attachment,
    Consent,
    Course,
    CourseEvent,
    InformationRequest,
    Message,
    MessageRead,
    Thread,
)
from admissions.querysets import CourseQuerySet
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.querysets import CitizenQuerySet
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.templatetags.dansk import dato_tid


def citizen_list(*, actor: Actor) -> CitizenQuerySet:
    """Return the citizens the user may see, with municipality and GP."""
    return Citizen.objects.visible_to(actor).select_related("municipality", "gp_practice")


def citizen_search(*, actor: Actor, text: str, limit: int = 50) -> list[Citizen]:
    """Return at most ``limit`` visible citizens whose CPR starts with or whose name contains ``text``."""
    citizens = Citizen.objects.visible_to_for_search(actor).select_related("municipality", "gp_practice")
    return list(citizens.search(text).order_by("name")[:limit])


def citizen_get(*, actor: Actor, pk: int) -> Citizen:
    """Return the citizen if visible to the user; raise Http404 otherwise (existence is not leaked)."""
    return get_object_or_404(citizen_list(actor=actor), pk=pk)


def course_list_for_citizen(*, actor: Actor, citizen: Citizen) -> QuerySet[Course]:
    return (
        Course.objects.visible_to(actor)
        .filter(citizen=citizen)
        .select_related("hospital", "department")
        .order_by("-admitted_at")
    )


def course_consents_to(*, course: Course, party: str, at: datetime | None = None) -> bool:
    """Return whether a consent in force at ``at`` (now) lets the hospital share information on the course
    with ``party`` ("municipality" or "gp"). Without it, nothing beyond the notices is shared."""
    at = at or timezone.now()
    consents = Consent.objects.filter(course=course, given_at__lte=at).filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at)
    )
    if party == "municipality":
        return consents.filter(to_municipality=True).exists()
    if party == "gp":
        return consents.filter(to_gp=True).exists()
    return False


def course_list(*, actor: Actor) -> CourseQuerySet:
    """Return the courses the user may see, with citizen and places."""
    return Course.objects.visible_to(actor).select_related(
        "citizen__municipality", "citizen__gp_practice", "hospital", "department__parent"
    )


def course_get(*, actor: Actor, pk: int) -> Course:
    """Return the course if visible to the user; raise Http404 otherwise."""
    return get_object_or_404(course_list(actor=actor), pk=pk)


def admission_report_for(*, actor: Actor, course: Course) -> AdmissionReport | None:
    """The course's admission report (requested or received), or None when nobody asked for it yet or the user's
    organisation is not one of its parties (the hospital side and the municipality)."""
    return AdmissionReport.objects.visible_to(actor).filter(course=course).first()


def admission_notice_get(*, actor: Actor, pk: int) -> AdmissionNotice:
    return get_object_or_404(
        AdmissionNotice.objects.visible_to(actor).select_related("course__citizen"), pk=pk
    )


def consent_get(*, actor: Actor, pk: int) -> Consent:
    return get_object_or_404(Consent.objects.visible_to(actor).select_related("course__citizen"), pk=pk)


def information_request_get(*, actor: Actor, pk: int) -> InformationRequest:
    return get_object_or_404(
        InformationRequest.objects.visible_to(actor).select_related(
            "course__citizen", "sender__parent", "recipient__parent"
        ),
        pk=pk,
    )


def attachment_get(*, actor: Actor, pk: int) -> Attachment:
    """The attachment if the user may read its message (404 otherwise)."""
    return get_object_or_404(Attachment.objects.visible_to(actor).select_related("message__course"), pk=pk)


def course_deadlines(*, actor: Actor, course: Course) -> QuerySet[Deadline]:
    """Every deadline of the citizen visible to the user, from the course's admission on."""
    return (
        Deadline.objects.visible_to(actor)
        .filter(citizen_id=course.citizen_id, anchor_at__gte=course.admitted_at - timedelta(days=1))
        .select_related("responsible", "counterpart")
        .order_by("due_at")
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    title: str
    text: str
    who: str
    kind: str


# What the notices themselves tell (HospitalNotification: admitted, leave, transfer, death) and the
# municipality's own records: shown to the municipality and the GP also without consent.
NOTICE_EVENT_KINDS = frozenset(
    {
        CourseEvent.Kind.ADMITTED,
        CourseEvent.Kind.NOTICE_SENT,
        CourseEvent.Kind.NOTICE_READ,
        CourseEvent.Kind.SERVICES_PAUSED,
        CourseEvent.Kind.SERVICES_RESUMED,
        CourseEvent.Kind.CONTACT_PERSON,
        CourseEvent.Kind.LEAVE_STARTED,
        CourseEvent.Kind.LEAVE_ENDED,
        CourseEvent.Kind.TRANSFERRED,
        CourseEvent.Kind.DECEASED,
        CourseEvent.Kind.REPORT_REQUESTED,
        CourseEvent.Kind.REPORT_SUBMITTED,
    }
)


def _event_entry(event: CourseEvent) -> TimelineEntry:
    """One course event on the timeline; the areas' own events (discharge, rehabilitation, aids...) are
    written with their own words as the text, which is then the headline (never "Andet")."""
    own_words = event.kind == CourseEvent.Kind.OTHER and bool(event.text)
    organisation = event.organisation.name if event.organisation else ""
    return TimelineEntry(
        at=event.at,
        title=event.text if own_words else str(event.get_kind_display()),
        text="" if own_words else event.text,
        kind=event.kind,
        who=", ".join(p for p in (event.actor_name, organisation) if p),
    )


def course_timeline(
    *, actor: Actor, course: Course, party: str | None = None, shares: bool = True
) -> list[TimelineEntry]:
    """Return what happened on the course and every deadline, in time order (who did what, when).

    ``party`` is the viewer's side ("hospital", "municipality", "gp"); outside the hospital, without
    consent (``shares=False``) only what the notices tell and the viewer's own doings are shown, and a
    municipality or GP sees the deadlines it owes or awaits.
    """
    own = actor.party_ids
    # Correspondence shows from the messages themselves, so a party sees only the letters it sent or received
    # (the same rule as the threads), not that the hospital wrote to the other party.
    events = (
        CourseEvent.objects.visible_to(actor)
        .filter(course=course)
        .exclude(kind=CourseEvent.Kind.MESSAGE_SENT)
        .select_related("organisation")
    )
    if party not in (None, "hospital") and not shares:
        events = events.filter(Q(kind__in=NOTICE_EVENT_KINDS) | Q(organisation_id__in=own))
    entries = [_event_entry(event) for event in events]
    letters = (
        Message.objects.visible_to(actor)
        .filter(course=course)
        .select_related("thread", "sender__parent", "recipient__parent")
    )
    entries += [
        TimelineEntry(
            at=message.sent_at,
            title=str(CourseEvent.Kind.MESSAGE_SENT.label),
            text=f"{message.get_activity_display()} ({message.thread}) til {message.recipient.name}",
            kind=CourseEvent.Kind.MESSAGE_SENT,
            who=f"{message.author_name}, {message.sender}",
        )
        for message in letters
    ]
    deadlines = course_deadlines(actor=actor, course=course)
    if party not in (None, "hospital"):
        deadlines = deadlines.filter(Q(responsible_id__in=own) | Q(counterpart_id__in=own))
    for deadline in deadlines:
        entries.append(
            TimelineEntry(
                at=deadline.met_at or deadline.due_at,
                title=f"Frist: {deadline.title} ({deadline.get_state_display().lower()})",
                text=deadline.met_event or f"senest {dato_tid(deadline.due_at)}",
                who=f"Ansvarlig: {deadline.responsible.name}",
                kind=f"deadline-{deadline.urgency()}",
            )
        )
    return sorted(entries, key=lambda entry: entry.at)


def thread_list(*, actor: Actor, course: Course) -> QuerySet[Thread]:
    """The course's threads the user takes part in, each with the messages the user may read."""
    return (
        Thread.objects.visible_to(actor)
        .filter(course=course)
        .prefetch_related(Prefetch("messages", queryset=Message.objects.visible_to(actor)))
    )


def thread_get(*, actor: Actor, pk: int) -> Thread:
    return get_object_or_404(Thread.objects.visible_to(actor).select_related("course__citizen"), pk=pk)


def thread_messages(*, actor: Actor, thread: Thread) -> list[Message]:
    """The thread's messages the user may read, oldest first, with what the thread page shows of them."""
    return list(
        Message.objects.visible_to(actor)
        .filter(thread=thread)
        .select_related("sender__parent", "recipient__parent", "previous")
        .prefetch_related("attachments", "reads")
        .order_by("sent_at", "pk")
    )


def message_list_unread(*, actor: Actor, organisation: Organisation) -> QuerySet[Message]:
    """Messages to the organisation that nobody there has read yet."""
    read = MessageRead.objects.filter(message=OuterRef("pk"), organisation=organisation)
    return (
        Message.objects.visible_to(actor)
        .filter(recipient=organisation)
        .exclude(Exists(read))
        .select_related("thread", "course__citizen", "sender__parent")
        .order_by("-sent_at")
    )


@dataclass
class Inbox:
    notices: QuerySet[AdmissionNotice]
    report_requests: QuerySet[AdmissionReport]
    information_requests: QuerySet[InformationRequest]
    unread_messages: QuerySet[Message]
    places: list[Organisation] = field(default_factory=list)

    @property
    def citizen_ids(self) -> list[int]:
        ids = [n.course.citizen_id for n in self.notices]
        ids += [r.course.citizen_id for r in self.report_requests]
        ids += [r.course.citizen_id for r in self.information_requests]
        ids += [m.course.citizen_id for m in self.unread_messages]
        return ids


def inbox_for(*, actor: Actor, organisation: Organisation, place: int | None = None, days: int = 14) -> Inbox:
    """The inbox of a municipality or a GP practice: new admission notices (the municipality's unread ones and
    the last ``days`` days; for a GP the acute admissions of its listed patients, last ``days`` days), admission
    reports requested, information requests awaiting reply and unread correspondence.

    ``place`` narrows to courses at one hospital or department (the municipality's "team" filter: teams are
    organised by the hospitals they receive citizens from).
    """
    since = timezone.now() - timedelta(days=days)
    place_filter = Q()
    if place:
        place_filter = Q(course__hospital_id=place) | Q(course__department_id=place)
    related = ("course__citizen", "course__department__parent")
    # unread first, then newest: what nobody has looked at yet is on top
    if organisation.kind == Organisation.Kind.PRACTICE:
        # the GP is told of an acute admission (section 1.2.3.2); reading it is the municipality's to record
        notices = (
            AdmissionNotice.objects.visible_to(actor)
            .filter(place_filter, gp_practice=organisation, sent_at__gte=since)
            .select_related(*related)
            .order_by("-sent_at", "-pk")
        )
    else:
        notices = (
            AdmissionNotice.objects.visible_to(actor)
            .filter(place_filter, municipality=organisation)
            .filter(Q(read_at__isnull=True) | Q(sent_at__gte=since))
            .annotate(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()))
            .select_related(*related)
            .order_by("-unread", "-sent_at", "-pk")
        )
    reports = (
        AdmissionReport.objects.visible_to(actor)
        .filter(place_filter, municipality=organisation, state=AdmissionReport.State.REQUESTED)
        .select_related(*related)
        .order_by("requested_at")
    )
    # what is due first: each request with its 24-hour reply deadline (``due_at``)
    reply_due = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(InformationRequest),
        subject_id=OuterRef("pk"),
        rule_code="admission.info_reply",
    ).order_by("-created_at")
    requests = (
        InformationRequest.objects.visible_to(actor)
        .filter(place_filter, recipient=organisation, state=InformationRequest.State.OPEN)
        .annotate(due_at=Subquery(reply_due.values("due_at")[:1]))
        .select_related(*related, "sender__parent")
        .order_by(F("due_at").asc(nulls_last=True), "sent_at")
    )
    unread = message_list_unread(actor=actor, organisation=organisation).filter(place_filter)
    places = list(
        Organisation.objects.filter(kind=Organisation.Kind.HOSPITAL, is_active=True).order_by("name")
    )
    return Inbox(notices, reports, requests, unread, places)
