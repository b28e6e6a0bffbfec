"""Which dyads and periods the data covers completely, for marking them in the plots.

Outside coverage a count of zero means "no data", not "no visit", so the plots grey or
shade it. The rules are :mod:`summitry.analysis.coverage`'s (``*`` matches any country, a
row counts for the levels asked when it lists one of them, a period is covered when one
unbroken run of coverage spans all of it); this module asks them about single dyads,
days and periods, and finds the coverage a table from :func:`summitry.visit_frequency`
was counted under.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..analysis import coverage as cov
from ..analysis.coverage import LEADER_LEVELS, WILDCARD
from ..analysis.marks import mark_frame

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["LEADER_LEVELS", "covered", "covered_periods", "dyad_covered", "levels_of", "release_of", "rows_for"]

_RELEASE = re.compile(r"^summitry dataset release (\d+\.\d+\.\d+)$")


def release_of(table: pd.DataFrame) -> str | None:
    """The dataset release a table was loaded or counted from, if it says so.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of a release (``attrs["summitry_release"]``) or a table from
        :func:`summitry.visit_frequency` (whose credit line names the release).

    Returns
    -------
    str or None
        The release, or None for data from elsewhere (e.g. imported event files).
    """
    rel = table.attrs.get("summitry_release")
    if rel:
        return str(rel)
    # visit_frequency() keeps only its credit line; it names the release it counted.
    hit = _RELEASE.match(str(table.attrs.get("credit", "")))
    return hit.group(1) if hit else None


def levels_of(freq: pd.DataFrame) -> tuple[str, ...] | None:
    """The visit levels a frequency table counted (``attrs["level"]``; leader level if unsaid).

    Parameters
    ----------
    freq : pandas.DataFrame
        A table from :func:`summitry.visit_frequency`.

    Returns
    -------
    tuple of str or None
        The levels; None for every level.
    """
    return cov.levels_of(freq.attrs.get("level") or "leader")


def rows_for(freq: pd.DataFrame, coverage: pd.DataFrame | bool) -> pd.DataFrame | None:
    """The coverage rows to mark ``freq``'s plot by; None when nothing is to be marked.

    Parameters
    ----------
    freq : pandas.DataFrame
        A table from :func:`summitry.visit_frequency`.
    coverage : pandas.DataFrame or bool
        Coverage rows (:func:`summitry.load_coverage`); False marks nothing; True takes
        what ``freq`` was counted under: nothing covered when it declared no coverage
        (``attrs["coverage"] == "none"``), else the coverage table of its release, if any.

    Returns
    -------
    pandas.DataFrame or None
        Coverage rows (possibly none, so that nothing is covered), or None.
    """
    if coverage is False:
        return None
    if isinstance(coverage, pd.DataFrame):
        return cov.resolve(coverage, None)
    if freq.attrs.get("coverage") == "none":
        # no rows at all: every period and cell is uncovered, as the counts were
        return cov.resolve(pd.DataFrame({"guest_country": [], "host_country": [], "levels": [],
                                         "first_date": [], "last_date": []}), None)
    rel = release_of(freq)
    if rel is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a release without a coverage table: nothing to mark
        from ..dataset.releases import tables

        return cov.resolve(None, rel) if "coverage" in tables(rel) else None


def covered_periods(coverage: pd.DataFrame, guest: str, host: str, periods: pd.PeriodIndex,
                    levels: tuple[str, ...] | None = LEADER_LEVELS, directed: bool = True) -> npt.NDArray[np.bool_]:
    """For each period, whether coverage spans all of it from ``guest`` to ``host``.

    A period only partly covered (e.g. 2025 when coverage ends on 30 September) is not
    covered: its count may be short.

    Parameters
    ----------
    coverage : pandas.DataFrame
        Coverage rows (:func:`summitry.load_coverage`).
    guest, host : str
        ISO alpha-3 codes.
    periods : pandas.PeriodIndex
        The periods to check.
    levels : tuple of str or None
        The visit levels asked about (None: every level).
    directed : bool
        False asks about both directions, as an undirected count needs.

    Returns
    -------
    numpy.ndarray of bool
        One value per period.
    """
    if not len(periods):
        return np.zeros(0, dtype=bool)
    cells = pd.DataFrame({"k1": guest, "k2": host,
                          "start": periods.start_time.normalize().astype("datetime64[ns]"),
                          "end": periods.end_time.normalize().astype("datetime64[ns]")})
    marks = mark_frame(cells, cov.intervals(coverage, levels), WILDCARD, directed)
    return np.array(marks["covered"], dtype=bool)  # a writable copy


def covered(coverage: pd.DataFrame, guest: str, host: str, date: object | None = None,
            levels: tuple[str, ...] | None = LEADER_LEVELS) -> bool:
    """Whether ``coverage`` says the visits from ``guest`` to ``host`` on ``date`` are complete.

    Parameters
    ----------
    coverage : pandas.DataFrame
        Coverage rows (:func:`summitry.load_coverage`).
    guest, host : str
        ISO alpha-3 codes.
    date : date-like, optional
        The day; None asks whether the dyad is covered on any day.
    levels : tuple of str or None
        The visit levels asked about (None: every level).

    Returns
    -------
    bool
        True when a coverage row covers the guest, host, day and a level.
    """
    if date is None:
        return dyad_covered(coverage, levels)(guest, host)
    day = pd.Period(pd.Timestamp(str(date)), freq="D")
    return bool(covered_periods(coverage, guest, host, pd.PeriodIndex([day]), levels)[0])


def dyad_covered(coverage: pd.DataFrame, levels: tuple[str, ...] | None = LEADER_LEVELS) -> Callable[[str, str], bool]:
    """A fast test of whether a dyad is covered on some day, for many dyads at once.

    Parameters
    ----------
    coverage : pandas.DataFrame
        Coverage rows (:func:`summitry.load_coverage`).
    levels : tuple of str or None
        The visit levels asked about (None: every level).

    Returns
    -------
    callable
        ``test(guest, host)``: True when a coverage row of ``levels`` names the dyad (or ``*``).
    """
    iv = cov.intervals(coverage, levels)
    pairs = set(zip(iv["k1"], iv["k2"], strict=True))

    def test(guest: str, host: str) -> bool:
        return any(p in pairs for p in ((guest, host), (guest, WILDCARD), (WILDCARD, host), (WILDCARD, WILDCARD)))

    return test
