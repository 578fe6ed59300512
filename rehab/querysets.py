"""Visibility of rehabilitation records: through the course's citizen (the one rule), or, for capacity
notices, which carry no citizen, through the sending and receiving organisations."""

from typing import Any

from django.db import models
from django.db.models import Q

from admissions.querysets import CourseDataQuerySet, ToMunicipalityQuerySet


def _receiver_ids(user: Any) -> set[int]:
    """The organisations the user receives plans for (a hospital membership covers its departments)."""
    from clusters.selectors import membership_list
    from sundhedsaftale.access.roles import ROLES_WITHOUT_PERSONAL_DATA

    ids: set[int] = set()
    for membership in membership_list(user=user):
        if membership.role in ROLES_WITHOUT_PERSONAL_DATA:
            continue
        ids.add(membership.organisation_id)
        if membership.organisation.kind == "department" and membership.organisation.parent_id:
            ids.add(membership.organisation.parent_id)
    return ids


class ReceivedPlanDataQuerySet(CourseDataQuerySet):
    """The one rule (through the course's citizen), widened by the receiving party's right: a plan sent to an
    organisation is visible to it, even when the citizen has no stay there (a specialised hospital chosen under
    free choice, another municipality). ``plan_path`` leads from a row to its plan's id."""

    plan_path = "plan_id"

    def visible_to(self, user: Any) -> "ReceivedPlanDataQuerySet":
        from admissions.models import Citizen
        from admissions.querysets import citizen_scope
        from rehab.models import Delivery

        condition = citizen_scope(user)
        if condition is None:
            return self
        visible = Q(**{f"{self.citizen_path}__in": Citizen.objects.filter(condition).values("pk")})
        receiver = _receiver_ids(user) if user.is_authenticated else set()
        if receiver:
            sent = Delivery.objects.filter(organisation_id__in=receiver).values("plan_id")
            visible |= Q(**{f"{self.plan_path}__in": sent})
        return self.filter(visible)


class PlanQuerySet(ReceivedPlanDataQuerySet):
    """Plans hang on a course."""

    plan_path = "pk"


class PlanDataQuerySet(ReceivedPlanDataQuerySet):
    """Records hanging on a plan (versions, deliveries, rehab courses)."""

    citizen_path = "plan__course__citizen"


class DeliveryDataQuerySet(ReceivedPlanDataQuerySet):
    """Records hanging on a delivery (first contacts)."""

    citizen_path = "delivery__plan__course__citizen"
    plan_path = "delivery__plan_id"


class FinalStatusQuerySet(ReceivedPlanDataQuerySet):
    citizen_path = "rehab_course__plan__course__citizen"
    plan_path = "rehab_course__plan_id"


class PlanPdfQuerySet(ReceivedPlanDataQuerySet):
    citizen_path = "version__plan__course__citizen"
    plan_path = "version__plan_id"


class DeliveryQuerySet(PlanDataQuerySet):
    def awaiting_contact(self) -> "DeliveryQuerySet":
        return self.filter(received_at__isnull=False, contacted_at__isnull=True, closed_at__isnull=True)


class AdvanceNoticeQuerySet(ToMunicipalityQuerySet):
    """The advance notice goes from the hospital side to the municipality and the therapy department named on it."""

    parties: tuple[str, ...] = ("municipality", "therapy_department")


def _organisation_ids(user: Any) -> set[int] | None:
    """The user's organisations (a hospital with its departments); ``None`` means every organisation."""
    from clusters.selectors import membership_list
    from sundhedsaftale.access.roles import ROLES_WITHOUT_PERSONAL_DATA, Role

    if user.is_superuser:
        return None
    ids: set[int] = set()
    for membership in membership_list(user=user):
        organisation = membership.organisation
        if membership.role == Role.REGIONAL_ADMIN and organisation.kind == "region":
            return None
        if membership.role in ROLES_WITHOUT_PERSONAL_DATA and organisation.kind != "cluster":
            continue
        ids.add(organisation.pk)
        if organisation.kind == "department" and organisation.parent_id:
            ids.add(organisation.parent_id)
    return ids


class CapacityNoticeQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "CapacityNoticeQuerySet":
        """A capacity notice has no citizen: the sender, the receiver and (for a hospital) its departments
        see it, and so do the receiver's cluster steering group; the region sees all."""
        if not user.is_authenticated:
            return self.none()
        ids = _organisation_ids(user)
        if ids is None:
            return self
        return self.filter(
            Q(sender_id__in=ids)
            | Q(receiver_id__in=ids)
            | Q(receiver__cluster_id__in=ids)
            | Q(sender__cluster_id__in=ids)
        )

    def short_notice(self) -> "CapacityNoticeQuerySet":
        return self.filter(is_short_notice=True)
