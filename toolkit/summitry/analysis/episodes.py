"""Visit episodes from event data: many 042/043 reports of one trip become one visit.

Event data report visits, not visits: one trip gives many rows across days and
publishers, and invited, planned, expected or cancelled trips are coded too. The rules
below (the same on every engine; thresholds chosen on ICEWS October-December 2018, see
the codebook's "Visit episodes from event data") turn reports into directed episodes,
guest to host:

1. **Reports.** A 042 row (source visits target) and a 043 row (source hosts target) are
   reports of the same visit, guest to host. Rows whose guest or host country is missing
   (international organisations have none) or the same (domestic trips) are dropped.
2. **Level.** Only reports whose guest is at the asked level (see
   :func:`~summitry.analysis.episodes_input.actor_level`) are kept.
3. **Located in the host.** A report counts only if the event is located in the host
   country: talks at a third location are not a visit to either side, and reports
   written from home about a trip to come are mostly placed at home. 3b (foreign-minister
   level, :data:`LEVEL_RULES`): meetings (:data:`PRESENCE_CODES`) located abroad also count,
   as visits to the place's country; an episode still needs one 042/043 report.
4. **Merging.** Reports of one guest country, host country and level on days at most
   ``max_gap`` days apart (per level, :data:`LEVEL_RULES`) form one episode (consecutive days merge; a tour gives one
   episode per host, since the host is part of the key).
5. **Evidence.** An episode is kept if its score, the number of distinct publishers (or
   URLs) plus :data:`HOSTED_BONUS` when the host side reports hosting (a 043 row),
   reaches ``min_score``. Reports of a planned or cancelled trip are scattered, come from
   one or two publishers and lack the host's own report, so they fall below it.
6. **Concentration.** Reports before a trip ("will visit") and after it ("after his
   visit") that are located in the host can pass rule 5 for a much-covered trip. An
   episode is dropped as an echo when another episode of the same guest, host and
   level within :data:`ECHO_DAYS` days of its start scores more than
   :data:`ECHO_RATIO` times as much.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pandas as pd

from ..errors import SummitryError
from .engine import resolve, to_pandas
from .episodes_input import SECTOR_COLUMNS, actor_level, actor_level_in, check_level, read_event_files

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from .engine import Data, Engine

VISIT_CODE, HOST_CODE = "042", "043"
#: Days between two reports of one episode at most (1: consecutive days merge).
MAX_GAP = 1
#: Score an episode needs: distinct publishers, plus HOSTED_BONUS if the host reports hosting.
MIN_SCORE = 5
HOSTED_BONUS = 1
#: Rule 6: an episode within ECHO_DAYS of one with more than ECHO_RATIO times its score is an echo.
ECHO_DAYS, ECHO_RATIO = 30, 2
#: Rule 3b: consult (040), meet at a third location (044), negotiate (046): face-to-face meetings.
PRESENCE_CODES = ("040", "044", "046")
#: The thresholds of each ``level=`` (chosen on ICEWS 2018 Q4, see the codebook): a foreign
#: minister's trip gets fewer visit reports than a leader's, so at that level meetings abroad
#: corroborate (rule 3b), reports up to 3 days apart merge, a score of 4 suffices, and the
#: echo window is 90 days (the reports of one trip recur for months around a second one).
LEVEL_RULES: dict[str, dict[str, int | bool]] = {
    "leader": {"max_gap": MAX_GAP, "min_score": MIN_SCORE, "presence": False, "echo_days": ECHO_DAYS},
    "foreign_minister": {"max_gap": 3, "min_score": 4, "presence": True, "echo_days": 90},
    "any": {"max_gap": MAX_GAP, "min_score": MIN_SCORE, "presence": False, "echo_days": ECHO_DAYS},
}
_KEY = ["guest_country", "host_country", "level"]
_SIDES = ("source_country", "target_country")
_EVENT_FILE_SUFFIXES = (".tab", ".tsv", ".csv", ".txt", ".zip")


def visit_episodes(data: Data | Iterable[str | Path], *, level: str = "leader", engine: Engine = None,
                   max_gap: int | None = None, min_score: int | None = None, format: str = "auto") -> pd.DataFrame:
    """One row per inferred visit episode, from CAMEO 042/043 reports in event data.

    See the module docstring (and the codebook) for the rules.

    Parameters
    ----------
    data : pandas.DataFrame, str, pathlib.Path, ibis.expr.types.Table or list of paths
        Event data in the imported-events columns (``read_icews``/``read_gdelt`` output),
        a Parquet file or imported dataset folder, a folder or list of GDELT/ICEWS files,
        or a lazy table.
    level : {"leader", "foreign_minister", "any"}
        Whose trips: heads of state or government, foreign ministers, or anyone.
    engine : optional
        None (DuckDB) or a SparkSession (see :func:`summitry.analysis.engine.backend`).
    max_gap : int, optional
        Reports at most this many days apart merge into one episode; None: the level's
        value in :data:`LEVEL_RULES` (1 day for leaders, 3 for foreign ministers).
    min_score : int, optional
        The evidence score an episode needs to be kept (0 keeps every episode); None: the
        level's value in :data:`LEVEL_RULES` (5 for leaders, 4 for foreign ministers).
    format : {"auto", "gdelt", "icews"}
        The format of event files given as paths.

    Returns
    -------
    pandas.DataFrame
        ``guest_country, host_country, start_date, end_date, guest_actor, host_actor,
        level, n_reports, n_sources, n_days, hosted, evidence`` (the event ids),
        ``score`` and ``rule``, sorted by start date. An actor is the name the episode's
        reports give most often (ties: the first in sort order).

    Raises
    ------
    ChoiceError
        If ``level`` or ``format`` is unknown.
    SummitryError
        If the data lack the event columns or cannot be read.

    Examples
    --------
    >>> summitry.visit_episodes("icews-2018q4/", level="leader")  # doctest: +SKIP
    """
    levels = check_level(level)
    rules = dict(LEVEL_RULES[level])
    rules.update({k: v for k, v in (("max_gap", max_gap), ("min_score", min_score)) if v is not None})
    if int(rules["max_gap"]) < 0 or int(rules["min_score"]) < 0:
        raise SummitryError("max_gap and min_score must be 0 or more")
    t, be = resolve(_as_data(data, format), engine)
    expr = _level_expr(t, levels, rules)
    df = to_pandas(be, expr.order_by(["start_date", *_KEY]))
    for c in ("start_date", "end_date"):
        df[c] = pd.to_datetime(df[c]).dt.date
    df["evidence"] = [sorted(map(str, ev)) for ev in df["evidence"]]
    df.attrs.update({"level": level, **rules})
    return df.reset_index(drop=True)


def _level_expr(t: ir.Table, levels: tuple[str, ...], rules: dict[str, int | bool]) -> ir.Table:
    """:func:`episodes_expr` with the thresholds of one :data:`LEVEL_RULES` entry."""
    return episodes_expr(t, levels, max_gap=int(rules["max_gap"]), min_score=int(rules["min_score"]),
                         presence=bool(rules["presence"]), echo_days=int(rules["echo_days"]))


def _as_data(data: Data | Iterable[str | Path], fmt: str) -> Data:
    """Event files (a list, a file or a folder of them) read into a table; anything else as it is."""
    if isinstance(data, pd.DataFrame) or hasattr(data, "get_backend"):
        return cast("Data", data)
    paths = [Path(data)] if isinstance(data, (str, Path)) else [Path(p) for p in data]
    if not paths:
        raise SummitryError("no event data given")
    for p in paths:
        if not p.exists():
            raise SummitryError(f"cannot read {p}: no such file or folder")
    if len(paths) == 1 and (paths[0].suffix == ".parquet" or (paths[0].is_dir() and any(paths[0].rglob("*.parquet")))):
        return paths[0]  # an imported dataset: scanned lazily by the engine
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in _EVENT_FILE_SUFFIXES
                           and not f.name.startswith(("_", ".")))
            if not found:
                raise SummitryError(f"{p}: the folder holds no event files ({', '.join(_EVENT_FILE_SUFFIXES)})")
            files.extend(found)
        else:
            files.append(p)
    return read_event_files(files, fmt)


def reports_expr(t: ir.Table, levels: Iterable[str], *, presence: bool = False) -> ir.Table:
    """Rules 1-3 (and 3b with ``presence``): one row per report of a visit, guest to host (Ibis).

    Parameters
    ----------
    t : ibis.expr.types.Table
        Event data in the imported-events columns.
    levels : iterable of str
        The guest levels kept.
    presence : bool
        Also keep meeting reports (:data:`PRESENCE_CODES`) located abroad as reports of a
        visit to the country they are located in, for each side at a kept level (rule 3b).

    Returns
    -------
    ibis.expr.types.Table
        ``event_id, date, code, guest_country, host_country, guest_actor, host_actor,
        level, source`` for the kept reports.

    Raises
    ------
    SummitryError
        If ``t`` lacks the columns the rules need.
    """
    import ibis

    from ..eventdata.imported import REQUIRED

    need = [*REQUIRED, *_SIDES, "place_country"]
    missing = [c for c in need if c not in t.columns]
    if missing:
        raise SummitryError(f"event data for visit episodes need the columns {', '.join(need)}; "
                            f"missing: {', '.join(missing)}")
    code = t.event_code.cast("string")
    if t.event_code.type().is_integer():
        code = code.lpad(3, "0")  # codes read as numbers lost their leading zero
    wanted = [VISIT_CODE, HOST_CODE, *(PRESENCE_CODES if presence else ())]
    t = t.mutate(_code=code)
    # The range implied by the codes is a filter DuckDB hands to the Parquet reader, which then
    # skips the other columns of the other 95% of events; an IN list alone is applied after
    # every column of every row has been read.
    t = t.filter((t._code >= min(wanted)) & (t._code <= max(wanted)) & t._code.isin(wanted))
    have_sectors = all(c in t.columns for c in SECTOR_COLUMNS)
    pub = [c for c in ("publisher", "source_url") if c in t.columns]
    source = ibis.coalesce(*[t[c].cast("string") for c in pub]) if pub else ibis.null("string")

    def col(name: str) -> ir.StringValue:
        return t[name].cast("string") if name in t.columns else ibis.null("string")

    def rows(guest_first: ir.BooleanValue | bool, only: ir.BooleanValue) -> ir.Table:
        """The reports with the guest on the source side where ``guest_first``, else the target side."""
        def pick(src: str, tgt: str) -> tuple[ir.StringValue, ir.StringValue]:
            return ibis.ifelse(guest_first, col(src), col(tgt)), ibis.ifelse(guest_first, col(tgt), col(src))

        guest, host = pick(*_SIDES)
        gname, hname = pick("source_name", "target_name")
        gsec = pick(*SECTOR_COLUMNS)[0] if have_sectors else None
        place = t.place_country.cast("string")
        meet = ~t._code.isin([VISIT_CODE, HOST_CODE])
        out = t.select(event_id=t.event_id.cast("string"), date=t.date.cast("date"), code=t._code,
                       guest_country=guest, host_country=ibis.ifelse(meet, place, host), guest_actor=gname,
                       host_actor=ibis.ifelse(meet, ibis.null("string"), hname),
                       level=actor_level(gname, gsec, None), place=place, source=source, _only=only,
                       _level_kept=actor_level_in(gname, gsec, levels))
        keep = (out._only & out.guest_country.notnull() & out.host_country.notnull()
                & (out.guest_country != out.host_country) & out._level_kept & (out.place == out.host_country))
        return out.filter(keep).drop("place", "_only", "_level_kept")

    visit = t._code.isin([VISIT_CODE, HOST_CODE])
    out = rows(t._code == VISIT_CODE, visit)
    if presence:  # a meeting abroad puts both sides, each at its own level, in the place's country
        out = out.union(rows(True, ~visit), distinct=False).union(rows(False, ~visit), distinct=False)
    return out


def episodes_expr(t: ir.Table, levels: Iterable[str], *, max_gap: int = MAX_GAP, min_score: int = MIN_SCORE,
                  presence: bool = False, echo_days: int = ECHO_DAYS) -> ir.Table:
    """Rules 1-6 as one Ibis expression: the kept episodes (unsorted).

    Parameters
    ----------
    t : ibis.expr.types.Table
        Event data in the imported-events columns.
    levels : iterable of str
        The guest levels kept.
    max_gap : int
        Reports at most this many days apart merge.
    min_score : int
        The score an episode needs.
    presence : bool
        Whether meetings located abroad count as reports (rule 3b).
    echo_days : int
        The window of rule 6, in days either side of an episode's start.

    Returns
    -------
    ibis.expr.types.Table
        The columns of :func:`visit_episodes`.
    """
    import ibis

    r = reports_expr(t, levels, presence=presence)
    # Rule 4 on the reports in date order, in one pass over them (no second scan of the events
    # for their distinct days): a report more than max_gap days after the previous one starts
    # an episode, and the running count of starts numbers them. The count runs over whole days
    # (a RANGE frame), so every report of a day gets its day's number whatever the order of
    # the reports within the day.
    r = r.mutate(_n=r.date.epoch_days())
    by_date = ibis.window(group_by=_KEY, order_by="_n")
    r = r.mutate(_new=ibis.ifelse((r._n - r._n.lag().over(by_date)).fill_null(max_gap + 1) > max_gap, 1, 0))
    r = r.mutate(episode=r._new.sum().over(ibis.range_window(preceding=None, following=0, group_by=_KEY,
                                                             order_by="_n")))
    r = _most_reported(r, ("guest_actor", "host_actor"))
    hosted = (r.code == HOST_CODE).cast("int64").max()
    reported = r.code.isin([VISIT_CODE, HOST_CODE]).cast("int64").max()
    ep = r.group_by([*_KEY, "episode"]).agg(
        start_date=r.date.min(), end_date=r.date.max(), guest_actor=r.guest_actor.min(where=r._top_guest_actor),
        host_actor=r.host_actor.min(where=r._top_host_actor), n_reports=r.event_id.nunique(),
        n_sources=r.source.nunique(), n_days=r.date.nunique(), hosted=hosted, _reported=reported,
        evidence=r.event_id.collect())
    ep = ep.mutate(score=ep.n_sources + HOSTED_BONUS * ep.hosted, hosted=ep.hosted == 1)
    ep = ep.mutate(_start=ep.start_date.epoch_days())
    near = ibis.range_window(preceding=echo_days, following=echo_days, group_by=_KEY, order_by="_start")
    ep = ep.mutate(_peak=ep.score.max().over(near))
    # Rule 3b only corroborates: an episode needs one 042/043 report of the visit itself.
    ep = ep.filter((ep.score >= min_score) & (ep.score * ECHO_RATIO >= ep._peak) & (ep._reported == 1))
    base = f"located-in-host{'+meetings' if presence else ''}+gap<={max_gap}d+publishers"
    rule = ibis.ifelse(ep.hosted, f"{base}+hosted>={min_score}", f"{base}>={min_score}")
    return ep.select("guest_country", "host_country", "start_date", "end_date", "guest_actor", "host_actor",
                     "level", "n_reports", "n_sources", "n_days", "hosted", "evidence", "score", rule=rule)


def _most_reported(r: ir.Table, names: tuple[str, ...]) -> ir.Table:
    """``r`` with ``_top_<name>`` for each of ``names``: whether it is a name its episode gives most often.

    The episode's actor is the least (in sort order) of these names, so ties break the same
    way on every engine (Spark has no ``mode()``); nulls are never counted. Window counts
    keep this to the one pass over the reports.
    """
    import ibis

    r = r.mutate(**{f"_n_{c}": r[c].count().over(ibis.window(group_by=[*_KEY, "episode", c])) for c in names})
    episode = ibis.window(group_by=[*_KEY, "episode"])
    return r.mutate(**{f"_top_{c}": (r[f"_n_{c}"] == r[f"_n_{c}"].max().over(episode)) & r[c].notnull()
                       for c in names})

UNITS = ("episode", "day")


def counted_visits(t: ir.Table, unit: str | None, level: str = "any") -> ir.Table | None:
    """For :func:`~summitry.analysis.frequency.visit_frequency`: episodes as ``guest, host, date, n`` rows.

    Parameters
    ----------
    t : ibis.expr.types.Table
        The table being counted.
    unit : {"episode", "day"} or None
        What one visit is on event data; None means ``episode`` for machine-coded event data
        that have a ``place_country`` column (rule 3 needs it) and an ``origin`` (GDELT or
        ICEWS), else ``day``.
    level : str
        The guest level of the episodes (see :func:`visit_episodes`).

    Returns
    -------
    ibis.expr.types.Table or None
        One row per episode, dated by its first day; None when ``t`` is a visits table or
        ``unit`` is ``day`` (the caller then counts visit-days as before).
    """
    import ibis

    from ..errors import check_choice

    check_choice("unit", unit or "episode", UNITS)
    if unit == "day" or "event_code" not in t.columns or "guest_country" in t.columns:
        return None
    if unit is None and ("place_country" not in t.columns or "origin" not in t.columns):
        # events without a place cannot pass rule 3, and summitry's own coded events (no
        # origin column) are not machine-coded reports: count visit-days as before
        return None
    ep = _level_expr(t, check_level(level), LEVEL_RULES[level])
    return ep.select(guest=ep.guest_country, host=ep.host_country, date=ep.start_date,
                     n=ibis.literal(1, "int64"))
