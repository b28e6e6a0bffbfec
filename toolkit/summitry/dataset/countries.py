"""Countries by date: ISO alpha-3, COW and G&W codes of a state on a given day.

Upstream lists and records name states by codes or slugs that do not know about time:
``germany`` is the German Reich, occupied Germany, West Germany and unified Germany by date.
The country crosswalk (``schemas/codes/countries.tsv``, one row per entity, keyed by
``key``) holds each entity's COW and G&W spells; this module gives the codes on a day.

The code of a system (``cow`` or ``gw``) on a day comes from, in turn:

1. **Spell.** The entity's own spell containing the day. A spell ending on the list's last
   day (COW 2024-12-31, G&W 2017-12-31) is taken to continue: the lists end, states do not.
2. **Shared code.** An entity with no spells of its own in the list but a code another row
   holds (the USSR and Russia share 365; West Germany's G&W 260 is listed under Germany)
   gets that code on the dates the code is in the list.
3. **Identity.** Otherwise, if the other system counts the entity as a state that day, the
   entity's own code (Canada 1907 in COW, the governments in exile of 1940-1945). It never
   moves a code across entities. The post-war occupations that COW dates on purpose are
   exceptions (:data:`NO_IDENTITY`).
4. Else no code: the entity is not a state in either list that day (occupied Germany
   1945-1949, colonies before independence, the Palestinian Authority, the Vatican).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from .. import schema

SYSTEMS: tuple[str, str] = ("cow", "gw")
NON_STATE = "non-state:"
LEFT_OUT = "left out:"

# ISO alpha-3 of entities whose crosswalk row has no ISO code of its own.
ISO3_BY_KEY: dict[str, str] = {
    "H-FRG": "DEU",  # ISO DE/DEU was West Germany's code from 1974 and passed to unified Germany
    "H-YAR": "YEM",  # ISO YE/YEM was North Yemen's (South Yemen YD/YMD) and passed to unified Yemen
    "H-RVN": "VNM",  # ISO 3166 (1974) gave VN/VNM to the Republic of Viet-Nam, VD/VDR to the North
}

# (key, system, first day, last day, reason): no identity code on these days although the
# other list counts the state.
NO_IDENTITY: tuple[tuple[str, str, str, str, str], ...] = (
    ("H-FRG", "cow", "1949-09-21", "1955-05-04", "Occupation Statute; COW enters the FRG (260) on 1955-05-05"),
    ("AUT", "cow", "1938-03-14", "1955-07-26", "Anschluss, then occupation; COW resumes Austria (305) on 1955-07-27"),
    ("JPN", "cow", "1945-08-15", "1952-04-27", "Allied occupation; COW resumes Japan (740) on 1952-04-28"),
)

_FAR = dt.date.max


class Spell(NamedTuple):
    code: int
    start: dt.date
    end: dt.date


class Resolved(NamedTuple):
    """A state on a day: its ISO alpha-3, COW and G&W codes and crosswalk key."""

    iso3: str
    cowcode: int | None
    gwcode: int | None
    key: str
    nonstate: str | None = None  # why the entry is not a state (its codes are then empty)


@dataclass(frozen=True)
class Entity:
    key: str
    iso3: str
    codes: dict[str, int | None]
    spells: dict[str, tuple[Spell, ...]]


@dataclass(frozen=True)
class SlugRow:
    slug: str
    name: str
    start: dt.date | None
    end: dt.date | None
    key: str
    notes: str

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def parse_day(text: str) -> dt.date:
    """A crosswalk or membership-list day; ``9999-...`` (no end) is ``date.max``."""
    return _FAR if text.startswith("9999") else dt.date.fromisoformat(text)


def parse_spells(text: str) -> list[Spell]:
    """A crosswalk spell list, ``code/ABBR:start..end|...``, as Spells."""
    out = []
    for part in filter(None, text.split("|")):
        code_abbr, dates = part.split(":", 1)
        start, end = dates.split("..")
        out.append(Spell(int(code_abbr.split("/")[0]), parse_day(start), parse_day(end)))
    return out


@cache
def entities() -> dict[str, Entity]:
    """Every entity of the crosswalk, keyed by ``key``, spells open-ended at each list's end."""
    rows = schema.codelist("countries")
    parsed = {r["key"]: {s: parse_spells(r[f"{s}_spells"]) for s in SYSTEMS} for r in rows}
    list_end = {s: max(sp.end for p in parsed.values() for sp in p[s]) for s in SYSTEMS}
    out = {}
    for r in rows:
        own = {s: tuple(sp._replace(end=_FAR) if sp.end == list_end[s] else sp for sp in parsed[r["key"]][s])
               for s in SYSTEMS}
        codes = {"cow": int(r["cown"]) if r["cown"] else None, "gw": int(r["gwn"]) if r["gwn"] else None}
        out[r["key"]] = Entity(r["key"], r["iso3c"] or ISO3_BY_KEY.get(r["key"], ""), codes, own)
    return out


