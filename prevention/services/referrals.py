"""Screening for need and motivation, and referrals to offers with their status life cycle.

A referral gives the offer's provider a care relation with the citizen (``referral_receiver``) from the
referral on; it ends with the referral (completed, declined, no show), after the usual window."""

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent
from prevention.models import Offer, Referral, ReferralEvent, Screening
from prevention.models.referrals import SCREENING_AREAS, Assessment
from prevention.permissions import acting, referrer_of, require_receiver
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.citizens.relations import CareRelation
from sundhedsaftale.citizens.services import care_relation_end, care_relation_open
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

Status = Referral.Status
#: the main line of a referral; declined and no show end it from any open status
LINE = (Status.SENT, Status.RECEIVED, Status.CONTACTED, Status.STARTED, Status.COMPLETED)
FINAL = frozenset({Status.COMPLETED, Status.DECLINED, Status.NO_SHOW})


def referral_source(referral: Referral) -> str:
    return f"prevention-referral:{referral.pk}"


def _require_visible(actor: Actor, citizen: Citizen) -> None:
    if not Citizen.objects.visible_to(actor).filter(pk=citizen.pk).exists():
        raise DomainError(
            _("Ingen borger med dette CPR-nummer."), field="citizen", code="not_found", status_code=404
        )


def _check_course(course: Course | None, citizen: Citizen) -> None:
    if course is not None and course.citizen_id != citizen.pk:
        raise DomainError(_("Forløbet er ikke borgerens."), field="course")


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic  # the row and its audit entry together
def screening_record(
    *,
    citizen: Citizen,
    acting_user: User,
    screened_on: date,
    assessments: dict[str, str],
    note: str = "",
    course: Course | None = None,
    organisation: Organisation | None = None,
) -> Screening:
    """Record need and motivation for prevention (smoking, alcohol, diet, exercise, chronic disease) for a
    citizen the hospital or the practice sees."""
    actor = acting(user=acting_user, organisation=organisation)
    screener = referrer_of(actor)
    _require_visible(actor, citizen)
    _check_course(course, citizen)
    unknown = set(assessments) - set(SCREENING_AREAS)
    if unknown or any(value not in Assessment.values for value in assessments.values()):
        raise DomainError(_("Ukendt vurdering."), field=sorted(unknown)[0] if unknown else "assessments")
    if not any(assessments.values()):
        raise DomainError(_("Vurdér mindst ét område."), field="smoking")
    if screened_on > local_date(timezone.now()):
        raise DomainError(_("Screeningen kan ikke ligge i fremtiden."), field="screened_on")
    if "\x00" in note or len(note) > 2000:
        raise DomainError(_("Bemærkningen er for lang eller indeholder ugyldige tegn."), field="note")
    screening = Screening.objects.create(
        citizen=citizen,
        course=course,
        organisation=screener,
        screened_on=screened_on,
        note=note.strip(),
        recorded_by=acting_user,
        recorded_by_name=_name(acting_user),
        **{area: assessments.get(area, "") for area in SCREENING_AREAS},
    )
    if course is not None:
        motivated = ", ".join(screening.motivated_for) or _("ingen")
        course_event_record(
            course=course,
            kind=CourseEvent.Kind.OTHER,
            at=timezone.now(),
            text=_("Screenet for forebyggelse; motiveret for: %(areas)s") % {"areas": motivated},
            actor=acting_user,
            organisation=screener,
        )
    return screening


