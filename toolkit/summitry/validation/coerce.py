"""Bringing a batch's columns to the types of their fields, reporting what does not fit.

A column of the wrong type is reported once (``type-error`` with no row), then
converted so that the value rules still run: event codes stored as integers are
turned back into text, and every one that lost its leading zero is then reported too.
Text columns of number and date fields are parsed value by value, and each value that
does not parse is reported with its row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from ..eventdata import textmap
from ..eventdata.delimited import Chunk, ReadProblem
from .report import Collector


def _is_text(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or (
        pa.types.is_dictionary(t) and (pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type))))


DICTIONARY_MIN_ROWS = 10_000


def repetitive(f: dict[str, Any]) -> bool:
    """Fields whose values repeat (codes, countries, enums): checked once per distinct value.

    Parameters
    ----------
    f : dict
        A Frictionless field descriptor.

    Returns
    -------
    bool
        True for categorical, code-list and enumerated fields, codes and countries.
    """
    return bool(f.get("categorical") or f.get("codelist") or "enum" in f.get("constraints", {})
                or f["name"].endswith("_code") or f["name"].endswith("country"))


def _text(arr: pa.Array, f: dict[str, Any]) -> pa.Array:
    """Text as UTF-8 strings; repetitive columns of big batches dictionary-encoded, so that
    every rule on them runs over the few distinct values instead of every row."""
    if pa.types.is_dictionary(arr.type):
        if not pa.types.is_string(arr.type.value_type) or not pa.types.is_int32(arr.type.index_type):
            arr = arr.cast(pa.dictionary(pa.int32(), pa.string()))
        return arr
    arr = arr.cast(pa.string())
    if len(arr) >= DICTIONARY_MIN_ROWS and repetitive(f):
        return pc.dictionary_encode(arr)
    return arr


def _column_error(c: Collector, table: str, name: str, arr: pa.Array, want: str, file: str | None,
                  why: str = "") -> None:
    c.add("type-error", table, None, None, name, str(arr.type),
          f"column {name} is stored as {arr.type}; the schema wants {want}{why}", file)


def coerce(batch: pa.RecordBatch, fields: dict[str, dict[str, Any]], table: str, c: Collector,
           rows: npt.NDArray[np.int64], file: str | None, checked_types: set[str]) -> dict[str, pa.Array]:
    """The batch's schema columns as Arrow arrays of the fields' types.

    Parameters
    ----------
    batch : pyarrow.RecordBatch
        The rows as read.
    fields : dict of str to dict
        The table's field descriptors by name; columns not among them are left out.
    table : str
        The table's name, for the report.
    c : Collector
        Where type errors and values that do not parse go.
    rows : numpy.ndarray of int64
        Each row's line number or position.
    file : str, optional
        The file checked, for the report.
    checked_types : set of str
        Columns whose type was already reported for this input; updated here, so that a
        column of the wrong type is reported once, not once per batch.

    Returns
    -------
    dict of str to pyarrow.Array
        The columns, by name, of their fields' types (text, int64, float64, date32).
    """
    out: dict[str, pa.Array] = {}
    problems: list[ReadProblem] = []
    chunk = Chunk(file or "", batch, rows)
    for name in batch.schema.names:
        f = fields.get(name)
        if f is None:
            continue
        arr = batch.column(name)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        kind, t = f["type"], arr.type
        first = name not in checked_types  # report a column's type once per input, not per batch
        checked_types.add(name)
        if pa.types.is_null(t):
            out[name] = pa.nulls(len(arr), textmap.empty_column(0, f).type)
            continue
        if kind == "string":
            if _is_text(t):
                out[name] = _text(arr, f)
                continue
            if first:
                _column_error(c, table, name, arr, "text", file,
                              " (codes stored as numbers lose their leading zeros)" if name.endswith("code") else "")
            if pa.types.is_floating(t):
                whole = pc.equal(pc.floor(arr), arr)
                arr = pc.if_else(whole, pc.cast(arr, pa.int64(), safe=False).cast(pa.string()), arr.cast(pa.string()))
            out[name] = arr.cast(pa.string())
        elif kind in ("integer", "number"):
            want = pa.int64() if kind == "integer" else pa.float64()
            if _is_text(t):
                out[name] = textmap.number(arr.cast(pa.string()), chunk, name, problems, want)
            elif pa.types.is_integer(t) or pa.types.is_floating(t):
                if kind == "integer" and pa.types.is_floating(t):
                    frac = pc.and_kleene(pc.is_valid(arr), pc.not_equal(pc.floor(arr), arr))
                    c.add_mask("type-error", table, name, frac, rows=rows, values=arr, ids=None, file=file,
                               message=lambda v: f"{v} is not a whole number")
                    arr = pc.if_else(frac, pa.scalar(None, t), arr)
                out[name] = pc.cast(arr, want, safe=False)
            else:
                if first:
                    _column_error(c, table, name, arr, kind, file)
                out[name] = pa.nulls(len(arr), want)
        elif kind == "date":
            if pa.types.is_date(t):
                out[name] = arr.cast(pa.date32())
            elif pa.types.is_timestamp(t):
                out[name] = pc.cast(arr, pa.date32())
            elif _is_text(t):
                out[name] = textmap.date(arr.cast(pa.string()), "%Y-%m-%d", chunk, name, problems)
            else:
                if first:
                    _column_error(c, table, name, arr, "a date", file)
                out[name] = pa.nulls(len(arr), pa.date32())
        elif kind == "boolean":
            out[name] = arr
        else:  # "any": geometry blobs are not checked
            continue
    for p in problems:
        c.add(p.code, table, p.row, None, p.field, p.value, p.message, file)
    return out
