"""Building a release: records in ``dataset/records/`` to ``dataset/releases/X.Y.Z/``.

The build checks every record against the schemas and the code lists, checks the keys
that tie the tables together, fills the derived fields, and only then writes. It writes
into a temporary folder beside the target and renames it into place, so an error at any
point leaves no release folder behind, and it never overwrites an existing release.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import schema
from .._version import __version__
from ..errors import ReleaseExistsError, SummitryError, WriteError
from . import countries
from .collections import add_upstream, link
from .collections import derive as derive_collections
from .croissant import write_croissant
from .parquet import to_arrow, wkb_point, write_table
from .records import Records, Row, read_records, row_problem

# used with fullmatch: "$" would let a trailing newline through into the folder name
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
MANIFEST = "datapackage.json"
CHECKSUMS = "checksums.tsv"  # beside the releases: the hash of every released file, manifests included

# Table -> primary-key values -> the row with that key.
_Index = dict[str, dict[tuple[Any, ...], Row]]


def build(records: str | os.PathLike[str], version: str, out: str | os.PathLike[str] | None = None, *,
          released: dt.date | None = None, upstream: str | os.PathLike[str] | None = None) -> Path:
    """Build release ``version`` from the YAML ``records`` into ``out``/``version``.

    Every record is checked, and every problem reported, before anything is written; the
    release folder appears whole or not at all, and an existing release is never replaced.

    Parameters
    ----------
    records : str or path-like
        A record file or a folder of them (in a checkout, ``dataset/records``).
    version : str
        The release version, ``MAJOR.MINOR.PATCH``.
    out : str, path-like or None
        The folder of releases. Defaults to the ``releases`` folder beside the records
        folder (in a checkout, ``dataset/releases``).
    released : datetime.date or None
        The date in the citation. Defaults to the latest ``coded_on`` of the events, so
        that the same records always give the same release.
    upstream : str, path-like or None
        The folder of upstream collections (``manifest.tsv`` and the files it lists), whose
        rows join the records. Defaults to the ``upstream`` folder beside the records folder,
        if there is one (in a checkout, ``dataset/upstream``).

    Returns
    -------
    Path
        The release folder.

    Raises
    ------
    SummitryError
        If ``version`` is not a semantic version.
    ReleaseExistsError
        If the release already exists.
    RecordError
        If a record is wrong; it lists every problem found.
    """
    if not isinstance(version, str) or not SEMVER.fullmatch(version):
        raise SummitryError(f"version {version!r} is not a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0")
    out = Path(out) if out is not None else Path(records).resolve().parent / "releases"
    target = out / version
    _check_writable(out, version)  # before the records are read: a mistyped --out fails at once
    if target.exists():
        raise ReleaseExistsError(f"release {version} already exists at {target}; releases are immutable, "
                                 "build a new version instead")
    recs = read_records(records)
    upstream = Path(upstream) if upstream is not None else Path(records).resolve().parent / "upstream"
    left_out = add_upstream(recs, upstream) if upstream.is_dir() else []
    link(recs)
    tables = assemble(recs)
    recs.raise_if_problems()
    derive_collections(tables, left_out)
    released = released or max((r["coded_on"] for r in tables["events"]), default=dt.date.today())

    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=out))
    except OSError as exc:
        raise WriteError(f"cannot build release {version} in {out}: "
                         f"{exc.strerror or exc} (is it a folder you may write to?)") from None
    try:
        resources = []
        for table in schema.TABLES:
            arrow = to_arrow(table, tables[table])
            path = tmp / f"{table}.parquet"
            write_table(table, arrow, path, dataset_version=version)
            resources.append(_resource(table, path, arrow.num_rows))
        manifest = _manifest(version, released, resources, _changes(Path(records), version))
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        write_croissant(tmp)  # from the manifest just written, so it is part of the atomic release
        tmp.chmod(0o755)  # mkdtemp makes it private; a release is for everyone to read
        os.rename(tmp, target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):  # a full disk or a folder that turned read-only: nothing was kept
            raise WriteError(f"cannot build release {version} in {out}: {exc.strerror or exc}; "
                             "nothing was written") from None
        raise
    _append_checksums(out, target)
    return target


def _check_writable(out: Path, version: str) -> None:
    """Refuse a releases folder that is not a folder, or in which one may not write."""
    existing = next(p for p in [out, *out.parents] if p.exists() or p == p.parent)
    if not existing.is_dir():
        raise WriteError(f"cannot build release {version} in {out}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise WriteError(f"cannot build release {version} in {out}: permission denied on {existing}")


# --- Checking and deriving -------------------------------------------------------------

def assemble(recs: Records) -> dict[str, list[dict[str, Any]]]:
    """Check keys across tables and fill derived fields; problems go into ``recs``.

    Parameters
    ----------
    recs : Records
        The records as read; the problems found are added to it.

    Returns
    -------
    dict of str to list of dict
        The rows of each table, derived fields filled, sorted by primary key.
    """
    _check_unique(recs)
    index: _Index = {t: {_key(t, r.values): r for r in recs.rows[t]} for t in schema.TABLES}
    _check_foreign_keys(recs, index)
    _check_source_lists(recs, index)
    _check_visits(recs)
    _check_events(recs, index)
    places = {k[0]: r.values for k, r in index["places"].items()}
    tables = {}
    for table in schema.TABLES:
        rows = [dict(r.values) for r in recs.rows[table]]
        derive = _DERIVE.get(table)
        if derive is not None:
            for row in rows:
                derive(row, places)
        tables[table] = sorted(rows, key=lambda v: tuple(str(v.get(k)) for k in schema.primary_key(table)))
    return tables


def _key(table: str, values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values.get(k) for k in schema.primary_key(table))


def _check_unique(recs: Records) -> None:
    for table in schema.TABLES:
        seen: dict[tuple[Any, ...], Row] = {}
        for row in recs.rows[table]:
            key = _key(table, row.values)
            if None in key:
                continue
            if key in seen:
                first = seen[key]
                row_problem(recs, row, "/".join(schema.primary_key(table)),
                            f"duplicate id {'/'.join(map(str, key))}; first defined in {first.file} line {first.line}")
            else:
                seen[key] = row


def _check_foreign_keys(recs: Records, index: _Index) -> None:
    for table in schema.TABLES:
        for fieldname, ref_table, _ in schema.foreign_keys(table):
            for row in recs.rows[table]:
                value = row.values.get(fieldname)
                if value is not None and (value,) not in index[ref_table]:
                    row_problem(recs, row, fieldname, f"{value!r} is not defined in {ref_table}")


def _check_source_lists(recs: Records, index: _Index) -> None:
    # List-valued references (source_ids) are not Frictionless foreign keys; checked here.
    for table in ("visits", "actors", "places"):
        for row in recs.rows[table]:
            for sid in (row.values.get("source_ids") or "").split(schema.field(table, "source_ids")["separator"]):
                if sid and (sid,) not in index["sources"]:
                    row_problem(recs, row, "source_ids", f"{sid!r} is not defined in sources")


def _check_visits(recs: Records) -> None:
    for row in recs.rows["visits"]:
        v = row.values
        if v.get("start_date") and v.get("end_date") and v["end_date"] < v["start_date"]:
            row_problem(recs, row, "end_date", f"{v['end_date']} is before start_date {v['start_date']}")
        if v.get("format") == "multilateral_sidelines" and not v.get("multilateral_meeting"):
            row_problem(recs, row, "multilateral_meeting", "is required when format is multilateral_sidelines")
        if v.get("format") == "third_location" and not v.get("location_country"):
            row_problem(recs, row, "location_country", "is required when format is third_location")


def _check_events(recs: Records, index: _Index) -> None:
    for row in recs.rows["events"]:
        e = row.values
        if e.get("attribution") in ("claimed", "alleged") and not e.get("attributed_to"):
            row_problem(recs, row, "attributed_to", f"is required when attribution is {e['attribution']}")
        visit = index["visits"].get((e.get("visit_id"),))
        if visit and e.get("date"):
            v = visit.values
            if v.get("start_date") and v.get("end_date") and not v["start_date"] <= e["date"] <= v["end_date"]:
                row_problem(recs, row, "date", f"{e['date']} is outside its visit {v['visit_id']} "
                                               f"({v['start_date']} to {v['end_date']})")


# Each derives the fields of one row in place; places maps place_id to the place's values.
_Places = dict[Any, dict[str, Any]]


def _derive_visit(row: dict[str, Any], places: _Places) -> None:
    start = row.get("start_date")
    for side in ("guest", "host"):
        country = row.get(f"{side}_country")
        if country is None or start is None or (row.get(f"{side}_ccode") or row.get(f"{side}_gwcode")):
            continue  # a converter that resolved the state by its own crosswalk gives the codes
        state = countries.at_date(country, start)
        row[f"{side}_ccode"], row[f"{side}_gwcode"] = state.cowcode, state.gwcode
    # A visit dated only to its month or year has no known length.
    if start and row.get("end_date") and row.get("date_precision") == "day":
        row["duration_days"] = (row["end_date"] - start).days + 1
    row["location_country"] = row.get("location_country") or row.get("host_country")


def _derive_event(row: dict[str, Any], places: _Places) -> None:
    code = row.get("event_code")
    info = schema.event_code_info().get(code) if code is not None else None
    if info:
        row.update(base_code=info["base_code"], root_code=info["root_code"],
                   quad_class=int(info["quad_class"]), goldstein=float(info["goldstein"]))
    ptype, pmode = schema.plover_for(code)
    row.setdefault("plover_type", None)
    row.setdefault("plover_mode", None)
    if row["plover_type"] is None:
        row["plover_type"], row["plover_mode"] = ptype, row["plover_mode"] or pmode
    place = places.get(row.get("place_id"))
    if place:
        row.update(place_name=place["name"], place_country=place["country"],
                   latitude=place["latitude"], longitude=place["longitude"])
    row["geometry"] = wkb_point(row.get("longitude"), row.get("latitude"))


def _derive_place(row: dict[str, Any], places: _Places) -> None:
    row["geometry"] = wkb_point(row.get("longitude"), row.get("latitude"))


_DERIVE: dict[str, Callable[[dict[str, Any], _Places], None]] = {
    "visits": _derive_visit, "events": _derive_event, "places": _derive_place}


# --- The manifest ----------------------------------------------------------------------

def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    str
        The hash, in hexadecimal.
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _resource(table: str, path: Path, rows: int) -> dict[str, Any]:
    ts = schema.table_schema(table)
    return {
        "name": table,
        "path": path.name,
        "title": ts.get("title"),
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "encoding": "binary",
        # Frictionless cannot hash a Parquet source (it reads it as a table, not as bytes),
        # so the checksum and size go in properties of their own.
        "sha256": sha256(path),
        "size_bytes": path.stat().st_size,
        "rows": rows,
        "profile": "tabular-data-resource",
        "schema": {**{k: v for k, v in ts.items() if k not in ("name", "title")},
                   # Frictionless reads Parquet through pandas, which turns a null number into NaN.
                   "missingValues": ["", "nan", "NaN", "NaT", "None"]},
    }


def _changes(records: Path, version: str) -> dict[str, Any]:
    """The schema change and corrections that ``corrections.yaml`` (beside the records) gives ``version``."""
    import yaml

    path = (records if records.is_dir() else records.parent).resolve().parent / "corrections.yaml"
    if not path.is_file():
        return {}
    try:
        entry = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(version) or {}
    except (yaml.YAMLError, AttributeError, UnicodeDecodeError) as exc:
        raise SummitryError(f"{path}: not a mapping of release versions to changes ({' '.join(str(exc).split())})"
                            ) from None
    return {k: entry[k] for k in ("schema_change", "corrections") if k in entry}


def _manifest(version: str, released: dt.date, resources: list[dict[str, Any]],
              changes: dict[str, Any] | None = None) -> dict[str, Any]:
    d = schema.dataset_descriptor()
    return {
        "profile": "tabular-data-package",
        "name": d["name"],
        "title": d["title"],
        "description": d["description"],
        "version": version,
        "created": f"{released.isoformat()}T00:00:00Z",
        "keywords": d["keywords"],
        "licenses": d["licenses"],
        "contributors": d["contributors"],
        "publisher": d["publisher"],
        "summitry": {"schema_version": d["schema_version"], "built_with": f"summitry {__version__}",
                     "flagship_visit": d.get("flagship_visit"), **(changes or {})},
        "sources": d.get("reference_sources", []),
        "resources": resources,
    }


def _append_checksums(out: Path, release: Path) -> None:
    lines = [f"{release.name}\t{p.name}\t{sha256(p)}\n" for p in sorted(release.iterdir())]
    with open(out / CHECKSUMS, "a", encoding="utf-8") as fh:
        fh.writelines(lines)
