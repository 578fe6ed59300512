"""Write use-cases of the access log."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from sundhedsaftale.access.models import AccessLog


def access_log_record(*, request: Any, citizen_ids: Iterable[int], what: str, action: str) -> int:
    """Record one read per citizen shown to the requesting user; return the number of rows written.

    ``request`` is a Django or DRF request: its user and active membership (``request.membership``)
    say who read and for which organisation.
    """
    ids = list(dict.fromkeys(i for i in citizen_ids if i is not None))
    if not ids:
        return 0
    user = request.user
    membership = getattr(request, "membership", None)
    if membership is None:
        membership = getattr(getattr(request, "_request", None), "membership", None)
    now = timezone.now()
    rows = [
        AccessLog(
            at=now,
            user_id=user.pk,
            username=user.get_username(),
            organisation_id=membership.organisation_id if membership else None,
            role=membership.role if membership else ("superuser" if user.is_superuser else ""),
            citizen_id=citizen_id,
            action=action,
            what=what[:200],
        )
        for citizen_id in ids
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)
