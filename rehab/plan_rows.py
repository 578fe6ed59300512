"""The structured lists of a plan version (bidiagnoses, SKS interventions, measurements): one schema for
writing them (strict: the API, the editor form and the service all call ``plan_rows_clean``) and one tolerant
reading of what is stored (``plan_rows_read``), so that a malformed legacy row never breaks a page, the API or
the PDF. Pure: no database."""

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rehab.diagnoses import icd10_meaning, icd10_normalise, icd10_validate, sks_validate

#: more rows than any plan has (the paper template has 2 bidiagnoses, 5 SKS codes, a handful of tests)
MAX_ROWS = 20

Row = dict[str, str]
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _icd10(code: str) -> str:
    icd10_validate(code)
    return icd10_normalise(code)


def _sks(code: str) -> str:
    sks_validate(code)
    return code.upper()


def _iso_date(text: str) -> str:
    try:
        if not ISO_DATE.fullmatch(text):  # fromisoformat alone also takes 20260330 and week dates
            raise ValueError(text)
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(_("»%(value)s« er ikke en dato (ÅÅÅÅ-MM-DD).") % {"value": text[:20]}) from None


@dataclass(frozen=True)
class Column:
    key: str
    max_length: int
    required: bool = False
    check: Callable[[str], str] | None = None  # returns the normalised text or raises ValidationError


PLAN_ROWS: dict[str, tuple[Column, ...]] = {
    "secondary_diagnoses": (Column("code", 10, required=True, check=_icd10), Column("text", 200)),
    "interventions": (Column("code", 11, required=True, check=_sks), Column("text", 200)),
    "measurements": (
        Column("test", 200, required=True),
        Column("date", 10, check=_iso_date),
        Column("score", 100),
    ),
}


def _text(value: Any, column: Column) -> str:
    """Return the cell as trimmed text, or raise: numbers are accepted as text, structures and NUL are not."""
    if value is None:
        if column.required:
            raise ValidationError(_("Skal udfyldes."))
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValidationError(_("Skal være en tekst."))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(_("Tallet er for stort."))
    text = str(value).strip()
    if "\x00" in text:
        raise ValidationError(_("Må ikke indeholde NUL-tegn."))
    if len(text) > column.max_length:
        raise ValidationError(_("Højst %(count)d tegn.") % {"count": column.max_length})
    if not text and column.required:
        raise ValidationError(_("Skal udfyldes."))
    return column.check(text) if column.check and text else text


def plan_row_clean(name: str, row: Any) -> Row:
    """Return one row of the list ``name`` validated and normalised (unknown keys are left out).

    Raise ``ValidationError`` keyed by column (``{"date": [...]}``) or, for a row that is no object, by ``""``.
    """
    if not isinstance(row, dict):
        raise ValidationError({"": [_("Hver række skal være et objekt.")]})
    clean: Row = {}
    errors: dict[str, list[str]] = {}
    for column in PLAN_ROWS[name]:
        try:
            clean[column.key] = _text(row.get(column.key), column)
        except ValidationError as error:
            errors[column.key] = error.messages
    if errors:
        raise ValidationError(errors)
    if name == "secondary_diagnoses" and not clean["text"]:
        clean["text"] = icd10_meaning(clean["code"])
    return clean


def plan_rows_clean(name: str, value: Any) -> list[Row]:
    """Return the list ``name`` validated and normalised, every row complete (also in a partial update).

    Raise ``ValidationError`` keyed by field path: ``measurements``, ``measurements[0]``,
    ``measurements[0].date``.
    """
    if not isinstance(value, list):
        raise ValidationError({name: [_("Skal være en liste.")]})
    if len(value) > MAX_ROWS:
        raise ValidationError({name: [_("Højst %(count)d rækker.") % {"count": MAX_ROWS}]})
    rows: list[Row] = []
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(value):
        try:
            rows.append(plan_row_clean(name, row))
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors[f"{name}[{index}]" + (f".{key}" if key else "")] = messages
    if errors:
        raise ValidationError(errors)
    return rows


def _readable(value: Any) -> str:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    return ""


def plan_rows_read(name: str, value: Any) -> list[Row]:
    """Return the rows of a stored list that can be shown: every column as text (``""`` when missing or not
    text); what is no list, no object, or an empty row is left out. Never raises."""
    if not isinstance(value, list):
        return []
    rows = [
        {column.key: _readable(row.get(column.key)) for column in PLAN_ROWS[name]}
        for row in value
        if isinstance(row, dict)
    ]
    return [row for row in rows if any(row.values())]


def plan_rows_repair(name: str, value: Any) -> list[Row]:
    """Return a stored list made valid: an invalid optional cell is emptied, a row whose required cell is
    invalid is dropped. Idempotent: a valid list comes back equal."""
    repaired: list[Row] = []
    for row in plan_rows_read(name, value)[:MAX_ROWS]:
        try:
            repaired.append(plan_row_clean(name, row))
            continue
        except ValidationError as error:
            bad = set(error.message_dict)
        if any(column.required and column.key in bad for column in PLAN_ROWS[name]):
            continue
        try:
            repaired.append(plan_row_clean(name, {k: ("" if k in bad else v) for k, v in row.items()}))
        except ValidationError:
            continue
    return repaired
