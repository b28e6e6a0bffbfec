"""The actors of the Office of the Historian collections, linked to Archigos 4.1.

Three kinds of person travel in these lists:

* US presidents (``ooh-president``) and Secretaries of State (``ooh-secretary``): one actor
  per OOH person slug, ``a-<slug>`` (``a-obama-barack``), the slug kept as ``oh_id``.
  Presidents carry their term from ``presidents.xml`` (first start to last end) and their
  Archigos spell: the first spell (by trip date) that :func:`summitry.dataset.archigos.match`
  finds for G&W code 2, or failing that (Hoover travelled only as President-elect) the
  spell found on his first day in office. Archigos has one spell per continuous tenure,
  not per term (Obama is ``USA-2009``, 2009-01-20 to the data's end), and a president
  elected twice apart (Cleveland) has two spells with one ``leadid``.
* Foreign visitors (``ooh-visits``): one actor per visitor name and state,
  ``a-<name slug>-<iso3>`` (``a-george-papandreou-grc``), linked to the Archigos spell
  of the leader in office on the first day of the visit where the name matches. When one
  name and state cover two Archigos leaders (two ``leadid`` values), the one whose spell
  starts first keeps the id and each later one gets ``-<year of its spell start>``.
  Spellings of one Archigos leader of one state ("Binyamin", "Benjamin Netanyahu") are one
  actor, named by the spelling used most; visits matching no spell (after 2015, or as
  President-elect) join the person of their spelling nearest in time.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ... import schema
from .. import archigos
from ..countries import Resolved
from .xmlrows import read_presidents

USA_GWCODE = 2
OFFICES = {
    "ooh-president": "President of the United States",
    "ooh-secretary": "Secretary of State of the United States",
}
# The actor columns a converter fills: every field of the schema that a record may give.
FIELDS = tuple(f["name"] for f in schema.fields("actors") if schema.may_be_given(f) and f["name"] != "name_original")
# Office labels for visitors whose title is missing upstream (the level then comes from an override).
_LEVEL_OFFICE = {"head_of_state": "Head of State", "head_of_government": "Head of Government"}
# Levels whose holders Archigos can list: an IGO official is never a state's leader.
_NOT_STATE_LEADERS = frozenset({"igo_leader"})

Term = tuple[str | None, str | None]
Key = tuple[str, str]
Item = tuple[Any, archigos.Spell | None]


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated form of a name (``Sauli Niinistö`` -> ``sauli-niinisto``).

    Parameters
    ----------
    text : str
        Any name.

    Returns
    -------
    str
        Runs of letters and digits joined by single hyphens; apostrophes are dropped (``o-kelly`` is ``okelly``).
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    folded = re.sub(r"['`\u2019]", "", folded)
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def actor_id(name: str, country: str) -> str:
    """The actor id of a foreign visitor: ``a-`` + the name's slug + ``-`` + lower-case ISO alpha-3.

    Parameters
    ----------
    name : str
        The visitor's name without title, as given.
    country : str
        ISO alpha-3 of the visitor's state.

    Returns
    -------
    str
        E.g. ``actor_id("George Papandreou", "GRC") == "a-george-papandreou-grc"``.

    Raises
    ------
    ValueError
        If the name or the country has no letters or digits.
    """
    name_part, country_part = slug(name), slug(country)
    if not name_part or not country_part:
        raise ValueError(f"no actor id for name {name!r} of country {country!r}")
    return f"a-{name_part}-{country_part}"


def presidents_path() -> Path:
    """``dataset/upstream/historyatstate/travels/presidents/presidents.xml`` beside the package's releases.

    Returns
    -------
    Path
        The file of the checkout the package lives in.
    """
    return archigos.archigos_path().parents[1] / "historyatstate" / "travels" / "presidents" / "presidents.xml"


def _get(row: Any, key: str) -> Any:
    # Rows come as dicts (staging readers) or as the package's Row dataclass.
    return row.get(key) if isinstance(row, Mapping) else getattr(row, key, None)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _cameo(iso3: str) -> str:
    info = schema.country_info().get(iso3, {})
    return (info.get("cameo") or iso3) + "GOV"


def _actor(aid: str, name: str, country: str, office: str, **extra: str) -> dict[str, str]:
    row = dict.fromkeys(FIELDS, "")
    row.update(actor_id=aid, name_en=name, country=country, cameo_code=_cameo(country), role_code="GOV", office=office)
    row.update(extra)
    return row


def _order(row: Any) -> tuple[str, str, str]:
    day = _day(_get(row, "start_date"))
    return (day.isoformat() if day else "9999", str(_get(row, "collection")), str(_get(row, "upstream_id")))


def _us_actors(rows: Sequence[Any], terms: Mapping[str, Sequence[Term]]) -> tuple[list[dict[str, str]], dict[Key, str]]:
    firsts: dict[str, Any] = {}
    spells: dict[str, archigos.Spell] = {}
    guests: dict[Key, str] = {}
    for r in rows:
        person = _get(r, "person_slug")
        if not person:
            continue
        firsts.setdefault(person, r)
        guests[(_get(r, "collection"), str(_get(r, "upstream_id")))] = f"a-{person}"
        day = _day(_get(r, "start_date"))
        if _get(r, "collection") == "ooh-president" and person not in spells and day:
            hit = archigos.match(USA_GWCODE, day, _get(r, "traveller") or "")
            if hit is not None:
                spells[person] = hit
    actors = []
    for person, first in firsts.items():
        collection = _get(first, "collection")
        extra = {"oh_id": person}
        own = list(terms.get(person, ())) if collection == "ooh-president" else []
        if own:
            extra.update(office_start=own[0][0] or "", office_end=own[-1][1] or "")
            # A president who travelled only before taking office (Hoover, as President-elect)
            # is found on his first day in office instead.
            took = _day(own[0][0])
            if person not in spells and took is not None:
                hit = archigos.match(USA_GWCODE, took, _get(first, "traveller") or "")
                if hit is not None:
                    spells[person] = hit
        if person in spells:
            extra.update(archigos_obsid=spells[person].obsid, archigos_leadid=spells[person].leadid)
        actors.append(_actor(f"a-{person}", _get(first, "traveller") or person, "USA", OFFICES[collection], **extra))
    return actors, guests


def _split_by_leader(items: list[Item]) -> list[list[Item]]:
    """Split one name's visits into persons: one per Archigos leadid, unmatched visits to the nearest in time."""
    starts: dict[str, dt.date] = {}
    for _r, s in items:
        if s is not None:
            starts[s.leadid] = min(starts.get(s.leadid, s.start), s.start)
    if len(starts) <= 1:
        return [items]
    leads = sorted(starts, key=lambda lead: (starts[lead], lead))
    dated = {lead: [_day(_get(r, "start_date")) for r, s in items if s is not None and s.leadid == lead]
             for lead in leads}
    groups: dict[str, list[Item]] = {lead: [] for lead in leads}
    for r, s in items:
        if s is not None:
            groups[s.leadid].append((r, s))
            continue
        day = _day(_get(r, "start_date")) or dt.date.max

        def gap(lead: str, day: dt.date = day) -> int:
            return min(abs((day - d).days) for d in dated[lead] if d is not None)

        groups[min(leads, key=lambda lead: (gap(lead), leads.index(lead)))].append((r, s))
    return [groups[lead] for lead in leads]


