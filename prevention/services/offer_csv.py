"""The offer catalogue as CSV (semicolon-separated, UTF-8 with BOM, as Danish spreadsheets read it).

Import checks every row and imports all of them or none: any wrong row gives the list of errors by row and
field, and nothing is written. Export neutralises cells a spreadsheet would run as a formula (CSV injection)."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prevention.models import Offer
from prevention.models.offers import KRAM_FIELDS
from prevention.permissions import acting, may_maintain_offer
from prevention.services.offers import OFFER_FIELDS, offer_errors
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
COLUMNS = (
    ("id", "id"),
    ("titel", "title"),
    ("udbyder", "provider"),
    ("rettet_mod", "orientation"),
    ("maalgruppe", "target_group"),
    ("indhold", "content"),
    ("kram", "kram"),
    ("forloebsprogram", "programme"),
    ("patientuddannelse", "education"),
    ("visitation", "visitation"),
    ("ventetid_uger", "waiting_weeks"),
    ("kontakt", "contact"),
    ("sted", "location"),
    ("tidspunkt", "schedule"),
    ("aktiv_fra", "active_from"),
    ("aktiv_til", "active_until"),
    ("modtager_henvisninger", "accepts_referrals"),
)
HEADER = [name for name, _field in COLUMNS]
COLUMN_OF = {field: name for name, field in COLUMNS}
ORIENTATION = {"borgerrettet": "citizen", "patientrettet": "patient"}
PROGRAMME = {"": "", "diabetes": "diabetes", "kol": "copd", "hjerte": "heart", "andet": "other"}
EDUCATION = {"": "", "sygdomsspecifik": "disease_specific", "tværdiagnostisk": "cross_diagnostic"}
KRAM = {"kost": "diet", "rygning": "smoking", "alkohol": "alcohol", "motion": "exercise"}
YES, NO = {"ja", "j", "1", "true", "x", ""}, {"nej", "n", "0", "false"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    """One error of an import: the line of the file (the header is line 1), the column and what is wrong."""

    line: int
    column: str
    message: str


class OfferImportError(DomainError):
    """The file was not imported; ``rows`` lists every error."""

    def __init__(self, rows: list[RowError]) -> None:
        super().__init__(
            _("Filen er ikke indlæst: %(count)d fejl. Ret dem og indlæs filen igen.") % {"count": len(rows)},
            code="import_invalid",
        )
        self.rows = rows


def _safe(value: Any) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets an apostrophe in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _reverse(mapping: dict[str, str], value: str) -> str:
    return next((word for word, code in mapping.items() if code == value), value)


def offers_export_csv(offers: Iterable[Offer]) -> str:
    """Return the offers as CSV text (with the BOM), one row per offer in the import's columns."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for offer in offers:
        writer.writerow(
            [
                _safe(v)
                for v in (
                    offer.pk,
                    offer.title,
                    offer.provider.code,
                    _reverse(ORIENTATION, offer.orientation),
                    offer.target_group,
                    offer.content,
                    ", ".join(_reverse(KRAM, key) for key in offer.kram),
                    _reverse(PROGRAMME, offer.programme),
                    _reverse(EDUCATION, offer.education),
                    offer.visitation,
                    "" if offer.waiting_weeks is None else offer.waiting_weeks,
                    offer.contact,
                    offer.location,
                    offer.schedule,
                    offer.active_from.strftime("%d.%m.%Y"),
                    offer.active_until.strftime("%d.%m.%Y") if offer.active_until else "",
                    "ja" if offer.accepts_referrals else "nej",
                )
            ]
        )
    return out.getvalue()


def _date(value: str) -> date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007  (a date, no time of day)
        except ValueError:
            continue
    raise ValueError(value)


def _read(text: str) -> list[dict[str, str]]:
    if "\x00" in text:
        raise OfferImportError([RowError(1, "", _("Filen indeholder ugyldige tegn."))])
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows = [row for row in reader]
    except csv.Error as error:
        raise OfferImportError(
            [RowError(1, "", _("Filen kan ikke læses som CSV (%(e)s).") % {"e": error})]
        ) from None
    if not rows:
        raise OfferImportError([RowError(1, "", _("Filen er tom."))])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in HEADER if name not in header and name != "id"]
    if missing:
        raise OfferImportError([RowError(1, name, _("Kolonnen mangler.")) for name in missing])
    if len(rows) - 1 > MAX_ROWS:
        raise OfferImportError([RowError(1, "", _("Højst %(max)d rækker i én fil.") % {"max": MAX_ROWS})])
    records = []
    for cells in rows[1:]:
        record = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        for name, value in record.items():  # an exported cell that was neutralised reads back as it was
            if value.startswith("'") and value[1:].startswith(FORMULA_START):
                record[name] = value[1:]
        records.append(record)
    return records


