"""Exact uniqueness and reference checks across batches, in bounded memory.

Primary-key values are appended batch by batch to a temporary Parquet file rather than
held in a Python set, and DuckDB finds the duplicates at the end with a memory limit
(it spills to disk past it), so a key check stays exact on files larger than memory.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .report import Collector

DUCKDB_MEMORY = "512MB"
IN_MEMORY_KEYS = 16_000_000  # ~130 MB of int64 keys; past it keys spill to disk

Rows: TypeAlias = npt.NDArray[np.int64]

PreparedKeys: TypeAlias = tuple[pa.Array, Rows | None, Rows]
"""A batch's keys as text, as int64 when they are all plain integers (else None), and their rows."""

Repeat: TypeAlias = tuple[Any, int, int]
"""A repeated key (int or text), the index of its file, and its row."""


def _as_int(arr: pa.Array) -> Rows | None:
    """Integer ids written as plain digits, as int64; None if any is not (e.g. '007', 'A1')."""
    try:
        ints = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if ints.null_count:
        return None
    x: Rows = ints.to_numpy()
    # canonical only if the text is exactly as long as the number's digits (no '007', no '+7')
    digits = np.floor(np.log10(np.maximum(np.abs(x), 1))).astype(np.int64) + 1 + (x < 0)
    if not np.array_equal(pc.binary_length(arr).to_numpy(zero_copy_only=False), digits):
        return None
    return x


def prepare_keys(cols: dict[str, pa.Array], key: list[str], rows: Rows) -> PreparedKeys:
    """A batch's keys as text (and as int64 when they are plain integers), missing keys left out.

    The costly part of key tracking, done where batches are checked in parallel.

    Parameters
    ----------
    cols : dict of str to pyarrow.Array
        The batch's columns.
    key : list of str
        The fields of the key (joined with ``\x1f`` when more than one).
    rows : numpy.ndarray of int64
        Each row's line number or position.

    Returns
    -------
    tuple
        The keys as text, the keys as int64 (None unless every key is a plain integer),
        and the rows of the keys (rows with a missing key are left out).
    """
    parts = [cols[k] for k in key]
    if len(parts) == 1:
        k = parts[0].cast(pa.string()) if not pa.types.is_string(parts[0].type) else parts[0]
    else:
        k = pc.binary_join_element_wise(*[p.cast(pa.string()) for p in parts], "\x1f")
    if k.null_count:  # a missing key is reported as 'required', not as a repeat
        keep = pc.is_valid(k)
        k, rows = k.filter(keep), rows[keep.to_numpy(zero_copy_only=False)]
    return k, _as_int(k), rows


