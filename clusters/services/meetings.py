"""Steering-group meetings (agenda, minutes, decisions followed up) and notices announced to a cluster."""

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from clusters.models import ClusterNotice, Decision, Meeting
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation


def _cluster(organisation: Organisation) -> Organisation:
    if organisation.kind != Organisation.Kind.CLUSTER:
        raise DomainError("Møder og meddelelser hører til en klynge.")
    return organisation


@transaction.atomic
def meeting_create(
    *, cluster: Organisation, held_on: date, title: str, agenda: str, user: User | None
) -> Meeting:
    """Plan a meeting; its standing items (key figures, capacity notices, aid disputes) are on every agenda."""
    return Meeting.objects.create(
        cluster=_cluster(cluster),
        held_on=held_on,
        title=title.strip(),
        agenda=agenda.strip(),
        created_by=user,
    )


@transaction.atomic
def meeting_minutes_save(*, meeting: Meeting, minutes: str) -> Meeting:
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    return meeting


@transaction.atomic
def decision_add(*, meeting: Meeting, text: str, owner: str, due_on: date) -> Decision:
    """Record a decision with its owner and due date; it stays open until followed up."""
    if due_on < meeting.held_on:
        raise DomainError("Fristen for en beslutning kan ikke ligge før mødet.", field="due_on")
    return Decision.objects.create(meeting=meeting, text=text.strip(), owner=owner.strip(), due_on=due_on)


@transaction.atomic
def decision_follow_up(*, decision: Decision, follow_up: str, done_on: date) -> Decision:
    """Record how a decision was followed up (at a later meeting)."""
    if done_on < decision.meeting.held_on:
        raise DomainError(
            "Opfølgningen kan ikke ligge før mødet, hvor beslutningen blev truffet.", field="done_on"
        )
    decision.follow_up = follow_up.strip()
    decision.done_on = done_on
    decision.save(update_fields=["follow_up", "done_on"])
    return decision


@transaction.atomic
def notice_announce(
    *,
    cluster: Organisation,
    organisation: Organisation,
    kind: str,
    title: str,
    text: str,
    valid_from: date,
    valid_until: date | None,
    user: User | None,
) -> ClusterNotice:
    """Announce a capacity notice or a temporary local change to the cluster."""
    if valid_until is not None and valid_until < valid_from:
        raise DomainError("Slutdatoen ligger før startdatoen.", field="valid_until")
    return ClusterNotice.objects.create(
        cluster=_cluster(cluster),
        organisation=organisation,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=user,
    )
