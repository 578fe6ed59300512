"""Sending the plan, receipt, the first contact, and free choice (forwarding and declining)."""

from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehab.course_facts import course_consents
from rehab.models import Delivery, FirstContact, Plan, PlanType
from rehab.permissions import require_acts_for, ward_organisation
from rehab.services.plans import PLAN_BY_DISCHARGE
from sundhedsaftale.citizens.models import CareRelation
from sundhedsaftale.citizens.services import care_relation_end, care_relation_open
from sundhedsaftale.deadlines.services import deadline_cancel, deadline_ensure, deadline_meet
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation

FIRST_CONTACT = "rehab.first_contact"


def _now_or(at: datetime | None) -> datetime:
    at = at or timezone.now()
    if timezone.is_naive(at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field="at")
    if at > timezone.now() + timedelta(minutes=5):
        raise DomainError(_("Tidspunktet kan ikke ligge i fremtiden."), field="at")
    return at


def _require_receiver(delivery: Delivery, user: "User") -> Organisation:
    """Return the receiving organisation if the user acts for it; the citizen's own copy has none (400)."""
    if delivery.organisation is None:
        raise DomainError(
            _("Borgerens eget eksemplar har ingen modtagende organisation."), code="citizen_copy"
        )
    require_acts_for(user=user, organisation=delivery.organisation)
    return delivery.organisation


def first_contact_anchor(delivery: Delivery) -> datetime | None:
    """Return the moment ``rehab.first_contact`` starts for a delivery, or ``None`` while it has not started.

    The clock runs from when the receiver has the plan, "efter udskrivning" (001 l. 2367): an electronic
    delivery is receipt ("borgerne og kommunerne modtage genoptræningsplanerne på stort set samme tid", l. 2381),
    so the sending starts it, not the receiver's "modtaget"; a plan delivered while the citizen is still
    admitted starts it at the discharge. A plan sent by post starts it when the receiver records receipt.
    """
    delivered_at = (
        delivery.sent_at if delivery.channel == Delivery.Channel.ELECTRONIC else delivery.received_at
    )
    if delivered_at is None:
        return None
    course = delivery.plan.course
    if course.discharged_at is None:
        return None
    return max(delivered_at, course.discharged_at)


def first_contact_sync(*, delivery: Delivery) -> bool:
    """Ensure ``rehab.first_contact`` for the responsible receiver once its clock has started (the plan
    delivered and the citizen discharged); return whether it runs. A contacted or closed delivery is left
    alone (its deadline is met or cancelled), so nothing is ever re-opened."""
    if not delivery.is_responsible or delivery.organisation is None:
        return False
    if delivery.closed_at is not None or delivery.contacted_at is not None:
        return False
    anchor = first_contact_anchor(delivery)
    if anchor is None:
        return False
    course = delivery.plan.course
    deadline_ensure(
        subject=delivery,
        rule_code=FIRST_CONTACT,
        anchor=anchor,
        responsible=delivery.organisation,
        counterpart=course.department,
        citizen=course.citizen,
    )
    return True


def _first_contact_ensure(delivery: Delivery) -> None:
    first_contact_sync(delivery=delivery)


def _receiver_relation_open(delivery: Delivery) -> None:
    """The receiver of a plan has a care relation with the citizen from the sending on (it must act on the
    plan: contact the citizen, train, follow up); it ends when the delivery is closed (plus the window)."""
    if delivery.organisation is None:
        return
    care_relation_open(
        citizen=delivery.plan.course.citizen,
        organisation=delivery.organisation,
        kind=CareRelation.Kind.PLAN_RECEIVER,
        source=f"delivery:{delivery.pk}",
        starts_at=delivery.sent_at,
    )


