"""Disputes about responsibility (agreement 3.5): opened by either party, the closest authority delivers meanwhile
(recorded), escalated up the ladder with each step's decision and date, decided with who pays afterwards."""

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aids.events import aids_event_record
from aids.models import NEXT_LEVELS, AidNeed, Dispute, DisputeStep, Level, Outcome
from aids.permissions import course_party_organisation
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date


def closest_authority(need: AidNeed) -> Organisation:
    """The authority with the closest contact with the citizen (3.5), which delivers meanwhile: the hospital
    while the citizen is admitted, the home municipality after the discharge."""
    course = need.course
    return course.hospital if course.discharged_at is None else need.municipality


def _decided_on(value: date | None) -> date:
    today = local_date(timezone.now())
    value = value or today
    if value > today:
        raise DomainError(_("Datoen for beslutningen kan ikke ligge i fremtiden."), field="decided_on")
    return value


@transaction.atomic
def dispute_open(
    *, need: AidNeed, acting_user: User, question: str, interim_organisation: Organisation | None = None
) -> Dispute:
    """Open a dispute about who is responsible for the need (either party of the course may); return it. The
    closest authority is recorded as delivering meanwhile unless the parties name another of themselves."""
    organisation, _party = course_party_organisation(course=need.course, user=acting_user)
    question = question.strip()
    if not question:
        raise DomainError(_("Beskriv tvivlsspørgsmålet."), field="question")
    if need.disputes.filter(state=Dispute.State.OPEN).exists():
        raise Conflict(_("Der er allerede et uafklaret tvivlstilfælde om dette behov."))
    interim = interim_organisation or closest_authority(need)
    allowed = {need.course.hospital_id, need.municipality_id, need.delivering_organisation_id}
    if (interim.hospital or interim).pk not in allowed and interim.pk not in allowed:
        raise DomainError(
            _("Den, der leverer i mellemtiden, skal være en af parterne."), field="interim_organisation"
        )
    now = timezone.now()
    dispute = Dispute.objects.create(
        need=need,
        opened_by_organisation=organisation,
        opened_by=acting_user,
        opened_at=now,
        question=question[:3000],
        interim_organisation=interim,
    )
    DisputeStep.objects.create(dispute=dispute, level=Level.LOCAL, started_at=now, recorded_by=acting_user)
    aids_event_record(
        course=need.course,
        at=now,
        text=_("tvivl om ansvaret for %(type)s; %(interim)s leverer i mellemtiden")
        % {"type": need.aid_type.name, "interim": interim},
        acting_user=acting_user,
        organisation=organisation,
    )
    return dispute


def _open_dispute(dispute: Dispute) -> Dispute:
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.state != Dispute.State.OPEN:
        raise Conflict(_("Tvivlstilfældet er afgjort."))
    return dispute


def _current_step(dispute: Dispute) -> DisputeStep:
    step = dispute.steps.order_by("-started_at", "-pk").first()
    assert step is not None, "a dispute starts with its local step"
    return step


@transaction.atomic
def dispute_escalate(
    *,
    dispute: Dispute,
    acting_user: User,
    decision: str,
    decided_on: date | None = None,
    to: str | None = None,
) -> Dispute:
    """Close the current step with its decision (why it was not settled there) and present the dispute at the
    next level (``to``: one of the next levels; the first by default); return it."""
    course_party_organisation(course=dispute.need.course, user=acting_user)
    dispute = _open_dispute(dispute)
    choices = NEXT_LEVELS[dispute.level]
    if not choices:
        raise Conflict(_("Tvivlstilfældet er ved sidste instans; det kan kun afgøres."))
    to = to or choices[0]
    if to not in choices:
        raise DomainError(
            _("Næste instans skal være en af: %(levels)s.") % {"levels": ", ".join(choices)}, field="to"
        )
    if not decision.strip():
        raise DomainError(_("Skriv, hvad der blev besluttet på dette niveau."), field="decision")
    step = _current_step(dispute)
    step.decision, step.decided_on, step.recorded_by = (
        decision.strip()[:3000],
        _decided_on(decided_on),
        acting_user,
    )
    step.save(update_fields=["decision", "decided_on", "recorded_by"])
    dispute.level = to
    dispute.save(update_fields=["level"])
    now = timezone.now()
    DisputeStep.objects.create(dispute=dispute, level=to, started_at=now, recorded_by=acting_user)
    aids_event_record(
        course=dispute.need.course,
        at=now,
        text=_("tvivlstilfælde forelagt %(level)s") % {"level": dispute.get_level_display()},
        acting_user=acting_user,
        organisation=None,
    )
    return dispute


@transaction.atomic
def dispute_decide(
    *,
    dispute: Dispute,
    acting_user: User,
    outcome: str,
    decision: str,
    pays_afterwards: str = "",
    decided_on: date | None = None,
) -> Dispute:
    """Record the decision at the current level: who is responsible and who pays afterwards (3.5: "Betalings-
    spørgsmål afklares efterfølgende"); the need follows it. Return the dispute."""
    course_party_organisation(course=dispute.need.course, user=acting_user)
    dispute = _open_dispute(dispute)
    if outcome not in Outcome.values:
        raise DomainError(_("Ukendt afgørelse."), field="outcome")
    pays_afterwards = pays_afterwards or outcome
    if pays_afterwards not in Outcome.values:
        raise DomainError(_("Ukendt betaler."), field="pays_afterwards")
    if not decision.strip():
        raise DomainError(_("Skriv afgørelsen."), field="decision")
    day = _decided_on(decided_on)
    step = _current_step(dispute)
    step.decision, step.decided_on, step.recorded_by = decision.strip()[:3000], day, acting_user
    step.save(update_fields=["decision", "decided_on", "recorded_by"])
    dispute.state, dispute.outcome, dispute.pays_afterwards, dispute.decided_on = (
        Dispute.State.DECIDED,
        outcome,
        pays_afterwards,
        day,
    )
    dispute.save(update_fields=["state", "outcome", "pays_afterwards", "decided_on"])
    need = AidNeed.objects.select_for_update().get(pk=dispute.need_id)
    if outcome in (Outcome.HOSPITAL, Outcome.MUNICIPALITY):
        pays = pays_afterwards if pays_afterwards != Outcome.CITIZEN else "none"
        need.delivers, need.pays = outcome, pays
    else:
        need.pays = "none"
    if (need.delivers, need.pays) != (need.decided_delivers, need.decided_pays):
        need.override_reason = _("Afgjort %(day)s: %(level)s") % {
            "day": day.strftime("%d.%m.%Y"),
            "level": dispute.get_level_display(),
        }
    need.save(update_fields=["delivers", "pays", "override_reason"])
    aids_event_record(
        course=need.course,
        at=timezone.now(),
        text=_("tvivlstilfælde afgjort: %(outcome)s") % {"outcome": dispute.get_outcome_display()},
        acting_user=acting_user,
        organisation=None,
    )
    return dispute
