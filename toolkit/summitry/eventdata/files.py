"""What a user's file is before it is opened: a regular file, or what else, and how compressed.

Opening a FIFO blocks until something writes to it, and a device can stream forever, so
only regular files are read. The operating system's refusals (a symlink loop, a missing
target, a permission) are put in words that name what is wrong.
"""

from __future__ import annotations

import errno
import lzma
import os
import stat
import zipfile
import zlib
from pathlib import Path
from typing import TypeAlias

from ..errors import SummitryError

StrPath: TypeAlias = str | os.PathLike[str]
"""A path given as text or as a path object."""


class InputError(SummitryError):
    """A file that cannot be read at all (missing, truncated, refused, wrong format).

    Parameters
    ----------
    file : str or path-like
        The file.
    reason : str
        Why it cannot be read.

    Attributes
    ----------
    file : str
        The file, as text.
    reason : str
        Why it cannot be read (the message without the file name).
    """

    exit_code = 2

    def __init__(self, file: StrPath, reason: str) -> None:
        self.file, self.reason = str(file), reason
        super().__init__(f"{file}: {reason}")


# Magic bytes of compressed streams; the readers decompress those the standard library knows.
_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd"}
COMPRESSED_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}

READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error,
                                                lzma.LZMAError)
"""What reading a damaged file or stream raises (besides Arrow's errors)."""


def describe(exc: BaseException) -> str:
    """An exception in words: its message, or its kind when it has none.

    Parameters
    ----------
    exc : BaseException
        The exception.

    Returns
    -------
    str
        ``str(exc)``, or the exception's class name when that is empty (a bare ``EOFError()``).
    """
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def os_reason(exc: OSError, path: StrPath) -> str:
    """Why the operating system refused ``path``, in words (without the path).

    Parameters
    ----------
    exc : OSError
        The error ``os.stat``, ``open`` or ``mkdir`` raised.
    path : str or path-like
        The path, to tell a dangling symlink from a missing file.

    Returns
    -------
    str
        E.g. ``"no such file"``, ``"is a symlink loop ..."``, ``"permission denied"``.
    """
    code = exc.errno
    if code == errno.ELOOP:
        return "is a symlink loop (the link points, through other links or not, at itself)"
    if code == errno.ENOENT:
        return "is a symlink to a missing file" if os.path.islink(path) else "no such file"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if code == errno.ENOSPC:
        return "no space left on the device"
    if code == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or describe(exc)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def check_input(path: StrPath) -> Path:
    """``path`` if it is a regular file (symlinks followed), else an :class:`InputError` saying what it is.

    Parameters
    ----------
    path : str or path-like
        The input file.

    Returns
    -------
    pathlib.Path
        The path.

    Raises
    ------
    InputError
        When the file is missing, a symlink loop or to nothing, unreadable, a folder, or a
        FIFO, device or socket (reading one may block forever).
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise InputError(p, os_reason(exc, p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(p, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(p, f"is {_kind(st.st_mode)}, not a regular file; refused, since reading it could "
                            "block forever (copy its data to a file first)")
    return p


def compression(path: StrPath) -> str | None:
    """The compression of a file, told by its first bytes whatever its name.

    Parameters
    ----------
    path : str or path-like
        A regular file.

    Returns
    -------
    str or None
        ``gzip``, ``bzip2``, ``xz`` or ``zstd``; None for anything else (zips included).
    """
    with open(path, "rb") as fh:
        magic = fh.read(6)
    return next((kind for m, kind in _COMPRESSED.items() if magic.startswith(m)), None)




def kind_of(path: StrPath) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a folder, else None.

    Parameters
    ----------
    path : str or path-like
        Any path; symbolic links are followed.

    Returns
    -------
    str or None
        E.g. ``"a character device"`` or ``"a FIFO (named pipe)"``; None for a regular file,
        a folder, or a path that does not exist.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _kind(mode)
