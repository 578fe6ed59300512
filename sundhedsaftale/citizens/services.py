"""Write use-cases for care relations: opened and ended by the services whose event creates or ends the reason.

Every write is one row (audited by django-auditlog); nothing here decides *whether* a relation exists — the
calling area does (an admission, a plan sent, a referral received).
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.citizens.relations import CareRelation
from sundhedsaftale.errors import DomainError

if TYPE_CHECKING:
    from sundhedsaftale.organisations.actor import Actor


def care_relation_window() -> timedelta:
    """How long a hospital's (or a receiver's) relation lasts after the course behind it ended."""
    return timedelta(days=settings.CARE_RELATION_DAYS_AFTER_COURSE)


def care_relation_open(
    *,
    citizen: Any,
    organisation: Any,
    kind: str,
    source: str = "",
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    purpose: str = "",
    acting_user: "User | None" = None,
) -> CareRelation:
    """Open the relation (idempotent: an open one with the same source is returned as it is).

    A hospital department's relation is held by its hospital unit: the agreements name the hospital, and a
    citizen moves between its departments.
    """
    holder = organisation.hospital or organisation
    if ends_at is None:
        existing = CareRelation.objects.filter(
            citizen=citizen, organisation=holder, kind=kind, source=source, ends_at__isnull=True
        ).first()
        if existing is not None:
            return existing
    return CareRelation.objects.create(
        citizen=citizen,
        organisation=holder,
        kind=kind,
        source=source,
        starts_at=starts_at or timezone.now(),
        ends_at=ends_at,
        purpose=purpose,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )


def care_relation_end(*, source: str, at: datetime, grace: bool = True) -> int:
    """End the open relations that came from ``source`` at ``at`` (plus the configured window unless
    ``grace`` is false); return how many were ended. Already ended ones keep their end."""
    ends_at = at + care_relation_window() if grace else at
    rows = CareRelation.objects.filter(source=source, ends_at__isnull=True)
    ended = 0
    for relation in rows:  # one by one, so each change is audited
        relation.ends_at = max(ends_at, relation.starts_at)
        relation.save(update_fields=["ends_at"])
        ended += 1
    return ended


@transaction.atomic
def citizen_relations_sync(
    *, citizen: Any, at: datetime | None = None, acting_user: "User | None" = None
) -> None:
    """Make the standing relations follow the citizen's master data: the municipality of residence while the
    citizen lives there, the listed GP while listed. A move ends the old relation at ``at`` and opens the new."""
    at = at or timezone.now()
    standing = {
        CareRelation.Kind.RESIDENT: citizen.municipality_id,
        CareRelation.Kind.LISTED_GP: citizen.gp_practice_id,
    }
    for kind, organisation_id in standing.items():
        for relation in CareRelation.objects.filter(citizen=citizen, kind=kind, ends_at__isnull=True):
            if relation.organisation_id != organisation_id:
                relation.ends_at = max(at, relation.starts_at)
                relation.save(update_fields=["ends_at"])
        if organisation_id is not None:
            CareRelation.objects.get_or_create(
                citizen=citizen,
                organisation_id=organisation_id,
                kind=kind,
                source="",
                ends_at=None,
                defaults={
                    "starts_at": at,
                    "created_by": acting_user if getattr(acting_user, "pk", None) else None,
                },
            )


class LookupPurpose(models.TextChoices):
    """Why the regional secretariat looks a citizen up: it has no care relation of its own."""

    ACCESS_REQUEST = "access_request", gettext_lazy("Anmodning om indsigt (hvem har set mine oplysninger)")
    COMPLAINT = "complaint", gettext_lazy("Klagesag")


@transaction.atomic
def citizen_lookup_for_purpose(*, actor: "Actor", cpr: str, purpose: str, reference: str) -> CareRelation:
    """Give the regional secretariat a short care relation with one citizen, for a stated purpose and case
    reference (``CARE_RELATION_LOOKUP_HOURS``); return it. The caller logs the read with the purpose.

    Only a regional administrator may; the CPR must name a citizen in the product (404 ``DomainError``
    otherwise, the same for every CPR not found)."""
    from sundhedsaftale.citizens.cpr import cpr_validate
    from sundhedsaftale.citizens.models import Citizen

    if not actor.is_regional_admin or actor.acting_organisation is None:
        raise DomainError(
            _("Kun det regionale sekretariat kan slå borgere op med et formål."), status_code=403
        )
    if purpose not in LookupPurpose.values:
        raise DomainError(_("Vælg formålet med opslaget."), field="purpose")
    reference = reference.strip()
    if not reference:
        raise DomainError(_("Angiv sagens journalnummer eller reference."), field="reference")
    try:
        compact = cpr_validate(cpr)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="cpr", code="cpr") from error
    citizen = Citizen.objects.filter(cpr=compact).first()
    if citizen is None:
        raise DomainError(
            _("Ingen borger med dette CPR-nummer."), field="cpr", code="not_found", status_code=404
        )
    now = timezone.now()
    return care_relation_open(
        citizen=citizen,
        organisation=actor.acting_organisation,
        kind=CareRelation.Kind.PURPOSE_LOOKUP,
        source=f"lookup:{actor.user.pk if actor.user else ''}:{now.isoformat()}",
        starts_at=now,
        ends_at=now + timedelta(hours=settings.CARE_RELATION_LOOKUP_HOURS),
        purpose=f"{LookupPurpose(purpose).label}: {reference}"[:300],
        acting_user=actor.user if isinstance(actor.user, User) else None,
    )
