"""Marking cells covered, in the engine's query (the rules: :mod:`.coverage`).

A panel at scale has millions of cells, so whether each is covered is worked out where
the counts are, by the engine, not afterwards in pandas. A cell is a row with two keys
``k1, k2`` (ISO codes or state codes, or the wildcard) and two days: ``start``, its first
day, and ``after``, the day after its last. It is covered when one run of coverage of its
dyad holds every day from ``start`` up to ``after``; the run's first day (``run_start``)
says how far back the coverage reaches, which :func:`summitry.dyad_years` needs for the
years since the last visit.

Days are compared as dates, and the day after a coverage row's last day is worked out on
the (small) coverage table in pandas, so the engine does no date arithmetic: the query is
the same on DuckDB and Spark.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .engine import backend, memtable, to_pandas

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

# Column names of the coverage runs while they are joined to the cells; no cell table has them.
_R1, _R2, _FIRST, _AFTER = "_cov_k1", "_cov_k2", "_cov_first", "_cov_after"
_LAST_DAY = np.datetime64(dt.date.max, "D")


def intervals_table(iv: pd.DataFrame, be: BaseBackend) -> ir.Table:
    """Coverage intervals ``k1, k2, first, last`` (as :func:`.coverage.intervals` gives them) on
    ``be``, as ``k1, k2, first, after`` dates (``after``: the day after ``last``)."""
    first, last = _days(iv["first"]), _days(iv["last"])
    # A row running to the end of time stays open: no cell reaches the last representable day.
    after = np.where(last >= _LAST_DAY, _LAST_DAY, last + np.timedelta64(1, "D"))
    return memtable(pd.DataFrame({"k1": iv["k1"].to_numpy(), "k2": iv["k2"].to_numpy(),
                                  "first": _dates(first), "after": _dates(after)}), be)


def _days(values: pd.Series) -> np.ndarray:
    # By integer division: numpy's cast of nanoseconds to days overflows at pandas' first day (1677).
    ns = pd.to_datetime(values).to_numpy().astype("datetime64[ns]").astype("int64")
    return (ns // 86_400_000_000_000).astype("datetime64[D]")


def _dates(days: np.ndarray) -> np.ndarray:
    # As datetime.date objects, which Arrow reads as dates: pandas would turn days into
    # nanosecond timestamps, which wrap around before 1677.
    return days.astype("datetime64[D]").astype(object)


def _runs(dyads: ir.Table, ivt: ir.Table, wild: object) -> ir.Table:
    """The coverage of each dyad (``k1, k2``) as runs: rows that match it, overlapping or abutting, joined."""
    import ibis

    w1, w2 = ivt.k1 == wild, ivt.k2 == wild
    parts = [
        dyads.join(ivt.filter(~w1 & ~w2), ["k1", "k2"]),
        dyads.join(ivt.filter(~w1 & w2).drop("k2"), "k1"),
        dyads.join(ivt.filter(w1 & ~w2).drop("k1"), "k2"),
        dyads.cross_join(ivt.filter(w1 & w2).drop("k1", "k2")),
    ]
    rows = ibis.union(*[p.select("k1", "k2", "first", "after") for p in parts], distinct=False)
    before = ibis.window(group_by=["k1", "k2"], order_by=["first", "after"], rows=(None, -1))
    rows = rows.mutate(reach=rows.after.max().over(before))
    # A new run begins where an interval starts after every earlier one has ended.
    rows = rows.mutate(gap=(rows.reach.isnull() | (rows["first"] > rows.reach)).cast("int64"))
    upto = ibis.window(group_by=["k1", "k2"], order_by=["first", "after"], rows=(None, 0))
    rows = rows.mutate(run=rows.gap.sum().over(upto))
    return rows.group_by(["k1", "k2", "run"]).agg(first=rows["first"].min(), after=rows.after.max())


def _runs_table(runs: ir.Table, suffix: str) -> ir.Table:
    return runs.select(**{_R1 + suffix: runs.k1, _R2 + suffix: runs.k2, _FIRST + suffix: runs["first"],
                          _AFTER + suffix: runs.after})


def join_coverage(cells: ir.Table, iv: pd.DataFrame | None, be: BaseBackend, wild: object, directed: bool, *,
                  k1: ir.Value, k2: ir.Value, start: ir.DateValue,
                  after: ir.DateValue) -> tuple[ir.Table, ir.BooleanValue, ir.DateValue]:
    """``cells`` joined to the runs of coverage that hold them, with whether each is covered.

    The keys and days are expressions on ``cells``, not columns, and the caller selects what
    it needs from the join in one step: each added step of columns costs compile time on a
    panel's wide rows.

    Parameters
    ----------
    cells : ibis.expr.types.Table
        The cells, one row each.
    iv : pandas.DataFrame or None
        Coverage intervals ``k1, k2, first, last`` (:func:`.coverage.intervals`, or
        :func:`.coverage.to_codes` for state codes); None: nothing is covered.
    be : ibis.backends.BaseBackend
        The backend ``cells`` lives on.
    wild : object
        The key that matches any key in ``iv`` (``"*"`` or :data:`.coverage.ANY_CODE`); in
        the cells it matches only wildcard rows.
    directed : bool
        False: a cell is covered only when both ``k1 -> k2`` and ``k2 -> k1`` are, from the
        later of the two runs' first days.
    k1, k2 : ibis value expressions
        Each cell's two keys (a literal for a side that is any state).
    start, after : ibis date expressions
        Each cell's first day and the day after its last.

    Returns
    -------
    tuple of (ibis.expr.types.Table, boolean expression, date expression)
        The join (one row per cell, the columns of ``cells`` and some of its own), whether
        each cell is covered, and ``run_start`` (null unless covered), both on the join.
    """
    import ibis

    if iv is None:
        return cells, ibis.literal(False), ibis.null("date")
    ivt = intervals_table(iv, be)
    if bool(((iv["k1"] == wild) & (iv["k2"] == wild)).all()):
        # Coverage that names no dyad (coverage="all") is the same for every dyad and either
        # direction: its runs are worked out once, and each cell is matched on its days alone.
        r = _runs_table(_runs(memtable(pd.DataFrame({"k1": [wild], "k2": [wild]}), be), ivt, wild), "")
        j = cells.left_join(r, [r[_FIRST] <= start, after <= r[_AFTER]])
        return j, j[_FIRST].notnull(), j[_FIRST]
    dyads = cells.select(k1=k1, k2=k2)
    if not directed:
        dyads = ibis.union(dyads, dyads.select(k1=dyads.k2, k2=dyads.k1), distinct=False)
    runs = _runs(dyads.distinct(), ivt, wild)
    r = _runs_table(runs, "")
    j = cells.left_join(r, [k1 == r[_R1], k2 == r[_R2], r[_FIRST] <= start, after <= r[_AFTER]])
    if directed:
        return j, j[_FIRST].notnull(), j[_FIRST]
    ba = _runs_table(runs, "_ba")
    j = j.left_join(ba, [k2 == ba[_R1 + "_ba"], k1 == ba[_R2 + "_ba"], ba[_FIRST + "_ba"] <= start,
                         after <= ba[_AFTER + "_ba"]])
    both = j[_FIRST].notnull() & j[_FIRST + "_ba"].notnull()
    return j, both, ibis.ifelse(both, ibis.greatest(j[_FIRST], j[_FIRST + "_ba"]), ibis.null("date"))


def mark_frame(cells: pd.DataFrame, iv: pd.DataFrame | None, wild: object, directed: bool) -> pd.DataFrame:
    """:func:`join_coverage` for a small pandas table of cells ``k1, k2, start, end`` (Timestamps), on DuckDB.

    Returns
    -------
    pandas.DataFrame
        ``covered`` and ``run_start`` (Timestamps, NaT unless covered), on the index of ``cells``.
    """
    if iv is None or not len(cells):
        return pd.DataFrame({"covered": np.zeros(len(cells), dtype=bool), "run_start": pd.NaT}, index=cells.index)
    start, after = _days(cells["start"]), _days(cells["end"]) + np.timedelta64(1, "D")
    be = backend(None)
    t = memtable(pd.DataFrame({"_i": np.arange(len(cells)), "k1": cells["k1"].to_numpy(),
                               "k2": cells["k2"].to_numpy(), "start": _dates(start), "after": _dates(after)}), be)
    j, covered, run_start = join_coverage(t, iv, be, wild, directed, k1=t.k1, k2=t.k2, start=t.start, after=t.after)
    got = to_pandas(be, j.select("_i", covered=covered, run_start=run_start).order_by("_i"))
    return pd.DataFrame({"covered": got["covered"].to_numpy(dtype=bool),
                         "run_start": pd.to_datetime(got["run_start"]).to_numpy()}, index=cells.index)
