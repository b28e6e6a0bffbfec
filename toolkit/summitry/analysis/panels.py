"""Dyad-year panels of the state system with visit counts: peacesciencer's create_dyadyears.

Every pair of states in the Correlates of War (or Gleditsch & Ward) system in each year,
with the visits between them joined and zero-filled, ready for a regression.

Rules:

- **Membership**: a state is in the system in a year if it is a member on any day of
  that year, as peacesciencer counts; so 1990 has West Germany (COW 260), East Germany
  (265) and, from 3 October, unified Germany (255), and South Sudan (626) is in from 2011.
  States still members when the list ends (COW v2024: 2024; G&W: 2017) are assumed to
  stay members to ``end`` (peacesciencer does the same).
- **Visits to states**: each visit's ISO codes are turned into state codes on the day of
  the visit, so ``SUN`` (1986) and ``RUS`` (2000) are both 365, and ``DEU`` is 260 until
  2 October 1990 and 255 from 3 October in COW. Visits are counted by the rules of
  :mod:`summitry.analysis.frequency` and placed in the year they begin.
- ``years_since_last``: years since the dyad's most recent visit in an earlier year,
  visits before ``start`` included; empty when there was none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, cast

import pandas as pd

from ..errors import SummitryError, check_choice
from . import states
from .engine import memtable, resolve, to_pandas
from .frequency import VISIT_FORMATS, _default_data, visit_days

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

    from .engine import Data, Engine


def _code_counts(days: ir.Table, system: str, be: BaseBackend) -> ir.Table:
    """Visits per ``code1, code2, year`` (guest and host state codes on the visit's day)."""
    spells = memtable(states.iso_spells(system), be)
    fallback = memtable(states.iso_fallback(system), be)
    for side in ("guest", "host"):
        sp = spells.rename(**{f"{side}_iso": "iso3", f"{side}_dated": "code",
                              f"{side}_s": "start", f"{side}_e": "end"})
        days = days.left_join(sp, [days[side] == sp[f"{side}_iso"], days.date >= sp[f"{side}_s"],
                                   days.date <= sp[f"{side}_e"]])
        fb = fallback.rename(**{f"{side}_fiso": "iso3", f"{side}_fb": "code"})
        days = days.left_join(fb, days[side] == fb[f"{side}_fiso"])
        days = days.mutate(**{f"{side}_code": days[f"{side}_dated"].coalesce(days[f"{side}_fb"])})
    days = days.filter(days.guest_code.notnull() & days.host_code.notnull())
    return days.group_by(code1=days.guest_code, code2=days.host_code,
                         year=days.date.year().cast("int64")).agg(visits=days.n.sum())


def dyad_years(system: str = "cow", *, start: int | None = None, end: int | None = None,
               directed: bool = True, visits: Data | None = None, version: str | None = None,
               engine: Engine = None, formats: Collection[str] | None = VISIT_FORMATS) -> pd.DataFrame:
    """Every pair of states in ``system`` ("cow" or "gw") in each year, with visit counts.

    Parameters
    ----------
    system : {"cow", "gw"}
        Correlates of War (v2024) or Gleditsch & Ward.
    start : int, optional
        The first year; defaults to the list's first year (1816).
    end : int, optional
        The last year; defaults to the later of the list's last year and the last year
        with a visit.
    directed : bool
        Directed panels have both ``(a, b)`` and ``(b, a)`` with state 1 the guest;
        undirected ones keep ``code1 < code2`` and count visits either way.
    visits : pandas.DataFrame, str, pathlib.Path or ibis.expr.types.Table, optional
        A visits table, event data, a path to a Parquet dataset of events or a lazy
        table (as for :func:`visit_frequency`, whose counting rules and ``formats``
        apply); None means the visits of release ``version``.
    version : str, optional
        The release whose visits to count when ``visits`` is None (the latest if None).
    engine : optional
        Where to run: None (DuckDB) or a SparkSession, as for :func:`visit_frequency`.
    formats : collection of str, optional
        The visit formats that count (visits tables only); None counts every format.

    Returns
    -------
    pandas.DataFrame
        Columns: ``ccode1, ccode2, year`` (``gwcode1, gwcode2`` for G&W), ``iso3_1,
        iso3_2`` (ISO alpha-3 of each side in that year, e.g. SUN until 1991 and RUS
        after), ``visits`` and ``years_since_last``.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    SummitryError
        If ``start`` is after ``end``, or the visits cannot be read or analysed.
    """
    check_choice("state system", system, states.SYSTEMS)
    if start is not None and end is not None and int(start) > int(end):
        raise SummitryError(f"start ({start}) is after end ({end})")
    data, credit = _default_data(visits, version)
    t, be = resolve(data, engine)
    counts = to_pandas(be, _code_counts(visit_days(t, until_year=end, formats=formats), system, be))
    counts = counts.astype({"code1": "int64", "code2": "int64", "year": "int64", "visits": "int64"})
    if not directed:
        lo = counts[["code1", "code2"]].min(axis=1)
        hi = counts[["code1", "code2"]].max(axis=1)
        # as_index=False: the sum is a DataFrame (pandas-stubs types it as a Series).
        counts = cast(pd.DataFrame, counts.assign(code1=lo, code2=hi)
                      .groupby(["code1", "code2", "year"], as_index=False)["visits"].sum())
    if end is None:
        end = max([states.list_end(system).year] + ([int(counts["year"].max())] if len(counts) else []))
    sy = states.state_years(system, start, end)
    sy = sy.merge(states.code_iso3(system, sy), on=["code", "year"], how="left")
    panel = _panel(memtable(sy, be), memtable(counts, be), directed)
    name = states.CODE_NAME[system]
    panel = panel.order_by(["code1", "code2", "year"]).rename(**{f"{name}1": "code1", f"{name}2": "code2"})
    df = to_pandas(be, panel)
    return _finish(df, system, directed, credit, int(sy["year"].min()) if len(sy) else start, end)


def _panel(sy: ir.Table, counts: ir.Table, directed: bool) -> ir.Table:
    import ibis

    a = sy.rename(code1="code", iso3_1="iso3")
    b = sy.rename(code2="code", iso3_2="iso3", year2="year")
    pairs = a.join(b, [a.year == b.year2, (a.code1 != b.code2) if directed else (a.code1 < b.code2)])
    pairs = pairs.select("code1", "code2", "year", "iso3_1", "iso3_2")
    joined = pairs.left_join(counts.rename(c1="code1", c2="code2", cy="year"),
                             [pairs.code1 == counts.code1, pairs.code2 == counts.code2,
                              pairs.year == counts.year])
    joined = joined.select("code1", "code2", "year", "iso3_1", "iso3_2",
                           visits=joined.visits.coalesce(0).cast("int64"), in_panel=ibis.literal(True))
    # Visits in years outside the panel (before start, or while a side was not a member)
    # still count for the years since the last visit.
    history = counts.anti_join(pairs, ["code1", "code2", "year"]).select(
        "code1", "code2", "year", iso3_1=ibis.null("string"), iso3_2=ibis.null("string"),
        visits=counts.visits.cast("int64"), in_panel=ibis.literal(False))
    rows = joined.union(history)
    w = ibis.window(group_by=["code1", "code2"], order_by="year", rows=(None, -1))
    last = ibis.ifelse(rows.visits > 0, rows.year, ibis.null("int64")).max().over(w)
    rows = rows.mutate(years_since_last=rows.year - last)
    return rows.filter(rows.in_panel).drop("in_panel")


def _finish(df: pd.DataFrame, system: str, directed: bool, credit: str, start: int | None,
            end: int) -> pd.DataFrame:
    # The engine has sorted and named the columns; only the nullable count needs a dtype.
    df = df.reset_index(drop=True)
    df["years_since_last"] = df["years_since_last"].astype("Int64")
    df.attrs.update({
        "credit": credit, "system": system, "directed": directed, "start": start, "end": end,
        "membership": states.CITATION[system],
        "membership_rule": "a state is in the system in a year if it is a member on any day of it",
        "list_end": dt.date.isoformat(states.list_end(system)),
    })
    return df
