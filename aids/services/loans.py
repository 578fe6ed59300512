"""Lending an item to the citizen (which delivers the need), follow-up and return; depot capacity notes."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aids.events import aids_event_record
from aids.models import DEFAULT_TERMS, AidNeed, CapacityNote, Depot, Loan
from aids.permissions import require_deliverer
from aids.services.needs import MAX_AHEAD, _checked_at
from sundhedsaftale.citizens.services import care_relation_end
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date


@transaction.atomic
def loan_create(
    *,
    need: AidNeed,
    acting_user: User,
    item_number: str,
    contact_name: str,
    contact_phone: str,
    depot: Depot | None = None,
    terms: str = "",
    delivered_by_name: str = "",
    delivered_at: datetime | None = None,
    instruction_given: bool = False,
    instruction_note: str = "",
    follow_up_on: date | None = None,
) -> Loan:
    """Lend an item for the need from the delivering organisation's depot; return the loan. The loan delivers
    the need if it was still open (3.6: the responsible party delivers and collects; 4.1: it instructs)."""
    lender = require_deliverer(need=need, user=acting_user)
    delivered_at = _checked_at(delivered_at, "delivered_at")
    if not item_number.strip():
        raise DomainError(_("Angiv serie- eller depotnummer."), field="item_number")
    if not contact_name.strip() or not contact_phone.strip():
        raise DomainError(
            _("Lånesedlen skal oplyse en kontaktperson og et telefonnummer (1.3)."), field="contact_name"
        )
    if depot is not None and not actor_for(user=acting_user).acts_for(depot.organisation_id):
        raise DomainError(_("Vælg et af jeres egne depoter."), field="depot")
    if follow_up_on is not None and abs(follow_up_on - local_date(timezone.now())) > MAX_AHEAD:
        raise DomainError(_("Datoen ligger for langt fra i dag."), field="follow_up_on")
    need = AidNeed.objects.select_for_update().get(pk=need.pk)
    if need.state == AidNeed.State.CANCELLED:
        raise Conflict(_("Behovet er annulleret."))
    loan = Loan.objects.create(
        need=need,
        aid_type=need.aid_type,
        item_number=item_number.strip()[:60],
        depot=depot,
        lender=lender,
        terms=terms.strip() or DEFAULT_TERMS,
        contact_name=contact_name.strip()[:120],
        contact_phone=contact_phone.strip()[:40],
        delivered_by_name=delivered_by_name.strip()[:120],
        delivered_at=delivered_at,
        instruction_given=instruction_given,
        instruction_note=instruction_note.strip()[:500],
        follow_up_on=follow_up_on,
        created_by=acting_user,
    )
    if need.state == AidNeed.State.OPEN:
        need.state, need.delivered_at, need.delivered_by = AidNeed.State.DELIVERED, delivered_at, acting_user
        need.save(update_fields=["state", "delivered_at", "delivered_by"])
    aids_event_record(
        course=need.course,
        at=delivered_at,
        text=_("%(type)s udlånt (nr. %(number)s)") % {"type": need.aid_type.name, "number": loan.item_number},
        acting_user=acting_user,
        organisation=lender,
    )
    return loan


@transaction.atomic
def loan_return(
    *,
    loan: Loan,
    acting_user: User,
    kind: str = Loan.ReturnKind.COLLECTED,
    at: datetime | None = None,
    note: str = "",
) -> Loan:
    """Record that the item was collected or returned (the lender records it); return the loan."""
    require_deliverer(need=loan.need, user=acting_user)
    at = _checked_at(at)
    if kind not in Loan.ReturnKind.values:
        raise DomainError(_("Ukendt måde at returnere på."), field="kind")
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.returned_at is not None:
        raise Conflict(_("Udlånet er allerede afsluttet."))
    if at < loan.delivered_at:
        raise DomainError(_("Returneringen kan ikke ligge før udlånet."), field="at")
    loan.returned_at, loan.return_kind, loan.return_note = at, kind, note.strip()[:500]
    loan.save(update_fields=["returned_at", "return_kind", "return_note"])
    need = loan.need
    if not need.loans.filter(returned_at__isnull=True).exists():
        care_relation_end(source=f"aid_need:{need.pk}", at=at)
    aids_event_record(
        course=need.course,
        at=at,
        text=_("%(type)s nr. %(number)s %(kind)s")
        % {
            "type": loan.aid_type.name,
            "number": loan.item_number,
            "kind": loan.get_return_kind_display().lower(),
        },
        acting_user=acting_user,
        organisation=loan.lender,
    )
    return loan


@transaction.atomic
def loan_follow_up_set(*, loan: Loan, acting_user: User, follow_up_on: date | None) -> Loan:
    """Set or clear the follow-up date (4.2: agreed case by case by the responsible party); return the loan."""
    require_deliverer(need=loan.need, user=acting_user)
    if follow_up_on is not None and abs(follow_up_on - local_date(timezone.now())) > MAX_AHEAD:
        raise DomainError(_("Datoen ligger for langt fra i dag."), field="follow_up_on")
    loan.follow_up_on = follow_up_on
    loan.save(update_fields=["follow_up_on"])
    return loan


@transaction.atomic
def capacity_note_create(
    *,
    acting_user: User,
    kind: str,
    text: str,
    depot: Depot | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> CapacityNote:
    """Write a capacity note on one's own depot or announce a changed expected need to the cluster (2.3);
    return it. The note belongs to the user's organisation (a department writes for its hospital unit)."""
    actor = actor_for(user=acting_user)
    organisation = actor.acting_organisation
    if organisation is None or not actor.reads_personal_data:
        raise DomainError(_("Du handler ikke for en organisation."), status_code=403, code="no_organisation")
    if organisation.kind == Organisation.Kind.DEPARTMENT and organisation.parent is not None:
        organisation = organisation.parent
    if kind not in CapacityNote.Kind.values:
        raise DomainError(_("Ukendt type."), field="kind")
    if not text.strip():
        raise DomainError(_("Skriv en beskrivelse."), field="text")
    if depot is not None and not actor.acts_for(depot.organisation_id):
        raise DomainError(_("Vælg et af jeres egne depoter."), field="depot")
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(_("Slutdatoen ligger før startdatoen."), field="valid_to")
    return CapacityNote.objects.create(
        organisation=organisation,
        depot=depot,
        kind=kind,
        text=text.strip()[:2000],
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=acting_user,
    )
