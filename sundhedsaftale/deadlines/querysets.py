"""Visibility of deadlines and alerts: through the citizen (the kernel's one rule), or the actor's own
organisations for what has no citizen and for alerts, which are addressed to an organisation."""

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from sundhedsaftale.citizens.querysets import visible_citizen_ids, visible_citizen_probe

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


def deadline_visible(actor: "Actor", *, path: str = "", probe: bool) -> Q:
    """Return the condition that the actor may see the deadline at ``path`` (``""`` or ``"deadline__"``): its
    citizen is visible, or it has none (a capacity notice, a psychiatric obligation) and the actor is its
    responsible or its counterpart. ``probe`` looks the citizen's relation up row by row
    (``visible_citizen_probe``) instead of hashing all of the actor's relations first."""
    citizen = f"{path}citizen"
    seen = (
        visible_citizen_probe(actor, f"{citizen}_id")
        if probe
        else Q(**{f"{citizen}__in": visible_citizen_ids(actor)})
    )
    return (
        seen
        | Q(**{f"{citizen}__isnull": True, f"{path}responsible_id__in": actor.organisation_ids})
        | Q(**{f"{citizen}__isnull": True, f"{path}counterpart_id__in": actor.organisation_ids})
    )


class DeadlineQuerySet(models.QuerySet):
    citizen_path = "citizen"

    def visible_to(self, actor: "Actor") -> Self:
        """A municipality sees tens or hundreds of thousands of residents: its deadlines are found by probing each
        row's citizen; a hospital's or a practice's few thousand are hashed once (bench/README.md)."""
        from sundhedsaftale.organisations.models import Organisation

        if not actor.reads_personal_data:
            return self.none()
        return self.filter(
            deadline_visible(actor, probe=actor.organisation_kind == Organisation.Kind.MUNICIPALITY)
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
        """Alerts addressed to the actor's organisations whose deadline the actor may see. Most alerts addressed
        to an organisation are about citizens it sees, so the citizen is probed row by row for every actor."""
        if not actor.reads_personal_data:
            return self.none()
        return self.addressed_to(actor).filter(deadline_visible(actor, path="deadline__", probe=True))

    def unacknowledged(self) -> Self:
        return self.filter(acknowledged_at__isnull=True)