def _row(record: dict[str, str], line: int, errors: list[RowError]) -> dict[str, Any]:
    """The offer's fields of one row; what cannot be read is added to ``errors``."""
    data: dict[str, Any] = {
        field: record.get(COLUMN_OF[field], "")
        for field in ("title", "target_group", "content", "visitation", "contact", "location", "schedule")
    }

    def choice(column: str, mapping: dict[str, str], field: str) -> None:
        value = record.get(column, "").lower()
        if value in mapping:
            data[field] = mapping[value]
        elif value in mapping.values():
            data[field] = value
        else:
            errors.append(RowError(line, column, _("Ukendt værdi »%(v)s«.") % {"v": value[:50]}))

    choice("rettet_mod", ORIENTATION, "orientation")
    choice("forloebsprogram", PROGRAMME, "programme")
    choice("patientuddannelse", EDUCATION, "education")
    factors = [f.strip().lower() for f in record.get("kram", "").replace(";", ",").split(",") if f.strip()]
    unknown = [f for f in factors if f not in KRAM and f not in KRAM.values()]
    if unknown:
        errors.append(RowError(line, "kram", _("Ukendt KRAM-faktor »%(v)s«.") % {"v": unknown[0][:50]}))
    keys = {KRAM.get(f, f) for f in factors}
    data.update({field: key in keys for key, field in KRAM_FIELDS.items()})
    weeks = record.get("ventetid_uger", "")
    if weeks:
        data["waiting_weeks"] = int(weeks) if weeks.isascii() and weeks.isdigit() and len(weeks) < 6 else -1
    else:
        data["waiting_weeks"] = None
    for column, field in (("aktiv_fra", "active_from"), ("aktiv_til", "active_until")):
        value = record.get(column, "")
        try:
            data[field] = _date(value) if value else None
        except ValueError:
            errors.append(
                RowError(line, column, _("Ugyldig dato »%(v)s« (brug dd.mm.åååå).") % {"v": value[:20]})
            )
            data[field] = None
    flag = record.get("modtager_henvisninger", "").lower()
    if flag not in YES | NO:
        errors.append(RowError(line, "modtager_henvisninger", _("Skriv ja eller nej.")))
    data["accepts_referrals"] = flag in YES  # empty: yes, the default
    return data


def offers_import_csv(
    *, text: str, acting_user: User, organisation: Organisation | None = None
) -> list[Offer]:
    """Import the offers of a CSV file: a row with an ``id`` updates that offer, one without adds an offer. Every
    row must be right and the user must maintain every row's provider; otherwise ``OfferImportError`` lists
    every error and nothing is imported."""
    if len(text.encode()) > MAX_BYTES:
        raise OfferImportError([RowError(1, "", _("Filen er for stor (højst 1 MB)."))])
    actor = acting(user=acting_user, organisation=organisation)
    records = _read(text)
    errors: list[RowError] = []
    providers = {
        o.code: o for o in Organisation.objects.filter(code__in={r.get("udbyder", "") for r in records})
    }
    plan: list[tuple[Offer | None, Organisation, dict[str, Any]]] = []
    for line, record in enumerate(records, start=2):
        row_errors: list[RowError] = []
        data = _row(record, line, row_errors)
        provider = providers.get(record.get("udbyder", ""))
        offer = None
        if provider is None:
            row_errors.append(RowError(line, "udbyder", _("Ukendt organisationskode.")))
        elif not may_maintain_offer(actor=actor, provider=provider):
            row_errors.append(
                RowError(line, "udbyder", _("Du vedligeholder ikke %(p)s's tilbud.") % {"p": provider})
            )
        identifier = record.get("id", "")
        if identifier and provider is not None:
            offer = (
                Offer.objects.filter(pk=int(identifier)).first()
                if identifier.isdigit() and len(identifier) < 10
                else None
            )
            if offer is None or offer.provider_id != provider.pk:
                row_errors.append(RowError(line, "id", _("Intet tilbud med dette id hos udbyderen.")))
        reported = {e.column for e in row_errors}  # a value that could not be read is reported once
        for field, message in offer_errors(provider=provider, data=data).items():
            column = COLUMN_OF.get(field, field)
            if column not in reported:
                row_errors.append(RowError(line, column, message))
        errors.extend(row_errors)
        if provider is not None:
            plan.append((offer, provider, data))
    if errors:
        raise OfferImportError(errors)
    saved = []
    now = timezone.now()
    with transaction.atomic():
        for offer, provider, data in plan:
            fields = {field: data[field] for field in OFFER_FIELDS}
            if offer is None:
                saved.append(Offer.objects.create(provider=provider, created_by=acting_user, **fields))
            else:
                for field, value in fields.items():
                    setattr(offer, field, value)
                offer.updated_at = now
                offer.save()
                saved.append(offer)
    return saved
