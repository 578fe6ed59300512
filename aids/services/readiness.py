"""Ready at discharge (Krav 3): a citizen discharged while a needed aid is still not delivered raises an alert to
both parties, once per need and party; the alerts are counted in the figures."""

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from aids.events import aids_event_record
from aids.models import AidNeed, MissingAidAlert
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import actor_for

#: how far back the periodic pull looks for discharges (it runs every 5 minutes; a week covers any outage)
LOOK_BACK = timedelta(days=7)
BATCH = 500


def missing_at_discharge(*, now: datetime | None = None) -> "list[AidNeed]":
    """Open needs of citizens discharged (in the last ``LOOK_BACK``) on or after the day the aid was needed,
    without their alerts yet."""
    now = now or timezone.now()
    return list(
        AidNeed.objects.filter(
            state=AidNeed.State.OPEN,
            course__discharged_at__isnull=False,
            course__discharged_at__gte=now - LOOK_BACK,
            course__discharged_at__lte=now,
            needed_from__lte=F("course__discharged_at__date"),
            missing_alerts__isnull=True,
        ).select_related("course", "aid_type")[:BATCH]
    )


def missing_aid_alerts_raise(*, now: datetime | None = None) -> int:
    """Raise the alerts for needs missing at discharge: to the hospital side of the course, the municipality and
    the delivering organisation (each once: unique constraint). Return how many needs were alerted."""
    alerted = 0
    for need in missing_at_discharge(now=now):
        with transaction.atomic():
            parties: set[int] = {need.course.hospital_id, need.municipality_id}
            if need.delivering_organisation_id is not None:
                parties.add(need.delivering_organisation_id)
            discharged_at = need.course.discharged_at
            assert discharged_at is not None
            MissingAidAlert.objects.bulk_create(
                [
                    MissingAidAlert(need=need, organisation_id=org, discharged_at=discharged_at)
                    for org in parties
                ],
                ignore_conflicts=True,
            )
            aids_event_record(
                course=need.course,
                at=discharged_at,
                text=_("udskrevet uden %(type)s") % {"type": need.aid_type.name},
                acting_user=None,
                organisation=None,
            )
        alerted += 1
    return alerted


@transaction.atomic
def missing_aid_alert_acknowledge(*, alert: MissingAidAlert, acting_user: User) -> MissingAidAlert:
    """Acknowledge an alert addressed to the user's organisation; return it (acknowledging twice keeps the first)."""
    if not actor_for(user=acting_user).acts_for(alert.organisation_id):
        raise DomainError(_("Advarslen er til en anden organisation."), status_code=403, code="not_addressee")
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = timezone.now(), acting_user
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert
