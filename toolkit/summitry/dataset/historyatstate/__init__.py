"""Readers for the US Office of the Historian (history.state.gov) travel and visit lists.

Turns each upstream ``<trip>`` or ``<visit>`` into one coded :class:`Row` (kind, level, format; rules in RULES.md).
"""

from __future__ import annotations

from pathlib import Path

from .checks import problems
from .rows import (
    COLLECTION_PRESIDENT,
    COLLECTION_SECRETARY,
    COLLECTION_VISITS,
    COLLECTIONS,
    FORMATS,
    LEVEL_ORDER,
    VISIT_TYPES,
    Problem,
    Row,
)
from .xmlrows import read_president_trips, read_presidents, read_secretary_trips, read_visits


def read_all(folder: str | Path) -> list[Row]:
    """Read the three collections.

    Parameters
    ----------
    folder : str or pathlib.Path
        The historyatstate upstream folder (holding ``travels/`` and ``visits/``),
        e.g. ``dataset/upstream/historyatstate``.

    Returns
    -------
    list of Row
        The ``ooh-president`` rows, then ``ooh-secretary``, then ``ooh-visits``, each in
        reading order (files sorted by name, elements in document order).
    """
    base = Path(folder)
    return (
        read_president_trips(base / "travels" / "president-travels")
        + read_secretary_trips(base / "travels" / "secretary-travels")
        + read_visits(base / "visits" / "data")
    )


__all__ = [
    "COLLECTIONS", "COLLECTION_PRESIDENT", "COLLECTION_SECRETARY", "COLLECTION_VISITS", "FORMATS", "LEVEL_ORDER",
    "VISIT_TYPES", "Problem", "Row", "problems", "read_all", "read_president_trips", "read_presidents",
    "read_secretary_trips", "read_visits",
]
