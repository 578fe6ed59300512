"""Visibility of deadlines and alerts: through the citizen (the kernel's one rule), or the actor's own
organisations for what has no citizen and for alerts, which are addressed to an organisation."""

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from sundhedsaftale.citizens.querysets import visible_citizen_ids

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


class DeadlineQuerySet(models.QuerySet):
    citizen_path = "citizen"

    def visible_to(self, actor: "Actor") -> Self:
        if not actor.reads_personal_data:
            return self.none()
        return self.filter(
            Q(citizen__in=visible_citizen_ids(actor))
            | Q(citizen__isnull=True, responsible_id__in=actor.organisation_ids)
            | Q(citizen__isnull=True, counterpart_id__in=actor.organisation_ids)
        )

    def open(self) -> Self:
        return self.filter(state__in=("pending", "breached"))

    def for_subject(self, subject: models.Model) -> Self:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class AlertQuerySet(models.QuerySet):
    citizen_path = "deadline__citizen"

    def addressed_to(self, actor: "Actor") -> Self:
        """Alerts addressed to the actor's organisations (filtered on the alert's own, indexed organisation)."""
        return self.filter(organisation_id__in=actor.organisation_ids)

    def visible_to(self, actor: "Actor") -> Self:
        """Alerts addressed to the actor's organisations whose deadline the actor may see."""
        from sundhedsaftale.deadlines.models import Deadline

        if not actor.reads_personal_data:
            return self.none()
        return self.addressed_to(actor).filter(deadline__in=Deadline.objects.visible_to(actor).values("pk"))

    def unacknowledged(self) -> Self:
        return self.filter(acknowledged_at__isnull=True)
