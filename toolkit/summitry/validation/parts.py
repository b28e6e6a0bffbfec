"""Turning whatever a user hands to ``validate`` into a stream of checked-size chunks.

DataFrames, Arrow tables and batches, readers, and paths (Parquet, CSV, TSV, GDELT,
ICEWS, plain or zipped, or folders of them) all become :class:`Part` s: where the
data came from, an iterator of :class:`~summitry.eventdata.delimited.Chunk` s with each row's
line or position, and the problems found while reading.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import TypeAlias, TypeVar, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import schema
from ..errors import SummitryError
from ..eventdata import inputs
from ..eventdata.delimited import Chunk, ReadProblem, Rows, stream_text, text_columns
from ..eventdata.reader import EventReader

BATCH_ROWS = 1 << 18  # bounded memory: a quarter million rows at a time

_T = TypeVar("_T")

Data: TypeAlias = (pd.DataFrame | pa.Table | pa.RecordBatch | EventReader | str | Path
                   | Iterable[pa.RecordBatch] | Iterable[str | Path])
"""What :func:`parts` and :func:`~summitry.validation.validate` take (checked at run time)."""


class Part:
    """One input: where it came from, its chunks, and problems found while reading it.

    Parameters
    ----------
    file : str or None
        The file; None for data in memory.
    chunks : iterator of Chunk
        The data, batch by batch.
    origin : str, optional
        ``gdelt1``, ``gdelt2`` or ``icews`` when the data was read from such a file.
    problems : list of ReadProblem, optional
        Problems found while reading; the reader keeps appending to it as chunks are read.
    table : str, optional
        The table the part holds, when known from its file name.
    """

    def __init__(self, file: str | None, chunks: Iterator[Chunk], origin: str | None = None,
                 problems: list[ReadProblem] | None = None, table: str | None = None) -> None:
        self.file, self.chunks, self.origin = file, chunks, origin
        self.problems = problems if problems is not None else []
        self.table = table


def _positions(start: int, n: int) -> Rows:
    return np.arange(start, start + n, dtype=np.int64)


def _arrow_chunks(batches: Iterable[pa.RecordBatch], file: str | None = None) -> Iterator[Chunk]:
    done = 0
    for b in batches:
        yield Chunk(file, b, _positions(done, b.num_rows))
        done += b.num_rows


def frame_to_arrow(df: pd.DataFrame) -> pa.Table:
    """A DataFrame as an Arrow table, without its index.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.

    Returns
    -------
    pyarrow.Table
        The columns; one of mixed Python types is converted to text (missing values null)
        so that the value rules can report it.
    """
    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # a column of mixed Python types: keep it as text so the value rules can report it
        fixed = df.copy()
        for col in fixed.columns:
            try:
                pa.array(fixed[col], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                fixed[col] = fixed[col].map(lambda v: None if v is None or v != v else str(v))
        return pa.Table.from_pandas(fixed, preserve_index=False)


JOIN_SECONDS = 5.0  # how long a stopped prefetch waits for its thread to finish the item it is making


class _Failed:
    """An exception raised by the producer, carried to the consumer."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def prefetch(it: Iterator[_T], depth: int = 1) -> Generator[_T, None, None]:
    """Produce the next item in a thread while the caller works on this one.

    Arrow's Parquet decoding and compute kernels release the GIL, so reading batch
    k+1 overlaps checking batch k on a second core. When the caller stops early (an
    error, a ``break``, the generator closed), the thread is told to stop, ``it`` is
    closed in it, and the thread is joined: no reader is left running after an error,
    which at exit could hold a file or a thread the interpreter waits for.

    Parameters
    ----------
    it : iterator
        The items.
    depth : int, default 1
        How many items may wait, made, for the caller.

    Yields
    ------
    object
        The items of ``it``, in order; an exception raised by ``it`` is raised here.
    """
    import queue
    import threading

    q: queue.Queue[object] = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def put(item: object) -> bool:
        # never block for good: a consumer that has gone away sets stop
        while not stop.is_set():
            try:
                q.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in it:
                if not put(item):
                    break
            else:
                put(done)
        except BaseException as exc:  # handed to the consumer, raised there
            put(_Failed(exc))
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()  # the generator's own cleanup (its open file) runs here, in its thread

    thread = threading.Thread(target=run, daemon=True, name="summitry-prefetch")
    thread.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield cast(_T, item)
    finally:
        stop.set()
        thread.join(JOIN_SECONDS)


def _repetitive_names() -> set[str]:
    from ..eventdata import imported
    from .coerce import repetitive

    out = {f["name"] for t in schema.TABLES for f in schema.fields(t) if repetitive(f)}
    return out | {f["name"] for f in imported.fields() if repetitive(f)} | set(imported.dictionary_columns())