class KeyTracker:
    """Collects every row's key; reports each repeat of a key (every row after the first).

    Keys stay in memory as int64 (ids written as digits, GDELT's and ICEWS's) or text
    up to :data:`IN_MEMORY_KEYS`; past that they spill to a temporary Parquet file and
    DuckDB, with a memory limit, finds the repeats. Exact either way.

    Parameters
    ----------
    table : str
        The table's name, for the report.
    key : list of str
        The fields of the primary key.
    """

    def __init__(self, table: str, key: list[str]) -> None:
        self.table, self.key = table, list(key)
        self._keys: list[Any] = []  # numpy int64 arrays, or Arrow string arrays once text
        self._text = False
        # (first seq, file index, rows): rows an array, or the first row of consecutive ones
        self._batches: list[tuple[int, int, int | Rows]] = []
        self._files: list[str | None] = []
        self._seq = 0
        self._dir: Path | None = None
        self._writer: dict[str, pq.ParquetWriter] | None = None  # "int" and "text" spill files

    def add(self, cols: dict[str, pa.Array], rows: Rows, file: str | None) -> None:
        """Add a batch's keys.

        Parameters
        ----------
        cols : dict of str to pyarrow.Array
            The batch's columns; nothing is added unless all the key's fields are there.
        rows : numpy.ndarray of int64
            Each row's line number or position.
        file : str, optional
            The file the batch came from.
        """
        if all(k in cols for k in self.key):
            self.add_prepared(prepare_keys(cols, self.key, rows), file)

    def add_prepared(self, prepared: PreparedKeys, file: str | None) -> None:
        """Add a batch's keys made by :func:`prepare_keys`.

        Parameters
        ----------
        prepared : tuple
            What :func:`prepare_keys` returned.
        file : str, optional
            The file the batch came from.
        """
        key, ints, rows = prepared
        if file not in self._files:
            self._files.append(file)
        fi = self._files.index(file)
        n = len(key)
        if self._writer is not None:
            if ints is None:
                self._text = True
            self._spill(key if self._text else ints, rows, fi)
            return
        if ints is None and not self._text:
            self._text = True
            self._keys = [pa.array(k.astype(str), pa.string()) for k in self._keys]
        self._keys.append(key if self._text else ints)
        # rows of Parquet and tables are consecutive: keep the first, not an array of them
        where: int | Rows = rows
        if len(rows) and rows[-1] - rows[0] == len(rows) - 1:
            where = int(rows[0])
        self._batches.append((self._seq, fi, where))
        self._seq += n
        if self._seq > IN_MEMORY_KEYS:
            self._start_spill()

    # -- spilling past the memory budget ------------------------------------------------
    def _start_spill(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="summitry-keys-"))
        self._writer = {}
        kept, self._keys = self._keys, []
        batches, self._batches = self._batches, []
        self._seq = 0
        for k, (_, fi, where) in zip(kept, batches, strict=True):
            rows = where if isinstance(where, np.ndarray) else np.arange(where, where + len(k), dtype=np.int64)
            self._spill(k, rows, fi)

    def _spill(self, key: Any, rows: Rows, fi: int) -> None:
        """Append keys (int64 numpy, or Arrow text) with file, row and order to a spill file."""
        writer, folder = self._writer, self._dir
        assert writer is not None and folder is not None  # set by _start_spill
        n = len(key)
        kind = "text" if isinstance(key, pa.Array) else "int"
        k = key.cast(pa.string()) if kind == "text" else pa.array(key, pa.int64())
        batch = pa.RecordBatch.from_arrays(
            [k, pa.array(np.full(n, fi, dtype=np.int32)), pa.array(rows, pa.int64()),
             pa.array(np.arange(self._seq, self._seq + n, dtype=np.int64))], names=["k", "f", "row", "seq"])
        if kind not in writer:
            writer[kind] = pq.ParquetWriter(folder / f"keys-{kind}.parquet", batch.schema, compression="lz4",
                                            use_dictionary=False, write_statistics=False)
        writer[kind].write_batch(batch)
        self._seq += n

    def _repeats_spilled(self, room: int) -> tuple[int, list[Repeat]]:
        """(count of all repeats, the first ``room`` of them in input order)."""
        writer, folder = self._writer, self._dir
        assert writer is not None and folder is not None  # set by _start_spill
        for w in writer.values():
            w.close()
        import duckdb

        con = duckdb.connect()
        for setting in (f"memory_limit = '{DUCKDB_MEMORY}'", f"temp_directory = '{folder / 'spill'}'",
                        "preserve_insertion_order = false", "enable_progress_bar = false"):
            con.execute(f"SET {setting}")
        files = {kind: f"read_parquet('{folder / f'keys-{kind}.parquet'}')" for kind in writer}
        if len(files) == 2:  # ids were integers, then some were not: compare all as text
            src = (f"(SELECT CAST(k AS VARCHAR) AS k, f, row, seq FROM {files['int']} "
                   f"UNION ALL SELECT k, f, row, seq FROM {files['text']})")
        else:
            src = next(iter(files.values()))
        con.execute(f"CREATE TEMP TABLE d AS SELECT k, count(*) AS n FROM {src} GROUP BY k HAVING count(*) > 1")
        total = con.sql("SELECT coalesce(sum(n - 1), 0) FROM d").fetchall()[0][0]
        listed: list[Repeat] = []
        if total and room:
            listed = con.sql(f"""
                SELECT k, f, row FROM (
                    SELECT k, f, row, seq, row_number() OVER (PARTITION BY k ORDER BY seq) AS rn
                    FROM {src} SEMI JOIN d USING (k))
                WHERE rn > 1 ORDER BY seq LIMIT {int(room)}""").fetchall()
        con.close()
        return int(total), listed

    def _repeats_in_memory(self) -> Iterator[Repeat]:
        """(key, file index, row) of each repeat, in input order."""
        if not self._keys:
            return
        seqs: list[Any] | npt.NDArray[np.intp]
        values: list[Any]
        if self._text:
            import pandas as pd

            keys = pa.chunked_array(self._keys).to_pandas(types_mapper=pd.ArrowDtype)
            seqs = np.flatnonzero(keys.duplicated(keep="first").to_numpy())
            values = keys.iloc[seqs].tolist()
        else:
            # sort a copy to find the repeated values (few), then find their rows chunk by
            # chunk: half the memory of a hash table over every key
            ordered = np.sort(np.concatenate(self._keys))
            repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
            del ordered
            seqs, values, seen = [], [], set()
            for (first, _, _), chunk in zip(self._batches, self._keys, strict=True):
                for i in np.flatnonzero(np.isin(chunk, repeated)):
                    k = int(chunk[i])
                    if k in seen:
                        seqs.append(first + i)
                        values.append(k)
                    else:
                        seen.add(k)
        starts = np.array([b[0] for b in self._batches], dtype=np.int64)
        for seq, value in zip(seqs, values, strict=True):
            b = int(np.searchsorted(starts, seq, side="right")) - 1
            first, fi, rows = self._batches[b]
            yield value, fi, int(rows[seq - first]) if isinstance(rows, np.ndarray) else rows + int(seq - first)

    def report(self, collector: Collector) -> None:
        """Report every repeat of a key as ``duplicate-key``, then remove any spill files.

        Parameters
        ----------
        collector : Collector
            Where the repeats go: all counted, listed while it has room.
        """
        try:
            if self._writer is not None:
                total, found = self._repeats_spilled(collector._room())
            else:
                found = list(self._repeats_in_memory())
                total = len(found)
            for k, f, row in found:
                value = str(k).replace("\x1f", ", ")
                collector.add("duplicate-key", self.table, row, value.split(", ")[0], "+".join(self.key), value,
                              f"{'+'.join(self.key)} {value} occurs more than once", self._files[f])
            # repeats beyond the listing limit are counted, not listed
            if total > len(found):
                collector.counts[("duplicate-key", self.table)] += total - len(found)
        finally:
            if self._dir is not None:
                shutil.rmtree(self._dir, ignore_errors=True)


