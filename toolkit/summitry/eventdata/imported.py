"""The schema of imported events: the events schema, less what a foreign file cannot fill.

GDELT and ICEWS rows carry a CAMEO event, its actors and a place, but no visit, actor
or place ids, no coder and no one-line summary. An imported event keeps every events
field a foreign row can fill, under the same name and type, and adds origin columns
(the format, the actors' names as written, the country values as written before the
crosswalk, the date added, the source URL). The field list is derived here from
``schemas/events.schema.json``; ``schemas/imported_events.schema.json`` is written from
it by :func:`write_schema_file` and a test fails when the two drift.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from .inputs import StrPath

TABLE = "imported_events"

# Events fields a foreign row cannot fill: links into summitry's own tables, and what a
# human coder of summitry adds (summary, coder, attribution, the PLOVER cross-code).
NOT_IMPORTED = {
    "visit_id": "imported rows belong to no summitry visit",
    "local_time": "GDELT and ICEWS give dates only",
    "time_zone": "GDELT and ICEWS give dates only",
    "source_actor_id": "no Wikidata QIDs in foreign files",
    "target_actor_id": "no Wikidata QIDs in foreign files",
    "plover_type": "derive from event_code with summitry.schema.plover_for",
    "plover_mode": "derive from event_code with summitry.schema.plover_for",
    "place_id": "no summitry place ids in foreign files",
    "attribution": "foreign coders do not record it",
    "attributed_to": "foreign coders do not record it",
    "summary": "foreign coders write none",
    "coder": "the coder is the origin's machine coder",
    "coded_on": "see date_added",
    "geometry": "latitude and longitude are kept; build points with geopandas if needed",
}

# Required in imported rows: the key, the date and the event; the rest may be missing.
REQUIRED = ("event_id", "date", "event_code")

ORIGIN_FIELDS: list[dict[str, Any]] = [
    {"name": "origin", "type": "string", "description": "Format the row came from: gdelt1, gdelt2 or icews.",
     "constraints": {"required": True, "enum": ["gdelt1", "gdelt2", "icews"]}},
    {"name": "source_name", "type": "string",
     "description": "Source actor's name as written (GDELT Actor1Name, ICEWS Source Name)."},
    {"name": "target_name", "type": "string",
     "description": "Target actor's name as written (GDELT Actor2Name, ICEWS Target Name)."},
    {"name": "origin_source_country", "type": "string",
     "description": "Source country as written: a CAMEO country code (GDELT) or a country name (ICEWS)."},
    {"name": "origin_target_country", "type": "string", "description": "Target country as written."},
    {"name": "origin_place_country", "type": "string",
     "description": "Place country as written: a FIPS 10-4 code (GDELT) or a country name (ICEWS)."},
    {"name": "num_mentions", "type": "integer",
     "description": "GDELT NumMentions (mentions in the first 15 minutes); null for ICEWS."},
    {"name": "avg_tone", "type": "number",
     "description": "GDELT AvgTone of the first day's documents; null for ICEWS."},
    {"name": "date_added", "type": "date",
     "description": "When the origin added the row (GDELT DATEADDED); null for ICEWS."},
    {"name": "source_url", "type": "string",
     "description": "GDELT SOURCEURL (in 2013-2015 daily files sometimes a publisher name); null for ICEWS."},
    {"name": "publisher", "type": "string", "description": "ICEWS Publisher; null for GDELT."},
]


def dictionary_columns() -> list[str]:
    """Columns with few distinct values, worth dictionary-encoding in Parquet.

    Returns
    -------
    list of str
        The events schema's categorical fields, the origin, and names and countries as written.
    """
    cats = [f["name"] for f in schema.fields("events") if f.get("categorical") and f["name"] not in NOT_IMPORTED]
    return cats + ["origin", "source_name", "target_name", "origin_source_country", "origin_target_country",
                   "origin_place_country", "place_name", "publisher"]


def statistics_columns() -> list[str]:
    """Columns that scans filter on, whose Parquet statistics let a reader skip row groups.

    Returns
    -------
    list of str
        Dates, integers (classes, counts), country and event code columns, the root code and the origin.
    """
    return [f["name"] for f in fields() if f["type"] in ("date", "integer") or f.get("codelist") in (
        "countries", "cameo_event_codes") or f["name"] in ("root_code", "origin")]


def code_fields() -> list[str]:
    """Code columns the importer may normalise (strip, upper-case, '---' to null).

    Returns
    -------
    list of str
        The text fields whose names end in ``_code``.
    """
    return [f["name"] for f in fields() if f["type"] == "string" and f["name"].endswith("_code")]


def fields() -> list[dict[str, Any]]:
    """The imported events fields: kept events fields (same names and types), then origin columns.

    Returns
    -------
    list of dict
        Frictionless field descriptors (fresh copies, safe to change).
    """
    out: list[dict[str, Any]] = []
    for f in schema.fields("events"):
        if f["name"] in NOT_IMPORTED:
            continue
        f = copy.deepcopy(f)
        f.pop("categorical", None)  # plain text: batches from many files need no shared dictionary
        c = f.setdefault("constraints", {})
        c.pop("unique", None)  # GDELT ids are unique; an ICEWS key is id with date
        if f["name"] in REQUIRED:
            c["required"] = True
        else:
            c.pop("required", None)
        if not c:
            f.pop("constraints")
        if f["name"] == "event_id":
            f["description"] = "The origin's own id (GDELT GLOBALEVENTID, ICEWS Event ID), as text."
            f["constraints"].pop("pattern", None)
        out.append(f)
    return out + copy.deepcopy(ORIGIN_FIELDS)


def field_names() -> list[str]:
    """The names of :func:`fields`, in order.

    Returns
    -------
    list of str
        The column names of imported events.
    """
    return [f["name"] for f in fields()]


def table_schema() -> dict[str, Any]:
    """The imported events table as a Frictionless Table Schema.

    Returns
    -------
    dict
        What ``schemas/imported_events.schema.json`` holds: fields, primary key, and the
        events fields not imported with the reason for each.
    """
    events = schema.table_schema("events")
    return {
        "name": TABLE,
        "title": "Imported events (GDELT 1.0, GDELT 2.0, ICEWS)",
        "description": "Events read from GDELT or ICEWS files by summitry.read_gdelt / read_icews and "
                       "written by summitry.import_events: the events fields a foreign row can fill, "
                       "plus origin columns. Generated from events.schema.json; do not edit.",
        "fields": fields(),
        "primaryKey": ["origin", "event_id"],
        "notImported": {f["name"]: NOT_IMPORTED[f["name"]] for f in events["fields"]
                        if f["name"] in NOT_IMPORTED},
    }


def arrow_schema() -> pa.Schema:
    """The Arrow schema of imported events, every column nullable.

    Returns
    -------
    pyarrow.Schema
        One field per entry of :func:`fields`, of the field's Arrow type.
    """
    # every column nullable: a row missing a required value is a validation error, not a crash
    return pa.schema([pa.field(f["name"], schema.arrow_type(f)) for f in fields()])


def schema_text() -> str:
    """:func:`table_schema` as JSON text, as written to ``imported_events.schema.json``.

    Returns
    -------
    str
        Indented JSON ending in a newline.
    """
    return json.dumps(table_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema_file(path: StrPath | None = None) -> None:
    """Regenerate ``schemas/imported_events.schema.json`` from the events schema.

    Parameters
    ----------
    path : str or path-like, optional
        Where to write it instead of the package's ``schemas`` folder.
    """
    from pathlib import Path

    target = Path(path) if path else schema.schemas_dir() / f"{TABLE}.schema.json"
    target.write_text(schema_text(), encoding="utf-8")


LAYOUT = """\
An imported dataset (written by `summitry import` / `summitry.import_events`) is a plain
folder of Parquet files, partitioned Hive-style by the year of the event date:

```
OUT/
  year=2016/part-<file id>.parquet   one file per input file and year; zstd; row groups of 262,144 rows
  year=__HIVE_DEFAULT_PARTITION__/   rows whose date is missing or could not be read
  _imported.json                     the input files imported (id, name, size, format, rows, years)
  _schema.json                       these columns, as a Frictionless Table Schema
  _validation.json                   the validation report (with --validate)
```

Names starting with `_` are skipped by Arrow, DuckDB globs of `*.parquet` and Spark. Read it with
`duckdb.read_parquet('OUT/**/*.parquet', hive_partitioning=true)`,
`pyarrow.dataset.dataset('OUT', partitioning='hive')` or `spark.read.parquet('OUT')`; the
`year` column comes from the folder names. Codes are text with their leading zeros; by
default the importer strips padded codes, upper-cases actor codes and turns `---` into
null (`--no-normalize` keeps them as written); `summitry validate` reports them either way.
"""


def schema_markdown() -> str:
    """``docs/imported-events.md``: the layout and the columns, generated from this module.

    Returns
    -------
    str
        Markdown text ending in a newline.
    """
    lines = ["# Imported events", "",
             "<!-- Generated by summitry.eventdata.imported.schema_markdown(); do not edit. -->", "",
             LAYOUT, "## Columns", "",
             "The events fields a foreign row can fill keep their names and types from the events schema; "
             "the origin columns follow.", "",
             "| Column | Type | Required | Description |", "|---|---|---|---|"]
    for f in fields():
        req = "yes" if f.get("constraints", {}).get("required") else ""
        lines.append(f"| `{f['name']}` | {f['type']} | {req} | {f.get('description', '')} |")
    lines += ["", "## Events fields not imported", "", "| Field | Why |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in NOT_IMPORTED.items()]
    return "\n".join(lines) + "\n"


def normalize_codes(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Codes as analysts need them: padding stripped, actor codes upper-cased, ``---`` as null.

    Parameters
    ----------
    batch : pyarrow.RecordBatch
        Imported events with their codes as written.

    Returns
    -------
    pyarrow.RecordBatch
        The same columns and schema, with the :func:`code_fields` normalised (empty codes become null).
    """
    cols = {n: batch.column(n) for n in batch.schema.names}
    for name in code_fields():
        if name not in cols:
            continue
        arr = pc.utf8_trim_whitespace(cols[name])
        if name.endswith("actor_code"):
            arr = pc.utf8_upper(arr)
        arr = pc.if_else(pc.equal(arr, "---"), pa.scalar(None, pa.string()), arr)
        cols[name] = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
    return pa.RecordBatch.from_arrays(list(cols.values()), schema=batch.schema)
