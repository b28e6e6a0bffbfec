"""Checking a Parquet file or dataset folder before an engine (DuckDB, Spark) reads it.

An engine handed a text file, a zero-byte or truncated Parquet file, or a column of the
wrong type fails with its own exception and often quotes its SQL. Every file the engine
would read is checked here first, cheaply (its magic bytes and its footer's schema), so
the error names the file and says what is wrong with it.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import schema
from . import imported
from .files import InputError, check_input, describe

MAGIC = b"PAR1"


def _kind(t: pa.DataType) -> str:
    """A type's kind as the analyses see it: text, integer, number, date, boolean or other."""
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "text"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "number"
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        return "date"
    if pa.types.is_boolean(t):
        return "boolean"
    return "other"


def expected_kinds() -> dict[str, str]:
    """The kind of every column named in the tables' schemas, where all tables agree on it.

    Returns
    -------
    dict of str to str
        Column name to kind (``text``, ``integer``, ``number``, ``date``, ``boolean``).
    """
    seen: dict[str, set[str]] = {}
    fields = [f for t in schema.TABLES for f in schema.fields(t)] + imported.fields()
    for f in fields:
        if f["type"] == "geometry":
            continue
        seen.setdefault(f["name"], set()).add(_kind(schema.arrow_type(f)))
    # an integer column where a number is expected holds numbers: only other kinds are wrong
    return {name: kinds.pop() for name, kinds in seen.items() if len(kinds) == 1}


def check_parquet(path: Path, kinds: dict[str, str] | None = None) -> None:
    """Refuse ``path`` unless it is a whole Parquet file whose known columns have their types.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    kinds : dict, optional
        :func:`expected_kinds`, when checking many files.

    Raises
    ------
    InputError
        When the file is not a regular file, is empty, is not Parquet (a text file), is
        truncated (no footer), or a column of the schemas has another type.
    """
    check_input(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, "is empty (zero bytes), not a Parquet file")
    with open(path, "rb") as fh:
        head = fh.read(4)
        fh.seek(max(size - 4, 0))
        tail = fh.read(4)
    if head != MAGIC:
        raise InputError(path, "is not a Parquet file (it does not start with PAR1: text, or another format?)")
    if tail != MAGIC or size < 12:
        raise InputError(path, "is a truncated Parquet file (its footer is missing: an interrupted copy?)")
    try:
        file_schema = pq.read_schema(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputError(path, f"is a damaged Parquet file ({describe(exc)})") from None
    kinds = kinds if kinds is not None else expected_kinds()
    wrong = [f"{f.name} is {f.type} where the schema has {kinds[f.name]}" for f in file_schema
             if f.name in kinds and _kind(f.type) != kinds[f.name]
             and not (kinds[f.name] == "number" and _kind(f.type) == "integer")]
    if wrong:
        raise InputError(path, "has columns of the wrong type: " + "; ".join(wrong))


def check_source(path: Path) -> list[Path]:
    """Check a Parquet file, or every Parquet file of a dataset folder, before an engine reads it.

    Parameters
    ----------
    path : pathlib.Path
        A Parquet file, or a folder of them (hive-partitioned, as ``import_events`` writes).

    Returns
    -------
    list of pathlib.Path
        The files checked.

    Raises
    ------
    InputError
        When the path is missing, a symlink loop, not a regular file or folder, a folder
        with no ``.parquet`` files, or any file fails :func:`check_parquet`.
    """
    if not path.is_dir():
        check_input(path)
        files = [path]
    else:
        # what the engine's **/*.parquet glob reads; temporary .partial files never match
        files = sorted(path.rglob("*.parquet"))
        if not files:
            raise InputError(path, "the folder holds no .parquet files")
    kinds = expected_kinds()
    for f in files:
        check_parquet(f, kinds)
    return files
