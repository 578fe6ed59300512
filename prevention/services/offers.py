"""The offer catalogue: an offer is created and kept up to date by its providing organisation."""

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prevention.models import Offer
from prevention.permissions import PROVIDER_KINDS, acting, require_maintainer
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation

TEXT_LIMITS = {
    "title": 200,
    "target_group": 2000,
    "content": 4000,
    "visitation": 2000,
    "contact": 300,
    "location": 300,
    "schedule": 300,
}
FLAGS = ("kram_diet", "kram_smoking", "kram_alcohol", "kram_exercise", "accepts_referrals")
OFFER_FIELDS = (
    *TEXT_LIMITS,
    "orientation",
    *FLAGS,
    "programme",
    "education",
    "waiting_weeks",
    "active_from",
    "active_until",
)
REQUIRED = {
    "title": gettext_lazy("Skriv tilbuddets titel."),
    "target_group": gettext_lazy("Beskriv målgruppen."),
    "content": gettext_lazy("Beskriv indholdet."),
}
MAX_WAITING_WEEKS = 520
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def offer_errors(*, provider: Organisation | None, data: dict[str, Any]) -> dict[str, str]:
    """Return what is wrong with an offer's fields, by field (empty when it may be saved)."""
    errors: dict[str, str] = {}
    if provider is None:
        errors["provider"] = _("Angiv udbyderen.")
    elif provider.kind not in PROVIDER_KINDS:
        errors["provider"] = _("Tilbud udbydes af en kommune, et hospital eller en lægepraksis.")
    for field, limit in TEXT_LIMITS.items():
        value = str(data.get(field) or "")
        if "\x00" in value:
            errors[field] = _("Teksten indeholder ugyldige tegn.")
        elif len(value) > limit:
            errors[field] = _("Højst %(limit)d tegn.") % {"limit": limit}
        elif field in REQUIRED and not value.strip():
            errors[field] = str(REQUIRED[field])
    orientation = data.get("orientation")
    if orientation not in Offer.Orientation.values:
        errors["orientation"] = _("Vælg borgerrettet eller patientrettet.")
    elif (
        orientation == Offer.Orientation.CITIZEN and provider is not None and provider.kind != "municipality"
    ):
        # krav 1.1: citizen-oriented prevention is the municipality's alone
        errors["orientation"] = _(
            "Borgerrettet forebyggelse er kommunens; hospitaler og praksis tilbyder patientrettet."
        )
    if (data.get("programme") or "") not in Offer.Programme.values:
        errors["programme"] = _("Ukendt forløbsprogram.")
    if (data.get("education") or "") not in Offer.Education.values:
        errors["education"] = _("Ukendt type patientuddannelse.")
    weeks = data.get("waiting_weeks")
    if weeks is not None and not (isinstance(weeks, int) and 0 <= weeks <= MAX_WAITING_WEEKS):
        errors["waiting_weeks"] = _("Ventetiden angives i hele uger (0–%(max)d).") % {
            "max": MAX_WAITING_WEEKS
        }
    starts, ends = data.get("active_from"), data.get("active_until")
    if not isinstance(starts, date):
        errors["active_from"] = _("Angiv datoen, tilbuddet er aktivt fra.")
    elif not EARLIEST <= starts <= LATEST:
        errors["active_from"] = _("Datoen ligger uden for 2000–2100.")
    if ends is not None and not isinstance(ends, date):
        errors["active_until"] = _("Ugyldig dato.")
    elif isinstance(ends, date) and not EARLIEST <= ends <= LATEST:
        errors["active_until"] = _("Datoen ligger uden for 2000–2100.")
    elif isinstance(ends, date) and isinstance(starts, date) and ends < starts:
        errors["active_until"] = _("Slutdatoen ligger før startdatoen.")
    return errors


def _raise_first(errors: dict[str, str]) -> None:
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {field: data[field] for field in OFFER_FIELDS if field in data}
    for field in TEXT_LIMITS:
        if field in cleaned:
            cleaned[field] = str(cleaned[field] or "").strip()
    for field in ("programme", "education"):
        if field in cleaned:
            cleaned[field] = cleaned[field] or ""
    return cleaned


@transaction.atomic  # the row and its audit entry together
def offer_create(
    *,
    provider: Organisation,
    data: dict[str, Any],
    acting_user: User,
    organisation: Organisation | None = None,
) -> Offer:
    """Add an offer to the catalogue for ``provider`` (by the provider itself or the regional secretariat)."""
    require_maintainer(actor=acting(user=acting_user, organisation=organisation), provider=provider)
    full = {"accepts_referrals": True, **data}
    _raise_first(offer_errors(provider=provider, data=full))
    return Offer.objects.create(provider=provider, created_by=acting_user, **_clean(full))


@transaction.atomic  # the row and its audit entry together
def offer_update(
    *,
    offer: Offer,
    data: dict[str, Any],
    acting_user: User,
    organisation: Organisation | None = None,
) -> Offer:
    """Change an offer's fields (those given); an offer leaves the catalogue by its ``active_until``."""
    require_maintainer(actor=acting(user=acting_user, organisation=organisation), provider=offer.provider)
    merged = {field: getattr(offer, field) for field in OFFER_FIELDS} | dict(data)
    _raise_first(offer_errors(provider=offer.provider, data=merged))
    for field, value in _clean(merged).items():
        setattr(offer, field, value)
    offer.updated_at = timezone.now()
    offer.save()
    return offer
