"""The ward board's order and filters, read from plain GET parameters (``?sorter=stue&behov=home_care``).

The board's rows are already in memory (one query per record kind, whatever their number), so ordering and
filtering them costs no query. A value the board does not know is ignored, as if it had not been given: a
bad or old link shows the whole board in its default order, never an error.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from discharge.models import Need
from discharge.selectors.lists import BoardRow

#: the orders a nurse may choose, by their parameter value; the first is the default
SORTS: dict[str, str] = {
    "frist": "Næste frist (tidligste først)",
    "navn": "Navn",
    "stue": "Stue og seng",
    "indlagt": "Indlagt (længst indlagt først)",
}
DEFAULT_SORT = "frist"
# the Danish alphabet ends æ, ø, å (after z); code points would put å before æ
_DANISH_LAST = str.maketrans({"æ": "z{0", "ø": "z{1", "å": "z{2", "ä": "z{0", "ö": "z{1", "ü": "y"})
_NUMBER = re.compile(r"(\d+)")
_CODE = re.compile(r"[\w-]{1,32}")


@dataclass(frozen=True)
class BoardChoice:
    sort: str = DEFAULT_SORT
    need: str = ""
    municipality: str = ""  # the municipality's code
    overdue: bool = False

    @property
    def filtered(self) -> bool:
        return bool(self.need or self.municipality or self.overdue)

    def params(self) -> dict[str, str]:
        """The choice as GET parameters (defaults left out): the link that shows the same board."""
        values = {
            "sorter": "" if self.sort == DEFAULT_SORT else self.sort,
            "behov": self.need,
            "kommune": self.municipality,
            "overskredet": "1" if self.overdue else "",
        }
        return {name: value for name, value in values.items() if value}


def board_choice_parse(params: Mapping[str, str]) -> BoardChoice:
    """The order and filters asked for; unknown values are left out. A municipality code is only checked for
    its shape here: one that is on no row filters to an empty board, as any other filter may."""
    sort = params.get("sorter", "")
    need = params.get("behov", "")
    municipality = params.get("kommune", "").strip()
    return BoardChoice(
        sort=sort if sort in SORTS else DEFAULT_SORT,
        need=need if need in Need.values else "",
        municipality=municipality if _CODE.fullmatch(municipality) else "",
        overdue=params.get("overskredet", "") in ("1", "on", "ja"),
    )


def name_key(name: str) -> str:
    """A name as Danish lists sort it (æ, ø, å last; case ignored)."""
    return name.casefold().translate(_DANISH_LAST)


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """``2`` before ``10``, ``4A`` before ``4B``, numbers before names: numbers as numbers, the rest as Danish
    text. Each part is (kind, number, text), so a number and a name compare (``4`` and ``B`` in one ward);
    a digit that is no decimal (``²``) is text."""
    return tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, name_key(part))
        for part in _NUMBER.split(text)
        if part
    )


def _deadline(row: BoardRow) -> tuple[Any, ...]:
    return (row.next_deadline.due_at.timestamp() if row.next_deadline else math.inf,)


def _room(row: BoardRow) -> tuple[Any, ...]:
    return (not row.room, natural_key(row.room), natural_key(row.bed))


def _admitted(row: BoardRow) -> tuple[Any, ...]:
    return (row.course.admitted_at,)


_KEYS = {"frist": _deadline, "navn": lambda row: (), "stue": _room, "indlagt": _admitted}


def board_rows_arrange(*, rows: list[BoardRow], choice: BoardChoice) -> list[BoardRow]:
    """The rows the choice keeps, in its order; ties (and every row without a deadline or a room, last) by
    name."""
    kept = [
        row
        for row in rows
        if (not choice.need or (row.plan is not None and choice.need in row.plan.all_needs))
        and (not choice.municipality or row.course.citizen.municipality.code == choice.municipality)
        and (not choice.overdue or row.urgency == "breached")
    ]
    key = _KEYS[choice.sort]
    return sorted(kept, key=lambda row: (*key(row), name_key(row.course.citizen.name), row.course.pk))


def board_municipalities(rows: list[BoardRow]) -> list[tuple[str, str]]:
    """The home municipalities of the board's citizens, as (code, name) by name: the filter's choices."""
    found = {row.course.citizen.municipality.code: row.course.citizen.municipality.name for row in rows}
    return sorted(found.items(), key=lambda item: name_key(item[1]))
