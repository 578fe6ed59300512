"""The 2021 agreement's dialogue about the discharge time: either side proposes a change, with who and why;
the other side accepts (the plan's agreed date moves) or declines."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from admissions.parties import Party, course_acting_organisation
from discharge.events import discharge_event_record
from discharge.models import DischargePlan, DischargeTimeProposal
from discharge.permissions import HOSPITAL_OR_MUNICIPALITY
from discharge.services.planning import course_require_open
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation


def _user(acting_user: "User") -> User | None:
    return acting_user if acting_user.is_authenticated else None


@transaction.atomic
def discharge_time_propose(
    *,
    course: Course,
    proposed_date: date,
    reason: str,
    acting_user: "User",
    acting_organisation: Organisation | None = None,
    at: datetime | None = None,
) -> DischargeTimeProposal:
    """Record a proposal for the discharge time by the hospital side or the municipality, with the reason;
    return it. Raises Danish DomainError: not a party (403), no plan, the course has ended, no reason, or a day
    before the admission."""
    organisation, party = course_acting_organisation(
        course=course, user=acting_user, preferred=acting_organisation, parties=HOSPITAL_OR_MUNICIPALITY
    )
    course = Course.objects.select_for_update().select_related("citizen__municipality").get(pk=course.pk)
    course_require_open(course)
    plan = DischargePlan.objects.filter(course=course).first()
    if plan is None:
        raise DomainError(_("Der er ingen udskrivningsplan at foreslå et tidspunkt til."), code="no_plan")
    if not reason.strip():
        raise DomainError(_("Begrund forslaget."), field="reason")
    if proposed_date < timezone.localdate(course.admitted_at):
        raise DomainError(_("Tidspunktet kan ikke ligge før indlæggelsen."), field="proposed_date")
    at = at or timezone.now()
    proposal = DischargeTimeProposal.objects.create(
        plan=plan,
        course=course,
        municipality=course.citizen.municipality,
        party=DischargeTimeProposal.Party.HOSPITAL
        if party == Party.HOSPITAL
        else DischargeTimeProposal.Party.MUNICIPALITY,
        proposed_by_org=organisation,
        proposed_by=_user(acting_user),
        proposed_date=proposed_date,
        reason=reason.strip()[:300],
        proposed_at=at,
    )
    discharge_event_record(
        course=course,
        at=at,
        acting_user=acting_user,
        organisation=organisation,
        text=f"{organisation.name} foreslår udskrivning {proposed_date:%d.%m.%Y}: {proposal.reason}",
    )
    return proposal


@transaction.atomic
def discharge_time_proposal_answer(
    *,
    proposal: DischargeTimeProposal,
    accept: bool,
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> DischargeTimeProposal:
    """The other side accepts (the plan's agreed date becomes the proposed one) or declines the proposal;
    return it. Raises Danish DomainError: not the other side (403), or Conflict when it is answered already."""
    organisation, party = course_acting_organisation(
        course=proposal.course,
        user=acting_user,
        preferred=acting_organisation,
        parties=HOSPITAL_OR_MUNICIPALITY,
    )
    proposal = DischargeTimeProposal.objects.select_for_update().get(pk=proposal.pk)
    if party == proposal.party:
        raise DomainError(
            _("Forslaget besvares af den anden part."), code="not_the_other_party", status_code=403
        )
    if proposal.state != DischargeTimeProposal.State.OPEN:
        raise Conflict(_("Forslaget er allerede besvaret."), code="already_answered")
    course_require_open(proposal.course)
    now = timezone.now()
    proposal.state = DischargeTimeProposal.State.ACCEPTED if accept else DischargeTimeProposal.State.DECLINED
    proposal.answered_at, proposal.answered_by = now, _user(acting_user)
    proposal.save(update_fields=["state", "answered_at", "answered_by"])
    if accept:
        DischargePlan.objects.filter(pk=proposal.plan_id).update(agreed_date=proposal.proposed_date)
    discharge_event_record(
        course=proposal.course,
        at=now,
        acting_user=acting_user,
        organisation=organisation,
        text=f"Forslag om udskrivning {proposal.proposed_date:%d.%m.%Y} {proposal.get_state_display().lower()}",
    )
    return proposal
