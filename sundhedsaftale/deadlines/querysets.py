"""Visibility of deadlines and alerts: through the citizen (the one rule), or the user's own organisations."""

from typing import Any

from django.db import models
from django.db.models import Q

from sundhedsaftale.access.roles import Role


def _organisation_ids(user: Any) -> set[int]:
    """The user's organisations and, for a hospital membership, its departments."""
    from clusters.selectors import membership_list, membership_organisation_ids

    return {
        pk
        for membership in membership_list(user=user)
        for pk in membership_organisation_ids(membership=membership)
    }


def _sees_everything(user: Any) -> bool:
    from clusters.selectors import membership_list

    return user.is_superuser or any(
        m.role == Role.REGIONAL_ADMIN and m.organisation.kind == "region" for m in membership_list(user=user)
    )


class DeadlineQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "DeadlineQuerySet":
        if not user.is_authenticated:
            return self.none()
        if _sees_everything(user):
            return self
        from django.apps import apps

        citizens = apps.get_model("admissions", "Citizen").objects.visible_to(user)  # type: ignore[attr-defined]
        orgs = _organisation_ids(user)
        return self.filter(
            Q(citizen__in=citizens.values("pk"))
            | Q(citizen__isnull=True, responsible_id__in=orgs)
            | Q(citizen__isnull=True, counterpart_id__in=orgs)
        )

    def open(self) -> "DeadlineQuerySet":
        return self.filter(state__in=("pending", "breached"))

    def for_subject(self, subject: models.Model) -> "DeadlineQuerySet":
        from django.contrib.contenttypes.models import ContentType

        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class AlertQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "AlertQuerySet":
        """Alerts addressed to the user's organisations; every one also passes the deadline rule."""
        if not user.is_authenticated:
            return self.none()
        from sundhedsaftale.deadlines.models import Deadline

        visible = self.filter(deadline__in=Deadline.objects.visible_to(user).values("pk"))
        if _sees_everything(user):
            return visible
        return visible.filter(organisation_id__in=_organisation_ids(user))

    def unacknowledged(self) -> "AlertQuerySet":
        return self.filter(acknowledged_at__isnull=True)