def plan_send(
    *,
    plan: Plan,
    acting_user: "User",
    consent_municipality: bool | None = None,
    consent_hospital: bool | None = None,
    consent_gp: bool | None = None,
    at: datetime | None = None,
) -> list[Delivery]:
    """Hand the newest final version to the citizen and send it, with consent, to the municipality (general),
    the specialised hospital and the GP; meet ``rehab.plan_by_discharge``. Return the deliveries.

    A consent flag left ``None`` follows the consent recorded on the course.
    """
    course = plan.course
    ward_organisation(course=course, user=acting_user)
    at = _now_or(at)
    consents = course_consents(course=course)
    consent_municipality = (
        "municipality" in consents if consent_municipality is None else consent_municipality
    )
    consent_gp = "gp" in consents if consent_gp is None else consent_gp
    # Specialised rehab cannot start without the plan reaching the hospital (annex 3.7): handing it over
    # to the hospital is itself the citizen's choice, recorded here.
    consent_hospital = True if consent_hospital is None else consent_hospital
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        version = plan.final
        if version is None:
            raise Conflict(_("Planen skal færdiggøres, før den kan sendes."), code="not_final")
        if plan.deliveries.filter(version=version).exists():
            raise Conflict(_("Denne version er allerede sendt."), code="already_sent")
        first_sending = plan.sent_at is None
        has_responsible = plan.deliveries.filter(is_responsible=True, closed_at__isnull=True).exists()
        rows = [
            Delivery(recipient=Delivery.Recipient.CITIZEN, channel=Delivery.Channel.HANDED_OUT, consent=True)
        ]
        if version.plan_type == PlanType.SPECIALISED:
            if not consent_hospital:
                raise DomainError(
                    _("Uden tilsagn kan specialiseret genoptræning ikke sendes til hospitalet."),
                    field="consent_hospital",
                )
            rows.append(
                Delivery(
                    recipient=Delivery.Recipient.HOSPITAL,
                    organisation=version.recipient_hospital,
                    consent=True,
                    is_responsible=not has_responsible,
                )
            )
            if consent_municipality and version.recipient_municipality_id:
                rows.append(
                    Delivery(
                        recipient=Delivery.Recipient.MUNICIPALITY,
                        organisation=version.recipient_municipality,
                        consent=True,
                    )
                )
        elif consent_municipality and version.recipient_municipality_id:
            rows.append(
                Delivery(
                    recipient=Delivery.Recipient.MUNICIPALITY,
                    organisation=version.recipient_municipality,
                    consent=True,
                    is_responsible=version.plan_type == PlanType.GENERAL and not has_responsible,
                )
            )
        if consent_gp and version.gp_practice_id:
            rows.append(
                Delivery(recipient=Delivery.Recipient.GP, organisation=version.gp_practice, consent=True)
            )
        for row in rows:
            row.plan, row.version, row.sent_at, row.sent_by = plan, version, at, acting_user
            if row.recipient != Delivery.Recipient.CITIZEN:
                row.consent_note = _("Tilsagn registreret ved afsendelse")
        Delivery.objects.bulk_create(rows)
        for row in rows:
            _receiver_relation_open(row)
            # Electronic delivery is receipt (l. 2381): after the discharge the clock starts with the sending.
            first_contact_sync(delivery=row)
        if first_sending:
            plan.sent_at = at
            plan.save(update_fields=["sent_at"])
            deadline_meet(
                subject=plan,
                rule_code=PLAN_BY_DISCHARGE,
                at=at,
                event=_("Genoptræningsplan sendt"),
                user=acting_user,
            )
    return list(plan.deliveries.filter(version=version))


def delivery_receive(*, delivery: Delivery, acting_user: "User", at: datetime | None = None) -> Delivery:
    """Record that the municipality or hospital acknowledged the plan ("modtaget"). The acknowledgement does not
    start ``rehab.first_contact``: an electronic plan was received when it was delivered (001 l. 2381); only a
    plan sent by post starts its clock here. Receiving twice keeps the first receipt."""
    _require_receiver(delivery, acting_user)
    at = _now_or(at)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.received_at is not None:
            return delivery
        if at < delivery.sent_at:
            raise DomainError(_("Planen kan ikke være modtaget før den blev sendt."), field="at")
        delivery.received_at = at
        delivery.received_by = acting_user
        delivery.save(update_fields=["received_at", "received_by"])
        first_contact_sync(delivery=delivery)
    return delivery


def first_contact_record(
    *,
    delivery: Delivery,
    acting_user: "User",
    contacted_at: datetime,
    method: str,
    contacted_by_name: str,
    offer_place: str = "",
    offer_provider: str = "",
    offer_form: str = "",
    expected_start: date | None = None,
    waiting_days: int | None = None,
    note: str = "",
) -> FirstContact:
    """Record the first contact with the citizen and the offer made; meets ``rehab.first_contact``."""
    _require_receiver(delivery, acting_user)
    contacted_at = _now_or(contacted_at)
    if method not in FirstContact.Method.values:
        raise DomainError(_("Angiv hvordan borgeren blev kontaktet."), field="method")
    if not contacted_by_name.strip():
        raise DomainError(_("Angiv hvem der kontaktede borgeren."), field="contacted_by_name")
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if not delivery.is_responsible or delivery.closed_at is not None:
            raise Conflict(_("Denne modtager skal ikke kontakte borgeren."), code="not_responsible")
        if delivery.received_at is None:
            # Contacting the citizen shows the plan was received: no separate click is needed.
            delivery.received_at, delivery.received_by = contacted_at, acting_user
            delivery.save(update_fields=["received_at", "received_by"])
        if hasattr(delivery, "first_contact"):
            raise Conflict(_("Den første kontakt er allerede registreret."), code="already_contacted")
        if contacted_at < delivery.sent_at:
            raise DomainError(_("Kontakten kan ikke ligge før planen blev sendt."), field="contacted_at")
        contact = FirstContact.objects.create(
            delivery=delivery,
            contacted_at=contacted_at,
            method=method,
            contacted_by_name=contacted_by_name.strip(),
            offer_place=offer_place,
            offer_provider=offer_provider,
            offer_form=offer_form,
            expected_start=expected_start,
            waiting_days=waiting_days,
            note=note,
            recorded_by=acting_user,
        )
        delivery.contacted_at = contacted_at
        delivery.save(update_fields=["contacted_at"])
        deadline_meet(
            subject=delivery,
            rule_code=FIRST_CONTACT,
            at=contacted_at,
            event=_("Borgeren kontaktet (%(method)s)") % {"method": contact.get_method_display()},
            user=acting_user,
        )
    return contact


