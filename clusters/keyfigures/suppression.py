"""Small cells: a count under 5 can point at a person, so a steering group sees "<5" instead.

Primary suppression hides every cell under ``THRESHOLD``. Secondary suppression hides one more cell of any
group whose total is shown and which would otherwise hold exactly one hidden cell, since that cell is the
total minus the others. A group is a set of cells adding up to a total cell (a row of municipalities and
the cluster's total; a column of months and the half-year); a total may itself be a member of a larger group
(the clusters and the region). The next cell hidden is the smallest shown one, so as little as possible
goes; if none is left, the total is hidden. Repeated until nothing changes.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
HIDDEN = "<5"


@dataclass(frozen=True)
class Group[K: Hashable]:
    """``members`` add up to ``total`` (None when the total is not shown anywhere)."""

    members: Sequence[K]
    total: K | None = None


def suppressed_cells[K: Hashable](values: Mapping[K, int], groups: Sequence[Group[K]] = ()) -> set[K]:
    """Return the keys of ``values`` that must be shown as ``HIDDEN``."""
    hidden = {key for key, value in values.items() if value < THRESHOLD}
    changed = True
    while changed:
        changed = False
        for group in groups:
            if group.total is not None and group.total in hidden:
                continue
            members = [key for key in group.members if key in values]
            if sum(1 for key in members if key in hidden) != 1:
                continue
            shown = sorted(
                (key for key in members if key not in hidden), key=lambda key: (values[key], str(key))
            )
            if shown:
                hidden.add(shown[0])
            elif group.total is not None:
                hidden.add(group.total)
            else:
                continue
            changed = True
    return hidden


def suppress[K: Hashable](values: Mapping[K, int], groups: Sequence[Group[K]] = ()) -> dict[K, int | str]:
    """Return ``values`` with every cell that could identify a person replaced by ``HIDDEN``."""
    hidden = suppressed_cells(values, groups)
    return {key: HIDDEN if key in hidden else value for key, value in values.items()}
