"""Writing analysis results: tables for R and Stata, figures for papers.

The format comes from the file's extension. A file appears whole or not at all: it is
written beside its target under a temporary name and renamed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import SummitryError, check_choice

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TABLE_FORMATS = ("parquet", "csv", "dta")
FIGURE_FORMATS = ("png", "svg", "pdf")


def format_of(out: str | os.PathLike[str], choices: Collection[str]) -> str:
    """The format named by ``out``'s extension, one of ``choices``.

    Parameters
    ----------
    out : str or path-like
        The file to write.
    choices : collection of str
        The formats allowed, as extensions without the dot (lower case).

    Returns
    -------
    str
        The extension, lower case, without the dot.

    Raises
    ------
    ChoiceError
        If the extension is not one of ``choices``.
    """
    ext = Path(out).suffix.lstrip(".").lower()
    return check_choice("file extension", ext, choices)


@contextlib.contextmanager
def atomic(out: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; rename it to ``out`` if the block succeeds.

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
        If the folder of ``out`` does not exist.
    """
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise SummitryError(f"cannot write {out}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".summitry-", suffix=out.suffix, dir=folder)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_frame(df: pd.DataFrame, out: str | os.PathLike[str]) -> Path:
    """Write a result table as .parquet, .csv or .dta (Stata 14+), by its extension.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; periods are written as text, and for Stata nullable integers with
        missing values as floats and missing text as empty.
    out : str or path-like
        The file to write.

    Returns
    -------
    pathlib.Path
        ``out``.

    Raises
    ------
    ChoiceError
        If the extension is not .parquet, .csv or .dta.
    SummitryError
        If the folder of ``out`` does not exist.
    """
    fmt = format_of(out, TABLE_FORMATS)
    with atomic(out) as tmp:
        if fmt == "parquet":
            _plain(df).to_parquet(tmp, index=False)
        elif fmt == "csv":
            _plain(df).to_csv(tmp, index=False)
        else:
            _stata(df).to_stata(tmp, write_index=False, version=118,
                                data_label=str(df.attrs.get("credit", "summitry"))[:80])
    return Path(out)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.attrs = {}
    for name in out.columns:
        if isinstance(out[name].dtype, pd.PeriodDtype):
            out[name] = out[name].astype(str)
    return out


def _stata(df: pd.DataFrame) -> pd.DataFrame:
    # Stata has no nullable integers and wants text without missing values.
    out = _plain(df)
    for name in out.columns:
        col = out[name]
        if pd.api.types.is_integer_dtype(col.dtype) and col.isna().any():
            out[name] = col.astype("float64")
        elif pd.api.types.is_integer_dtype(col.dtype) and str(col.dtype) == "Int64":
            out[name] = col.astype("int64")
        elif not pd.api.types.is_numeric_dtype(col.dtype):
            out[name] = col.astype(object).where(col.notna(), "").astype(str)
    return out


def save_figure(fig: Figure, out: str | os.PathLike[str]) -> Path:
    """Save a matplotlib figure as .png, .svg or .pdf, by its extension.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    out : str or path-like
        The file to write.

    Returns
    -------
    pathlib.Path
        ``out``.

    Raises
    ------
    ChoiceError
        If the extension is not .png, .svg or .pdf.
    SummitryError
        If the folder of ``out`` does not exist.
    """
    fmt = format_of(out, FIGURE_FORMATS)
    with atomic(out) as tmp:
        fig.savefig(tmp, format=fmt, dpi=150, bbox_inches="tight")
    return Path(out)