def _responsible_kind(delivery: Delivery) -> str:
    return "municipality" if delivery.recipient == Delivery.Recipient.MUNICIPALITY else "hospital"


def delivery_forward(
    *, delivery: Delivery, to: Organisation, consent: bool, acting_user: "User", reason: str = ""
) -> Delivery:
    """Free choice: forward the plan, with the citizen's consent, to another municipality (general) or hospital
    (specialised). The clock moves: the old receiver's deadline is cancelled, the new receiver's starts now
    (electronic forwarding is receipt). Return the new delivery."""
    _require_receiver(delivery, acting_user)
    if not consent:
        raise DomainError(_("Planen må kun videresendes efter aftale med borgeren."), field="consent")
    kinds = {"municipality": {"municipality"}, "hospital": {"hospital", "department"}}[
        _responsible_kind(delivery)
    ]
    if to.kind not in kinds or to.pk == delivery.organisation_id:
        raise DomainError(
            _("Vælg en anden %(kind)s.")
            % {"kind": _("kommune") if "municipality" in kinds else _("hospital")},
            field="to",
        )
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if not delivery.is_responsible or delivery.closed_at is not None or delivery.contacted_at is not None:
            raise Conflict(_("Planen kan ikke videresendes herfra."), code="not_forwardable")
        delivery.received_at = delivery.received_at or now
        delivery.closed_at = now
        delivery.closed_reason = (_("Frit valg: videresendt til %(to)s") % {"to": to})[:300]
        delivery.save(update_fields=["received_at", "closed_at", "closed_reason"])
        deadline_cancel(subject=delivery, rule_code=FIRST_CONTACT, reason=delivery.closed_reason)
        new = Delivery.objects.create(
            plan=delivery.plan,
            version=delivery.version,
            recipient=delivery.recipient,
            organisation=to,
            consent=True,
            consent_note=(reason or _("Borgerens frie valg"))[:200],
            is_responsible=True,
            sent_at=now,
            sent_by=acting_user,
            received_at=now,
            forwarded_from=delivery,
        )
        care_relation_end(source=f"delivery:{delivery.pk}", at=now)
        _receiver_relation_open(new)
        _first_contact_ensure(new)
    return new


def delivery_decline(*, delivery: Delivery, reason: str, acting_user: "User") -> Delivery:
    """A municipality declines a free-choice citizen from another municipality for capacity reasons (Krav 3):
    the plan goes back to the citizen's home municipality, whose clock starts now. Return the new delivery."""
    _require_receiver(delivery, acting_user)
    if not reason.strip():
        raise DomainError(_("Angiv årsagen til afvisningen."), field="reason")
    citizen = delivery.plan.course.citizen
    if (
        delivery.recipient != Delivery.Recipient.MUNICIPALITY
        or delivery.organisation_id == citizen.municipality_id
    ):
        raise DomainError(
            _("Kun en anden kommune end bopælskommunen kan afvise af kapacitetshensyn."),
            code="not_free_choice",
        )
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.closed_at is not None or delivery.contacted_at is not None:
            raise Conflict(_("Planen er allerede afsluttet her."), code="closed")
        delivery.closed_at = now
        delivery.declined = True
        delivery.closed_reason = (_("Afvist af kapacitetshensyn: %(reason)s") % {"reason": reason.strip()})[
            :300
        ]
        delivery.save(update_fields=["closed_at", "declined", "closed_reason"])
        deadline_cancel(subject=delivery, rule_code=FIRST_CONTACT, reason=delivery.closed_reason)
        back = Delivery.objects.create(
            plan=delivery.plan,
            version=delivery.version,
            recipient=Delivery.Recipient.MUNICIPALITY,
            organisation=citizen.municipality,
            consent=True,
            consent_note=_("Retur efter afvisning"),
            is_responsible=True,
            sent_at=now,
            sent_by=acting_user,
            received_at=now,
            forwarded_from=delivery,
        )
        care_relation_end(source=f"delivery:{delivery.pk}", at=now)
        _receiver_relation_open(back)
        _first_contact_ensure(back)
    return back
