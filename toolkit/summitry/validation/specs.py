"""What a table is checked against: its fields and keys, from the current schema or a release's own.

A release keeps the schema it was built with in its ``datapackage.json``; a file of an older
release is checked against that. Also the check of an input's columns against its spec.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dfield
from functools import cache
from pathlib import Path
from typing import Any, cast

from .. import schema
from ..eventdata import imported
from .report import Collector


@dataclass
class Spec:
    """What a batch is checked against: a table's fields and keys.

    Parameters
    ----------
    table : str
        The table's name.
    fields : list of dict
        Its Frictionless field descriptors.
    imported : bool, default False
        Whether these are imported events (GDELT, ICEWS).
    primary_key : list of str
        The fields of the primary key.
    foreign_keys : list of tuple of str
        ``(field, referenced table, referenced field)`` for each reference.
    """

    table: str
    fields: list[dict[str, Any]]
    imported: bool = False
    primary_key: list[str] = dfield(default_factory=list)
    foreign_keys: list[tuple[str, str, str]] = dfield(default_factory=list)

    @property
    def by_name(self) -> dict[str, dict[str, Any]]:
        """The fields by name."""
        return {f["name"]: f for f in self.fields}


def release_schema(file: str | None, table: str) -> dict[str, Any] | None:
    """The Table Schema a release's manifest gives ``table``, when ``file`` is a file of a release.

    A release keeps the schema it was built with in its ``datapackage.json``; an older release is
    checked against that, not against the current schema.

    Parameters
    ----------
    file : str or None
        The file being validated.
    table : str
        The table it is checked as.

    Returns
    -------
    dict or None
        The schema, or None when no manifest beside the file describes it.
    """
    if not file:
        return None
    return _manifest_schema(str(Path(file).resolve().parent), Path(file).name, table)


@cache
def _manifest_schema(folder: str, name: str, table: str) -> dict[str, Any] | None:
    try:
        manifest = json.loads((Path(folder) / "datapackage.json").read_text(encoding="utf-8"))
        for r in manifest.get("resources", []):
            if r.get("name") == table and r.get("path") == name and isinstance(r.get("schema"), dict):
                return cast("dict[str, Any]", r["schema"])
    except (OSError, ValueError, AttributeError):
        return None  # no readable manifest: the current schema applies
    return None


def spec_for(table: str, columns: list[str], origin: str | None = None, file: str | None = None) -> Spec:
    """The spec of ``table``; events with an ``origin`` column are imported events.

    Parameters
    ----------
    table : str
        The table's name.
    columns : list of str
        The input's column names.
    origin : str, optional
        ``gdelt1``, ``gdelt2`` or ``icews`` when known; an ICEWS key is the id with the date.
    file : str, optional
        The file; a file of a release is checked against the schema in its manifest.

    Returns
    -------
    Spec
        The fields and keys to check against.
    """
    if table == "events" and ("origin" in columns or origin):
        pk = ["event_id", "date"] if origin == "icews" else ["event_id"]
        return Spec("events", imported.fields(), True, pk, [])
    own = release_schema(file, table)
    if own is not None:
        return Spec(table, own["fields"], False, list(own.get("primaryKey", [])), schema.foreign_keys_of(own))
    return Spec(table, schema.fields(table), False, schema.primary_key(table), schema.foreign_keys(table))


def check_columns(spec: Spec, names: list[str], c: Collector, file: str | None) -> None:
    present = set(names)
    for f in spec.fields:
        if f["name"] not in present and f["type"] != "any":  # geometry blobs are derived, optional
            required = schema.is_required(f)
            c.add("missing-column" if required else "missing-optional-column", spec.table, None, None, f["name"],
                  None, f"column {f['name']} is missing", file)
    known = set(spec.by_name)
    for n in names:
        if n not in known and not n.startswith("__index_level"):
            c.add("unexpected-column", spec.table, None, None, n, None,
                  f"column {n!r} is not in the {spec.table} schema", file)
