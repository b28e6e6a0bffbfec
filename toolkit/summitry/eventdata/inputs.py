"""Opening the files a user hands in: plain or zipped, and what format they hold.

A zip is read as a stream from its single member, never extracted to disk, and is
refused before a byte is read when it looks like a zip bomb (a member that expands
past a size limit or by an implausible ratio) or names a path outside the archive.
Compressed content is told by its magic bytes, whatever the file's name: gzip, bzip2
and xz streams are decompressed on the fly, within the same size limit. Only regular
files are opened: a FIFO, a device or a socket is refused, since reading one can block
forever, and a symlink loop is reported as one.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Protocol, cast

from ..errors import check_choice
from .files import COMPRESSED_SUFFIXES, READ_ERRORS, InputError, StrPath, check_input, compression, describe, os_reason

__all__ = ["READ_ERRORS", "InputError", "StrPath", "check_input", "compression", "describe", "os_reason"]


class BinaryStream(Protocol):
    """What the readers need of a file: bytes on demand (an open file, or a zip member)."""

    def read(self, n: int = -1, /) -> bytes:
        """Up to ``n`` bytes (all that is left when ``n`` is -1); ``b""`` at the end."""
        ...

FORMATS = ("auto", "parquet", "csv", "tsv", "gdelt1", "gdelt2", "icews")

# A GDELT 2.0 daily zip expands about 5x, ICEWS yearly files about 10x; a ratio
# beyond 200 is not event data. The absolute limit keeps a lying header harmless.
MAX_EXPANDED_BYTES = 64 * 2**30
MAX_RATIO = 200

ICEWS_HEADER = "Event ID\tEvent Date\tSource Name"


class _LimitedReader:
    """A read-only stream that stops with an error once more than ``limit`` bytes came out."""

    def __init__(self, raw: IO[bytes], limit: int, name: str) -> None:
        self.raw, self.limit, self.name, self.count = raw, limit, name, 0
        self.closed = False

    def _counted(self, data: bytes) -> bytes:
        self.count += len(data)
        if self.count > self.limit:
            raise InputError(self.name, f"zip member expands past {self.limit:,} bytes; refused")
        return data

    def read(self, n: int = -1) -> bytes:
        return self._counted(self.raw.read(n))

    def readline(self, n: int = -1) -> bytes:
        # text_columns reads the header line with it: without it a zipped CSV had no columns
        return self._counted(self.raw.readline(n))

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self.closed = True
        self.raw.close()


def zip_member(path: Path, max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> zipfile.ZipInfo:
    """The one member of a zip, after the safety checks.

    Parameters
    ----------
    path : pathlib.Path
        The zip file.
    max_expanded_bytes : int, default :data:`MAX_EXPANDED_BYTES`
        The largest size the member may declare.

    Returns
    -------
    zipfile.ZipInfo
        The member.

    Raises
    ------
    InputError
        When the file is not a readable zip, holds other than one file, names a path
        outside the archive, or expands past the size limit or by more than :data:`MAX_RATIO`.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(path, f"not a readable zip archive ({describe(exc)})") from None
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
    if len(members) != 1:
        names = ", ".join(m.filename for m in members[:5]) or "none"
        raise InputError(path, f"a zip must hold exactly one data file; it holds {len(members)} ({names})")
    m = members[0]
    p = PurePosixPath(m.filename.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts:
        raise InputError(path, f"zip member {m.filename!r} points outside the archive; refused")
    if m.file_size > max_expanded_bytes:
        raise InputError(path, f"zip member {m.filename!r} expands to {m.file_size:,} bytes, past the "
                               f"limit of {max_expanded_bytes:,}; refused")
    if m.compress_size and m.file_size / m.compress_size > MAX_RATIO:
        raise InputError(path, f"zip member {m.filename!r} expands {m.file_size / m.compress_size:,.0f}-fold "
                               f"(limit {MAX_RATIO}); refused as a likely zip bomb")
    return m


@contextmanager
def open_binary(path: StrPath, max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> Iterator[BinaryStream]:
    """A binary stream of the file's data, unzipping a ``.zip`` on the fly.

    Parameters
    ----------
    path : str or path-like
        The file, plain or a zip of one member.
    max_expanded_bytes : int, default :data:`MAX_EXPANDED_BYTES`
        The most bytes a zip member may expand to; reading past it raises.

    Yields
    ------
    binary file-like
        The data; closed when the ``with`` block ends.

    Raises
    ------
    InputError
        When the file is missing, not a regular file (see :func:`check_input`), a zip refused
        by :func:`zip_member`, or compressed in a way the standard library cannot read (zstd).
    """
    path = check_input(path)
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        m = zip_member(path, max_expanded_bytes)
        with zipfile.ZipFile(path) as zf, zf.open(m) as raw:
            # the declared size bounds the stream, so a header that lies cannot inflate it
            yield _ZipReader(raw, min(m.file_size, max_expanded_bytes), str(path), m)
        return
    kind = compression(path)
    if kind == "zstd":
        raise InputError(path, "is zstd-compressed; decompress it first (zstd -d), or zip or gzip it")
    with open(path, "rb") as fh:
        if kind is None:
            yield fh
            return
        opener = {"gzip": gzip.GzipFile, "bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}[kind]
        with opener(fileobj=fh) as inner:
            # no header gives the expanded size: the absolute limit keeps a bomb harmless
            yield _LimitedReader(cast(IO[bytes], inner), max_expanded_bytes, str(path))


class _ZipReader(_LimitedReader):
    """A zip member's stream whose errors say what is wrong with the member."""

    def __init__(self, raw: IO[bytes], limit: int, name: str, member: zipfile.ZipInfo) -> None:
        super().__init__(raw, limit, name)
        self.member = member

    def _guard(self, read: Callable[[int], bytes], n: int) -> bytes:
        try:
            return self._counted(read(n))
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            m = self.member
            raise InputError(self.name, f"zip member {m.filename!r} is damaged or larger than its header says "
                                        f"({m.file_size:,} bytes expanded, {m.compress_size:,} compressed): "
                                        f"{describe(exc)}") from None

    def read(self, n: int = -1) -> bytes:
        return self._guard(self.raw.read, n)

    def readline(self, n: int = -1) -> bytes:
        return self._guard(self.raw.readline, n)


def _head(path: Path, n: int = 4096) -> bytes:
    try:
        with open_binary(path) as fh:
            return fh.read(n)
    except InputError:
        raise
    except Exception as exc:  # a damaged stream: report, never a traceback
        raise InputError(path, f"cannot be read ({describe(exc)})") from None


def inner_name(path: Path) -> str:
    """The name that tells the format: the zip member's for a zip.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    str
        The zip member's name for a ``.zip``, else the file's name.

    Raises
    ------
    InputError
        When a ``.zip`` is refused by :func:`zip_member`.
    """
    if path.suffix.lower() == ".zip":
        return zip_member(path).filename
    if path.suffix.lower() in COMPRESSED_SUFFIXES:  # events.export.CSV.gz holds events.export.CSV
        return path.stem
    return path.name


def detect_format(path: StrPath, format: str = "auto") -> str:
    """The format of one file: given, or from its name and first line.

    Parameters
    ----------
    path : str or path-like
        The file, plain or zipped.
    format : str, default ``"auto"``
        One of :data:`FORMATS`; anything but ``auto`` is returned as it is.

    Returns
    -------
    str
        ``parquet``, ``csv``, ``tsv``, ``gdelt1``, ``gdelt2`` or ``icews``.

    Raises
    ------
    summitry.errors.ChoiceError
        When ``format`` is not one of :data:`FORMATS`.
    InputError
        When the file is missing, empty, unreadable, or of no known type.
    """
    check_choice("format", format, FORMATS)
    path = check_input(path)  # before anything opens it: a FIFO would block the reader forever
    if format != "auto":
        return format
    name = inner_name(path).lower()
    if name.endswith(".parquet") or name.endswith(".pq"):
        return "parquet"
    head = _head(path)
    if head.startswith(b"PAR1"):
        return "parquet"
    if not head:
        raise InputError(path, "is empty (zero bytes)")
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace")
    if first.startswith(ICEWS_HEADER):
        return "icews"
    if ".export.csv" in name or name.endswith(".csv") or name.endswith(".tsv") or name.endswith(".tab") \
            or name.endswith(".txt"):
        ncols = first.count("\t") + 1
        if "\t" in first and first.split("\t", 1)[0].strip().isdigit():
            if ncols in (57, 58):
                return "gdelt1"
            if ncols == 61:
                return "gdelt2"
        if name.endswith(".csv") and ("," in first or "\t" not in first):
            return "csv"
        return "tsv"
    raise InputError(path, f"unknown file type {Path(name).suffix or '(no extension)'!r}; give the format: "
                           f"{', '.join(FORMATS[1:])}")
