"""``summitry.validation.validate``: check a table, or anyone's GDELT or ICEWS files, against the rules.

Input streams through batch by batch (Parquet row groups, blocks of delimited text),
so memory stays bounded whatever the file size; keys and references stay exact
across batches (:mod:`summitry.validation.keys`). Bad data never raises: an unreadable file, a
malformed row or a wrong value each becomes a reported failure, and checking goes on.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Never, TypeAlias

import pyarrow as pa
import pyarrow.parquet as pq

from .. import schema
from ..errors import SummitryError, check_choice
from ..eventdata import inputs
from ..eventdata.delimited import Chunk, ReadProblem, Rows
from .checks import QUAD_SPLITS, BatchChecker
from .coerce import coerce
from .keys import KeyTracker, PreparedKeys, check_references, prepare_keys
from .parts import Data, Part
from .parts import parts as _parts
from .references import KeySets, References, _references
from .report import Collector, Report
from .specs import Spec, check_columns, spec_for

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from tqdm import tqdm





CheckResult: TypeAlias = tuple[Collector, PreparedKeys | None, Spec, str | None, int]
"""What :meth:`StreamValidator.check_local` returns for :meth:`StreamValidator.merge`."""

# --- references ------------------------------------------------------------------------

def _outside_visit(cols: dict[str, pa.Array], visits: pa.Table | None, c: Collector, table: str, rows: Rows,
                   ids: pa.Array | None, file: str | None) -> None:
    import pyarrow.compute as pc

    if "visit_id" not in cols or "date" not in cols or visits is None:
        return
    vid = visits.column("visit_id").combine_chunks().cast(pa.string())
    idx = pc.index_in(cols["visit_id"].cast(pa.string()), value_set=vid)
    start = visits.column("start_date").combine_chunks().cast(pa.date32()).take(idx)
    end = visits.column("end_date").combine_chunks().cast(pa.date32()).take(idx)
    d = cols["date"]
    bad = pc.or_kleene(pc.less(d, start), pc.greater(d, end))
    c.add_mask("event-outside-visit", table, "date", bad, rows=rows, values=d, ids=ids, file=file,
               message=lambda v: f"{v} is outside the dates of its visit")


# --- the entry point -------------------------------------------------------------------

class StreamValidator:
    """Validates chunks as they stream past; used by :func:`validate` and the importer.

    Call :meth:`begin` for each input, then :meth:`check` (or :meth:`check_local` and
    :meth:`merge`) for each of its chunks, add the reader's :meth:`problems`, and
    :meth:`finish` at the end.

    Parameters
    ----------
    table : str, default ``"events"``
        The table inputs are checked against unless :meth:`begin` names another.
    quad_split : str, default ``"gdelt"``
        The quad classes to expect: ``gdelt`` or ``icews``.
    today : datetime.date, optional
        Dates after it are in the future; by default the day of the check.
    max_errors : int or None, default 10000
        How many failures to list (counts stay exact); None lists all.
    keysets : dict, optional
        Referenced key values by (table, field), to check foreign keys against.
    visits : pyarrow.Table, optional
        The visits' ids and dates, to check that events fall within their visit.

    Attributes
    ----------
    c : Collector
        The failures so far.
    """

    _types: set[str]  # columns whose type was reported for the current input

    def __init__(self, table: str = "events", *, quad_split: str = "gdelt", today: dt.date | None = None,
                 max_errors: int | None = 10_000, keysets: KeySets | None = None,
                 visits: pa.Table | None = None) -> None:
        self.table, self.quad_split = table, quad_split
        self.today = today or dt.date.today()
        self.c = Collector(max_errors)
        self.keysets, self.visits = keysets or {}, visits
        self.trackers: dict[tuple[str, tuple[str, ...]], KeyTracker] = {}
        self.spec: Spec | None = None
        self.checker: BatchChecker | None = None
        self.file: str | None = None

    def begin(self, file: str | None, names: list[str], origin: str | None, table: str | None = None) -> None:
        """Start an input: its columns are checked once here.

        Parameters
        ----------
        file : str or None
            The file; None for data in memory.
        names : list of str
            The input's column names.
        origin : str or None
            ``gdelt1``, ``gdelt2`` or ``icews`` for imported events, when known.
        table : str, optional
            The table to check it against, instead of the validator's.
        """
        self.file, self._types = file, set()
        self.spec = spec_for(table or self.table, names, origin, file)
        check_columns(self.spec, names, self.c, file)
        self.checker = BatchChecker(self.spec, self.c, quad_split=self.quad_split, today=self.today, file=file)

    def check(self, chunk: Chunk) -> None:
        """Check one chunk of the current input.

        Parameters
        ----------
        chunk : Chunk
            The rows and their line numbers or positions.
        """
        self.merge(self.check_local(chunk))

    def check_local(self, chunk: Chunk) -> CheckResult:
        """Check one chunk into a collector of its own; safe to run for two chunks at once.

        Arrow's kernels release the GIL, so two batches are checked on two cores; their
        results are merged back in input order, keeping reports deterministic.

        Parameters
        ----------
        chunk : Chunk
            The rows and their line numbers or positions.

        Returns
        -------
        tuple
            What :meth:`merge` takes: the chunk's collector, its prepared keys (or None),
            the spec and file it was checked against, and its number of rows.
        """
        spec, file = self.spec, self.file
        assert spec is not None, "begin() an input before checking its chunks"
        local = Collector(self.c.max_errors)
        cols = coerce(chunk.batch, spec.by_name, spec.table, local, chunk.rows, file, self._types)
        checker = BatchChecker(spec, local, quad_split=self.quad_split, today=self.today, file=file)
        checker.check(cols, chunk.rows)
        check_references(cols, spec.table, spec.foreign_keys, self.keysets, local, chunk.rows, checker.ids, file)
        if spec.table == "events" and not spec.imported:
            _outside_visit(cols, self.visits, local, spec.table, chunk.rows, checker.ids, file)
        keys = None
        if spec.primary_key and all(k in cols for k in spec.primary_key):
            keys = prepare_keys(cols, spec.primary_key, chunk.rows)
        return local, keys, spec, file, chunk.batch.num_rows

    def merge(self, result: CheckResult) -> None:
        """Add the result of :meth:`check_local` to the report; call in input order.

        Parameters
        ----------
        result : tuple
            What :meth:`check_local` returned.
        """
        local, keys, spec, file, n = result
        self.c.merge(local)
        if keys is not None:
            key = (spec.table, tuple(spec.primary_key))
            tracker = self.trackers.get(key) or self.trackers.setdefault(key, KeyTracker(spec.table, spec.primary_key))
            tracker.add_prepared(keys, file)
        self.c.rows_checked += n

    def problems(self, problems: Iterable[ReadProblem], table: str | None = None) -> None:
        """Problems a reader found (malformed rows, unreadable files) join the report.

        Parameters
        ----------
        problems : iterable of ReadProblem
            The reader's problems.
        table : str, optional
            The table they are reported under, instead of the validator's.
        """
        for p in problems:
            self.c.add(p.code, table or self.table, p.row, None, p.field, p.value, p.message, p.file)

    def finish(self) -> Report:
        """Check the keys across all chunks and return the report.

        Returns
        -------
        Report
            Every failure found.
        """
        pa.default_memory_pool().release_unused()  # batches are done: give their memory back first
        for tracker in self.trackers.values():
            tracker.report(self.c)
        self.trackers = {}
        return self.c.report()


def validate(data: Data, table: str = "events", *, format: str = "auto", references: References | None = None,
             quad_split: str = "gdelt", max_errors: int | None = 10_000, today: dt.date | None = None,
             progress: bool = False) -> Report:
    """Check ``data`` against the rules of ``table`` and return a :class:`~summitry.validation.report.Report`.

    Never raises on bad data: an unreadable file, a malformed row or a wrong value each
    becomes a reported failure, and checking goes on.

    Parameters
    ----------
    data : DataFrame, Arrow table, record batches, reader, path or list of paths
        A DataFrame, an Arrow table, record batches, a reader from
        :func:`~summitry.eventdata.read_gdelt` / :func:`~summitry.eventdata.read_icews`, or one
        or more paths (Parquet, CSV, TSV, GDELT 1.0 or 2.0, ICEWS; plain or zipped). A
        folder of release tables is checked table by table, with references between them.
        Events that carry an ``origin`` column (read from GDELT or ICEWS) are checked
        against the imported-events schema.
    table : str, default ``"events"``
        The table to check against (one of ``summitry.schema.TABLES``).
    format : str, default ``"auto"``
        The format of paths; detected from each file unless given.
    references : dict or path, optional
        ``{table: DataFrame | Arrow table | path}``, or a folder of ``<table>.parquet``
        files, to resolve foreign keys against; by default the sibling Parquet files of a
        path (none for in-memory data).
    quad_split : str, default ``"gdelt"``
        ``gdelt``, or ``icews`` for the ICEWS/Phoenix quad classes.
    max_errors : int or None, default 10000
        Bounds the failures listed (counts stay exact); None lists all.
    today : datetime.date, optional
        Dates after it are reported as in the future; by default the day of the check.
    progress : bool, default False
        Show a progress bar on standard error.

    Returns
    -------
    Report
        Every failure, counted exactly; ``report.ok`` when no error-level rule failed.

    Raises
    ------
    summitry.errors.ChoiceError
        When ``table``, ``format`` or ``quad_split`` is not a valid choice.
    summitry.errors.SummitryError
        When ``data`` is of a kind that cannot be validated.
    """
    check_choice("table", table, schema.TABLES)
    check_choice("format", format, inputs.FORMATS)
    check_choice("quad split", quad_split, QUAD_SPLITS)
    parts: list[Part] | Iterator[Part] = (list(_parts(data, table, format)) if not isinstance(data, Iterator)
                                          else _parts(data, table, format))
    tables = {p.table or table for p in parts} if isinstance(parts, list) else {table}
    keysets, visits, notes = _references(references, data, tables)
    sv = StreamValidator(table, quad_split=quad_split, today=today, max_errors=max_errors,
                         keysets=keysets, visits=visits)
    for file, note in notes:
        sv.c.add("unreadable-file", table, None, None, None, None, note, file)
    bar = _progress(progress)
    from concurrent.futures import ThreadPoolExecutor

    # one pool per call, shut down on every way out: no worker outlives an error
    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="summitry-validate")
    try:
        for part in parts:
            _check_part(part, part.table or table, sv, bar, pool)
        return sv.finish()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()


def _check_part(part: Part, table: str, sv: StreamValidator, bar: tqdm[Never] | None,
                pool: ThreadPoolExecutor) -> None:
    c = sv.c
    if part.file:
        c.files.append(part.file)
    started = False
    pending: list[Future[CheckResult]] = []
    try:
        for chunk in part.chunks:
            if not started:
                origin = part.origin
                names = chunk.batch.schema.names
                if origin is None and "origin" in names and chunk.batch.num_rows:
                    origin = chunk.batch.column("origin")[0].as_py()
                sv.begin(part.file, names, origin, table)
                started = True
                sv.check(chunk)  # the first alone: column types are reported once, from it
            else:
                pending.append(pool.submit(sv.check_local, chunk))
                while len(pending) >= WORKERS or (pending and pending[0].done()):
                    sv.merge(pending.pop(0).result())
            if bar is not None:
                bar.update(chunk.batch.num_rows)
        while pending:
            sv.merge(pending.pop(0).result())
    except SummitryError as exc:
        c.add("unreadable-file", table, None, None, None, None, str(getattr(exc, "reason", exc)), part.file)
    except (pa.ArrowException, *inputs.READ_ERRORS) as exc:
        c.add("unreadable-file", table, None, None, None, None, f"cannot be read ({inputs.describe(exc)})",
              part.file)
    finally:
        for f in pending:  # after an error: checks of later chunks are not wanted
            f.cancel()
        close = getattr(part.chunks, "close", None)
        if close is not None:
            close()  # stops the part's prefetching reader now, not when it is collected
    sv.problems(part.problems, table)
    if not started and not part.problems and part.file:
        # a file with a header and no rows still has its columns checked
        _empty_columns(part, table, c)


WORKERS = 2


def _empty_columns(part: Part, table: str, c: Collector) -> None:
    try:
        if part.file and inputs.detect_format(part.file) == "parquet":
            names = pq.read_schema(part.file).names
            check_columns(spec_for(table, names, file=part.file), names, c, part.file)
    except Exception:
        pass


def _progress(enabled: bool) -> tqdm[Never] | None:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" rows", unit_scale=True, file=sys.stderr, desc="validating", mininterval=0.5)
