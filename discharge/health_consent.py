"""Whether the discharge's health information (the citizen's need, the notes) may go to the municipality.

"Indhenter samtykke fra patienten til videregivelse af helbredsoplysninger" (the agreement, l. 1406): the
need after discharge and the free text are health information; without the recorded consent the municipality
gets only the notice-level facts (time, destination). The hospital side always sees its own plan."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from admissions.models import Consent
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation

HOSPITAL_KINDS = (Organisation.Kind.HOSPITAL, Organisation.Kind.DEPARTMENT)


def municipality_consent_exists(course_path: str = "course_id") -> Exists:
    """An ``Exists`` on the row's course (``course_path``): a consent to share with the municipality in force
    now. Annotate rows with it to decide in one query whether their health information may be shown."""
    now = timezone.now()
    return Exists(
        Consent.objects.filter(
            course_id=OuterRef(course_path), to_municipality=True, given_at__lte=now
        ).filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now))
    )


def reads_for_hospital(actor: Actor) -> bool:
    """Whether the actor reads as the hospital side (its own plan, health information included)."""
    organisation = actor.acting_organisation
    return organisation is not None and organisation.kind in HOSPITAL_KINDS


def need_withheld(*, actor: Actor, municipality_consent: bool) -> bool:
    """Whether the need and notes are withheld from this reader: anyone but the hospital side, without the
    citizen's consent to share with the municipality."""
    return not municipality_consent and not reads_for_hospital(actor)
