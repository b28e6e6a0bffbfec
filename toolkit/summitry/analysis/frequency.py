"""How often leaders visit each other: visits per dyad per year, quarter or month.

Counting rules (the same on every engine):

- **Visits table** (one row per visit): each row is one visit, counted in the period of
  its ``start_date`` (arrival, host local time). A visit from 30 December to 2 January
  counts once, in the year it began. A visit dated only to a month or a year counts in
  the period holding the first day of that month or year. Meetings at a third location
  (``format`` ``third_location``, e.g. the 2018 Singapore summit) are not visits to the
  host and are left out unless ``formats=None``; attending a multilateral meeting held in the
  host country (``multilateral``) and meetings on its sidelines count as visits to the host.
- **Event data** (CAMEO-coded events, e.g. from ``read_gdelt`` or a Parquet dataset):
  an event coded 042 ("make a visit", source = guest, target = host) or 043 ("host a
  visit", source = host, target = guest) is a report of a visit. A visit is counted once
  per guest, host and day, however many reports there are: 042 from A to B and 043 from
  B to A on the same day are one visit. Event data has no visit identity, so a visit
  reported on three days counts three times (visit-days). Events whose guest or host is
  missing, or the same state (a leader's domestic trip), are left out.

- **Levels**: only visits of the levels asked for count (``level="leader"`` by default:
  heads of state and government and ruling-party leaders; see
  :mod:`summitry.analysis.coverage`). Event data and visits tables without a ``level``
  column carry no level and are counted whole.
- **Coverage**: a count is given only where the data covers the dyad and period
  completely (:mod:`summitry.analysis.coverage` has the rules); elsewhere ``visits`` and
  ``years_since_last`` are empty (pandas NA), never 0, and ``covered`` is False.

Undirected counts add the two directions after these rules are applied.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import pandas as pd

from .. import schema
from ..errors import ChoiceError, SummitryError, check_choice
from . import coverage as cov
from . import marks
from .engine import resolve, to_pandas

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

    from .engine import Data, Engine

#: Dyads as :func:`parse_dyads` reads them: ``"RUS-PRK"``, ``("RUS", "PRK")`` or a list of either.
Dyads: TypeAlias = str | tuple[str, str] | Iterable[str | Sequence[str]]

PERIODS = ("year", "quarter", "month")
VISIT_CODES = ("042", "043")

# What each kind of input must have, by the names of the schema's fields: a visit's two
# sides and start; an event's day, two sides and code.
_VISIT_COLUMNS = ("guest_country", "host_country", "start_date")
_EVENT_DATE = "date"
_EVENT_SIDES = ("source_country", "target_country")
_EVENT_CODE = "event_code"
_EVENT_COLUMNS = (_EVENT_DATE, *_EVENT_SIDES, _EVENT_CODE)


def input_kind(columns: Iterable[Hashable]) -> str:
    """Whether a table with ``columns`` is a visits table or event data.

    Parameters
    ----------
    columns : iterable of str
        The table's column names.

    Returns
    -------
    str
        ``"visits"`` for a visits table, ``"events"`` for event data.

    Raises
    ------
    SummitryError
        If the columns are those of neither.
    """
    cols = set(columns)
    if set(_VISIT_COLUMNS) <= cols:
        return "visits"
    if set(_EVENT_COLUMNS) <= cols:
        return "events"
    raise SummitryError(
        "cannot tell visits from events: a visits table needs the columns "
        f"{', '.join(_VISIT_COLUMNS)}; event data needs {', '.join(_EVENT_COLUMNS)} "
        f"(found: {', '.join(sorted(map(str, cols)))})")


# Every format but a meeting at a third location brings the guest to the host country:
# attending a multilateral meeting there (the UN General Assembly in New York) is a visit.
VISIT_FORMATS = tuple(f for f in schema.field("visits", "format")["constraints"]["enum"] if f != "third_location")


def visit_days(t: ir.Table, *, until_year: int | None = None,
               formats: Collection[str] | None = VISIT_FORMATS, levels: tuple[str, ...] | None = None,
               codes: tuple[str, str] | None = None) -> ir.Table:
    """One row per counted visit: ``guest, host, date, n`` (an Ibis expression).

    ``n`` is 1 for each visit; summing it gives the counts.

    Parameters
    ----------
    t : ibis.expr.types.Table
        A visits table or event data (see :func:`input_kind`).
    until_year : int, optional
        Drop rows of later years, and whole ``year=`` folders of a hive-partitioned dataset.
    formats : collection of str, optional
        For a visits table, the ``format`` values that count; None counts every format.
    levels : tuple of str, optional
        For a visits table with a ``level`` column, the levels that count; None counts
        every level. Event data carries no level, so it is not filtered.
    codes : tuple of (str, str), optional
        The guest's and host's state-code columns of a visits table (``guest_ccode``,
        ``host_ccode``), kept as ``guest_code, host_code`` when the table has them: the
        codes the build gave each visit at its date.

    Returns
    -------
    ibis.expr.types.Table
        The counted visits, by the rules in the module docstring.

    Raises
    ------
    SummitryError
        If ``t`` is neither a visits table nor event data.
    """
    import ibis

    kind = input_kind(t.columns)
    if until_year is not None and "year" in t.columns and kind == "events":
        t = t.filter(t["year"].cast("int64") <= until_year)
    if kind == "visits":
        t = cov.filter_levels(t, levels)
        if formats is not None and "format" in t.columns:
            t = t.filter(t["format"].cast("string").isin(list(formats)))
        keep = {"guest_code": t[codes[0]].cast("int64"), "host_code": t[codes[1]].cast("int64")} if (
            codes is not None and set(codes) <= set(t.columns)) else {}
        out = t.select(guest=t.guest_country.cast("string"), host=t.host_country.cast("string"),
                       date=t.start_date.cast("date"), **keep)
    else:
        code = t.event_code.cast("string")
        if t.event_code.type().is_integer():
            code = code.lpad(3, "0")  # codes read as numbers lost their leading zero
        src, tgt = t.source_country.cast("string"), t.target_country.cast("string")
        # The codes' range reaches the Parquet reader as a filter (an IN list alone is tested only
        # after every column is decoded), so the other 95% of events are skipped there. Guest and
        # host are source and target in some order: test the raw columns, before the swap.
        wanted = (code >= min(VISIT_CODES)) & (code <= max(VISIT_CODES)) & code.isin(VISIT_CODES)
        t = t.filter(wanted & src.notnull() & tgt.notnull() & (src != tgt))
        is_guest = code == "042"
        out = t.select(guest=ibis.ifelse(is_guest, src, tgt), host=ibis.ifelse(is_guest, tgt, src),
                       date=t.date.cast("date")).distinct()
    if until_year is not None:
        out = out.filter(out.date.year() <= until_year)
    return out.mutate(n=ibis.literal(1, "int64"))


def parse_dyads(dyads: Dyads | None) -> list[tuple[str, str]] | None:
    """``["RUS-PRK", ("CHN", "PRK")]`` as ISO3 pairs, checked against the country list.

    Parameters
    ----------
    dyads : str, tuple of (str, str), list of either, or None
        Dyads written ``GUEST-HOST`` (or ``GUEST_HOST``) or as pairs, in ISO alpha-3 of
        any case; one dyad alone needs no list.

    Returns
    -------
    list of tuple of (str, str) or None
        The (guest, host) pairs, upper-case; None when ``dyads`` is None.

    Raises
    ------
    SummitryError
        If a dyad is not a pair.
    ChoiceError
        If a code is not in the country list.
    """
    if dyads is None:
        return None
    items: Iterable[str | Sequence[str]]
    if isinstance(dyads, str) or (isinstance(dyads, tuple) and len(dyads) == 2 and
                                  all(isinstance(x, str) and len(x) == 3 for x in dyads)):
        items = [cast("str | tuple[str, str]", dyads)]
    else:
        items = dyads
    known = schema.codelist_keys("countries")
    out: list[tuple[str, str]] = []
    for d in items:
        pair = tuple(d.replace("_", "-").split("-")) if isinstance(d, str) else tuple(d)
        if len(pair) != 2:
            raise SummitryError(f"cannot read dyad {d!r}; write it GUEST-HOST in ISO alpha-3, e.g. RUS-PRK")
        for iso in pair:
            iso = str(iso).upper()
            if iso not in known:
                raise ChoiceError("ISO alpha-3 country code", iso, sorted(known))
        out.append((str(pair[0]).upper(), str(pair[1]).upper()))
    return out


def visit_frequency(data: Data | None = None, *, period: str = "year", directed: bool = True,
                    dyads: Dyads | None = None, level: str | Sequence[str] = "leader",
                    coverage: cov.Coverage = None, version: str | None = None, engine: Engine = None,
                    formats: Collection[str] | None = VISIT_FORMATS, unit: str | None = None) -> pd.DataFrame:
    """Visits per dyad per period, with the years since the dyad's previous visit.

    See the module docstring for the counting and coverage rules.

    Parameters
    ----------
    data : pandas.DataFrame, str, pathlib.Path or ibis.expr.types.Table, optional
        A visits table, event data (042/043 events), a path to a Parquet dataset of
        events, or a lazy table; None means the visits of release ``version``.
    period : {"year", "quarter", "month"}
        The period to count visits in.
    directed : bool
        Count each direction apart (guest and host); False adds the two directions.
    dyads : str, tuple of (str, str) or list of either, optional
        Only these dyads (see :func:`parse_dyads`); None keeps every dyad.
    level : str or list of str
        "leader" (heads of state and government, party leaders), "foreign_minister",
        "any", or a list of the visits table's ``level`` values.
    unit : {"episode", "day"} or None
        What one visit is on event data: an inferred visit episode
        (:func:`summitry.visit_episodes`) or, as before 0.2.0, one guest, host and day with a
        042/043 report. None (the default) counts episodes for machine-coded event data (GDELT,
        ICEWS: ``origin`` and ``place_country`` columns), else visit-days. Ignored for visits
        tables.
    coverage : None, "all" or pandas.DataFrame
        None: the release's coverage table for a whole release (``data=None`` or all of
        ``load_visits(version)``), nothing for other data (with a warning); "all":
        everything covered (you vouch for your data); or rows as :func:`summitry.load_coverage`.
    version : str, optional
        The release whose visits to count when ``data`` is None (the latest if None).
    engine : optional
        None (DuckDB), or a SparkSession for data beyond one machine (see
        :func:`summitry.analysis.engine.backend`).
    formats : collection of str, optional
        The visit formats that count (visits tables only); None counts every format.

    Returns
    -------
    pandas.DataFrame
        One row per dyad and period with at least one visit in the data: ``guest_country,
        host_country`` (``country1, country2`` in alphabetical order when
        ``directed=False``), ``period`` (a pandas Period), ``year``, ``visits``,
        ``years_since_last`` (the calendar years since the previous period with a visit in
        the same dyad, so a 2024 visit after one in July 2000 shows 24; empty for the
        first, and unless every period between is covered) and ``covered``; ``visits`` is
        empty where ``covered`` is False.

    Raises
    ------
    ChoiceError
        If ``period``, ``level`` or a dyad's country code is not known.
    SummitryError
        If ``data`` is neither visits nor events, or cannot be read or analysed, or
        ``coverage`` is not valid.
    """
    import ibis

    check_choice("period", period, PERIODS)
    levels = cov.levels_of(level)
    pairs = parse_dyads(dyads)
    data, credit, release = _default_data(data, version)
    iv = cov.resolve(coverage, release)
    t, be = resolve(data, engine)
    from .episodes import counted_visits  # episodes of event data; None for visits tables

    episode_level = level if isinstance(level, str) and level in ("leader", "foreign_minister") else "any"
    episodes = counted_visits(t, unit, episode_level)
    days = episodes if episodes is not None else visit_days(t, formats=formats, levels=levels)
    a, b = ("guest_country", "host_country") if directed else ("country1", "country2")
    if directed:
        days = days.mutate(**{a: days.guest, b: days.host})
    else:
        days = days.mutate(**{a: ibis.least(days.guest, days.host), b: ibis.greatest(days.guest, days.host)})
    sub = {"year": ibis.literal(1, "int64"), "quarter": days.date.quarter().cast("int64"),
           "month": days.date.month().cast("int64")}[period]
    days = days.mutate(year=days.date.year().cast("int64"), sub=sub)
    counts = days.group_by([a, b, "year", "sub"]).agg(visits=days.n.sum())
    w = ibis.window(group_by=[a, b], order_by=["year", "sub"])
    # A year's ``sub`` is always 1: only quarters and months need the previous one's.
    prev_sub = counts["sub"].lag().over(w) if period != "year" else ibis.literal(1, "int64")
    counts = counts.mutate(prev_year=counts.year.lag().over(w), prev_sub=prev_sub)
    counts = counts.mutate(years_since_last=counts.year - counts.prev_year)
    if pairs:
        keys = [(x, y) if directed else tuple(sorted((x, y))) for x, y in pairs]
        cond = ibis.or_(*[(counts[a] == x) & (counts[b] == y) for x, y in keys])
        counts = counts.filter(cond)
    counts = _covered(counts, a, b, period, directed, None if iv is None else cov.intervals(iv, levels), be)
    df = to_pandas(be, counts.order_by([a, b, "year", "sub"]), nullable=["visits", "years_since_last"])
    out = _finish(df, a, b, period, directed, credit)
    out.attrs.update({"level": level, "coverage": "declared" if iv is not None else "none"})
    return out


def _default_data(data: Data | None, version: str | None) -> tuple[Data, str, str | None]:
    """The data (a release's visits if None), its credit line, and the release it wholly is (or None)."""
    from ..dataset.load import load_visits
    from ..dataset.releases import resolve_version

    if data is None:
        v = resolve_version(version)
        return load_visits(v), f"summitry dataset release {v}", v
    if isinstance(data, pd.DataFrame):
        rel = data.attrs.get("summitry_release")
        credit: str = f"summitry dataset release {rel}" if rel else data.attrs.get("credit", "")
        # A table counts as the release only when it holds all of the release's visits and
        # no others: a filtered table would claim coverage of the rows it dropped.
        whole = None
        if rel and input_kind(data.columns) == "visits" and "visit_id" in data.columns and len(data) == len(
                ids := load_visits(str(rel))["visit_id"]):
            whole = str(rel) if set(data["visit_id"].astype(str)) == set(ids.astype(str)) else None
        return data, credit, whole
    if isinstance(data, (str, Path)):
        return data, f"events in {Path(data).name}", None
    return data, "", None


_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}


