"""Write use-cases of deadlines: ensure (idempotent, recomputes in place), meet, cancel, acknowledge; recompute
the pending ones when the calendar changes."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from sundhedsaftale.deadlines.catalogue import calendar_for, rule_for
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rules import rule_set as rule_set_named
from sundhedsaftale.workdays import TZ, Calendar, local_date

Anchor = date | datetime
# "responsible" -> "responsible_id": compare related rows by id, without loading them
_ATTNAMES = {field.name: field.attname for field in Deadline._meta.concrete_fields}


def _anchor_moment(anchor: Anchor) -> tuple[datetime, bool]:
    if isinstance(anchor, datetime):
        return anchor, False
    return datetime(anchor.year, anchor.month, anchor.day, tzinfo=TZ), True


def deadline_ensure(
    *,
    subject: Model,
    rule_code: str,
    anchor: Anchor,
    responsible: Organisation,
    counterpart: Organisation | None = None,
    citizen: Any = None,
    rule_set: str | None = None,
) -> Deadline:
    """Create the open deadline of ``rule_code`` for ``subject``, or recompute the existing one in place.

    The rule set is the one in force in the responsible organisation's cluster on the anchor's day
    (or ``rule_set`` when the caller already chose it). Never creates a second open deadline for the
    same subject and rule (database constraint; a concurrent duplicate is caught and reused).
    """
    if rule_set:
        chosen = rule_set_named(rule_set)
        rule = chosen.rules[rule_code]
    else:
        chosen, rule = rule_for(code=rule_code, anchor=anchor, organisation=responsible)
    due = rule.compute(anchor, calendar_for(responsible))
    anchor_at, anchor_is_date = _anchor_moment(anchor)
    values = {
        "rule_set": chosen.code,
        "responsible": responsible,
        "counterpart": counterpart,
        "citizen": citizen,
        "anchor_at": anchor_at,
        "anchor_is_date": anchor_is_date,
        "due_date": due.due_date,
        "due_at": due.due_at,
        "warn_at": due.warn_at,
    }
    subject_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        existing = (
            Deadline.objects.select_for_update()
            .filter(subject_type=subject_type, subject_id=subject.pk, rule_code=rule_code)
            .open()
            .first()
        )
        if existing is None:
            try:
                with transaction.atomic():
                    return Deadline.objects.create(
                        subject_type=subject_type, subject_id=subject.pk, rule_code=rule_code, **values
                    )
            except IntegrityError:
                existing = Deadline.objects.select_for_update().get(
                    subject_type=subject_type,
                    subject_id=subject.pk,
                    rule_code=rule_code,
                    state__in=("pending", "breached"),
                )
        return _recompute(existing, values)


def _unchanged(deadline: Deadline, values: dict[str, Any]) -> bool:
    """Whether the deadline already holds ``values`` (related rows compared by id, without loading them)."""
    for field, value in values.items():
        current = getattr(deadline, _ATTNAMES[field])
        if current != (value.pk if isinstance(value, Model) else value):
            return False
    return True


def _recompute(deadline: Deadline, values: dict[str, Any]) -> Deadline:
    # The areas ensure their deadlines on every save of a plan and from periodic pulls: an unchanged
    # anchor writes nothing. A breach is of record: a moved anchor (a postponed discharge) never turns it
    # back into pending, so a breached deadline keeps the due time it was breached at.
    if deadline.state == Deadline.State.BREACHED or _unchanged(deadline, values):
        return deadline
    moved_warning = values["warn_at"] != deadline.warn_at
    for field, value in values.items():
        setattr(deadline, field, value)
    if moved_warning and deadline.warn_at > timezone.now():
        deadline.warned_at = None  # a new warning is due for the new date
    deadline.save()
    return deadline


def _breach_alerts(deadline: Deadline, at: datetime) -> None:
    """Breach alerts for both sides (the responsible and the party waiting), once each (unique constraint)."""
    organisations = {org for org in (deadline.responsible_id, deadline.counterpart_id) if org is not None}
    Alert.objects.bulk_create(
        [
            Alert(deadline=deadline, kind=Alert.Kind.BREACH, organisation_id=org, created_at=at)
            for org in organisations
        ],
        ignore_conflicts=True,
    )


def deadline_settle(
    *,
    deadline: Deadline,
    anchor: Anchor,
    met_at: datetime | None,
    event: str,
    at: datetime | None = None,
    final: bool = False,
) -> Deadline:
    """Judge an obligation against its anchor of record (the actual discharge, or a planned date moved
    earlier) and return it: met on time when ``met_at`` (the fulfilling event) is no later than the due time
    computed from ``anchor``; a breach otherwise, dated at that due time (or ``at``, if the due time is
    still ahead), with breach alerts for both sides.

    ``final`` (the anchor event happened: the citizen is discharged) settles an unmet obligation as a breach
    even when its due time is still ahead; otherwise such a deadline stays pending, recomputed. A breach is
    never rewritten (a breached or late-met deadline is returned unchanged), nor a cancelled one.
    """
    at = at or timezone.now()
    with transaction.atomic():
        deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if deadline.state in (Deadline.State.BREACHED, Deadline.State.CANCELLED) or deadline.met_late:
            return deadline
        chosen = rule_set_named(deadline.rule_set)
        rule, _guidance = chosen.rule_or_guidance(deadline.rule_code)
        due = rule.compute(anchor, calendar_for(deadline.responsible))
        deadline.anchor_at, deadline.anchor_is_date = _anchor_moment(anchor)
        deadline.due_date, deadline.due_at, deadline.warn_at = due.due_date, due.due_at, due.warn_at
        if met_at is not None and met_at <= due.due_at:
            if deadline.state == Deadline.State.PENDING:
                deadline.state, deadline.met_at, deadline.met_event = Deadline.State.MET, met_at, event[:200]
        elif met_at is None and due.due_at > at and not final:
            pass  # still running: the scan breaches it at its (new) due time unless it is met before
        else:
            deadline.breached_at = min(due.due_at, at)
            deadline.warned_at = deadline.warned_at or deadline.breached_at
            if met_at is not None:
                deadline.state, deadline.met_at, deadline.met_late = Deadline.State.MET, met_at, True
                deadline.met_event = deadline.met_event or event[:200]
            else:
                deadline.state = Deadline.State.BREACHED
            deadline.save()
            _breach_alerts(deadline, at)
            return deadline
        deadline.save()
        return deadline


def deadline_record(
    *,
    subject: Model,
    rule_code: str,
    rule_set: str,
    anchor: Anchor,
    responsible: Organisation,
    counterpart: Organisation | None,
    citizen: Any,
    kept: bool,
    at: datetime,
    event: str,
) -> Deadline:
    """Record an obligation judged by an event that has happened (no pending phase, so the scan never
    touches it): met at ``at`` when ``kept``, else a breach at ``at`` with breach alerts for both sides.
    Used for the 2021 agreement's agreed discharge time, judged at the discharge. Returns the row; a second
    call for the same subject and rule returns the recorded one unchanged."""
    chosen = rule_set_named(rule_set)
    rule = chosen.rules[rule_code]
    due = rule.compute(anchor, calendar_for(responsible))
    anchor_at, anchor_is_date = _anchor_moment(anchor)
    subject_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        existing = Deadline.objects.filter(
            subject_type=subject_type, subject_id=subject.pk, rule_code=rule_code
        ).exclude(state=Deadline.State.CANCELLED)
        if (found := existing.first()) is not None:
            return found
        deadline = Deadline.objects.create(
            subject_type=subject_type,
            subject_id=subject.pk,
            rule_code=rule_code,
            rule_set=chosen.code,
            responsible=responsible,
            counterpart=counterpart,
            citizen=citizen,
            anchor_at=anchor_at,
            anchor_is_date=anchor_is_date,
            due_date=due.due_date,
            due_at=due.due_at,
            warn_at=due.warn_at,
            warned_at=at,
            state=Deadline.State.MET if kept else Deadline.State.BREACHED,
            met_at=at if kept else None,
            met_event=event[:200] if kept else "",
            breached_at=None if kept else at,
        )
        if not kept:
            _breach_alerts(deadline, at)
        return deadline


def deadline_meet(
    *, subject: Model, rule_code: str, at: datetime | None = None, event: str, user: "User | None" = None
) -> Deadline | None:
    """Record that the open deadline was met by ``event`` at ``at``; late if after its due time.

    Returns the deadline, or None if there was no open one (meeting twice is harmless).
    """
    at = at or timezone.now()
    with transaction.atomic():
        deadline = (
            Deadline.objects.select_for_update()
            .for_subject(subject)
            .filter(rule_code=rule_code)
            .open()
            .first()
        )
        if deadline is None:
            return None
        deadline.met_late = at > deadline.due_at
        if deadline.met_late and deadline.breached_at is None:
            deadline.breached_at = deadline.due_at
        deadline.state = Deadline.State.MET
        deadline.met_at = at
        deadline.met_event = event[:200]
        deadline.met_by = user if user is not None and user.is_authenticated else None
        deadline.save()
        # Open alerts about a met deadline are settled by the event itself.
        deadline.alerts.filter(acknowledged_at__isnull=True).update(acknowledged_at=at)
        return deadline


def deadline_cancel(*, subject: Model, rule_code: str | None = None, reason: str) -> int:
    """Cancel the subject's pending deadlines (all, or one rule's) that became moot; return how many.

    Only an obligation not yet due can become moot (death, transfer, a cancelled course): a breach is never
    cancelled by anything (it stays in the figures), a met one is settled already, and one whose due time
    has passed unmet is left to the scan, which records the breach.
    """
    now = timezone.now()
    deadlines = Deadline.objects.for_subject(subject).filter(state=Deadline.State.PENDING, due_at__gt=now)
    if rule_code:
        deadlines = deadlines.filter(rule_code=rule_code)
    with transaction.atomic():
        ids = list(deadlines.select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        Deadline.objects.filter(pk__in=ids).update(
            state=Deadline.State.CANCELLED, cancelled_at=now, cancel_reason=reason[:200]
        )
        # Open alerts about a cancelled deadline (its warnings) are settled with it.
        Alert.objects.filter(deadline_id__in=ids, acknowledged_at__isnull=True).update(acknowledged_at=now)
    return len(ids)


def alert_acknowledge(*, alert: Alert, acting_user: "User") -> Alert:
    """Acknowledge the alert (idempotent: the first acknowledgement is kept); return it."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if alert.acknowledged_at is None:
            alert.acknowledged_at = timezone.now()
            alert.acknowledged_by = acting_user
            alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert


