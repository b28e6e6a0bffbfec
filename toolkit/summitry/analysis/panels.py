"""Dyad-year and state-year panels of the state system with visit counts, and add_visits.

peacesciencer's ``create_dyadyears`` and ``create_stateyears``, with the visits joined
(the rules in full: dataset/CODEBOOK.md, "Panels"):

- **Dyads**: two states form a dyad in a year only if both were members on at least one
  same day of it (COW v2024, 1816-2024; G&W 2017 edition, 1816-2017). So the two Yemens
  and unified Yemen form no dyad in 1990 (678/680 to 21 May, 679 from 22 May), nor West or
  East Germany and unified Germany (255 from 3 October 1990), nor Germany (255, to 8 May
  1945) and a state that entered later in 1945. Non-directed panels keep ``ccode1 < ccode2``.
- **Visits to states**: a release's visits count under the state codes the build gave them
  at their date (``guest_ccode``, ``host_gwcode``, ...: none for occupied Germany in 1945 or a
  colony before independence); event data and tables without those columns have their ISO
  codes mapped on the visit's day (``SUN`` 1986 and ``RUS`` 2000 are both 365; ``VNM`` is
  South Vietnam, 817, until 1975). Visits count by the rules of :mod:`.frequency`, in the
  year they begin.
- **Coverage**: ``visits`` is given only for covered cells, empty (NA) elsewhere;
  ``years_since_last`` counts from the most recent earlier visit (before ``start`` too)
  only when every year between is covered (:mod:`.coverage`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import SummitryError, check_choice
from . import coverage as cov
from . import marks, states
from .engine import memtable, resolve, to_pandas
from .frequency import VISIT_FORMATS, _default_data, visit_days

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

    from .engine import Data, Engine


def _code_counts(days: ir.Table, system: str, be: BaseBackend) -> ir.Table:
    """Visits per ``code1, code2, year`` (guest and host state codes on the visit's day)."""
    if "guest_code" in days.columns:  # a visits table with the codes of each visit's date
        return _counted(days.filter(days.guest_code.notnull() & days.host_code.notnull()))
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
    return _counted(days.filter(days.guest_code.notnull() & days.host_code.notnull()))


def _counted(days: ir.Table) -> ir.Table:
    return days.group_by(code1=days.guest_code, code2=days.host_code,
                         year=days.date.year().cast("int64")).agg(visits=days.n.sum())


class _Counts:
    """The visits of some data as state-code counts (lazy), with the coverage that goes with them."""

    def __init__(self, data: Data | None, *, system: str, level: str | Sequence[str], coverage: cov.Coverage,
                 version: str | None, engine: Engine, formats: Collection[str] | None,
                 until_year: int | None) -> None:
        self.levels = cov.levels_of(level)
        data, self.credit, release = _default_data(data, version)
        rows = cov.resolve(coverage, release)
        self.iv = None if rows is None else cov.to_codes(cov.intervals(rows, self.levels), system)
        t, self.be = resolve(data, engine)
        # A visits table's own codes (given at each visit's date by the build) come first;
        # event data and tables without them are mapped from ISO codes by date.
        name = states.CODE_NAME[system]
        days = visit_days(t, until_year=until_year, formats=formats, levels=self.levels,
                          codes=(f"guest_{name}", f"host_{name}"))
        self.counts = _code_counts(days, system, self.be)

    def dyads(self, directed: bool) -> ir.Table:
        import ibis

        c = self.counts
        if directed:
            return c
        c = c.mutate(code1=ibis.least(c.code1, c.code2), code2=ibis.greatest(c.code1, c.code2))
        return c.group_by(["code1", "code2", "year"]).agg(visits=c.visits.sum())

    def attach(self, cells: ir.Table, directed: bool) -> ir.Table:
        """Distinct cells ``code1, code2, year`` (and any other columns) with ``visits``,
        ``years_since_last`` and ``covered``, all in the engine's query."""
        import ibis

        rows = _with_last_visit(cells, self.dyads(directed))
        out, covered, run_start = marks.join_coverage(
            rows, self.iv, self.be, cov.ANY_CODE, directed, k1=rows.code1, k2=rows.code2,
            start=ibis.date(rows.year, 1, 1), after=ibis.date(rows.year + 1, 1, 1))
        # Years since the last visit need coverage from the year after that visit to the cell.
        since_ok = covered & (run_start <= ibis.date(out["last"] + 1, 1, 1))
        return out.select(*cells.columns, visits=ibis.ifelse(covered, out._n.coalesce(0), ibis.null("int64")),
                          years_since_last=ibis.ifelse(since_ok, out.year - out["last"], ibis.null("int64")),
                          covered=covered)


def _with_last_visit(cells: ir.Table, counts: ir.Table) -> ir.Table:
    """Cells with their count ``_n`` (null if none) and ``last``: the year of the dyad's most recent
    visit before the cell's year (null if none), visits in years that are not cells counting too
    (before the panel's start, or in years a user's panel leaves out)."""
    import ibis

    c = counts.rename(_c1="code1", _c2="code2", _cy="year", _n="visits")
    # One outer join: every cell with its count, and the counts of years that are no cell (to
    # be dropped after the window). Every count row holds at least one visit.
    rows = cells.outer_join(c, [cells.code1 == c._c1, cells.code2 == c._c2, cells.year == c._cy])
    rows = rows.mutate(_cell=rows.code1.notnull(), code1=rows.code1.coalesce(rows._c1),
                       code2=rows.code2.coalesce(rows._c2), year=rows.year.coalesce(rows._cy))
    rows = rows.drop("_c1", "_c2", "_cy")
    # ROWS counts on each dyad-year being one cell (attach's callers give distinct cells).
    before = ibis.window(group_by=["code1", "code2"], order_by="year", rows=(None, -1))
    hit = ibis.ifelse(rows._n > 0, rows.year, ibis.null("int64"))
    rows = rows.mutate(last=hit.max().over(before))
    return rows.filter(rows._cell).drop("_cell")


def dyad_years(system: str = "cow", *, start: int | None = None, end: int | None = None,
               directed: bool = True, visits: Data | None = None, level: str | Sequence[str] = "leader",
               coverage: cov.Coverage = None, version: str | None = None, engine: Engine = None,
               formats: Collection[str] | None = VISIT_FORMATS) -> pd.DataFrame:
    """Every pair of states in ``system`` in each year, with visit counts (rules: module docstring).

    Parameters
    ----------
    system : {"cow", "gw"}
        Correlates of War (v2024, 1816-2024) or Gleditsch & Ward (2017 edition, 1816-2017).
    start, end : int, optional
        The first and last year; default the list's first and last.
    directed : bool
        Directed panels have both ``(a, b)`` and ``(b, a)`` with state 1 the guest;
        non-directed ones keep ``code1 < code2`` and count visits either way.
    visits : pandas.DataFrame, str, pathlib.Path or ibis.expr.types.Table, optional
        Visits, event data, a Parquet dataset's path or a lazy table (as for
        :func:`visit_frequency`); None means the visits of release ``version``.
    level : str or list of str
        "leader" (default), "foreign_minister", "any" or a list of ``level`` values.
    coverage : None, "all" or pandas.DataFrame
        None: the release's coverage table for a whole release, nothing for other data;
        "all": everything covered; or coverage rows (as :func:`summitry.load_coverage`).
    version : str, optional
        The release to count when ``visits`` is None (the latest if None).
    engine : optional
        None (DuckDB) or a SparkSession, as for :func:`visit_frequency`.
    formats : collection of str, optional
        The visit formats that count (visits tables only); None counts every format.

    Returns
    -------
    pandas.DataFrame
        Columns: ``ccode1, ccode2, year`` (``gwcode1, gwcode2`` for G&W), ``iso3_1,
        iso3_2`` (ISO alpha-3 of each side in that year, e.g. SUN until 1991 and RUS
        after), ``visits`` and ``years_since_last`` (nullable, empty outside coverage) and
        ``covered``.

    Raises
    ------
    ChoiceError
        If ``system`` or ``level`` is not known.
    SummitryError
        If a year lies outside the list's years (the message gives them), ``start`` is
        after ``end``, or the visits cannot be read or analysed.
    """
    check_choice("state system", system, states.SYSTEMS)
    start, end = states.check_years(system, start, end)
    c = _Counts(visits, system=system, level=level, coverage=coverage, version=version, engine=engine,
                formats=formats, until_year=end)
    cells = _pairs(memtable(_spells(system, start, end), c.be), directed)
    df = to_pandas(c.be, c.attach(cells, directed).order_by(["code1", "code2", "year"]),
                   nullable=["visits", "years_since_last"])
    name = states.CODE_NAME[system]
    df = df.rename(columns={"code1": f"{name}1", "code2": f"{name}2"})
    return _finish(df, system, directed, c.credit, start, end, level)


def _spells(system: str, start: int, end: int) -> pd.DataFrame:
    spells = states.year_spells(system, start, end)
    iso = states.code_iso3(system, spells)
    spells = spells.merge(iso, on=["code", "year"], how="left")
    return spells.assign(first=pd.to_datetime(spells["first"]), last=pd.to_datetime(spells["last"]))


def _pairs(sp: ir.Table, directed: bool) -> ir.Table:
    """Pairs of states members on one same day of a year (spells overlap)."""
    a = sp.rename(code1="code", iso3_1="iso3", first1="first", last1="last")
    b = sp.rename(code2="code", iso3_2="iso3", year2="year", first2="first", last2="last")
    pairs = a.join(b, [a.year == b.year2, (a.code1 != b.code2) if directed else (a.code1 < b.code2),
                       a.first1 <= b.last2, b.first2 <= a.last1])
    return pairs.select("code1", "code2", "year", "iso3_1", "iso3_2").distinct()


def state_years(system: str = "cow", *, start: int | None = None, end: int | None = None,
                level: str | Sequence[str] = "leader", visits: Data | None = None,
                coverage: cov.Coverage = None, version: str | None = None, engine: Engine = None,
                formats: Collection[str] | None = VISIT_FORMATS) -> pd.DataFrame:
    """Every state in ``system`` in each year, with the visits it made and received.

    A state is in a year if it was a member on any day of it. The visits a state made in a
    year are complete only where a coverage row names it as guest (or ``*``) with any host
    (``*``) for the whole year; those it received, where a row names it as host with any
    guest. Elsewhere the counts are empty (NA), never 0.

    Parameters
    ----------
    system : {"cow", "gw"}
        Correlates of War (v2024) or Gleditsch & Ward (2017 edition).
    start, end : int, optional
        The first and last year; default the list's.
    level, visits, coverage, version, engine, formats
        As for :func:`dyad_years`.

    Returns
    -------
    pandas.DataFrame
        ``ccode`` (``gwcode``), ``year``, ``iso3``, ``visits_made``, ``visits_received``
        (nullable) and ``covered_made``, ``covered_received``.

    Raises
    ------
    ChoiceError
        If ``system`` or ``level`` is not known.
    SummitryError
        If a year lies outside the list's years, or the visits cannot be read or analysed.
    """
    check_choice("state system", system, states.SYSTEMS)
    start, end = states.check_years(system, start, end)
    c = _Counts(visits, system=system, level=level, coverage=coverage, version=version, engine=engine,
                formats=formats, until_year=end)
    sy = states.state_years(system, start, end)
    df = sy.merge(states.code_iso3(system, sy), on=["code", "year"], how="left")
    df = _state_counts(df, c)
    df = df.rename(columns={"code": states.CODE_NAME[system]})
    return _finish(df, system, None, c.credit, start, end, level)


def _state_counts(df: pd.DataFrame, c: _Counts) -> pd.DataFrame:
    """``visits_made``, ``visits_received`` and their coverage for state-years ``code, year``."""
    import ibis

    df = df.reset_index(drop=True)
    t = memtable(pd.DataFrame({"_i": np.arange(len(df)), "code": df["code"].astype("int64"),
                               "year": df["year"].astype("int64")}), c.be)
    anyone = ibis.literal(cov.ANY_CODE, "int64")
    for side, key in (("made", "code1"), ("received", "code2")):
        got = c.counts.group_by([key, "year"]).agg(_n=c.counts.visits.sum()).rename(_code=key, _year="year")
        t = t.left_join(got, [t.code == got._code, t.year == got._year]).drop("_code", "_year")
        # A state's visits made are complete where it is covered as guest with any host; received, as host.
        j, covered, _ = marks.join_coverage(t, c.iv, c.be, cov.ANY_CODE, True, k1=t.code if side == "made" else anyone,
                                            k2=anyone if side == "made" else t.code, start=ibis.date(t.year, 1, 1),
                                            after=ibis.date(t.year + 1, 1, 1))
        t = j.select(*[x for x in t.columns if x != "_n"],
                     **{f"visits_{side}": ibis.ifelse(covered, j._n.coalesce(0), ibis.null("int64")),
                        f"covered_{side}": covered})
    got = to_pandas(c.be, t.order_by("_i"))
    for side in ("made", "received"):
        df[f"visits_{side}"] = got[f"visits_{side}"].astype("Int64").to_numpy()
        df[f"covered_{side}"] = got[f"covered_{side}"].to_numpy(dtype=bool)
    return df


def _finish(df: pd.DataFrame, system: str, directed: bool | None, credit: str, start: int, end: int,
            level: object) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    df.attrs.update({
        "credit": credit, "system": system, "start": start, "end": end, "level": level,
        "membership": states.CITATION[system],
        "membership_rule": ("two states form a dyad in a year if both were members on one same day of it; "
                            "a state is in a year if it was a member on any day of it"),
        "list_end": states.list_end(system).isoformat(),
    })
    if directed is not None:
        df.attrs["directed"] = directed
    return df


def add_visits(panel: pd.DataFrame, *, data: Data | None = None, level: str | Sequence[str] = "leader",
               system: str | None = None, directed: bool = True, coverage: cov.Coverage = None,
               version: str | None = None, engine: Engine = None,
               formats: Collection[str] | None = VISIT_FORMATS) -> pd.DataFrame:
    """Join visit counts and coverage onto your own dyad-year or state-year table.

    Parameters
    ----------
    panel : pandas.DataFrame
        Has ``ccode1, ccode2, year`` (dyad-years) or ``ccode, year`` (state-years), or the
        ``gwcode`` variants; other columns are kept as they are.
    data : pandas.DataFrame, str, pathlib.Path or ibis.expr.types.Table, optional
        Visits or event data (a path or table, e.g. imported events); None means release ``version``.
    level : str or list of str
        As for :func:`dyad_years`.
    system : {"cow", "gw"}, optional
        The state system of the codes; None reads it from the column names.
    directed : bool
        For dyad-years, whether state 1 is the guest; False counts visits either way.
    coverage, version, engine, formats
        As for :func:`dyad_years`.

    Returns
    -------
    pandas.DataFrame
        ``panel`` with ``visits``, ``years_since_last`` and ``covered`` (dyad-years) or
        ``visits_made``, ``visits_received``, ``covered_made``, ``covered_received``
        (state-years) added; counts are empty outside coverage.

    Raises
    ------
    SummitryError
        If the panel lacks the code or year columns, ``system`` disagrees with them, a
        column would be overwritten, or the data cannot be read.
    """
    found = [s for s in states.SYSTEMS if {f"{states.CODE_NAME[s]}1", f"{states.CODE_NAME[s]}2"} <= set(panel.columns)
             or states.CODE_NAME[s] in panel.columns]
    if "year" not in panel.columns or len(found) != 1:
        raise SummitryError("add_visits needs a year column and state codes: ccode1, ccode2 (or ccode) for COW, "
                            f"gwcode1, gwcode2 (or gwcode) for G&W (found: {', '.join(map(str, panel.columns))})")
    if system is not None and system != found[0]:
        raise SummitryError(f"system={system!r} but the panel's codes are {states.CODE_NAME[found[0]]}")
    system = found[0]
    name = states.CODE_NAME[system]
    dyadic = f"{name}1" in panel.columns
    added = ["visits", "years_since_last", "covered"] if dyadic else [
        "visits_made", "visits_received", "covered_made", "covered_received"]
    clash = [x for x in added if x in panel.columns]
    if clash:
        raise SummitryError(f"the panel already has the column {', '.join(clash)}; drop or rename it first")
    year = _ints(panel, "year")
    c = _Counts(data, system=system, level=level, coverage=coverage, version=version, engine=engine,
                formats=formats, until_year=int(year.max()) if len(year) else None)
    if dyadic:
        a, b = _ints(panel, f"{name}1"), _ints(panel, f"{name}2")
        if not directed:  # counts either way are kept under the lower code first
            a, b = np.minimum(a, b), np.maximum(a, b)
        keys = pd.DataFrame({"code1": a, "code2": b, "year": year})
        # Each dyad-year once (a panel may hold one twice), then back onto every row of the panel.
        counted = to_pandas(c.be, c.attach(memtable(keys.drop_duplicates(), c.be), directed))
        got = keys.merge(counted, on=["code1", "code2", "year"], how="left")
    else:
        got = _state_counts(pd.DataFrame({"code": _ints(panel, name), "year": year}), c)
    out = panel.copy()
    for col in added:
        out[col] = got[col].to_numpy()
        if col.startswith("visits") or col == "years_since_last":
            out[col] = out[col].astype("Int64")
    return out


def _ints(panel: pd.DataFrame, col: str) -> np.ndarray:
    """A column of codes or years as integers, or an error naming the first bad row."""
    values = pd.to_numeric(panel[col], errors="coerce")
    bad = values.isna() | (values != values.round())
    if bad.any():
        raise SummitryError(f"panel row {int(bad.to_numpy().argmax())}: {col} is empty or not a whole number "
                            f"({panel[col].iloc[int(bad.to_numpy().argmax())]!r})")
    return values.astype("int64").to_numpy()
