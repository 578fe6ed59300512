"""ICD-10 codes on the plan: format check and meaning lookup in the shipped subset (``data/icd10_subset.json``)."""

import json
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ICD10_PATTERN = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
SKS_PATTERN = re.compile(r"^[A-Z]{2,5}[0-9A-Z]{0,6}$")
_DATA = Path(__file__).resolve().parent / "data" / "icd10_subset.json"


@cache
def icd10_subset() -> dict[str, str]:
    """Return the shipped subset of ICD-10 codes and their Danish meaning (not the whole classification)."""
    return dict(json.loads(_DATA.read_text(encoding="utf-8"))["codes"])


def icd10_normalise(code: str) -> str:
    """Return the code upper-cased, without an SKS ``D`` prefix, with a dot after the category (S720 → S72.0)."""
    code = code.strip().upper().replace(" ", "")
    if len(code) > 3 and code.startswith("D") and code[1].isalpha():
        code = code[1:]
    if len(code) > 3 and "." not in code:
        code = f"{code[:3]}.{code[3:]}"
    return code


def icd10_meaning(code: str) -> str:
    """Return the meaning of the code from the subset, or ``""`` when it is not in the subset."""
    return icd10_subset().get(icd10_normalise(code), "")


def icd10_validate(code: str) -> None:
    if code and not ICD10_PATTERN.match(icd10_normalise(code)):
        raise ValidationError(_("»%(code)s« er ikke en ICD-10-kode (fx S72.0).") % {"code": code})


def sks_validate(code: str) -> None:
    if code and not SKS_PATTERN.match(code.strip().upper()):
        raise ValidationError(_("»%(code)s« er ikke en SKS-kode (fx BLHA).") % {"code": code})
