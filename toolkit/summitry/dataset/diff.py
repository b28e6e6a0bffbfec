"""What changed between two releases, matched by the stable ids of each table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import schema
from ..errors import check_choice
from .load import load_table
from .releases import manifest, resolve_version
from .releases import tables as release_tables

FORMATS = ("table", "json")


@dataclass
class TableDiff:
    """Records of one table added, retracted and changed between two releases.

    Parameters
    ----------
    table : str
        The table.
    added, retracted : list of str
        Ids (primary-key values joined by ``/``) only in the new, or only in the old release.
    changed : pandas.DataFrame
        One row per changed field of a record in both: ``id``, ``field``, ``old``, ``new`` and
        ``reason`` (from the new release's list of corrections; empty where it gives none).
    """

    table: str
    added: list[str]
    retracted: list[str]
    changed: pd.DataFrame  # one row per changed field: id, field, old, new

    @property
    def changed_ids(self) -> list[str]:
        """The ids of the records with at least one changed field, sorted."""
        return sorted(self.changed["id"].unique())

    def to_dict(self) -> dict[str, Any]:
        """The difference as plain JSON values.

        Returns
        -------
        dict
            ``added`` and ``retracted`` (lists of ids) and ``changed`` (a list of
            ``{id, field, old, new}``).
        """
        return {"added": self.added, "retracted": self.retracted,
                "changed": [{"id": r.id, "field": r.field, "old": _jsonable(r.old), "new": _jsonable(r.new),
                             "reason": r.reason} for r in self.changed.itertuples()]}


@dataclass
class ReleaseDiff:
    """What changed from release ``old`` to release ``new``, table by table.

    Parameters
    ----------
    old, new : str
        The two versions compared.
    tables : dict of str to TableDiff
        The difference of each table compared.
    """

    old: str
    new: str
    tables: dict[str, TableDiff]
    schema_change: str | None = None

    def counts(self) -> pd.DataFrame:
        """Per table: how many records were added, retracted and changed.

        Returns
        -------
        pandas.DataFrame
            Indexed by table, with the columns ``added``, ``retracted`` and ``changed``.
        """
        return pd.DataFrame(
            [(t, len(d.added), len(d.retracted), len(d.changed_ids)) for t, d in self.tables.items()],
            columns=["table", "added", "retracted", "changed"]).set_index("table")

    def to_json(self) -> str:
        """The difference as a JSON document.

        Returns
        -------
        str
            ``{"old", "new", "tables": {table: TableDiff.to_dict()}}``, indented.
        """
        return json.dumps({"old": self.old, "new": self.new, "schema_change": self.schema_change,
                           "tables": {t: d.to_dict() for t, d in self.tables.items()}}, indent=2, ensure_ascii=False)

    def summary(self, max_ids: int = 20) -> str:
        """The difference as text: the counts, then the ids and changes of each table.

        Parameters
        ----------
        max_ids : int
            At most this many ids per list, and changed fields per table, are shown.

        Returns
        -------
        str
            The text, ending in a newline.
        """
        lines = [f"summitry diff {self.old} -> {self.new}", ""]
        if self.schema_change:
            lines += [f"schema: {self.schema_change}", ""]
        lines += [self.counts().to_string(), ""]
        for t, d in self.tables.items():
            for label, ids in (("added", d.added), ("retracted", d.retracted)):
                if ids:
                    more = f", ... ({len(ids) - max_ids} more)" if len(ids) > max_ids else ""
                    shown = ", ".join(ids[:max_ids]) + more
                    lines.append(f"{t} {label}: {shown}")
            for r in d.changed.head(max_ids).itertuples():
                why = f" ({r.reason!s})" if isinstance(r.reason, str) and r.reason else ""
                lines.append(f"{t} changed: {r.id} {r.field}: {r.old!r} -> {r.new!r}{why}")
            if len(d.changed) > max_ids:
                lines.append(f"{t} changed: ... ({len(d.changed) - max_ids} more changed fields)")
        return "\n".join(lines).rstrip() + "\n"


def _jsonable(value: Any) -> object:
    # value: one cell of a loaded table (None, NaN, a Timestamp, a numpy scalar, text ...)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def _ids(df: pd.DataFrame, table: str) -> pd.Series[str]:
    key = schema.primary_key(table)
    return df[key].astype(str).agg("/".join, axis=1)


def _same(a: Any, b: Any) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return bool(a == b)


def diff_table(table: str, old: str, new: str) -> TableDiff:
    """What changed in ``table`` from release ``old`` to release ``new``.

    Parameters
    ----------
    table : str
        One of the tables.
    old, new : str
        Shipped releases.

    Returns
    -------
    TableDiff
        The records added, retracted and changed, matched by primary key.
    """
    after = load_table(table, new)
    # A table new in a release: every record in it is added.
    before = load_table(table, old) if table in release_tables(old) else after.iloc[0:0]
    before.index, after.index = _ids(before, table), _ids(after, table)
    added = sorted(set(after.index) - set(before.index))
    retracted = sorted(set(before.index) - set(after.index))
    common = sorted(set(before.index) & set(after.index))
    # Compare the fields both releases have; a field new in a schema version counts as changed
    # only where it holds a value.
    fields = [f for f in after.columns if f in before.columns]
    rows = []
    for ident in common:
        b, a = before.loc[ident], after.loc[ident]
        for f in fields:
            old_v, new_v = b[f], a[f]
            if not _same(old_v, new_v):
                rows.append((ident, f, _jsonable(old_v), _jsonable(new_v)))
        for f in (c for c in after.columns if c not in before.columns):
            if not pd.isna(a[f]):
                rows.append((ident, f, None, _jsonable(a[f])))
    reasons = _reasons(new, table)
    changed = pd.DataFrame([(*r, reasons.get((r[0], r[1])) or reasons.get((r[0], "*")) or reasons.get(("*", r[1])))
                            for r in rows],
                           columns=["id", "field", "old", "new", "reason"])
    return TableDiff(table, added, retracted, changed)


def _reasons(version: str, table: str) -> dict[tuple[str, str], str]:
    """(id, field or "*") -> why it was corrected, from the release's list of corrections."""
    out: dict[tuple[str, str], str] = {}
    for c in manifest(version).get("summitry", {}).get("corrections", []):
        if c["table"] == table:
            for ident in c["ids"]:
                for f in c.get("fields") or ["*"]:
                    out[(ident, f)] = c["reason"]
    return out


def diff(old: str, new: str, *, tables: Iterable[str] | None = None) -> ReleaseDiff:
    """Records added, retracted and changed (with the fields that changed) from ``old`` to ``new``.

    Parameters
    ----------
    old, new : str
        Shipped releases, or ``"latest"``.
    tables : iterable of str or None
        The tables to compare; all if None.

    Returns
    -------
    ReleaseDiff
        The difference of each table; ``summary()`` and ``to_json()`` write it out.

    Raises
    ------
    ChoiceError
        If a version or a table is unknown.
    """
    old, new = resolve_version(old), resolve_version(new)
    tables = list(tables or release_tables(new))
    for t in tables:
        check_choice("table", t, release_tables(new))
    schemas = [manifest(v)["summitry"]["schema_version"] for v in (old, new)]
    change = None
    if schemas[0] != schemas[1]:
        note = manifest(new)["summitry"].get("schema_change")
        change = f"{schemas[0]} -> {schemas[1]}" + (f": {note}" if note else "")
    return ReleaseDiff(old, new, {t: diff_table(t, old, new) for t in tables}, change)
