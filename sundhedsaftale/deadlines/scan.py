"""The beat scan: turn passed warning and due times into alerts, exactly once, in bounded batches.

Safe to run twice or concurrently: on PostgreSQL each phase locks its batch with
``SELECT ... FOR UPDATE SKIP LOCKED`` so concurrent scanners take disjoint rows, and everywhere the
state filter on the update plus the unique constraint on (deadline, kind, organisation) make a
repeated run a no-op.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from sundhedsaftale.deadlines.catalogue import calendar_for
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.organisations.models import Membership
from sundhedsaftale.templatetags.dansk import dato_tid
from sundhedsaftale.workdays import DANISH, Calendar, local_date, local_datetime, to_local

# 500 rows per phase: one tick that breaches 500 deadlines (1,000 alerts) took a median 64 ms on
# PostgreSQL with 50,000 open deadlines on a loaded 2-core machine (bench/README.md); the tick time grows
# with the batch (1,000 rows: 112 ms), and a backlog of thousands drains through re-enqueued ticks in
# well under a second.
BATCH_SIZE = 500


@dataclass(frozen=True)
class ScanResult:
    breached: int = 0
    warned: int = 0
    escalated: int = 0

    def more(self, batch_size: int) -> bool:
        return max(self.breached, self.warned, self.escalated) >= batch_size


def _locked(queryset: QuerySet) -> QuerySet:
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def _alerts(ids: list[int], kind: str, now: datetime) -> None:
    """Insert one ``kind`` alert per deadline and organisation (responsible, and counterpart if any).

    One ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` (PostgreSQL and SQLite alike): the unique
    constraint on (deadline, kind, organisation) makes a repeated or concurrent insert a no-op, and no
    model instances are built (building 1,000 of them cost more than the SQL; bench/README.md).
    """
    alert, deadline = Alert._meta.db_table, Deadline._meta.db_table
    placeholders = ", ".join(["%s"] * len(ids))
    # bandit B608: the table names come from the models' Meta, every value is a bound parameter
    sql = (
        f"INSERT INTO {alert} (deadline_id, kind, organisation_id, created_at) "  # nosec B608
        f"SELECT id, %s, responsible_id, %s FROM {deadline} WHERE id IN ({placeholders}) "
        f"UNION ALL "
        f"SELECT id, %s, counterpart_id, %s FROM {deadline} WHERE id IN ({placeholders}) "
        f"AND counterpart_id IS NOT NULL AND counterpart_id <> responsible_id "
        f"ON CONFLICT DO NOTHING"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(kind), at, *ids, str(kind), at, *ids])


def _breaches(now: datetime, batch_size: int) -> int:
    with transaction.atomic():
        due = Deadline.objects.filter(state=Deadline.State.PENDING, due_at__lte=now).order_by("due_at")
        ids = list(_locked(due).values_list("pk", flat=True)[:batch_size])
        if not ids:
            return 0
        # A warning after the breach would be noise: the breach marks the warning as done too.
        Deadline.objects.filter(pk__in=ids, state=Deadline.State.PENDING).update(
            state=Deadline.State.BREACHED, breached_at=now, warned_at=Coalesce("warned_at", Value(now))
        )
        _alerts(ids, Alert.Kind.BREACH, now)
        return len(ids)


def _warnings(now: datetime, batch_size: int) -> int:
    with transaction.atomic():
        # Deadlines already past due are left to the breach phase (next batch), never warned late.
        warn = Deadline.objects.filter(
            state=Deadline.State.PENDING, warned_at__isnull=True, warn_at__lte=now, due_at__gt=now
        ).order_by("warn_at")
        ids = list(_locked(warn).values_list("pk", flat=True)[:batch_size])
        if not ids:
            return 0
        Deadline.objects.filter(pk__in=ids, warned_at__isnull=True).update(warned_at=now)
        _alerts(ids, Alert.Kind.WARNING, now)
        return len(ids)


def escalation_due_at(breach_created_at: datetime, calendar: Calendar = DANISH) -> datetime:
    """A breach not acknowledged within a working day escalates: same clock time, the alerted organisation's
    next working day (its region's conventions and its own closed days: ``calendar``)."""
    local = to_local(breach_created_at)
    return local_datetime(calendar.working_days_after(local_date(local), 1), local.time())


def _escalations(now: datetime, batch_size: int) -> int:
    with transaction.atomic():
        escalated = Alert.objects.filter(
            deadline=OuterRef("deadline"), organisation=OuterRef("organisation"), kind=Alert.Kind.ESCALATION
        )
        candidates = (
            Alert.objects.filter(
                kind=Alert.Kind.BREACH, acknowledged_at__isnull=True, created_at__lte=now - timedelta(days=1)
            )
            .exclude(Exists(escalated))
            .order_by("created_at")
        )
        calendars: dict[int, Calendar] = {}  # one per alerted organisation in the batch
        due = []
        for alert in _locked(candidates.select_related("organisation"))[:batch_size]:
            if alert.organisation_id not in calendars:
                calendars[alert.organisation_id] = calendar_for(alert.organisation)
            if escalation_due_at(alert.created_at, calendars[alert.organisation_id]) <= now:
                due.append(alert)
        Alert.objects.bulk_create(
            [
                Alert(
                    deadline_id=a.deadline_id,
                    kind=Alert.Kind.ESCALATION,
                    organisation_id=a.organisation_id,
                    created_at=now,
                )
                for a in due
            ],
            ignore_conflicts=True,
        )
        return len(due)


def scan_due(*, now: datetime, batch_size: int = BATCH_SIZE) -> ScanResult:
    """Run one tick: record breaches, then warnings, then escalations; return how many of each."""
    return ScanResult(
        breached=_breaches(now, batch_size),
        warned=_warnings(now, batch_size),
        escalated=_escalations(now, batch_size),
    )


def alerts_notify(*, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """E-mail the members of each alerted organisation (the leads for escalations), once per alert.

    The mail names the rule and links to the inbox, never the citizen: e-mail is not a safe channel
    for personal data. The alerts are marked notified in the transaction that holds them locked, after the
    mails went: a mail server that fails (or a worker killed while sending) leaves them for the next run,
    rather than marked and never sent.
    """
    with transaction.atomic():
        pending = _locked(Alert.objects.filter(notified_at__isnull=True).order_by("pk"))
        alerts = list(pending.select_related("deadline", "organisation")[:batch_size])
        if not alerts:
            return 0
        send_mass_mail(_alert_mails(alerts), fail_silently=False)
        Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(notified_at=now)
    return len(alerts)


def _alert_mails(alerts: list[Alert]) -> list[tuple[str, str, str, list[str]]]:
    """One mail per alert to the organisation's members with an e-mail address (its leads for escalations)."""
    members = Membership.objects.filter(
        organisation_id__in={a.organisation_id for a in alerts}
    ).select_related("user")
    recipients: dict[tuple[int, bool], list[str]] = {}
    for membership in members:
        if membership.user.email and membership.user.is_active:
            recipients.setdefault((membership.organisation_id, False), []).append(membership.user.email)
            if membership.is_lead:
                recipients.setdefault((membership.organisation_id, True), []).append(membership.user.email)
    inbox = reverse("alert-inbox")
    messages = []
    for alert in alerts:
        to = recipients.get((alert.organisation_id, alert.kind == Alert.Kind.ESCALATION), [])
        if not to:
            continue
        subject = f"[Sundhedsaftale] {alert.get_kind_display()}: {alert.deadline.title}"
        body = (
            f"{alert.get_kind_display()} for {alert.organisation.name}.\n"
            f"Frist: {alert.deadline.title}, senest {dato_tid(alert.deadline.due_at)}.\n"
            f"Se indbakken: {inbox}\n"
        )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(to))))
    return messages