def _office(items: list[Item]) -> str:
    titles: list[str] = []
    for r, _s in items:
        title = _get(r, "visitor_title") or _LEVEL_OFFICE.get(_get(r, "level"), "")
        if title and title not in titles:
            titles.append(title)
    return "; ".join(titles) or "Visitor"


def _visitor_actors(rows: Sequence[Any],
                    resolved: Mapping[Key, Resolved]) -> tuple[list[dict[str, str]], dict[Key, str]]:
    by_name: dict[str, list[Item]] = {}
    iso3: dict[str, str] = {}
    for r in rows:
        place, name = resolved.get((_get(r, "collection"), str(_get(r, "upstream_id")))), _get(r, "visitor_name")
        if place is None or not place.iso3 or not name or not slug(name):
            continue
        day = _day(_get(r, "start_date"))
        spell = None
        if day is not None and _get(r, "level") not in _NOT_STATE_LEADERS:
            spell = archigos.match(place.gwcode, day, name)
        base = actor_id(name, place.iso3)
        by_name.setdefault(base, []).append((r, spell))
        iso3[base] = place.iso3
    # A person is one Archigos leader of a state under any spelling ("Benjamin", "Binyamin
    # Netanyahu"); visits matching no leader stay with their spelling.
    people: dict[tuple[str, str], list[tuple[str, list[Item]]]] = {}
    for base, items in by_name.items():
        for part in _split_by_leader(items):
            lead = next((s.leadid for _r, s in part if s is not None), None)
            people.setdefault((iso3[base], lead) if lead else ("", base), []).append((base, part))
    claims: dict[str, list[tuple[dt.date, str, str, list[Item]]]] = {}
    for parts in people.values():
        base, named = max(parts, key=lambda p: len(p[1]))  # the spelling used most; of equals, the first seen
        items = sorted((it for _b, part in parts for it in part), key=lambda it: _order(it[0]))
        first = min((sp for _r, sp in items if sp is not None), key=lambda sp: (sp.start, sp.obsid), default=None)
        start = first.start if first else dt.date.max
        name = _get(named[0][0], "visitor_name")
        claims.setdefault(base, []).append((start, first.obsid if first else "", name, items))
    actors: list[dict[str, str]] = []
    guests: dict[Key, str] = {}
    for base, persons in claims.items():
        for i, (start, obsid, name, items) in enumerate(sorted(persons, key=lambda p: (p[0], p[1]))):
            aid = base if i == 0 else f"{base}-{start.year}"
            lead = next(sp.leadid for _r, sp in items if sp is not None and sp.obsid == obsid) if obsid else ""
            actors.append(_actor(aid, name, iso3[base], _office(items), archigos_obsid=obsid, archigos_leadid=lead))
            for r, _s in items:
                guests[(_get(r, "collection"), str(_get(r, "upstream_id")))] = aid
    return actors, guests