@transaction.atomic  # the referral, its care relation, its first event and their audit entries together
def referral_create(
    *,
    citizen: Citizen,
    offer: Offer,
    acting_user: User,
    consent_by: str,
    reason: str = "",
    course: Course | None = None,
    screening: Screening | None = None,
    consent_at: datetime | None = None,
    organisation: Organisation | None = None,
) -> Referral:
    """Refer a citizen the hospital or practice sees to an active offer, with the citizen's consent; the offer's
    provider receives it and may read the citizen's data while the referral is open."""
    actor = acting(user=acting_user, organisation=organisation)
    referrer = referrer_of(actor)
    _require_visible(actor, citizen)
    _check_course(course, citizen)
    if screening is not None and screening.citizen_id != citizen.pk:
        raise DomainError(_("Screeningen er ikke borgerens."), field="screening")
    now = timezone.now()
    if not offer.accepts_referrals or not Offer.objects.active(local_date(now)).filter(pk=offer.pk).exists():
        raise DomainError(_("Tilbuddet modtager ikke henvisninger nu."), field="offer", code="offer_closed")
    if consent_by not in Referral.ConsentBy.values:
        raise DomainError(
            _("Henvisningen kræver samtykke fra borgeren eller en stedfortræder."),
            field="consent_by",
            code="consent",
        )
    if "\x00" in reason or len(reason) > 2000:
        raise DomainError(_("Begrundelsen er for lang eller indeholder ugyldige tegn."), field="reason")
    consent_at = consent_at or now
    if consent_at > now:
        raise DomainError(_("Samtykket kan ikke være givet i fremtiden."), field="consent_at")
    referral = Referral.objects.create(
        citizen=citizen,
        course=course,
        screening=screening,
        offer=offer,
        referrer=referrer,
        provider=offer.provider,
        reason=reason.strip(),
        consent_by=consent_by,
        consent_at=consent_at,
        status=Status.SENT,
        status_at=now,
        sent_at=now,
        sent_by=acting_user,
    )
    care_relation_open(
        citizen=citizen,
        organisation=offer.provider,
        kind=CareRelation.Kind.REFERRAL_RECEIVER,
        source=referral_source(referral),
        starts_at=now,
        purpose=_("Henvisning til %(offer)s") % {"offer": offer.title[:200]},
        acting_user=acting_user,
    )
    _event(referral, Status.SENT, now, acting_user, referrer, "")
    if course is not None:
        course_event_record(
            course=course,
            kind=CourseEvent.Kind.OTHER,
            at=now,
            text=_("Henvist til %(offer)s (%(provider)s)")
            % {"offer": offer.title, "provider": offer.provider},
            actor=acting_user,
            organisation=referrer,
        )
    return referral


def _event(
    referral: Referral, status: str, at: datetime, user: User, organisation: Organisation, note: str
) -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral,
        status=status,
        at=at,
        organisation=organisation,
        actor=user,
        actor_name=_name(user),
        note=note[:500],
    )


def allowed_next(status: str) -> list[str]:
    """The statuses a referral in ``status`` may move to (none once it has ended)."""
    if status in FINAL:
        return []
    later = list(LINE[LINE.index(Status(status)) + 1 :])
    if Status.COMPLETED in later and status != Status.STARTED:
        later.remove(Status.COMPLETED)  # only a started course is completed
    ending = [Status.DECLINED] + ([Status.NO_SHOW] if status != Status.SENT else [])
    return [str(s) for s in later + ending]


def referral_status_set(
    *,
    referral: Referral,
    status: str,
    acting_user: User,
    note: str = "",
    organisation: Organisation | None = None,
    at: datetime | None = None,
) -> Referral:
    """Move the referral on (by the receiving provider): received, contacted, started, completed, declined or
    no show. An ended referral ends the provider's care relation with the citizen."""
    actor = acting(user=acting_user, organisation=organisation)
    require_receiver(actor=actor, provider=referral.provider)
    if status not in Status.values:
        raise DomainError(_("Ukendt status."), field="status")
    if "\x00" in note or len(note) > 500:
        raise DomainError(_("Bemærkningen er for lang eller indeholder ugyldige tegn."), field="note")
    now = timezone.now()
    at = min(at or now, now)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in allowed_next(referral.status):
            raise Conflict(
                _("En henvisning med status »%(old)s« kan ikke få status »%(new)s«.")
                % {"old": referral.get_status_display(), "new": Status(status).label},
                code="status",
            )
        at = max(at, referral.status_at)  # never before the status it follows
        referral.status = status
        referral.status_at = at
        fields: list[str] = ["status", "status_at"]
        if status in FINAL:
            referral.closed_at = at
            fields.append("closed_at")
        referral.save(update_fields=fields)
        _event(referral, status, at, acting_user, referral.provider, note.strip())
        if status in FINAL:
            care_relation_end(source=referral_source(referral), at=at)
    return referral


def assessments_of(data: dict[str, Any]) -> dict[str, str]:
    """The screened areas' values of a form's or a serializer's data."""
    return {area: str(data.get(area) or "") for area in SCREENING_AREAS}
