"""``summitry.import_events``: GDELT or ICEWS files into one Parquet dataset, by year.

Layout of the dataset (read it with ``duckdb.read_parquet('OUT/**/*.parquet',
hive_partitioning=true)``, ``pyarrow.dataset.dataset(OUT, partitioning='hive')`` or
``summitry.scan``)::

    OUT/
      year=2016/part-<file id>.parquet   one file per input file and year; zstd level 1
      year=__HIVE_DEFAULT_PARTITION__/   rows whose date is missing or unreadable
      _imported.json                     the input files imported (id, name, size, rows, years)
      _schema.json                       the columns (imported-events schema)
      _validation.json                   the validation report, with validate=True

Names starting with ``_`` are skipped by Arrow, DuckDB globs of ``*.parquet`` and Spark,
so the folder reads as a dataset as it is.

Columns are those of ``summitry.eventdata.imported.fields()``: the events fields a foreign row
can fill (codes as text) plus origin columns. Each input file is written under a
temporary folder (``.tmp-*``, its files named ``*.parquet.partial``, so that no reader's
glob or discovery matches them) and moved into place only when complete; it is then
recorded in ``_imported.json``. A run that fails or is interrupted removes what it had
not committed, and a folder it created for nothing is removed whole. A re-run skips
recorded files (by :func:`file_id`: name, size and a hash of the first and last MiB), so
nothing is imported twice, and an interrupted run resumes with the file it was writing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pyarrow as pa

from ..errors import SummitryError, WriteError, check_choice
from ..eventdata import files, imported, inputs
from ..eventdata.reader import Paths, as_paths
from ..validation.report import Report
from .writers import NULL_PARTITION, ROW_GROUP_ROWS, WRITE_OPTIONS, _YearWriters  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from tqdm import tqdm

    from ..validation.validate import StreamValidator

MANIFEST = "_imported.json"
SCHEMA_FILE = "_schema.json"
REPORT_FILE = "_validation.json"
FORMATS = ("auto", "gdelt", "gdelt1", "gdelt2", "icews")
MAX_LISTED = 1000  # skipped lines listed per file in the manifest (the count is exact)
# zstd level 1, dictionaries only where values repeat, statistics only where scans filter:
# a third of the writing time of the defaults, for files 2% larger


@dataclass
class ImportResult:
    """What :func:`import_events` did.

    Parameters
    ----------
    out : Path
        The dataset folder.
    files_imported : list of str
        The input files imported by this run.
    files_skipped : list of str
        The input files skipped because an earlier run imported them.
    rows_written : int
        Rows written by this run.
    seconds : float
        How long the run took.
    report : Report or None
        The validation report, with ``validate=True``.
    lines_skipped : dict of str to int
        Per input file, the lines that could not be read as a row (wrong number of fields) and
        were left out; each is listed under ``skipped`` in the file's entry of ``_imported.json``.
    """

    out: Path
    files_imported: list[str] = field(default_factory=list)
    files_skipped: list[str] = field(default_factory=list)
    rows_written: int = 0
    seconds: float = 0.0
    report: Report | None = None
    lines_skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """What was imported, how fast, and what was skipped, with the report's summary if any.

        Returns
        -------
        str
            One line, and the report's summary after it when there is a report.
        """
        rate = self.rows_written / self.seconds if self.seconds else 0
        lines = [f"imported {len(self.files_imported)} file(s), {self.rows_written:,} rows into {self.out} "
                 f"({rate:,.0f} rows/s); skipped {len(self.files_skipped)} already imported"]
        for file, n in self.lines_skipped.items():
            lines.append(f"warning: {n:,} line(s) of {file} were skipped (wrong number of fields); they are "
                         f"listed under \"skipped\" in {self.out / MANIFEST}")
        if self.report is not None:
            lines.append(self.report.summary())
        return "\n".join(lines)


def file_id(path: Path) -> str:
    """A file's identity: its name, size, first and last MiB, hashed.

    Reading a whole 10 GB file twice only to recognise it would double an import's
    cost; GDELT and ICEWS files never differ only in their middle.

    Parameters
    ----------
    path : Path
        The input file.

    Returns
    -------
    str
        32 hexadecimal digits of the SHA-256.
    """
    size = path.stat().st_size
    h = hashlib.sha256(f"{path.name}\0{size}\0".encode())
    with open(path, "rb") as fh:
        h.update(fh.read(1 << 20))
        if size > 2 << 20:
            fh.seek(-(1 << 20), os.SEEK_END)
            h.update(fh.read(1 << 20))
    return h.hexdigest()[:32]


def _load_manifest(out: Path) -> dict[str, Any]:
    p = out / MANIFEST
    if not p.is_file():
        return {"files": {}}
    try:
        manifest = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(manifest.get("files"), dict):
            raise ValueError("no 'files' mapping")
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise SummitryError(f"{p}: not a manifest of imported files ({inputs.describe(exc)}); move it away to "
                            "import into the folder afresh") from None
    return cast(dict[str, Any], manifest)


def _prepare_out(out: Path) -> Path | None:
    """Make the dataset folder if needed; the topmost folder this made (to remove on failure), or None."""
    kind = files.kind_of(out)
    if kind is not None:
        raise WriteError(f"cannot import into {out}: it is {kind}, not a folder; --out must be a folder")
    if out.exists() and not out.is_dir():
        raise WriteError(f"cannot import into {out}: it is a file, not a folder; --out must be a folder")
    top = None
    for parent in [out, *out.parents]:  # the first missing ancestor is what a failure removes
        if parent.exists():
            break
        top = parent
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".tmp-probe-{os.getpid()}"
        probe.mkdir()  # a folder one may list but not write to fails here, before any reading
        probe.rmdir()
    except OSError as exc:
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)
        raise WriteError(f"cannot import into {out}: {inputs.os_reason(exc, out)}") from None
    return top


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _reader_format(fmt: str) -> str:
    return {"gdelt": "auto"}.get(fmt, fmt)


def _check_formats(paths: list[Path], fmt: str) -> dict[Path, str]:
    """The format of each file, refusing before anything is written if one is wrong."""
    allowed = {"auto": ("gdelt1", "gdelt2", "icews"), "gdelt": ("gdelt1", "gdelt2"), "gdelt1": ("gdelt1",),
               "gdelt2": ("gdelt2",), "icews": ("icews",)}[fmt]
    found: dict[Path, str] = {}
    for p in paths:
        got = inputs.detect_format(p, "auto")
        if got not in allowed:
            raise inputs.InputError(p, f"is not a {' or '.join(allowed)} file (it looks like {got}); "
                                       "nothing was imported")
        found[p] = got
    return found


def _import_file(path: Path, fmt: str, digest: str, out: Path, pool: ThreadPoolExecutor,
                 sv: StreamValidator | None, normalize: bool, validate: bool,
                 bar: tqdm[Any] | None) -> dict[str, Any]:
    """Import one file under a temporary folder and move its partitions into place; its manifest entry."""
    from ..eventdata.gdelt import GdeltReader
    from ..eventdata.icews import IcewsReader
    from ..validation.parts import prefetch

    cls = IcewsReader if fmt == "icews" else GdeltReader
    # line numbers matter only for a report; without one, parse on every core
    reader = cls([path], format=fmt, line_numbers=validate)
    tmp = out / f".tmp-{digest[:16]}"
    part_name = f"part-{digest[:16]}.parquet"
    meta = {b"summitry": json.dumps({"table": imported.TABLE, "origin": fmt, "source_file": path.name,
                                     "source_id": digest}, sort_keys=True).encode()}
    writers = _YearWriters(tmp, part_name + ".partial", meta)
    rows = 0
    if sv is not None:
        sv.c.files.append(str(path))

    def write(batch: pa.RecordBatch) -> None:
        writers.add(imported.normalize_codes(batch) if normalize else batch)

    # three stages at once: parsing (a reader thread), checking (here), writing (the writer thread)
    writing: Future[None] | None = None
    chunks = prefetch(reader.chunks())
    try:
        for n_chunk, chunk in enumerate(chunks):
            if sv is not None:
                if n_chunk == 0:
                    sv.begin(str(path), chunk.batch.schema.names, fmt)
                sv.check(chunk)
            if writing is not None:
                writing.result()
            writing = pool.submit(write, chunk.batch)
            rows += chunk.batch.num_rows
            if bar is not None:
                bar.update(chunk.batch.num_rows)
        if writing is not None:
            writing.result()
        years = writers.close()
    except BaseException:
        chunks.close()  # stop the reader thread now
        if writing is not None:
            with contextlib.suppress(BaseException):
                writing.result()  # the writer must be done with the files before they are removed
        writers.abandon()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if sv is not None:
        sv.problems(reader.problems)
    # the whole file is written: move its partitions into place (the caller then records it)
    for y in years:
        dest = out / f"year={y}"
        dest.mkdir(exist_ok=True)
        os.replace(tmp / f"year={y}" / writers.part_name, dest / part_name)
    shutil.rmtree(tmp, ignore_errors=True)
    skipped = [p for p in reader.problems if p.code == "malformed-row"]
    return {"name": path.name, "size": path.stat().st_size, "format": fmt, "rows": rows, "years": years,
            "unreadable_rows": len(skipped),
            # the first lines left out, so that a user can find them (line numbers need validate=True)
            "skipped": [{"line": p.row, "reason": p.message, "text": p.value} for p in skipped[:MAX_LISTED]]}


def import_events(paths: Paths, out: str | os.PathLike[str], *, format: str = "auto", validate: bool = False,
                  normalize: bool = True, progress: bool = False, quad_split: str = "gdelt") -> ImportResult:
    """Stream GDELT 1.0/2.0 or ICEWS files into a Parquet dataset partitioned by year.

    Idempotent and resumable: a file already imported into ``out`` is skipped, and an
    interrupted run resumes with the file it was writing (see the module).

    Parameters
    ----------
    paths : str, Path or iterable of them
        The input files, plain or zipped.
    out : str or path-like
        The dataset folder; created if missing.
    format : {"auto", "gdelt", "gdelt1", "gdelt2", "icews"}
        ``gdelt`` (1.0 or 2.0, told apart per file), ``gdelt1``, ``gdelt2``, ``icews`` or
        ``auto``; a file of another format is refused, naming it, before anything is written.
    validate : bool
        Check every batch on the way and write the report to ``_validation.json`` beside
        the data.
    normalize : bool
        Strip padded codes, upper-case actor codes and turn ``---`` into null (after
        validation sees the values as written).
    progress : bool
        Show a progress bar on standard error.
    quad_split : {"gdelt", "icews"}
        The quad classes validation expects: GDELT's, or ICEWS/Phoenix's.

    Returns
    -------
    ImportResult
        The files imported and skipped, the rows written and, with ``validate=True``, the report.

    Raises
    ------
    ChoiceError
        If ``format`` is unknown.
    SummitryError
        If no file is given, or a file cannot be read or is not of ``format``.
    """
    from ..validation.validate import StreamValidator

    check_choice("format", format, FORMATS)
    paths = as_paths(paths)
    if not paths:
        raise SummitryError("no files given")
    formats = _check_formats(paths, format)
    out = Path(out)
    created = _prepare_out(out)
    for stale in out.glob(".tmp-*"):  # left by an interrupted run: that file is imported again
        shutil.rmtree(stale, ignore_errors=True)
    manifest = _load_manifest(out)
    result = ImportResult(out)
    sv = StreamValidator("events", quad_split=quad_split) if validate else None
    bar: tqdm[Any] | None = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" rows", unit_scale=True, file=sys.stderr, desc="importing", mininterval=0.5)
    t0 = time.perf_counter()
    from concurrent.futures import ThreadPoolExecutor

    # one writer thread per run, shut down on every way out: none outlives an error
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summitry-import-writer")
    try:
        for i, path in enumerate(paths):
            digest = file_id(path)
            if digest in manifest["files"]:
                result.files_skipped.append(str(path))
                continue
            if bar is not None:
                bar.set_description(f"importing {i + 1}/{len(paths)} {path.name}")
            entry = _import_file(path, formats[path], digest, out, pool, sv, normalize, validate, bar)
            if not result.files_imported:  # with the first file committed, the folder becomes a dataset
                _write_atomic(out / SCHEMA_FILE, imported.schema_text())
            manifest["files"][digest] = entry
            _write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            result.files_imported.append(str(path))
            result.rows_written += entry["rows"]
            if entry["unreadable_rows"]:
                result.lines_skipped[str(path)] = entry["unreadable_rows"]
    except BaseException as exc:
        if created is not None and not result.files_imported:
            shutil.rmtree(created, ignore_errors=True)  # a folder made for nothing goes: as it was before
        if isinstance(exc, OSError):  # the reader turns its own OS errors into InputError: this is the output
            raise WriteError(f"cannot write the dataset in {out}: {inputs.os_reason(exc, out)}; "
                                    "the file being imported was not kept") from None
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
    result.seconds = time.perf_counter() - t0
    if sv is not None:
        result.report = sv.finish()
        _write_atomic(out / REPORT_FILE, result.report.to_json())
    return result
