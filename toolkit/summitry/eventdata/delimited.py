"""Streaming delimited text (GDELT, ICEWS, CSV, TSV) as Arrow record batches of text.

Every column is read as text so codes keep their leading zeros, in blocks so a file
larger than memory streams through. Rows with the wrong number of fields and values
that are not UTF-8 do not stop the read: they become :class:`ReadProblem` entries with
their line number, and the rest of the file is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

if TYPE_CHECKING:
    from .inputs import BinaryStream

BLOCK_SIZE = 16 << 20

Rows = npt.NDArray[np.int64]
"""Each row's 1-based line number in its file, or its 0-based position in a table."""


@dataclass
class ReadProblem:
    """Something wrong found while reading: a rule code, where, and what.

    Parameters
    ----------
    code : str
        The rule code (:mod:`summitry.validation.rules`), e.g. ``malformed-row``.
    file : str or None
        The file read; None for data given in memory.
    row : int or None
        The 1-based line number, when known.
    field : str or None
        The column the problem is in, when it is in one.
    value : str or None
        The value as read (a malformed row's first 200 characters).
    message : str
        What is wrong, in words.
    """

    code: str
    file: str | None
    row: int | None
    field: str | None
    value: str | None
    message: str


@dataclass
class Chunk:
    """One batch of columns, the file it came from, and each row's line number.

    Parameters
    ----------
    file : str or None
        The file read; None for data given in memory.
    batch : pyarrow.RecordBatch
        The rows.
    rows : numpy.ndarray of int64
        Each row's 1-based line number in the file (0-based position for in-memory data).
    """

    file: str | None
    batch: pa.RecordBatch
    rows: Rows


def _line_numbers(start: int, n: int, skipped: Rows, header: int) -> Rows:
    """Line numbers of good rows ``start .. start+n-1`` (0-based ordinals) given skipped lines.

    A good row of 1-based ordinal o sits on line o + header + #{j : s_j - j < o + header}
    for skipped data lines s_1 < s_2 < ... (1-based, j 1-based): each skipped line before
    it pushes it down by one.
    """
    o = np.arange(start + 1, start + n + 1, dtype=np.int64) + header
    if len(skipped) == 0:
        return o
    shifted = skipped - np.arange(1, len(skipped) + 1)
    return o + np.searchsorted(shifted, o, side="left")


def _has_nul(col: pa.Array) -> bool:
    """Whether any value of a binary column holds a zero byte: one pass over its data buffer, no copy."""
    offsets, data = col.buffers()[1:3]
    if data is None or len(col) == 0:
        return False
    bounds = np.frombuffer(offsets, dtype=np.int32)[col.offset: col.offset + len(col) + 1]
    values = np.frombuffer(data, dtype=np.uint8)[bounds[0]: bounds[-1]]
    return bool(np.count_nonzero(values) < values.size)


def _report_nul(col: pa.Array, name: str, file: str, rows: Rows, problems: list[ReadProblem]) -> None:
    """A ``nul-byte`` problem for each value holding a zero byte (a text field never does)."""
    hits = np.flatnonzero(pc.fill_null(pc.match_substring(col, "\x00"), False).to_numpy(zero_copy_only=False))
    for i in hits:  # only the rows that hold one: no loop over clean rows
        value = col[int(i)].as_py()
        problems.append(ReadProblem("nul-byte", file, int(rows[i]), name,
                                    value.decode("utf-8", "replace").replace("\x00", "\\x00")[:200],
                                    f"holds a NUL byte (\\x00) at byte {value.index(0)}, which no text field "
                                    "contains: the file is damaged, or binary data was written into it"))


