"""What changed between two releases, matched by the stable ids of each table."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from .. import schema
from ..errors import check_choice
from .load import load_table
from .releases import resolve_version

FORMATS = ("table", "json")


@dataclass
class TableDiff:
    """Records of one table added, retracted and changed between two releases."""

    table: str
    added: list[str]
    retracted: list[str]
    changed: pd.DataFrame  # one row per changed field: id, field, old, new

    @property
    def changed_ids(self) -> list[str]:
        return sorted(self.changed["id"].unique())

    def to_dict(self) -> dict:
        return {"added": self.added, "retracted": self.retracted,
                "changed": [{"id": r.id, "field": r.field, "old": _jsonable(r.old), "new": _jsonable(r.new)}
                            for r in self.changed.itertuples()]}


@dataclass
class ReleaseDiff:
    old: str
    new: str
    tables: dict[str, TableDiff]

    def counts(self) -> pd.DataFrame:
        """Per table: how many records were added, retracted and changed."""
        return pd.DataFrame(
            [(t, len(d.added), len(d.retracted), len(d.changed_ids)) for t, d in self.tables.items()],
            columns=["table", "added", "retracted", "changed"]).set_index("table")

    def to_json(self) -> str:
        return json.dumps({"old": self.old, "new": self.new,
                           "tables": {t: d.to_dict() for t, d in self.tables.items()}}, indent=2, ensure_ascii=False)

    def summary(self, max_ids: int = 20) -> str:
        lines = [f"summitry diff {self.old} -> {self.new}", "", self.counts().to_string(), ""]
        for t, d in self.tables.items():
            for label, ids in (("added", d.added), ("retracted", d.retracted)):
                if ids:
                    shown = ", ".join(ids[:max_ids]) + (f", ... ({len(ids) - max_ids} more)" if len(ids) > max_ids else "")
                    lines.append(f"{t} {label}: {shown}")
            for r in d.changed.head(max_ids).itertuples():
                lines.append(f"{t} changed: {r.id} {r.field}: {r.old!r} -> {r.new!r}")
        return "\n".join(lines).rstrip() + "\n"


def _jsonable(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def _ids(df: pd.DataFrame, table: str) -> pd.Series:
    key = schema.primary_key(table)
    return df[key].astype(str).agg("/".join, axis=1)


def _same(a, b) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    return a == b


def diff_table(table: str, old: str, new: str) -> TableDiff:
    before, after = load_table(table, old), load_table(table, new)
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
    changed = pd.DataFrame(rows, columns=["id", "field", "old", "new"])
    return TableDiff(table, added, retracted, changed)


def diff(old: str, new: str, *, tables=None) -> ReleaseDiff:
    """Records added, retracted and changed (with the fields that changed) from ``old`` to ``new``."""
    old, new = resolve_version(old), resolve_version(new)
    tables = list(tables or schema.TABLES)
    for t in tables:
        check_choice("table", t, schema.TABLES)
    return ReleaseDiff(old, new, {t: diff_table(t, old, new) for t in tables})