def alert_assign_to_me(*, alert: Alert, acting_user: "User") -> Alert:
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        alert.assigned_to = acting_user
        alert.save(update_fields=["assigned_to"])
    return alert


def deadlines_recompute_pending(*, responsible_ids: Iterable[int] | None = None) -> int:
    """Recompute the due and warning times of the pending deadlines (of the ``responsible_ids``; all when None)
    by the calendar as it is now: after a region switched a calendar convention or an organisation's closed
    days changed. A deadline that moved is saved (audited); a warning already given stays given, and one now
    past due is breached by the next scan. Met, breached and cancelled deadlines keep the times they were
    judged by. Returns how many moved."""
    pending = Deadline.objects.filter(state=Deadline.State.PENDING).select_related("responsible")
    if responsible_ids is not None:
        pending = pending.filter(responsible_id__in=list(responsible_ids))
    calendars: dict[int, Calendar] = {}
    moved = 0
    for deadline in pending.order_by("pk").iterator(chunk_size=2000):
        if deadline.responsible_id not in calendars:
            calendars[deadline.responsible_id] = calendar_for(deadline.responsible)
        rule = rule_set_named(deadline.rule_set).rules.get(deadline.rule_code)
        if rule is None:  # a rule no longer in its set: nothing to compute it by
            continue
        anchor = local_date(deadline.anchor_at) if deadline.anchor_is_date else deadline.anchor_at
        due = rule.compute(anchor, calendars[deadline.responsible_id])
        if (due.due_at, due.warn_at) == (deadline.due_at, deadline.warn_at):
            continue
        deadline.due_date, deadline.due_at, deadline.warn_at = due.due_date, due.due_at, due.warn_at
        deadline.save(update_fields=["due_date", "due_at", "warn_at", "updated_at"])
        moved += 1
    return moved