def _finish(df: pd.DataFrame, a: str, b: str, period: str, directed: bool, credit: str) -> pd.DataFrame:
    # The engine has sorted the rows; build the periods from their fields.
    by_period: dict[str, dict[str, Any]] = {
        "year": {"month": [1] * len(df)}, "quarter": {"quarter": df["sub"]}, "month": {"month": df["sub"]}}
    fields = by_period[period]
    # pandas-stubs lacks PeriodIndex.from_fields (pandas >= 2.2).
    periods = pd.PeriodIndex.from_fields(  # type: ignore[attr-defined]
        year=df["year"], **fields, freq=_FREQ[period])
    out = pd.DataFrame({
        a: df[a], b: df[b], "period": periods,
        "year": df["year"].astype("int64"), "visits": df["visits"].astype("Int64"),
        "years_since_last": df["years_since_last"].astype("Int64"), "covered": df["covered"].astype(bool),
    }).reset_index(drop=True)
    out.attrs.update({"credit": credit, "period": period, "directed": directed})
    return out


# Months in each period, to find a period's first day and the day after its last.
_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def _after(year: ir.IntegerValue, sub: ir.IntegerValue, period: str) -> ir.DateValue:
    """The first day of the period after the one numbered ``sub`` (quarter, month; 1 for years) of ``year``."""
    import ibis

    end = (sub - 1) * _MONTHS[period] + 1 + _MONTHS[period]  # may be 13: January of the next year
    return ibis.date(year + (end > 12).cast("int64"), ibis.ifelse(end > 12, end - 12, end), 1)


def _covered(counts: ir.Table, a: str, b: str, period: str, directed: bool, iv: pd.DataFrame | None,
             be: BaseBackend) -> ir.Table:
    """Counts and gaps blanked outside coverage, and ``covered``, in the engine's query."""
    import ibis

    first = ibis.date(counts.year, (counts["sub"] - 1) * _MONTHS[period] + 1, 1)
    j, covered, run_start = marks.join_coverage(counts, iv, be, cov.WILDCARD, directed, k1=counts[a], k2=counts[b],
                                                start=first, after=_after(counts.year, counts["sub"], period))
    # The gap counts only if every day from the period after the previous visit's is covered.
    since_ok = covered & (run_start <= _after(j.prev_year, j.prev_sub, period))
    return j.select(a, b, "year", "sub", visits=ibis.ifelse(covered, j.visits, ibis.null("int64")),
                    years_since_last=ibis.ifelse(since_ok, j.years_since_last, ibis.null("int64")), covered=covered)
