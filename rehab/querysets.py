"""Visibility of rehabilitation records: through the course's citizen (the kernel's one rule — a receiver of a
plan holds a care relation with the citizen from the delivery on), or, for capacity notices, which carry no
citizen, through the sending and receiving organisations."""

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from admissions.querysets import CourseDataQuerySet, ToMunicipalityQuerySet

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


class PlanQuerySet(CourseDataQuerySet):
    """Plans hang on a course."""


class PlanDataQuerySet(CourseDataQuerySet):
    """Records hanging on a plan (versions, deliveries, rehab courses)."""

    citizen_path = "plan__course__citizen"


class DeliveryDataQuerySet(CourseDataQuerySet):
    """Records hanging on a delivery (first contacts)."""

    citizen_path = "delivery__plan__course__citizen"


class FinalStatusQuerySet(CourseDataQuerySet):
    citizen_path = "rehab_course__plan__course__citizen"


class PlanPdfQuerySet(CourseDataQuerySet):
    citizen_path = "version__plan__course__citizen"


class DeliveryQuerySet(PlanDataQuerySet):
    def awaiting_contact(self) -> Self:
        return self.filter(received_at__isnull=False, contacted_at__isnull=True, closed_at__isnull=True)


class AdvanceNoticeQuerySet(ToMunicipalityQuerySet):
    """The advance notice goes from the hospital side to the municipality and the therapy department named on it."""

    parties: tuple[str, ...] = ("municipality", "therapy_department")


class CapacityNoticeQuerySet(models.QuerySet):
    def visible_to(self, actor: "Actor") -> Self:
        """A capacity notice has no citizen: the sender and the receiver (a hospital unit with its departments)
        see it, and so do the cluster steering groups of either; the regional secretariat sees all."""
        if not actor.is_authenticated or actor.membership is None:
            return self.none()
        if actor.is_regional_admin:
            return self
        return self.filter(
            Q(sender_id__in=actor.party_ids)
            | Q(receiver_id__in=actor.party_ids)
            | Q(receiver__cluster_id__in=actor.organisation_ids)
            | Q(sender__cluster_id__in=actor.organisation_ids)
        )

    def short_notice(self) -> Self:
        return self.filter(is_short_notice=True)
