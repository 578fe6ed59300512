"""Every key figure's cells straight from the raw rows: what the refresh stores, and what the tests compare the
stored cells with."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from clusters.keyfigures.area_sources import AREA_SOURCES
from clusters.keyfigures.sources import SOURCES, Cells


def compute(months: Iterable[date], today: date) -> Cells:
    """Every figure's cells for ``months``."""
    chosen = sorted(set(months))
    cells: Cells = defaultdict(int)
    for source in SOURCES + AREA_SOURCES:
        for key, value in source(chosen, today).items():
            cells[key] += value
    return dict(cells)
