"""Which cells the data covers completely, and the levels of visit that count.

A count of zero means "no visit" only where the data is complete. The ``coverage`` table
of a release (2.0.0 on) says where it is: each row names a guest and a host (ISO alpha-3,
or ``*`` for any), the levels of visit it lists and its first and last day. The rules:

- **Levels**: ``level="leader"`` counts visits of heads of state, heads of government and
  ruling-party leaders; ``"foreign_minister"`` those of foreign ministers; ``"any"`` every
  visit; a list of the visits table's ``level`` values those levels. A coverage row counts
  for the asked levels when it lists at least one of them (the US president's list covers
  US leader visits: the US has no separate head of government).
- **A cell is covered** when one coverage row of the asked levels matches its guest (or
  ``*``) and host (or ``*``) and spans the WHOLE cell: for a dyad-year, ``first_date`` on or
  before 1 January and ``last_date`` on or after 31 December. Rows that abut or overlap join
  into one run of coverage. A year only partly covered (1906, when the presidents' list
  begins on 14 November) is not covered: its count may be short.
- **State codes**: for panels of state codes, a row naming a country covers a state's cell
  only on the days that country's ISO code holds the state code (``RUS`` holds COW 365 from
  26 December 1991, so 1991 is not covered by a row for ``RUS``).
- **Non-directed** cells are covered when both directions are.
- **Years since the last visit** count from the last visit the data holds only when the
  cell and every year between are covered; otherwise they are empty.
- **Data without declared coverage** (releases 1.0.0 and 1.1.0, a user's own table,
  imported event data) covers nothing unless the user says so: ``coverage="all"`` treats
  every cell as covered, a DataFrame of coverage rows declares the cells.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from .. import schema
from ..errors import ChoiceError, SummitryError

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: The levels of a leader-level visit, as the visits table codes them.
LEADER_LEVELS = ("head_of_state", "head_of_government", "party_leader")
#: The names ``level=`` accepts besides the visits table's level values.
LEVEL_NAMES = {"leader": LEADER_LEVELS, "foreign_minister": ("foreign_minister",), "any": None}
#: What ``level=`` and ``coverage=`` accept, for the docs and the CLI.
LEVEL_CHOICES = tuple(LEVEL_NAMES)
WILDCARD = "*"
# A state code that matches any state, in code-level coverage (state codes are positive).
ANY_CODE = -1
_SIDES = ("guest_country", "host_country")

#: What ``coverage=`` accepts: None (the release's table), "all", or a DataFrame of coverage rows.
Coverage = str | pd.DataFrame | None


def level_values() -> tuple[str, ...]:
    """The visits table's ``level`` values, from the schema."""
    return tuple(schema.field("visits", "level")["constraints"]["enum"])


def levels_of(level: str | Sequence[str]) -> tuple[str, ...] | None:
    """The ``level`` values that ``level=`` asks for; None for every level.

    Parameters
    ----------
    level : str or list of str
        "leader", "foreign_minister", "any", one level value or a list of them.

    Returns
    -------
    tuple of str or None
        The level values; None when every level counts.

    Raises
    ------
    ChoiceError
        If a name or value is not known; the message lists the valid ones.
    """
    choices = (*LEVEL_CHOICES, *level_values())
    if isinstance(level, str):
        if level in LEVEL_NAMES:
            return LEVEL_NAMES[level]
        items: Sequence[str] = [level]
    else:
        items = list(level)
    for item in items:
        if item not in level_values():
            raise ChoiceError("level", item, choices)
    if not items:
        raise SummitryError(f"level is an empty list; choose from {', '.join(choices)}")
    return tuple(items)


def filter_levels(t: ir.Table, levels: tuple[str, ...] | None) -> ir.Table:
    """Only the visits of ``levels`` (a visits table without a ``level`` column is kept whole)."""
    if levels is None or "level" not in t.columns:
        return t
    return t.filter(t["level"].cast("string").isin(list(levels)))


def resolve(coverage: Coverage, release: str | None) -> pd.DataFrame | None:
    """The coverage rows to use: the release's, all cells, the user's, or None (nothing covered).

    Parameters
    ----------
    coverage : None, "all" or pandas.DataFrame
        None uses the table of ``release`` (when the data is a whole release that has one).
    release : str, optional
        The release the data is, if it is one.

    Returns
    -------
    pandas.DataFrame or None
        Coverage rows (guest, host, levels, first and last date); None when no coverage is
        declared, after a warning saying how to declare it.

    Raises
    ------
    SummitryError
        If ``coverage`` is neither, or a DataFrame lacks a column or has a bad date.
    """
    if isinstance(coverage, pd.DataFrame):
        return _checked(coverage)
    if isinstance(coverage, str) and coverage == "all":
        first, last = _date_fields()
        return pd.DataFrame({_SIDES[0]: [WILDCARD], _SIDES[1]: [WILDCARD], "levels": [None],
                             first: [pd.Timestamp.min], last: [pd.Timestamp.max]})
    if coverage is not None:
        raise SummitryError(f"coverage must be None (the release's table), 'all' or a DataFrame of "
                            f"coverage rows, not {coverage!r}")
    if release is not None:
        from ..dataset.load import load_coverage
        from ..dataset.releases import tables

        if "coverage" in tables(release):
            return load_coverage(release)
        why = f"release {release} has no coverage table (coverage tables begin with 2.0.0)"
    else:
        why = "the data is not a whole release, so it declares no coverage"
    warnings.warn(f"{why}: no cell is covered and every count is left empty. Pass coverage='all' to treat "
                  "the data as complete, or a DataFrame of coverage rows (as summitry.load_coverage() gives).",
                  UserWarning, stacklevel=4)
    return None


