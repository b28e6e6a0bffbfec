"""Exact uniqueness and reference checks across batches, in bounded memory.

Primary-key values are appended batch by batch to a temporary Parquet file rather than
held in a Python set, and DuckDB finds the duplicates at the end with a memory limit
(it spills to disk past it), so a key check stays exact on files larger than memory.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .report import Collector

DUCKDB_MEMORY = "512MB"
IN_MEMORY_KEYS = 16_000_000  # ~130 MB of int64 keys; past it keys spill to disk


def _as_int(arr: pa.Array) -> np.ndarray | None:
    """Integer ids written as plain digits, as int64; None if any is not (e.g. '007', 'A1')."""
    try:
        ints = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if ints.null_count:
        return None
    x = ints.to_numpy()
    # canonical only if the text is exactly as long as the number's digits (no '007', no '+7')
    digits = np.floor(np.log10(np.maximum(np.abs(x), 1))).astype(np.int64) + 1 + (x < 0)
    if not np.array_equal(pc.binary_length(arr).to_numpy(zero_copy_only=False), digits):
        return None
    return x


def prepare_keys(cols: dict[str, pa.Array], key: list[str], rows: np.ndarray):
    """A batch's keys as text (and as int64 when they are plain integers), missing keys left out.

    The costly part of key tracking, done where batches are checked in parallel.
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
    """

    def __init__(self, table: str, key: list[str]) -> None:
        self.table, self.key = table, list(key)
        self._keys: list = []  # numpy int64 arrays, or Arrow string arrays once text
        self._text = False
        self._batches: list[tuple[int, int, np.ndarray]] = []  # (first seq, file index, rows)
        self._files: list[str] = []
        self._seq = 0
        self._dir: Path | None = None
        self._writer: dict[str, pq.ParquetWriter] | None = None  # "int" and "text" spill files

    def add(self, cols: dict[str, pa.Array], rows: np.ndarray, file: str | None) -> None:
        if all(k in cols for k in self.key):
            self.add_prepared(prepare_keys(cols, self.key, rows), file)

    def add_prepared(self, prepared, file: str | None) -> None:
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
        if len(rows) and rows[-1] - rows[0] == len(rows) - 1:
            rows = int(rows[0])
        self._batches.append((self._seq, fi, rows))
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
        for k, (_, fi, rows) in zip(kept, batches):
            if not isinstance(rows, np.ndarray):
                rows = np.arange(rows, rows + len(k), dtype=np.int64)
            self._spill(k, rows, fi)

    def _spill(self, key, rows: np.ndarray, fi: int) -> None:
        """Append keys (int64 numpy, or Arrow text) with file, row and order to a spill file."""
        n = len(key)
        kind = "text" if isinstance(key, pa.Array) else "int"
        k = key.cast(pa.string()) if kind == "text" else pa.array(key, pa.int64())
        batch = pa.RecordBatch.from_arrays(
            [k, pa.array(np.full(n, fi, dtype=np.int32)), pa.array(rows, pa.int64()),
             pa.array(np.arange(self._seq, self._seq + n, dtype=np.int64))], names=["k", "f", "row", "seq"])
        if kind not in self._writer:
            self._writer[kind] = pq.ParquetWriter(self._dir / f"keys-{kind}.parquet", batch.schema, compression="lz4",
                                                  use_dictionary=False, write_statistics=False)
        self._writer[kind].write_batch(batch)
        self._seq += n

    def _repeats_spilled(self, room: int):
        """(count of all repeats, the first ``room`` of them in input order)."""
        for w in self._writer.values():
            w.close()
        import duckdb

        con = duckdb.connect()
        for setting in (f"memory_limit = '{DUCKDB_MEMORY}'", f"temp_directory = '{self._dir / 'spill'}'",
                        "preserve_insertion_order = false", "enable_progress_bar = false"):
            con.execute(f"SET {setting}")
        files = {kind: f"read_parquet('{self._dir / f'keys-{kind}.parquet'}')" for kind in self._writer}
        if len(files) == 2:  # ids were integers, then some were not: compare all as text
            src = (f"(SELECT CAST(k AS VARCHAR) AS k, f, row, seq FROM {files['int']} "
                   f"UNION ALL SELECT k, f, row, seq FROM {files['text']})")
        else:
            src = next(iter(files.values()))
        con.execute(f"CREATE TEMP TABLE d AS SELECT k, count(*) AS n FROM {src} GROUP BY k HAVING count(*) > 1")
        total = con.sql("SELECT coalesce(sum(n - 1), 0) FROM d").fetchall()[0][0]
        listed = []
        if total and room:
            listed = con.sql(f"""
                SELECT k, f, row FROM (
                    SELECT k, f, row, seq, row_number() OVER (PARTITION BY k ORDER BY seq) AS rn
                    FROM {src} SEMI JOIN d USING (k))
                WHERE rn > 1 ORDER BY seq LIMIT {int(room)}""").fetchall()
        con.close()
        return int(total), listed

    def _repeats_in_memory(self):
        """(key, file index, row) of each repeat, in input order."""
        if not self._keys:
            return
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
            for (first, _, _), chunk in zip(self._batches, self._keys):
                for i in np.flatnonzero(np.isin(chunk, repeated)):
                    k = int(chunk[i])
                    if k in seen:
                        seqs.append(first + i)
                        values.append(k)
                    else:
                        seen.add(k)
        starts = np.array([b[0] for b in self._batches], dtype=np.int64)
        for seq, value in zip(seqs, values):
            b = int(np.searchsorted(starts, seq, side="right")) - 1
            first, fi, rows = self._batches[b]
            yield value, fi, int(rows[seq - first]) if isinstance(rows, np.ndarray) else rows + int(seq - first)

    def report(self, collector: Collector) -> None:
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


def check_references(cols: dict[str, pa.Array], table: str, fks, refs: dict, collector: Collector,
                     rows: np.ndarray, ids, file) -> None:
    """Foreign keys of one batch against the referenced tables' key sets (given in ``refs``)."""
    for field, ref_table, ref_field in fks:
        keyset = refs.get((ref_table, ref_field))
        if field not in cols or keyset is None:
            continue
        arr = cols[field].cast(pa.string())
        bad = pc.and_kleene(pc.is_valid(arr), pc.invert(pc.is_in(arr, value_set=keyset)))
        collector.add_mask("foreign-key", table, field, bad, rows=rows, values=arr, ids=ids, file=file,
                           message=lambda v, rt=ref_table, rf=ref_field: f"{v!r} is not a {rf} of {rt}")
