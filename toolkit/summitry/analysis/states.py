"""State-system membership (Correlates of War, Gleditsch & Ward) and ISO 3166 codes by date.

Membership comes from the COW State System Membership List v2024 and the Gleditsch &
Ward list of independent states and microstates (schemas/codes/, sources credited in
``schemas/dataset.json``). ISO alpha-3 codes are tied to state codes by the spells of
the country crosswalk, so that a visit coded ``SUN`` in 1986 and one coded ``RUS`` in
2000 land on the same COW code 365, and a visit to ``DEU`` in 1975 lands on West
Germany (260) in COW but on 255 after unification.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

import pandas as pd

from .. import schema
from ..dataset.countries import ISO3_BY_KEY, parse_day, parse_spells
from ..errors import SummitryError, check_choice

SYSTEMS = ("cow", "gw")

# The column names of the state code in a panel, as peacesciencer names them.
CODE_NAME = {"cow": "ccode", "gw": "gwcode"}

CITATION = {
    "cow": "Correlates of War Project. 2024. State System Membership List, v2024.",
    "gw": ("Gleditsch, K. S. and Ward, M. D. 1999. Interstate System Membership: A Revised "
           "List of the Independent States since 1816. International Interactions 25: 393-413 "
           "(2017 edition, with microstates)."),
}

# The crosswalk gives each spell of a code to one row. Where one code stands for states
# that ISO 3166 tells apart, the ISO code of the predecessor is carved out of the spell
# for the dates that state existed (ISO 3166-3 and the dates of the successions).
_CARVE_OUTS = (
    (365, "SUN", "1922-12-30", "1991-12-25"),  # USSR: treaty of union to Gorbachev's resignation
    (345, "SCG", "2003-02-04", "2006-06-05"),  # Serbia and Montenegro, to Montenegro's independence
    (816, "VDR", "1954-01-01", "1976-07-01"),  # North Vietnam, to the unification of Vietnam
)

_DAY = dt.timedelta(days=1)


class YearRangeError(SummitryError, ValueError):
    """A year outside the state system's years; the message gives the valid range."""

    exit_code = 2


@cache
def list_end(system: str) -> dt.date:
    """The last day the membership list covers (COW v2024: 2024-12-31; G&W: 2017-12-31).

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.

    Returns
    -------
    datetime.date
        The list's last day.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    """
    check_choice("state system", system, SYSTEMS)
    ends = [parse_day(r["end_date"]) for r in _rows(system)]
    return max(e for e in ends if e != dt.date.max)


def _rows(system: str) -> tuple[dict[str, str], ...]:
    return schema.codelist("cow_states" if system == "cow" else "gw_states")


@cache
def membership(system: str = "cow") -> pd.DataFrame:
    """One row per spell of membership: ``code, start, end, ongoing`` (dates).

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.

    Returns
    -------
    pandas.DataFrame
        The spells; ``ongoing`` is True for a state still a member when the list ends.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    """
    check_choice("state system", system, SYSTEMS)
    key = "ccode" if system == "cow" else "gwcode"
    rows = []
    last_day = max(parse_day(x["end_date"]) for x in _rows(system))
    for r in _rows(system):
        start, end = parse_day(r["start_date"]), parse_day(r["end_date"])
        # COW marks an ongoing state by the list's last day; G&W by a flag (microstates
        # end on 9999-12-31).
        ongoing = r.get("ongoing") == "1" if system == "gw" else end == last_day
        rows.append({"code": int(r[key]), "start": start, "end": end, "ongoing": ongoing})
    return pd.DataFrame(rows)


def check_years(system: str, start: int | None, end: int | None) -> tuple[int, int]:
    """``start`` and ``end`` filled in and checked against the list's years, before any work.

    Panels span the membership list's years: COW v2024 1816-2024, G&W (2017 edition) 1816-2017.

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.
    start, end : int, optional
        The years asked for; None means the list's first (last) year.

    Returns
    -------
    tuple of (int, int)
        The first and last year of the panel.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    YearRangeError
        If a year lies outside the list's years, or ``start`` is after ``end``; the
        message gives the valid range (the CLI exits with 2).
    """
    check_choice("state system", system, SYSTEMS)
    first, last = int(membership(system)["start"].min().year), list_end(system).year
    name = {"cow": "COW v2024", "gw": "G&W"}[system]
    lo = first if start is None else int(start)
    hi = last if end is None else int(end)
    for what, year in (("start", lo), ("end", hi)):
        if not first <= year <= last:
            raise YearRangeError(f"{what} year {year} is outside the {name} state system's years: "
                                 f"choose years from {first} to {last}")
    if lo > hi:
        raise YearRangeError(f"start ({lo}) is after end ({hi}); choose years from {first} to {last}")
    return lo, hi


