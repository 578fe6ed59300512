"""Looking codes up as the therapist types: ICD-10 diagnoses (the SKS D-codes, ``data/icd10_subset.json``) and
SKS procedure codes (``data/sks_subset.json``), by the start of the code or by words of the Danish title.
Both lists are read once per process; no database."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from django import forms
from django.utils.translation import gettext_lazy as _

from rehab.diagnoses import icd10_subset
from sundhedsaftale.forms import DesignSystemForm

CodeKind = Literal["icd10", "sks"]
_SKS_DATA = Path(__file__).resolve().parent / "data" / "sks_subset.json"
#: as many matches as fit beside the field without scrolling; a longer query narrows them
RESULTS = 12
#: longer than any code or any phrase of a title (the longest title is about 60 characters)
QUERY_MAX_LENGTH = 80


@dataclass(frozen=True)
class Code:
    code: str
    title: str

    @property
    def compact(self) -> str:
        """The code without its dot, as typed in a hurry (S720 for S72.0)."""
        return self.code.replace(".", "")


@cache
def _codes(kind: CodeKind) -> tuple[Code, ...]:
    if kind == "icd10":
        entries = icd10_subset()
    else:
        entries = dict(json.loads(_SKS_DATA.read_text(encoding="utf-8"))["codes"])
    return tuple(Code(code, title) for code, title in sorted(entries.items()))


def code_search(*, query: str, kind: CodeKind, limit: int = RESULTS) -> list[Code]:
    """Return the codes of ``kind`` whose code starts with ``query`` (dot, spaces and an SKS ``D`` before an
    ICD-10 code ignored), then those whose Danish title holds every word of it (any case, æøå as typed);
    at most ``limit``, in code order within each group. An empty query matches nothing."""
    words = query.casefold().split()
    if not words:
        return []
    compact = "".join(words).upper().replace(".", "")
    if kind == "icd10" and len(compact) >= 2 and compact[0] == "D" and compact[1].isalpha():
        compact = compact[1:]  # DS720, the SKS form of S72.0: no ICD-10 code starts with D and a letter
    codes = _codes(kind)
    by_code = [code for code in codes if code.compact.startswith(compact)]
    by_title = [
        code for code in codes if code not in by_code and all(word in code.title.casefold() for word in words)
    ]
    return (by_code + by_title)[:limit]


class CodeLookupForm(DesignSystemForm):
    """The look-up's query: what is typed (bounded, no NUL: Django's CharField refuses it) and which list."""

    q = forms.CharField(label=_("Søg kode eller ord"), required=False, max_length=QUERY_MAX_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kodeliste"), choices=[("icd10", _("ICD-10 (diagnoser)")), ("sks", _("SKS (procedurer)"))]
    )