def _parquet_chunks(path: Path) -> Iterator[Chunk]:
    names = pq.read_schema(path).names
    # codes and countries decoded straight into dictionaries: each rule then runs once per
    # distinct value; no pre-buffering of whole row groups, which costs memory
    pf = pq.ParquetFile(path, pre_buffer=False, read_dictionary=[n for n in names if n in _repetitive_names()])
    yield from prefetch(_arrow_chunks(pf.iter_batches(batch_size=BATCH_ROWS, use_threads=True), str(path)))


def _text_chunks(path: Path, fmt: str, problems: list[ReadProblem]) -> Iterator[Chunk]:
    delimiter, quoting = ("," if fmt == "csv" else "\t"), fmt == "csv"
    with inputs.open_binary(path) as stream:
        names = text_columns(stream, str(path), delimiter=delimiter, quoting=quoting)
    seen: dict[str, int] = {}
    unique: list[str] = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        unique.append(n if seen[n] == 1 else f"{n}.{seen[n]}")
    with inputs.open_binary(path) as stream:
        yield from stream_text(stream, str(path), unique, delimiter=delimiter, header=True, quoting=quoting,
                               problems=problems)


def _path_parts(path: Path, format: str, table: str) -> Iterator[Part]:
    try:
        fmt = inputs.detect_format(path, format)
    except inputs.InputError as exc:
        yield Part(str(path), iter(()), problems=[ReadProblem("unreadable-file", str(path), None, None, None,
                                                               exc.reason)])
        return
    if fmt in ("gdelt1", "gdelt2", "icews"):
        from ..eventdata.gdelt import GdeltReader
        from ..eventdata.icews import IcewsReader

        cls = IcewsReader if fmt == "icews" else GdeltReader
        reader = cls([path], format=fmt, keep_going=True)
        yield Part(str(path), prefetch(reader.chunks()), origin=fmt, problems=reader.problems)
        return
    problems: list[ReadProblem] = []
    chunks = _parquet_chunks(path) if fmt == "parquet" else prefetch(_text_chunks(path, fmt, problems))
    yield Part(str(path), chunks, problems=problems)


def parts(data: Data, table: str, format: str) -> Iterator[Part]:
    """Whatever a user hands to ``validate`` as :class:`Part` s, read lazily.

    Parameters
    ----------
    data : DataFrame, Arrow table or batch, iterable of batches, EventReader, path, or iterable of paths
        The input. A folder of release tables gives one part per table; a folder of other
        Parquet files (an imported dataset) one per file.
    table : str
        The table to check parts against whose table is not known from a file name.
    format : str
        The format of paths (one of :data:`summitry.eventdata.inputs.FORMATS`).

    Yields
    ------
    Part
        One input; a file that cannot be read is a part with an ``unreadable-file`` problem.

    Raises
    ------
    summitry.errors.SummitryError
        When ``data`` is of none of these kinds.
    """
    if isinstance(data, pd.DataFrame):
        yield Part(None, _arrow_chunks(frame_to_arrow(data).to_batches(BATCH_ROWS)))
    elif isinstance(data, pa.Table):
        yield Part(None, _arrow_chunks(data.to_batches(BATCH_ROWS)))
    elif isinstance(data, pa.RecordBatch):
        yield Part(None, _arrow_chunks([data]))
    elif isinstance(data, EventReader):
        data.keep_going = True
        yield Part(None, data.chunks(), origin=data.format if data.format != "auto" else None,
                    problems=data.problems)
    elif isinstance(data, (str, Path)):
        path = Path(data)
        if path.is_dir():
            tables = [t for t in schema.TABLES if (path / f"{t}.parquet").is_file()]
            for t in tables:
                for part in _path_parts(path / f"{t}.parquet", "parquet", t):
                    part.table = t
                    yield part
            if not tables:  # a dataset folder, such as the one `summitry import` writes
                files = sorted(p for p in path.rglob("*.parquet") if not p.name.startswith(("_", ".")))
                if not files:
                    yield Part(str(path), iter(()), problems=[ReadProblem(
                        "unreadable-file", str(path), None, None, None, "folder holds no Parquet files")])
                for p in files:
                    yield from _path_parts(p, "parquet", table)
            return
        yield from _path_parts(path, format, table)
    elif isinstance(data, Iterable):
        items = list(data) if not isinstance(data, Iterator) else data
        if isinstance(items, list) and items and all(isinstance(x, (str, Path)) for x in items):
            for x in items:
                yield from parts(x, table, format)
        else:
            yield Part(None, _arrow_chunks(items))
    else:
        raise SummitryError(f"cannot validate a {type(data).__name__}: give a DataFrame, an Arrow table "
                            "or batches, or paths to Parquet, CSV, TSV, GDELT or ICEWS files")
