"""The tables a validated table refers to: given by name, or read from a folder of a release."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeAlias

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import schema
from ..eventdata import inputs
from ..eventdata.inputs import StrPath
from .parts import Data, frame_to_arrow

Reference: TypeAlias = pd.DataFrame | pa.Table | StrPath
"""A referenced table: in memory, or a Parquet file."""

References: TypeAlias = str | Path | Mapping[str, Reference]
"""Referenced tables by name, or a folder of ``<table>.parquet`` files."""

KeySets: TypeAlias = dict[tuple[str, str], pa.Array]
"""The distinct values (text) of referenced keys, by (table, field)."""


def _reference_table(ref: Reference, columns: list[str]) -> pa.Table:
    if isinstance(ref, pd.DataFrame):
        return frame_to_arrow(ref[[c for c in columns if c in ref.columns]])
    if isinstance(ref, pa.Table):
        return ref.select([c for c in columns if c in ref.column_names])
    p = inputs.check_input(ref)  # a FIFO named visits.parquet would block the Parquet reader
    have = pq.read_schema(p).names
    return pq.read_table(p, columns=[c for c in columns if c in have])


def _references(references: References | None, data: Data,
                tables: set[str]) -> tuple[KeySets, pa.Table | None, list[tuple[str | None, str]]]:
    """Key sets of referenced tables, the visits' date ranges, and problems loading them."""
    refs: Mapping[str, Reference]
    if isinstance(references, (str, Path)):
        refs = _reference_folder(Path(references))
    elif references is None:
        base = None
        first = data[0] if isinstance(data, (list, tuple)) and data else data
        if isinstance(first, (str, Path)):
            p = Path(first)
            base = p if p.is_dir() else p.parent
        refs = {}
        if base is not None:
            refs = {t: base / f"{t}.parquet" for t in schema.TABLES if (base / f"{t}.parquet").is_file()}
    else:
        refs = references
    wanted: dict[str, set[str]] = {}
    for t in tables:
        for _, ref_table, ref_field in schema.foreign_keys(t):
            wanted.setdefault(ref_table, set()).add(ref_field)
    if "events" in tables:
        wanted.setdefault("visits", set()).update({"visit_id", "start_date", "end_date"})
    keysets: KeySets = {}
    visits: pa.Table | None = None
    notes: list[tuple[str | None, str]] = []
    for ref_table, cols in wanted.items():
        if ref_table not in refs:
            continue
        ref_file = str(refs[ref_table]) if isinstance(refs[ref_table], (str, Path)) else None
        try:
            ref = _reference_table(refs[ref_table], sorted(cols))
        except Exception as exc:  # a reference that cannot be read is reported, with its file, not raised
            notes.append((ref_file, f"reference table {ref_table} cannot be read ({inputs.describe(exc)}); "
                                    f"its foreign keys were not checked"))
            continue
        for col in cols:
            if col in ref.column_names and col != "start_date" and col != "end_date":
                keysets[(ref_table, col)] = ref.column(col).combine_chunks().cast(pa.string()).unique()
        if ref_table == "visits" and {"visit_id", "start_date", "end_date"} <= set(ref.column_names):
            visits = ref.select(["visit_id", "start_date", "end_date"])
    return keysets, visits, notes


def _reference_folder(d: Path) -> dict[str, Path]:
    """The ``<table>.parquet`` files of a folder given as references; a folder without any is an error."""
    if not d.is_dir():
        reason = "is not a folder" if d.exists() else inputs.os_reason(FileNotFoundError(2, "", str(d)), d)
        raise inputs.InputError(d, f"references folder {reason}; give the folder holding the <table>.parquet "
                                   "files to check foreign keys against")
    refs = {t: d / f"{t}.parquet" for t in schema.TABLES if (d / f"{t}.parquet").exists()}
    if not refs:
        raise inputs.InputError(d, "references folder holds no tables (none of "
                                   f"{', '.join(f'{t}.parquet' for t in schema.TABLES)}); "
                                   "foreign keys cannot be checked against it")
    return refs