def _not_found(ref_table: str, ref_field: str) -> Callable[[object], str]:
    return lambda v: f"{v!r} is not a {ref_field} of {ref_table}"


def check_references(cols: dict[str, pa.Array], table: str, fks: list[tuple[str, str, str]],
                     refs: dict[tuple[str, str], pa.Array], collector: Collector, rows: Rows,
                     ids: pa.Array | None, file: str | None) -> None:
    """Foreign keys of one batch against the referenced tables' key sets (given in ``refs``).

    Parameters
    ----------
    cols : dict of str to pyarrow.Array
        The batch's columns.
    table : str
        The table's name.
    fks : list of tuple of str
        ``(field, referenced table, referenced field)`` for each reference.
    refs : dict
        The referenced key values (text) by ``(referenced table, referenced field)``;
        a reference without an entry is not checked.
    collector : Collector
        Where ``foreign-key`` failures go.
    rows : numpy.ndarray of int64
        Each row's line number or position.
    ids : pyarrow.Array, optional
        The rows' ids.
    file : str, optional
        The file checked.
    """
    for field, ref_table, ref_field in fks:
        keyset = refs.get((ref_table, ref_field))
        if field not in cols or keyset is None:
            continue
        arr = cols[field].cast(pa.string())
        bad = pc.and_kleene(pc.is_valid(arr), pc.invert(pc.is_in(arr, value_set=keyset)))
        collector.add_mask("foreign-key", table, field, bad, rows=rows, values=arr, ids=ids, file=file,
                           message=_not_found(ref_table, ref_field))
