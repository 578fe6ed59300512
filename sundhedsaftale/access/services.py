"""Write use-cases of the access log."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.organisations.actor import actor_of


def access_log_record(
    *, request: Any, citizen_ids: Iterable[int | None], what: str, action: str, purpose: str = ""
) -> int:
    """Record one read per citizen shown to the requesting user; return the number of rows written.

    ``request`` is a Django or DRF request: its actor says who read, in which membership and for which
    organisation (the membership whose care relations granted the read); ``purpose`` is the stated reason of a
    look-up outside a care relation (an access request, a complaint).
    """
    ids = list(dict.fromkeys(i for i in citizen_ids if i is not None))
    if not ids:
        return 0
    actor = actor_of(request)
    user = request.user
    membership = actor.membership
    now = timezone.now()
    rows = [
        AccessLog(
            at=now,
            user_id=user.pk,
            username=user.get_username(),
            membership_id=membership.pk if membership else None,
            organisation_id=membership.organisation_id if membership else None,
            role=membership.role if membership else ("superuser" if user.is_superuser else ""),
            citizen_id=citizen_id,
            action=action,
            what=what[:200],
            purpose=purpose[:300],
        )
        for citizen_id in ids
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)
