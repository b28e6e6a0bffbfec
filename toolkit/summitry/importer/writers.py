"""Writing one imported file into the year partitions of the dataset, a row group at a time."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..eventdata import imported

ROW_GROUP_ROWS = 262_144  # about 20-40 MB of GDELT per row group: big scans, fine pruning
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
WRITE_OPTIONS: dict[str, Any] = dict(compression="zstd", compression_level=1,
                                     use_dictionary=imported.dictionary_columns(),
                                     write_statistics=imported.statistics_columns())


class _YearWriters:
    """One Parquet writer per year partition of one input file, buffering full row groups."""

    def __init__(self, root: Path, part_name: str, metadata: dict[bytes, bytes]) -> None:
        # part_name ends in .partial until committed: no *.parquet glob ever matches a file being written
        self.root, self.part_name, self.metadata = root, part_name, metadata
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.buffers: dict[str, list[pa.RecordBatch]] = {}
        self.buffered: dict[str, int] = {}
        self.schema = imported.arrow_schema().with_metadata(metadata)

    def add(self, batch: pa.RecordBatch) -> None:
        years = pc.year(batch.column("date"))
        for y in pc.unique(years).to_pylist():
            key = NULL_PARTITION if y is None else str(y)
            part = batch.filter(pc.is_null(years) if y is None else pc.fill_null(pc.equal(years, y), False))
            self.buffers.setdefault(key, []).append(part)
            self.buffered[key] = self.buffered.get(key, 0) + part.num_rows
        # bounded memory: never more than a row group buffered over all the years
        while sum(self.buffered.values()) >= ROW_GROUP_ROWS:
            self._flush(max(self.buffered, key=lambda k: self.buffered[k]))

    def _flush(self, key: str) -> None:
        if not self.buffers.get(key):
            return
        if key not in self.writers:
            d = self.root / f"year={key}"
            d.mkdir(parents=True, exist_ok=True)
            self.writers[key] = pq.ParquetWriter(d / self.part_name, self.schema, **WRITE_OPTIONS)
        table = pa.Table.from_batches(self.buffers[key], schema=self.schema)
        self.writers[key].write_table(table, row_group_size=ROW_GROUP_ROWS)
        self.buffers[key], self.buffered[key] = [], 0

    def close(self) -> list[str]:
        for key in list(self.buffers):
            self._flush(key)
        for w in self.writers.values():
            w.close()
        return sorted(self.writers)

    def abandon(self) -> None:
        """Close every file without flushing (after an error), so that its folder can be removed."""
        for w in self.writers.values():
            with contextlib.suppress(Exception):
                w.close()
