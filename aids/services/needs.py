"""Registering an aid need with its responsibility decision (overridable with a recorded reason), delivering and
cancelling it."""

from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from aids import responsibility
from aids.events import aids_event_record
from aids.models import AidNeed, AidType
from aids.permissions import course_party_organisation, require_deliverer
from aids.responsibility import Party
from discharge.selectors import planned_discharge_date
from sundhedsaftale.citizens.models import CareRelation
from sundhedsaftale.citizens.services import care_relation_end, care_relation_open
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date

#: Product convention for terminal patients (1.4: "hurtigt skal tilvejebringes … aftales ift. den enkelte
#: patient"): the fast track's delivery target, 24 hours after registration unless a sooner date is needed.
FAST_TRACK_HOURS = 24
MAX_AHEAD = timedelta(days=3 * 366)


def _checked_at(at: datetime | None, field: str = "at") -> datetime:
    at = at or timezone.now()
    if timezone.is_naive(at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field=field)
    if at > timezone.now() + timedelta(minutes=5):
        raise DomainError(_("Tidspunktet kan ikke ligge i fremtiden."), field=field)
    return at


def local_hospital_for(municipality: Organisation) -> Organisation | None:
    """The citizen's local hospital: the (internal) hospital unit of the home municipality's cluster."""
    if municipality.cluster_id is None:
        return None
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.HOSPITAL, cluster_id=municipality.cluster_id, is_external=False
        )
        .order_by("pk")
        .first()
    )


def _delivering_organisation(
    *, course: Course, delivers: str, hospital: str, chosen: Organisation | None
) -> Organisation | None:
    if chosen is not None:
        return chosen
    municipality = course.citizen.municipality
    if delivers == Party.MUNICIPALITY:
        return municipality
    if delivers == Party.HOSPITAL:
        if hospital == "local":
            return local_hospital_for(municipality) or course.hospital
        return course.hospital
    return None


def _provider_relation_open(need: AidNeed) -> None:
    """A delivering organisation that is not already a party of the course (the citizen's local hospital, a
    private hospital) must see the citizen to deliver, instruct and follow up: a care relation from now on."""
    organisation = need.delivering_organisation
    course = need.course
    if organisation is None or organisation.pk == course.citizen.municipality_id:
        return
    holder = organisation.hospital or organisation
    if holder.pk == course.hospital_id:
        return
    care_relation_open(
        citizen=course.citizen,
        organisation=organisation,
        kind=CareRelation.Kind.AID_PROVIDER,
        source=f"aid_need:{need.pk}",
    )


