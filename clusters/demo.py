"""Demo data of the clusters, after every area's: the key-figure cells built from the demo courses, a
steering-group meeting of Klynge Aarhus with a decision to follow up, and a capacity notice from Aarhus."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from admissions.demo import demo_user
from clusters.keyfigures.refresh import keyfigures_refresh
from clusters.models import ClusterNotice, Meeting
from clusters.services import decision_add, meeting_create, notice_announce
from sundhedsaftale.deadlines.scan import scan_due
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date


@transaction.atomic
def load(*, now: datetime) -> None:
    """Idempotent: the meeting and the notice are made once; the cells are refreshed every time."""
    today = local_date(now)
    cluster = Organisation.objects.get(code="klynge-aarhus")
    steering = demo_user("styregruppe.aarhus")
    if not Meeting.objects.filter(cluster=cluster).exists():
        meeting = meeting_create(
            cluster=cluster,
            held_on=today - timedelta(days=30),
            title="Klyngestyregruppemøde",
            agenda="Samarbejdet om udskrivning af svage ældre i weekenden.",
            user=steering,
        )
        decision_add(
            meeting=meeting,
            text="Hospitalet og kommunerne gennemgår sammen forløb med mere end 5 færdigbehandlede sengedage.",
            owner="AUH og Aarhus Kommune",
            due_on=today + timedelta(days=60),
        )
    if not ClusterNotice.objects.filter(cluster=cluster).exists():
        notice_announce(
            cluster=cluster,
            organisation=Organisation.objects.get(code="751"),
            kind=ClusterNotice.Kind.CAPACITY,
            title="Midlertidigt færre pladser på midlertidige ophold",
            text="Aarhus Kommune har 10 færre aflastningspladser de næste 14 dage på grund af renovering.",
            valid_from=today,
            valid_until=today + timedelta(days=14),
            user=None,
        )
    # the deadlines the demo data has let pass are settled first, so the figures count them
    scan_due(now=timezone.now())
    keyfigures_refresh()
