from datetime import datetime

from django.utils import timezone

from sundhedsaftale.ops.models import Heartbeat


def heartbeat_record(*, name: str, at: datetime | None = None) -> Heartbeat:
    """Record that ``name`` is alive now; return the heartbeat row."""
    heartbeat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"at": at or timezone.now()})
    return heartbeat