def _parse_party(value: str | None, field: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return Party(value).value
    except ValueError:
        raise DomainError(_("Ukendt part."), field=field, code="invalid_party") from None


@transaction.atomic
def need_register(
    *,
    course: Course,
    aid_type: AidType,
    situation: str,
    acting_user: User,
    needed_from: date | None = None,
    lasting: bool = False,
    why: str = "",
    treated_at: str = "",
    known_at_hospital: bool = True,
    private_special_agreement: bool = False,
    discharge_need: str = "",
    home_visit_needed: bool = False,
    fast_track: bool = False,
    expected_delivery_on: date | None = None,
    delivers: str | None = None,
    pays: str | None = None,
    override_reason: str = "",
    delivering_organisation: Organisation | None = None,
) -> AidNeed:
    """Register an aid need on the course and decide who delivers and pays (``aids.responsibility``); return it.

    ``delivers``/``pays`` other than the decision override it and need ``override_reason`` (recorded). The
    need is due from ``needed_from``, by default the planned discharge date (else today). A terminal patient's
    need (``fast_track``) gets a delivery target ``FAST_TRACK_HOURS`` ahead.
    """
    organisation, _party = course_party_organisation(course=course, user=acting_user)
    try:
        decision = responsibility.decide(
            situation,
            treated_at=treated_at,
            known_at_hospital=known_at_hospital,
            private_special_agreement=private_special_agreement,
        )
    except (responsibility.UnknownSituation, ValueError) as error:
        raise DomainError(str(error), field="situation", code="unknown_situation") from None
    if not aid_type.is_active:
        raise DomainError(_("Hjælpemiddeltypen er ikke længere i brug."), field="aid_type")
    chosen_delivers = _parse_party(delivers, "delivers") or decision.delivers.value
    chosen_pays = _parse_party(pays, "pays") or decision.pays.value
    override_reason = override_reason.strip()
    overridden = (chosen_delivers, chosen_pays) != (decision.delivers.value, decision.pays.value)
    if overridden and not override_reason:
        raise DomainError(
            _("Angiv en begrundelse, når ansvaret afviger fra aftalen."), field="override_reason"
        )
    now = timezone.now()
    today = local_date(now)
    needed_from = needed_from or planned_discharge_date(course=course) or today
    if abs(needed_from - today) > MAX_AHEAD:
        raise DomainError(_("Datoen ligger for langt fra i dag."), field="needed_from")
    if expected_delivery_on is not None and abs(expected_delivery_on - today) > MAX_AHEAD:
        raise DomainError(_("Datoen ligger for langt fra i dag."), field="expected_delivery_on")
    need = AidNeed.objects.create(
        course=course,
        aid_type=aid_type,
        situation=decision.situation.value,
        treated_at=treated_at,
        known_at_hospital=known_at_hospital,
        why=why.strip(),
        needed_from=needed_from,
        lasting=lasting,
        discharge_need=discharge_need,
        home_visit_needed=home_visit_needed,
        fast_track=fast_track,
        target_at=now + timedelta(hours=FAST_TRACK_HOURS) if fast_track else None,
        expected_delivery_on=expected_delivery_on,
        decided_delivers=decision.delivers.value,
        decided_pays=decision.pays.value,
        delivers=chosen_delivers,
        pays=chosen_pays,
        reason=decision.reason,
        override_reason=override_reason if overridden else "",
        delivering_organisation=_delivering_organisation(
            course=course,
            delivers=chosen_delivers,
            hospital=decision.hospital,
            chosen=delivering_organisation,
        ),
        municipality=course.citizen.municipality,
        created_at=now,
        created_by=acting_user,
    )
    _provider_relation_open(need)
    text = _("%(type)s registreret (%(who)s leverer)") % {
        "type": aid_type.name,
        "who": need.get_delivers_display(),
    }
    if need.fast_track:
        text += _("; terminalpatient: hurtig levering")
    aids_event_record(course=course, at=now, text=text, acting_user=acting_user, organisation=organisation)
    return need


@transaction.atomic
def need_deliver(*, need: AidNeed, acting_user: User, at: datetime | None = None, note: str = "") -> AidNeed:
    """Record that the need was delivered (by the delivering organisation); return it. Delivering twice is a
    conflict (409), as is delivering a cancelled need."""
    organisation = require_deliverer(need=need, user=acting_user)
    at = _checked_at(at)
    need = AidNeed.objects.select_for_update().get(pk=need.pk)
    if need.state != AidNeed.State.OPEN:
        raise Conflict(_("Behovet er allerede %(state)s.") % {"state": need.get_state_display().lower()})
    need.state, need.delivered_at, need.delivered_by = AidNeed.State.DELIVERED, at, acting_user
    need.delivery_note = note.strip()[:500]
    need.save(update_fields=["state", "delivered_at", "delivered_by", "delivery_note"])
    aids_event_record(
        course=need.course,
        at=at,
        text=_("%(type)s leveret") % {"type": need.aid_type.name},
        acting_user=acting_user,
        organisation=organisation,
    )
    return need


@transaction.atomic
def need_cancel(*, need: AidNeed, acting_user: User, reason: str) -> AidNeed:
    """Cancel an open need (no longer needed, registered by mistake); a party of the course may. Return it."""
    organisation, _party = course_party_organisation(course=need.course, user=acting_user)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Angiv en årsag."), field="reason")
    need = AidNeed.objects.select_for_update().get(pk=need.pk)
    if need.state != AidNeed.State.OPEN:
        raise Conflict(_("Kun et behov, der afventer levering, kan annulleres."))
    now = timezone.now()
    need.state, need.cancelled_at, need.cancel_reason = AidNeed.State.CANCELLED, now, reason[:500]
    need.save(update_fields=["state", "cancelled_at", "cancel_reason"])
    care_relation_end(source=f"aid_need:{need.pk}", at=now)
    aids_event_record(
        course=need.course,
        at=now,
        text=_("%(type)s annulleret: %(reason)s") % {"type": need.aid_type.name, "reason": reason[:200]},
        acting_user=acting_user,
        organisation=organisation,
    )
    return need