def upstream_actors(rows: Sequence[Any], resolved: Mapping[Key, Resolved],
                    terms: Mapping[str, Sequence[Term]] | None = None) -> tuple[list[dict[str, str]], dict[Key, str]]:
    """The actors of the OOH rows, and each row's guest actor.

    Parameters
    ----------
    rows : sequence of dict or Row
        Parsed rows of the three collections (``collection``, ``upstream_id``, ``person_slug``,
        ``traveller``, ``start_date``, ``visitor_name``, ``visitor_title``, ``level`` are read).
    resolved : mapping
        (collection, upstream_id) -> the row's country as :func:`countries.resolve_slug` gives it;
        for visits, the visitor's state.
    terms : mapping, optional
        President slug -> terms (took office, left office), ISO dates; read from
        :func:`presidents_path` when omitted.

    Returns
    -------
    actors : list of dict
        One dict per actor with the keys of :data:`FIELDS` (all strings, empty when unknown),
        sorted by ``actor_id``.
    guests : dict
        (collection, upstream_id) -> actor_id of the travelling person (the first visitor of a
        visit naming several). Visits with no visitor name or no ISO alpha-3 have none.

    Raises
    ------
    ValueError
        If two actors get the same id.

    Notes
    -----
    A visitor's ``office`` is the title as given; one who came under several titles has them
    all, in order of first use, joined by "; ". Office dates of visitors are left empty: a
    title on a visit is not a term of office, and an Archigos spell measures tenure as
    effective leader, not the office.
    """
    ordered = sorted(rows, key=_order)
    trips = [r for r in ordered if _get(r, "collection") in OFFICES]
    visits = [r for r in ordered if _get(r, "collection") == "ooh-visits"]
    us, us_guests = _us_actors(trips, read_presidents(presidents_path()) if terms is None else terms)
    foreign, foreign_guests = _visitor_actors(visits, resolved)
    actors = sorted(us + foreign, key=lambda a: a["actor_id"])
    dupes = sorted(aid for aid, n in Counter(a["actor_id"] for a in actors).items() if n > 1)
    if dupes:
        raise ValueError(f"actor ids given twice: {', '.join(dupes[:5])}")
    return actors, {**us_guests, **foreign_guests}
