"""Write use-cases of the citizen's master data: found or created at admission, changed only explicitly.

A citizen's home municipality and GP decide who sees the citizen's whole history, so a change is never a side
effect of an admission: the admission uses the stored data, and a change is asked for, audited
(``CitizenMasterDataChange``: who, when, why, before/after) and put on the course's timeline.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sundhedsaftale.citizens.cpr import EARLIEST_PLAUSIBLE, cpr_birth_date, cpr_validate
from sundhedsaftale.citizens.models import Citizen, CitizenMasterDataChange
from sundhedsaftale.citizens.services import citizen_relations_sync
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation

#: The master data an admission may carry, with their Danish names (the form's and the API's field names).
MASTER_DATA_LABELS = {
    "name": "navn",
    "municipality": "bopælskommune",
    "gp_practice": "egen læge",
    "address": "adresse",
    "phone": "telefon",
}


class MasterDataDiffers(Conflict):
    """The submitted master data differ from the stored; ``differences`` maps each field to (stored, submitted)
    as display text. The stored values are for callers allowed to see the citizen only."""

    def __init__(self, *, citizen: Citizen, differences: dict[str, tuple[str, str]]) -> None:
        names = ", ".join(MASTER_DATA_LABELS[field] for field in differences)
        super().__init__(
            _(
                "Borgeren findes i forvejen med andre stamdata (%(fields)s). Indlæggelsen bruger de registrerede "
                "stamdata: ret det indtastede, eller vælg “Opdatér borgerens stamdata” for at ændre dem."
            )
            % {"fields": names},
            code="master_data_differs",
        )
        self.citizen = citizen
        self.differences = differences


def moment_plausible(value: datetime, field: str) -> datetime:
    """Refuse a date no record of a living citizen can carry: before 1870 (year 1, a two-digit year read as 42)."""
    if value.date() < EARLIEST_PLAUSIBLE:
        raise DomainError(
            _("Datoen %(date)s er ikke troværdig; skriv året med fire cifre (fx %(year)s).")
            % {"date": f"{value:%d.%m.}{value.year:04d}", "year": timezone.now().year},
            field=field,
            code="implausible_date",
        )
    return value


def _display(value: Any) -> str:
    return "" if value is None else str(value.name if isinstance(value, Organisation) else value)


def citizen_master_data_differences(*, citizen: Citizen, **submitted: Any) -> dict[str, tuple[str, str]]:
    """Return the submitted master data that differ from the stored, as {field: (stored, submitted)} display
    text. A blank text or ``None`` means "use the stored value" and is no difference."""
    differences: dict[str, tuple[str, str]] = {}
    for field, value in submitted.items():
        if isinstance(value, str):
            value = value.strip()
        if value in ("", None):
            continue
        stored = getattr(citizen, field)
        if stored != value:
            differences[field] = (_display(stored), _display(value))
    return differences


@transaction.atomic
def citizen_update_master_data(
    *,
    citizen: Citizen,
    acting_user: "User",
    reason: str,
    name: str = "",
    municipality: Organisation | None = None,
    gp_practice: Organisation | None = None,
    address: str = "",
    phone: str = "",
) -> CitizenMasterDataChange | None:
    """Change the citizen's master data explicitly and audit it (who, when, why, before/after). Blank or
    ``None`` leaves a field as it is. Returns the audit row, or ``None`` when nothing differed."""
    if not reason.strip():
        raise DomainError(_("Angiv hvorfor borgerens stamdata ændres."), field="reason")
    if municipality is not None and municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise DomainError(_("Bopælskommunen skal være en kommune."), field="municipality")
    if gp_practice is not None and gp_practice.kind != Organisation.Kind.PRACTICE:
        raise DomainError(_("Egen læge skal være en lægepraksis."), field="gp_practice")
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    submitted = {
        "name": name,
        "municipality": municipality,
        "gp_practice": gp_practice,
        "address": address,
        "phone": phone,
    }
    differences = citizen_master_data_differences(citizen=citizen, **submitted)
    if not differences:
        return None
    for field in differences:
        value = submitted[field]
        setattr(citizen, field, value.strip() if isinstance(value, str) else value)
    citizen.save(update_fields=list(differences))
    citizen_relations_sync(citizen=citizen, acting_user=acting_user)
    user = acting_user if getattr(acting_user, "is_authenticated", False) else None
    return CitizenMasterDataChange.objects.create(
        citizen=citizen,
        changed_by=user,
        changed_by_name=(user.get_full_name() or user.get_username()) if user is not None else "",
        reason=reason.strip()[:300],
        changes={field: {"before": old, "after": new} for field, (old, new) in differences.items()},
    )


def citizen_get_or_create_for_admission(
    *,
    cpr: str,
    name: str,
    municipality: Organisation,
    gp_practice: Organisation | None,
    address: str,
    phone: str,
    admitted_at: datetime,
) -> tuple[Citizen, dict[str, tuple[str, str]]]:
    """Return the citizen with this CPR (locked), created when new, and the submitted master data that differ
    from the stored. Refuses a CPR in other digits than 0–9, a dead citizen and an admission before birth."""
    try:
        compact = cpr_validate(cpr)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="cpr", code="cpr") from error
    if municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise DomainError(_("Bopælskommunen skal være en kommune."), field="municipality")
    if gp_practice is not None and gp_practice.kind != Organisation.Kind.PRACTICE:
        raise DomainError(_("Egen læge skal være en lægepraksis."), field="gp_practice")
    if admitted_at.date() < cpr_birth_date(compact):
        raise DomainError(
            _("Indlæggelsen kan ikke ligge før borgerens fødselsdato."),
            field="admitted_at",
            code="before_birth",
        )
    citizen = Citizen.objects.select_for_update().filter(cpr=compact).first()
    if citizen is None:
        if not name.strip():
            raise DomainError(_("Angiv borgerens navn."), field="name")
        citizen = Citizen.objects.create(
            cpr=compact,
            name=name.strip(),
            municipality=municipality,
            gp_practice=gp_practice,
            address=address.strip(),
            phone=phone.strip(),
        )
        citizen_relations_sync(citizen=citizen, at=citizen.created_at)
        return citizen, {}
    if citizen.deceased_at is not None:
        raise DomainError(_("Borgeren er registreret som død."), field="cpr", code="deceased")
    differences = citizen_master_data_differences(
        citizen=citizen,
        name=name,
        municipality=municipality,
        gp_practice=gp_practice,
        address=address,
        phone=phone,
    )
    return citizen, differences


def master_data_differences_shown(*, actor: Actor, error: MasterDataDiffers) -> list[tuple[str, str, str]]:
    """The differences as (label, stored, submitted) rows for the admit form. The stored value is shown only
    to a user who may already see the citizen; for others it stays hidden (a CPR typed is no right to read)."""
    visible = Citizen.objects.visible_to(actor).filter(pk=error.citizen.pk).exists()
    hidden = _("(skjult – borgeren er ikke synlig for dig)")
    return [
        (MASTER_DATA_LABELS[field], stored if visible else hidden, submitted)
        for field, (stored, submitted) in error.differences.items()
    ]
