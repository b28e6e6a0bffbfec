"""Writing files safely: whole or not at all, with clear errors when the disk says no.

Every writer of user-facing files (``export``, the analyses' ``write_frame`` and
``save_figure``) goes through :func:`atomic_files`, so they share one behaviour:

- a regular file is written beside its target under a temporary name and renamed over
  it, so a reader never sees half a file and a failed write leaves the old one intact;
- a target that exists and is not a regular file (``/dev/null``, a FIFO, a terminal) is
  never renamed over, which would replace the device node with a plain file: the data
  is written to a private temporary file first and then copied into the target;
- a folder that does not exist, cannot be written to, or a disk that fills up is a
  :class:`~summitry.errors.SummitryError` naming the path, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import SummitryError, WriteError

# The OS errors that say "this destination cannot take the file", as opposed to bugs.
_DESTINATION_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM,
                                 errno.EIO, errno.ENAMETOOLONG})


def is_special(out: str | os.PathLike[str]) -> bool:
    """Whether ``out`` exists and is neither a regular file nor a folder (a device, FIFO, socket).

    Parameters
    ----------
    out : str or path-like
        A destination path; symbolic links are followed.

    Returns
    -------
    bool
        True for ``/dev/null``, named pipes and the like.
    """
    try:
        mode = os.stat(out).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _check_target(out: Path) -> Path:
    # Renaming over a symbolic link would replace the link, not the file it points to; a link
    # to a device (/dev/stdout) is kept, as opening it is the way to reach the device.
    out = Path(os.path.realpath(out)) if out.is_symlink() and not is_special(out) else out
    if out.is_dir():
        raise SummitryError(f"cannot write {out}: it is a folder; give a file name")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise SummitryError(f"cannot write {out}: the folder {folder} does not exist")
    return out


@contextlib.contextmanager
def atomic_files(outs: Sequence[str | os.PathLike[str]]) -> Iterator[list[Path]]:
    """Yield one temporary path per target; move them all into place if the block succeeds.

    Parameters
    ----------
    outs : sequence of str or path-like
        The files to write (e.g. a CSV and its schema). They appear together: if the block
        fails, every temporary file is removed and no target is touched.

    Yields
    ------
    list of pathlib.Path
        The temporary files to write to, in the order of ``outs``. A temporary file already
        exists (empty); writers that refuse to overwrite may delete it first.

    Raises
    ------
    SummitryError
        If a target is a folder or its folder does not exist.
    WriteError
        If a folder cannot be written to or the disk is full (exit status 2).
    """
    targets = [_check_target(Path(o)) for o in outs]
    private = tempfile.TemporaryDirectory(prefix="summitry-") if any(map(is_special, targets)) else None
    tmps: list[Path] = []
    try:
        for out in targets:
            # A device's folder (/dev) is no place for temporary files: use a private folder.
            folder = Path(private.name) if private and is_special(out) else out.parent
            try:
                fd, name = tempfile.mkstemp(prefix=".summitry-", suffix=out.suffix, dir=folder)
            except OSError as exc:
                raise WriteError(f"cannot write {out}: the folder {folder} is not writable ({_why(exc)})") from None
            os.close(fd)
            tmps.append(Path(name))
        try:
            yield tmps
            for tmp, out in zip(tmps, targets, strict=True):
                _commit(tmp, out)
        except OSError as exc:
            if exc.errno not in _DESTINATION_ERRORS:
                raise
            raise WriteError(f"cannot write {targets[0] if len(targets) == 1 else ', '.join(map(str, targets))}: "
                             f"{_why(exc)}; nothing was written") from None
    finally:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)
        if private:
            private.cleanup()


def _commit(tmp: Path, out: Path) -> None:
    if is_special(out):
        # Copy into the device or pipe as it is; opening it for writing does not replace it.
        with open(tmp, "rb") as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return
    os.chmod(tmp, 0o644)  # mkstemp makes the file private; an export is an ordinary file
    os.replace(tmp, out)


@contextlib.contextmanager
def atomic_file(out: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path for ``out``; move it into place if the block succeeds.

    Parameters
    ----------
    out : str or path-like
        The file to write.

    Yields
    ------
    pathlib.Path
        The temporary file to write to; it is removed if the block fails.

    Raises
    ------
    SummitryError
        If ``out`` is a folder or its folder does not exist.
    WriteError
        If the folder cannot be written to or the disk is full (exit status 2).
    """
    with atomic_files([out]) as (tmp,):
        yield tmp