def _date_fields() -> tuple[str, str]:
    first, last = (f["name"] for f in schema.fields("coverage") if f["type"] == "date")
    return first, last


def _checked(cov: pd.DataFrame) -> pd.DataFrame:
    first, last = _date_fields()
    missing = [c for c in (*_SIDES, first, last) if c not in cov.columns]
    if missing:
        raise SummitryError(f"the coverage table has no column {', '.join(missing)} "
                            f"(found: {', '.join(map(str, cov.columns))})")
    out = cov.copy()
    for c in (first, last):
        try:
            out[c] = pd.to_datetime(out[c])
        except (ValueError, TypeError) as e:
            raise SummitryError(f"coverage column {c}: cannot read a date ({e})") from None
        bad = out[c].isna()
        if bad.any():
            raise SummitryError(f"coverage row {int(bad.to_numpy().argmax())}: {c} is empty")
    if "levels" not in out.columns:
        out["levels"] = None  # rows that name no level cover every level
    return out


def intervals(cov: pd.DataFrame, levels: tuple[str, ...] | None) -> pd.DataFrame:
    """The rows of ``cov`` at ``levels`` as ``k1, k2, first, last`` (ISO codes or ``*``; Timestamps)."""
    first, last = _date_fields()
    listed = cov["levels"].map(lambda s: None if s is None or pd.isna(s) else {x.strip() for x in str(s).split(";")})
    keep = listed.map(lambda ls: levels is None or ls is None or bool(ls & set(levels))).astype(bool)
    rows = cov[keep]
    return pd.DataFrame({"k1": rows[_SIDES[0]].astype(str).to_numpy(), "k2": rows[_SIDES[1]].astype(str).to_numpy(),
                         "first": _ns(rows[first]).to_numpy(), "last": _ns(rows[last]).to_numpy()})


def _ns(values: pd.Series) -> pd.Series:
    """Days as nanosecond Timestamps; days beyond pandas' range (9999-12-31) clamped to its ends."""
    if values.dtype == object:
        values = values.map(lambda d: d if pd.Timestamp.min.date() <= d <= pd.Timestamp.max.date() else (
            pd.Timestamp.max if d > pd.Timestamp.max.date() else pd.Timestamp.min))
    return pd.to_datetime(values).astype("datetime64[ns]")


def to_codes(iv: pd.DataFrame, system: str) -> pd.DataFrame:
    """ISO-keyed intervals as state-code intervals: each cut to the days the ISO code holds the state code."""
    from . import states

    if bool(((iv["k1"] == WILDCARD) & (iv["k2"] == WILDCARD)).all()):  # no country named: nothing to map
        return iv.assign(k1=ANY_CODE, k2=ANY_CODE).astype({"k1": "int64", "k2": "int64"})
    spells = states.iso_spells(system)
    end = pd.Timestamp(states.list_end(system))
    # Beyond the list's end a state keeps the code its ISO code last held (as visits do).
    spans = pd.DataFrame({"iso3": spells["iso3"], "code": spells["code"].astype("int64"),
                          "s": _ns(spells["start"]),
                          "e": _ns(spells["end"]).where(lambda e: e < end, pd.Timestamp.max)})
    held = set(spans["iso3"])
    fb = states.iso_fallback(system)
    fb = fb[~fb["iso3"].isin(held)]
    spans = pd.concat([spans, pd.DataFrame({"iso3": fb["iso3"], "code": fb["code"].astype("int64"),
                                            "s": pd.Timestamp.min, "e": pd.Timestamp.max})])
    out = iv.assign(n=range(len(iv)))
    for k in ("k1", "k2"):
        wild = out[out[k] == WILDCARD].assign(**{k: ANY_CODE})
        named = out[out[k] != WILDCARD].merge(spans, left_on=k, right_on="iso3")
        named = named.assign(**{k: named["code"], "first": named[["first", "s"]].max(axis=1),
                                "last": named[["last", "e"]].min(axis=1)})
        out = pd.concat([wild, named[named["first"] <= named["last"]][wild.columns]], ignore_index=True)
    return out.astype({"k1": "int64", "k2": "int64"}).drop(columns="n")
