"""Collections: the curated records and the upstream lists, checked, converted and linked.

The upstream files live in ``dataset/upstream/`` byte for byte as published, listed with their
SHA-256 in ``dataset/upstream/manifest.tsv``; a file that differs from the manifest stops the
build. Where a curated record and an upstream row are the same visit, the curated record wins
and names the upstream row in ``same_as``; a summit at a third location and the guest's visit
to that country stay two visits, each naming the other in ``related``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import Problem
from .historyatstate.convert import LeftOut
from .records import Records, Row, add_rows

MANIFEST = "manifest.tsv"
HISTORYATSTATE = "historyatstate"
# Tables whose rows several collections may share; visits and events belong to one collection.
SHARED = ("actors", "places", "sources")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_upstream(folder: Path) -> list[Problem]:
    """Every difference between the upstream files in ``folder`` and its ``manifest.tsv``.

    Parameters
    ----------
    folder : Path
        The ``dataset/upstream`` folder.

    Returns
    -------
    list of Problem
        One per file that is missing, changed or not listed, naming the file.
    """
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return [Problem(str(manifest), "", "", "the upstream manifest is missing")]
    problems = []
    listed: set[str] = set()
    with open(manifest, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            rel = row["path"]
            listed.add(rel)
            path = folder / rel
            where = f"{manifest} line {line}"
            if not path.is_file():
                problems.append(Problem(str(path), where, "sha256", "listed in the manifest but missing"))
            elif _sha256(path) != row["sha256"]:
                problems.append(Problem(str(path), where, "sha256",
                                        f"bytes differ from the manifest (sha256 {row['sha256'][:12]}...); "
                                        "upstream files are kept as published: restore the file, or add the new "
                                        "upstream version as a new snapshot with its own manifest line"))
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        if path.relative_to(folder).as_posix() not in listed:
            problems.append(Problem(str(path), "", "sha256", f"not listed in {manifest}"))
    return problems


def add_upstream(recs: Records, folder: Path) -> list[LeftOut]:
    """Check the upstream files, convert them and add their rows to ``recs``.

    Parameters
    ----------
    recs : Records
        The curated records read so far; problems are added to it.
    folder : Path
        The ``dataset/upstream`` folder.

    Returns
    -------
    list of LeftOut
        The upstream rows that are not visits of the release, with their reasons.
    """
    problems = verify_upstream(folder)
    if problems:
        recs.problems.extend(problems)
        return []
    from .historyatstate.convert import convert  # reads the gazetteer: only when building

    try:
        converted = convert(folder / HISTORYATSTATE)
    except ValueError as exc:
        recs.problems.append(Problem(str(folder / HISTORYATSTATE), "", "", str(exc)))
        return []
    for table, rows in converted.tables.items():
        if table in SHARED:
            # A person, place or source the curated records define is theirs: the curated row wins.
            key = schema.primary_key(table)[0]
            have = {r.values.get(key) for r in recs.rows[table]}
            rows = [(file, row) for file, row in rows if row[key] not in have]
        add_rows(recs, table, rows)
    return converted.left_out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start_date"] <= b["end_date"] and b["start_date"] <= a["end_date"])


def _append(values: dict[str, Any], table: str, name: str, item: str) -> None:
    sep = schema.field(table, name)["separator"]
    have = [p for p in (values.get(name) or "").split(sep) if p]
    if item not in have:
        values[name] = sep.join([*have, item])


def link(recs: Records) -> None:
    """Merge the visits that two collections both hold, and link third-location summits.

    A curated visit and an upstream visit of the same guest and host whose dates overlap, at the
    same level, are one visit: the upstream row (with its events) is dropped and named in the
    curated visit's ``same_as``. A curated visit at a third location and an upstream visit of its
    guest to that country, on overlapping dates, are two visits that name each other in ``related``.

    Parameters
    ----------
    recs : Records
        The rows of every collection; changed in place.
    """
    curated = [r for r in recs.rows["visits"] if r.values.get("collection") == "curated"]
    upstream = [r for r in recs.rows["visits"] if r.values.get("collection") not in (None, "curated")]
    by_pair: dict[tuple[str, str], list[Row]] = {}
    for u in upstream:
        by_pair.setdefault((u.values["guest_country"], u.values["host_country"]), []).append(u)
    dropped: set[str] = set()
    for c in curated:
        cv = c.values
        if not (cv.get("start_date") and cv.get("end_date")):
            continue
        where = cv.get("location_country") or cv["host_country"]
        if cv.get("format") == "third_location" and where != cv["host_country"]:
            for u in by_pair.get((cv["guest_country"], where), []):
                if _overlap(cv, u.values):
                    _append(cv, "visits", "related", u.values["visit_id"])
                    _append(u.values, "visits", "related", cv["visit_id"])
            continue
        for u in by_pair.get((cv["guest_country"], cv["host_country"]), []):
            uv = u.values
            if uv["visit_id"] not in dropped and _overlap(cv, uv) and uv.get("level") == cv.get("level"):
                _append(cv, "visits", "same_as", f"{uv['collection']}:{uv['upstream_id']}")
                dropped.add(uv["visit_id"])
    if dropped:
        _drop_visits(recs, dropped)


def _drop_visits(recs: Records, visit_ids: set[str]) -> None:
    events = {r.values["event_id"] for r in recs.rows["events"] if r.values.get("visit_id") in visit_ids}
    recs.rows["visits"] = [r for r in recs.rows["visits"] if r.values.get("visit_id") not in visit_ids]
    recs.rows["events"] = [r for r in recs.rows["events"] if r.values.get("event_id") not in events]
    recs.rows["event_sources"] = [r for r in recs.rows["event_sources"] if r.values.get("event_id") not in events]


def derive(tables: dict[str, list[dict[str, Any]]], left_out: Iterable[LeftOut]) -> None:
    """Fill each collection's row count, first and last date and rows left out, in place.

    Parameters
    ----------
    tables : dict
        The assembled rows of every table.
    left_out : iterable of LeftOut
        The upstream rows not in the visits table.
    """
    dates: dict[str, list[dt.date]] = {}
    for v in tables["visits"]:
        dates.setdefault(v["collection"], []).append(v["start_date"])
    missing: dict[str, int] = {}
    for x in left_out:
        missing[x.collection] = missing.get(x.collection, 0) + 1
    for c in tables["collections"]:
        got = dates.get(c["collection_id"], [])
        c.update(row_count=len(got), first_date=min(got, default=None), last_date=max(got, default=None),
                 rows_left_out=missing.get(c["collection_id"], 0) if c["collection_id"] != "curated" else None)