def year_spells(system: str = "cow", start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Each state's days of membership in each year: ``code, year, first, last`` (dates), sorted.

    West Germany (COW 260) has 1990-01-01 to 1990-10-02 and unified Germany (255) 1990-10-03
    to 1990-12-31; a state that leaves and returns within a year has two rows.

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.
    start, end : int, optional
        The first and last year (default: the list's first and last).

    Returns
    -------
    pandas.DataFrame
        One row per spell of membership within a year.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    YearRangeError
        If the years lie outside the list's (see :func:`check_years`).
    """
    start, end = check_years(system, start, end)
    out: list[tuple[int, int, dt.date, dt.date]] = []
    for code, s, e in membership(system)[["code", "start", "end"]].itertuples(index=False):
        for y in range(max(s.year, start), min(e.year, end) + 1):
            out.append((code, y, max(s, dt.date(y, 1, 1)), min(e, dt.date(y, 12, 31))))
    df = pd.DataFrame(out, columns=["code", "year", "first", "last"])
    return df.sort_values(["code", "year", "first"]).reset_index(drop=True)


def state_years(system: str = "cow", start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Every state in the system in each year (a member on any day of it): ``code, year``, sorted.

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.
    start, end : int, optional
        The first and last year (default: the list's first and last).

    Returns
    -------
    pandas.DataFrame
        One row per state and year; 1990 has West, East and unified Germany.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    YearRangeError
        If the years lie outside the list's (see :func:`check_years`).
    """
    spells = year_spells(system, start, end)
    return spells[["code", "year"]].drop_duplicates().reset_index(drop=True)


@cache
def iso_spells(system: str = "cow") -> pd.DataFrame:
    """Which ISO alpha-3 code holds which state code when: ``iso3, code, start, end``.

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.

    Returns
    -------
    pandas.DataFrame
        One row per spell, ``start`` and ``end`` dates included.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    """
    check_choice("state system", system, SYSTEMS)
    column = "cow_spells" if system == "cow" else "gw_spells"
    pieces: list[tuple[str, int, dt.date, dt.date]] = []
    for r in schema.codelist("countries"):
        # Rows with no ISO code of their own whose state ISO writes with another row's code
        # (West Germany DEU, North Yemen YEM, South Vietnam VNM), as the build codes visits.
        iso = r["iso3c"] or ISO3_BY_KEY.get(r["key"])
        if not iso:
            continue
        for code, s, e in parse_spells(r[column]):
            pieces.extend(_carve(iso, code, s, e))
    return pd.DataFrame(pieces, columns=["iso3", "code", "start", "end"])


def _carve(iso: str, code: int, s: dt.date, e: dt.date) -> Iterator[tuple[str, int, dt.date, dt.date]]:
    for c, other, a_text, b_text in _CARVE_OUTS:
        a, b = dt.date.fromisoformat(a_text), dt.date.fromisoformat(b_text)
        if c == code and s <= b and e >= a:
            if s < a:
                yield from _carve(iso, code, s, a - _DAY)
            yield (other, code, max(s, a), min(e, b))
            if e > b:
                yield from _carve(iso, code, b + _DAY, e)
            return
    yield (iso, code, s, e)


@cache
def iso_fallback(system: str = "cow") -> pd.DataFrame:
    """The code of each ISO alpha-3 outside its dated spells: ``iso3, code``.

    This is the crosswalk's code for the entity (e.g. ``SUN`` and ``RUS`` -> 365), used
    for dates a spell does not cover, such as G&W after its list ends in 2017.

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system; any other value is read as "gw".

    Returns
    -------
    pandas.DataFrame
        One row per ISO alpha-3 code.
    """
    column = "cown" if system == "cow" else "gwn"
    rows = [(r["iso3c"], int(r[column])) for r in schema.codelist("countries")
            if r["iso3c"] and r[column]]
    return pd.DataFrame(rows, columns=["iso3", "code"]).drop_duplicates("iso3")


def code_iso3(system: str, years: pd.DataFrame) -> pd.DataFrame:
    """The ISO alpha-3 of each ``code, year``: the one holding the code longest that year.

    So 365 is ``SUN`` in 1922-1991 and ``RUS`` from 1992; 345 is ``YUG``, then ``SCG``
    (2003-2005), then ``SRB``; 816 is ``VDR`` until 1976 and 817 (South Vietnam) ``VNM``.
    Codes with no ISO code (the German states of the 19th century) get none.

    Parameters
    ----------
    system : {"cow", "gw"}
        The state system.
    years : pandas.DataFrame
        Has the columns ``code`` and ``year``.

    Returns
    -------
    pandas.DataFrame
        ``code, year, iso3`` for each distinct ``code, year`` of ``years``; ``iso3`` is
        None where no ISO code holds the state code.

    Raises
    ------
    ChoiceError
        If ``system`` is not known.
    """
    pieces = iso_spells(system)
    by_code: dict[int, list[tuple[str, dt.date, dt.date]]] = {}
    for p_iso, code, s, e in pieces.itertuples(index=False):
        by_code.setdefault(code, []).append((p_iso, s, e))
    out: list[tuple[int, int, str | None]] = []
    for code, year in years[["code", "year"]].drop_duplicates().itertuples(index=False):
        g = by_code.get(code)
        iso = None
        if g is not None:
            y0, y1 = dt.date(year, 1, 1), dt.date(year, 12, 31)
            best = 0
            for p_iso, s, e in g:
                days = (min(e, y1) - max(s, y0)).days + 1
                if days > best:
                    iso, best = p_iso, days
            if iso is None and year > max(p[2] for p in g).year:
                iso = max(g, key=lambda p: p[2])[0]  # beyond the list: the last holder
        out.append((code, year, iso))
    return pd.DataFrame(out, columns=["code", "year", "iso3"])
