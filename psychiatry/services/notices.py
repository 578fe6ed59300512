"""The recipient marks a psychiatric notice read (municipal inbox, GP)."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from psychiatry.models import Notice
from sundhedsaftale.organisations.actor import actor_for


@transaction.atomic
def notice_mark_read(*, notice: Notice, acting_user: User) -> Notice:
    """Mark the notice read by its recipient (idempotent); the department's own staff do not mark it."""
    from sundhedsaftale.errors import DomainError

    actor = actor_for(user=acting_user, organisation=notice.recipient)
    if actor.acting_organisation != notice.recipient:
        raise DomainError("Kun modtageren kan kvittere for orienteringen.", status_code=403)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice
