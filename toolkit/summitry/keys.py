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

DUCKDB_MEMORY = "256MB"


class KeyTracker:
    """Collects (key..., file, row, seq) of every row; reports each repeat of a key."""

    def __init__(self, table: str, key: list[str]) -> None:
        self.table, self.key = table, list(key)
        self._dir = Path(tempfile.mkdtemp(prefix="summitry-keys-"))
        self._writer: pq.ParquetWriter | None = None
        self._files: list[str] = []
        self._seq = 0

    def add(self, cols: dict[str, pa.Array], rows: np.ndarray, file: str | None) -> None:
        if any(k not in cols for k in self.key):
            return
        if file not in self._files:
            self._files.append(file)
        n = len(rows)
        arrays = [cols[k].cast(pa.string()) if not pa.types.is_date(cols[k].type) else cols[k] for k in self.key]
        arrays += [pa.array(np.full(n, self._files.index(file), dtype=np.int32)),
                   pa.array(rows, pa.int64()), pa.array(np.arange(self._seq, self._seq + n, dtype=np.int64))]
        batch = pa.RecordBatch.from_arrays(arrays, names=[f"k{i}" for i in range(len(self.key))] + ["f", "row", "seq"])
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._dir / "keys.parquet", batch.schema, compression="lz4",
                                            use_dictionary=False, write_statistics=False)
        self._writer.write_batch(batch)
        self._seq += n

    def report(self, collector: Collector) -> None:
        try:
            if self._writer is None:
                return
            self._writer.close()
            import duckdb

            con = duckdb.connect()
            con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
            con.execute(f"SET temp_directory = '{self._dir / 'spill'}'")
            con.execute("SET preserve_insertion_order = false")
            ks = ", ".join(f"k{i}" for i in range(len(self.key)))
            src = f"read_parquet('{self._dir / 'keys.parquet'}')"
            # find repeated keys first (a hash aggregate), then only their rows
            dup = con.sql(f"""
                WITH d AS (SELECT {ks} FROM {src} GROUP BY {ks} HAVING count(*) > 1)
                SELECT t.*, row_number() OVER (PARTITION BY {', '.join('t.' + k for k in ks.split(', '))}
                                               ORDER BY t.seq) AS rn
                FROM {src} t SEMI JOIN d USING ({ks})
                ORDER BY t.seq""").to_arrow_table()
            con.close()
            if not dup.num_rows:
                return
            dup = dup.filter(pc.greater(dup["rn"], 1))
            keys = [dup[f"k{i}"].to_pylist() for i in range(len(self.key))]
            for j, (f, row) in enumerate(zip(dup["f"].to_pylist(), dup["row"].to_pylist())):
                value = ", ".join(str(k[j]) for k in keys)
                collector.add("duplicate-key", self.table, row, keys[0][j], "+".join(self.key), value,
                              f"{'+'.join(self.key)} {value} occurs more than once", self._files[f])
        finally:
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
