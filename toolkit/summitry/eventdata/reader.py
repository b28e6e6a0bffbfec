"""What every reader of foreign event files shares: many paths, zips, and problems kept.

A reader is iterable (Arrow record batches in the imported-events schema) and keeps
``problems``: rows and values it could not read, with file, line and field. A file
that cannot be read at all raises :class:`~summitry.eventdata.inputs.InputError` naming it,
unless the reader was asked to keep going (``keep_going=True``, as the validator
does), in which case it becomes an ``unreadable-file`` problem and the next file is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeAlias

import pandas as pd
import pyarrow as pa

from ..errors import SummitryError, check_choice
from . import imported, inputs
from .delimited import BLOCK_SIZE, Chunk, ReadProblem
from .inputs import BinaryStream, StrPath

Paths: TypeAlias = str | Path | Iterable[StrPath]
"""One path, or several."""


def as_paths(paths: Paths) -> list[Path]:
    """One path or several, as a list of paths.

    Parameters
    ----------
    paths : str, path or iterable of them
        A single path (text or :class:`~pathlib.Path`) or an iterable of paths.

    Returns
    -------
    list of pathlib.Path
        The paths, in the order given.
    """
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    return [Path(p) for p in paths]


class EventReader:
    """Base of :class:`~summitry.eventdata.gdelt.GdeltReader` and :class:`~summitry.eventdata.icews.IcewsReader`.

    Iterate it for Arrow record batches in the imported-events schema.

    Parameters
    ----------
    paths : str, path or iterable of them
        The files to read, plain or zipped.
    format : str, default ``"auto"``
        ``auto`` (from each file) or one of :attr:`origin_formats`.
    normalize : bool, default False
        Strip padded codes, upper-case actor codes and turn ``---`` into null.
    keep_going : bool, default False
        Report a file that cannot be read as an ``unreadable-file`` problem and read the
        next, rather than raise.
    block_size : int, default :data:`~summitry.eventdata.delimited.BLOCK_SIZE`
        Bytes parsed at a time.
    line_numbers : bool, default True
        Keep exact line numbers (parsing on one core).

    Attributes
    ----------
    problems : list of ReadProblem
        Rows and values that could not be read, with file, line and field.
    rows_read : int
        Rows read so far.
    bytes_total, bytes_done : int
        Sizes of all the files and of those read so far, for progress.

    Raises
    ------
    summitry.errors.ChoiceError
        When ``format`` is not one this reader reads.
    summitry.errors.SummitryError
        When no files are given.
    """

    origin_formats: tuple[str, ...] = ()

    def __init__(self, paths: Paths, *, format: str = "auto", normalize: bool = False,
                 keep_going: bool = False, block_size: int = BLOCK_SIZE, line_numbers: bool = True) -> None:
        check_choice("format", format, ("auto",) + self.origin_formats)
        self.paths = as_paths(paths)
        if not self.paths:
            raise SummitryError("no files given")
        self.format, self.normalize, self.keep_going = format, normalize, keep_going
        self.block_size, self.line_numbers = block_size, line_numbers
        self.problems: list[ReadProblem] = []
        self.rows_read = 0
        self.bytes_total = sum(p.stat().st_size for p in self.paths if p.is_file())
        self.bytes_done = 0

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of the batches: :func:`summitry.eventdata.imported.arrow_schema`."""
        return imported.arrow_schema()

    def file_format(self, path: Path) -> str:
        """The format of one file, which must be one this reader reads.

        Parameters
        ----------
        path : pathlib.Path
            The file.

        Returns
        -------
        str
            One of :attr:`origin_formats`.

        Raises
        ------
        summitry.eventdata.inputs.InputError
            When the file cannot be read or holds another format.
        """
        fmt = inputs.detect_format(path, self.format)
        if fmt not in self.origin_formats:
            want = " or ".join(self.origin_formats)
            raise inputs.InputError(path, f"is not a {want} file (it looks like {fmt})")
        return fmt

    def chunks(self) -> Iterator[Chunk]:
        """Chunks of imported events with their file and line numbers.

        Yields
        ------
        Chunk
            A batch in the imported-events schema, its file and each row's line number.

        Raises
        ------
        summitry.eventdata.inputs.InputError
            When a file cannot be read and the reader was not asked to keep going.
        """
        for path in self.paths:
            try:
                fmt = self.file_format(path)
                head = inputs._head(path, 1 << 16)
                with inputs.open_binary(path) as stream:
                    for chunk in self._chunks(stream, str(path), fmt, head):
                        self.rows_read += chunk.batch.num_rows
                        if self.normalize:
                            chunk = Chunk(chunk.file, imported.normalize_codes(chunk.batch), chunk.rows)
                        yield chunk
            except inputs.InputError as exc:
                if not self.keep_going:
                    raise
                self.problems.append(ReadProblem("unreadable-file", str(path), None, None, None, exc.reason))
            except (pa.ArrowException, *inputs.READ_ERRORS) as exc:
                reason = f"cannot be read ({inputs.describe(exc)})"
                if not self.keep_going:
                    raise inputs.InputError(path, reason) from None
                self.problems.append(ReadProblem("unreadable-file", str(path), None, None, None, reason))
            finally:
                if path.is_file():
                    self.bytes_done += path.stat().st_size

    def _chunks(self, stream: BinaryStream, file: str, fmt: str, head: bytes) -> Iterator[Chunk]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        for chunk in self.chunks():
            yield chunk.batch

    def read_all(self) -> pa.Table:
        """All rows as one Arrow table.

        Returns
        -------
        pyarrow.Table
            Every batch, in the imported-events schema.
        """
        return pa.Table.from_batches(list(self), schema=self.schema)

    def to_pandas(self) -> pd.DataFrame:
        """All rows as a DataFrame; codes stay text with their leading zeros.

        Returns
        -------
        pandas.DataFrame
            Every row, in the imported-events schema.
        """
        df: pd.DataFrame = self.read_all().to_pandas()
        return df