def _to_text(batch: pa.RecordBatch, file: str, rows: Rows, problems: list[ReadProblem]) -> pa.RecordBatch:
    """Binary columns to UTF-8 text; bytes that are not UTF-8 or NUL are reported (the first replaced)."""
    arrays = []
    for name, col in zip(batch.schema.names, batch.columns, strict=True):
        if _has_nul(col):
            _report_nul(col, name, file, rows, problems)
        try:
            arrays.append(col.cast(pa.string()))
            continue
        except pa.ArrowInvalid:
            pass
        fixed: list[str | None] = []
        for i, v in enumerate(col.to_pylist()):
            if v is None:
                fixed.append(None)
                continue
            try:
                fixed.append(v.decode("utf-8"))
            except UnicodeDecodeError as exc:
                text = v.decode("utf-8", "replace")
                problems.append(ReadProblem("encoding-error", file, int(rows[i]), name, text,
                                            f"not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                            "read with replacement characters"))
                fixed.append(text)
        arrays.append(pa.array(fixed, pa.string()))
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def stream_text(stream: BinaryStream, file: str, column_names: list[str], *, delimiter: str = "\t",
                header: bool = False, quoting: bool = False, null_values: Sequence[str] = ("",),
                problems: list[ReadProblem], on_wrong_width: Callable[[int | None, list[str]], None] | None = None,
                block_size: int = BLOCK_SIZE, line_numbers: bool = True,
                include: list[str] | None = None) -> Iterator[Chunk]:
    """Yield :class:`Chunk` s of text columns named ``column_names``.

    A row whose field count differs is handed to ``on_wrong_width(line, fields)`` when
    given (GDELT 1.0 files mix 57 and 58 columns), else reported as ``malformed-row``.
    ``line_numbers=False`` parses on all cores, but pyarrow then cannot say on which
    line a malformed row sits (it is reported without one) and rows get ordinals.

    Parameters
    ----------
    stream : binary file-like
        The file's bytes, from :func:`summitry.eventdata.inputs.open_binary`.
    file : str
        The file's name, for problems and chunks.
    column_names : list of str
        The names of the columns, in file order.
    delimiter : str, default ``"\t"``
        The field separator.
    header : bool, default False
        Whether the first line is a header (it is skipped).
    quoting : bool, default False
        Whether ``"`` quotes fields (CSV) rather than being a literal character (GDELT, ICEWS).
    null_values : sequence of str, default ``("",)``
        Values read as null.
    problems : list of ReadProblem
        Malformed rows and text that is not UTF-8 are appended here.
    on_wrong_width : callable, optional
        Called with the line number (None when unknown) and the fields of each row whose
        field count differs; returns nothing.
    block_size : int, default :data:`BLOCK_SIZE`
        Bytes parsed at a time.
    line_numbers : bool, default True
        Keep exact line numbers (parsing on one core).
    include : list of str, optional
        Convert only these columns (the rest are split but never copied).

    Yields
    ------
    Chunk
        A batch of text columns with each row's line number.
    """
    skipped: list[int] = []

    def handler(row: Any) -> str:  # a pyarrow.csv.InvalidRow
        line = row.number if row.number is not None and row.number >= 0 else None
        if line is not None:
            skipped.append(line)
        fields = row.text.split(delimiter)
        if on_wrong_width is not None and (line is not None or not line_numbers):
            on_wrong_width(line, fields)
        else:
            problems.append(ReadProblem(
                "malformed-row", file, line, None, row.text[:200],
                f"{row.actual_columns} fields where {row.expected_columns} are expected"))
        return "skip"

    types = {c: pa.binary() for c in (include or column_names)}
    read_options = pcsv.ReadOptions(column_names=column_names, skip_rows=1 if header else 0,
                                    block_size=block_size, use_threads=not line_numbers)
    parse_options = pcsv.ParseOptions(delimiter=delimiter, quote_char='"' if quoting else False,
                                      newlines_in_values=quoting, invalid_row_handler=handler)
    convert_options = pcsv.ConvertOptions(column_types=types, null_values=list(null_values),
                                          strings_can_be_null=True, quoted_strings_can_be_null=False,
                                          include_columns=include)
    done = 0
    try:
        reader = pcsv.open_csv(stream, read_options=read_options, parse_options=parse_options,
                               convert_options=convert_options)
        for batch in reader:
            if batch.num_rows == 0:
                continue
            rows = _line_numbers(done, batch.num_rows, np.asarray(sorted(skipped), dtype=np.int64),
                                 1 if header else 0)
            done += batch.num_rows
            yield Chunk(file, _to_text(batch, file, rows, problems), rows)
    except pa.ArrowInvalid as exc:
        if "straddl" not in str(exc):
            raise
        from .inputs import InputError

        # pyarrow cannot say where: the line after the rows read so far starts the block that failed
        line = done + len(skipped) + (1 if header else 0) + 1
        raise InputError(file, f"line {line:,} (or one soon after) is longer than the reader's block of "
                               f"{block_size:,} bytes: a field of that size is not event data, so the file is "
                               "likely damaged (a lost line end); repair or remove that line, or read the "
                               "file with a larger block_size= in Python") from None


def text_columns(stream: BinaryStream, file: str, *, delimiter: str, quoting: bool) -> list[str]:
    """The header line of a delimited file, as column names (BOM and padding removed).

    Parameters
    ----------
    stream : binary file-like
        The file's bytes, positioned at its start.
    file : str
        The file's name (unused; kept for symmetry with :func:`stream_text`).
    delimiter : str
        The field separator.
    quoting : bool
        Whether names may be quoted (CSV); quotes and padding are then removed.

    Returns
    -------
    list of str
        The column names.
    """
    line = stream.readline() if hasattr(stream, "readline") else b""
    text = line.decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r\n")
    names = [n.strip().strip('"') if quoting else n for n in text.split(delimiter)]
    return names


def blank_to_null(arr: pa.Array, extra: Sequence[str] = ()) -> pa.Array:
    """Listed missing markers (such as ``NA``) as nulls.

    Parameters
    ----------
    arr : pyarrow.Array
        A text column.
    extra : sequence of str, default ()
        The values to turn into null.

    Returns
    -------
    pyarrow.Array
        ``arr`` with every value in ``extra`` null; ``arr`` itself when ``extra`` is empty.
    """
    if extra:
        arr = pc.if_else(pc.is_in(arr, pa.array(list(extra), pa.string())), pa.scalar(None, pa.string()), arr)
    return arr