@cache
def _by_code() -> dict[str, dict[int, tuple[Spell, ...]]]:
    found: dict[str, dict[int, list[Spell]]] = {s: {} for s in SYSTEMS}
    for e in entities().values():
        for s in SYSTEMS:
            for sp in e.spells[s]:
                found[s].setdefault(sp.code, []).append(sp)
    return {s: {c: tuple(v) for c, v in d.items()} for s, d in found.items()}


@cache
def _key_of_iso3() -> dict[str, str]:
    # An ISO code names the entity whose own row carries it (DEU is unified Germany's row).
    return {r["iso3c"]: r["key"] for r in schema.codelist("countries") if r["iso3c"]}


def _member(e: Entity, system: str, day: dt.date) -> int | None:
    for sp in e.spells[system]:
        if sp.start <= day <= sp.end:
            return sp.code
    code = e.codes[system]
    if code is not None and not e.spells[system]:
        for sp in _by_code()[system].get(code, ()):
            if sp.start <= day <= sp.end:
                return code
    return None


def state_code(key: str, system: str, day: dt.date) -> int | None:
    """The COW (``system="cow"``) or G&W (``"gw"``) code of entity ``key`` on ``day``, or None."""
    e = entities()[key]
    found = _member(e, system, day)
    if found is not None:
        return found
    other = SYSTEMS[1 - SYSTEMS.index(system)]
    if e.codes[system] is None or _member(e, other, day) is None:
        return None
    iso_day = day.isoformat()
    if any((k, s) == (key, system) and first <= iso_day <= last for k, s, first, last, _ in NO_IDENTITY):
        return None
    return e.codes[system]


def at_date(iso3: str, day: dt.date) -> Resolved:
    """The COW and G&W codes of the state with ISO alpha-3 ``iso3`` on ``day``.

    Raises
    ------
    KeyError
        If no crosswalk row carries ``iso3``.
    """
    key = _key_of_iso3()[iso3]
    return Resolved(iso3, state_code(key, "cow", day), state_code(key, "gw", day), key)


@cache
def slug_table(name: str) -> dict[str, tuple[SlugRow, ...]]:
    """An upstream's slug crosswalk (code list ``name``): slug -> its dated rows."""
    table: dict[str, list[SlugRow]] = {}
    for r in schema.codelist(name):
        table.setdefault(r["slug"], []).append(SlugRow(
            r["slug"], " ".join(r["name"].split()), dt.date.fromisoformat(r["start"]) if r["start"] else None,
            dt.date.fromisoformat(r["end"]) if r["end"] else None, r["key"], r["notes"]))
    return {k: tuple(v) for k, v in table.items()}


def resolve_slug(table: str, slug: str, name: str, day: dt.date) -> Resolved:
    """The state an upstream slug (and the name as given) means on ``day``.

    A row whose note starts with ``non-state:`` resolves with empty state codes; one whose note
    starts with ``left out:`` resolves with an empty ISO code and the note as ``nonstate``.

    Raises
    ------
    ValueError
        Naming the slug, name and day, when no single row of the crosswalk applies.
    """
    rows = slug_table(table).get(slug)
    if not rows:
        raise ValueError(f"country slug {slug!r} ({name!r}, {day}) is not in {table}.tsv")
    norm = " ".join(name.split())
    hits = [r for r in rows if r.name and r.name == norm and r.covers(day)]
    hits = hits or [r for r in rows if not r.name and r.covers(day)]
    if len(hits) != 1:
        raise ValueError(f"country slug {slug!r} ({name!r}) on {day}: "
                         f"{'no row' if not hits else f'{len(hits)} rows'} of {table}.tsv apply")
    row = hits[0]
    if row.notes.startswith(LEFT_OUT):
        return Resolved("", None, None, row.key, row.notes[len(LEFT_OUT):].strip())
    e = entities().get(row.key)
    if e is None or not e.iso3:
        raise ValueError(f"country slug {slug!r} ({name!r}) on {day}: {row.key!r} has no ISO alpha-3 in countries.tsv")
    if row.notes.startswith(NON_STATE):
        return Resolved(e.iso3, None, None, row.key, row.notes[len(NON_STATE):].strip())
    return Resolved(e.iso3, state_code(row.key, "cow", day), state_code(row.key, "gw", day), row.key)
