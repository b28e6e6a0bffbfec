"""Writing analysis results: tables for R and Stata, figures for papers.

The format comes from the file's extension. A file appears whole or not at all, through
:mod:`summitry.dataset.atomic`, the one safe writer of every command.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..dataset.atomic import atomic_file
from ..dataset.foreign import write_dta, write_rds
from ..errors import check_choice

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TABLE_FORMATS = ("parquet", "csv", "dta", "rds")
FIGURE_FORMATS = ("png", "svg", "pdf")

# Variable labels of the panels' columns (they have no schema); Stata keeps 80 characters.
# A column not named here (a covariate added later) is labelled with attrs["column_labels"]
# or, failing that, its own name.
PANEL_LABELS = {
    "ccode1": "Correlates of War code of the first state of the dyad",
    "ccode2": "Correlates of War code of the second state of the dyad",
    "gwcode1": "Gleditsch & Ward code of the first state of the dyad",
    "gwcode2": "Gleditsch & Ward code of the second state of the dyad",
    "ccode": "Correlates of War state code",
    "gwcode": "Gleditsch & Ward state code",
    "year": "Calendar year",
    "iso3_1": "ISO 3166-1 alpha-3 code of the first state in the year",
    "iso3_2": "ISO 3166-1 alpha-3 code of the second state in the year",
    "iso3": "ISO 3166-1 alpha-3 code of the state in the year",
    "visits": "Visits in the cell; empty where the collections do not cover the cell",
    "years_since_last": "Years since the previous visit in the dyad; empty before the first",
    "covered": "1 if the collections cover the cell completely (a 0 count means no visit)",
    "conttype": "Correlates of War direct contiguity type",
    "capdist": "Distance between the two states' capitals",
    "mindist": "Minimum distance between the two states",
}


def column_labels(df: pd.DataFrame) -> dict[str, str]:
    """The variable label of each column of a result table, for Stata and R.

    Parameters
    ----------
    df : pandas.DataFrame
        A panel or other result; ``attrs["column_labels"]`` (a dict), if set, adds or
        overrides labels.

    Returns
    -------
    dict of str to str
        One label per column: :data:`PANEL_LABELS`, then the frame's own, else the column name.
    """
    own = df.attrs.get("column_labels")
    extra = own if isinstance(own, dict) else {}
    return {str(c): str(extra.get(c, PANEL_LABELS.get(str(c), c))) for c in df.columns}


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


def write_frame(df: pd.DataFrame, out: str | os.PathLike[str]) -> Path:
    """Write a result table as .parquet, .csv, .dta (Stata 15+) or .rds (R), by its extension.

    The file appears whole or not at all (see :mod:`summitry.dataset.atomic`).

    Parameters
    ----------
    df : pandas.DataFrame
        The table; periods are written as text. Stata gets integers as integers (missing as
        ``.``), every variable labelled (:func:`column_labels`); R gets integer, character
        and logical columns with a ``label`` attribute each.
    out : str or path-like
        The file to write.

    Returns
    -------
    pathlib.Path
        ``out``.

    Raises
    ------
    ChoiceError
        If the extension is not .parquet, .csv, .dta or .rds.
    SummitryError
        If the folder of ``out`` does not exist.
    WriteError
        If the folder is not writable or the disk is full (nothing is left behind).
    """
    fmt = format_of(out, TABLE_FORMATS)
    with atomic_file(out) as tmp:
        if fmt == "parquet":
            _plain(df).to_parquet(tmp, index=False)
        elif fmt == "csv":
            _plain(df).to_csv(tmp, index=False)
        elif fmt == "dta":
            write_dta(_plain(df), tmp, labels=column_labels(df), enums={},
                      file_label=str(df.attrs.get("credit", "summitry")))
        else:
            write_rds(_plain(df), tmp, labels=column_labels(df), enums={})
    return Path(out)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.attrs = {}
    for name in out.columns:
        if isinstance(out[name].dtype, pd.PeriodDtype):
            out[name] = out[name].astype(str)
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
    with atomic_file(out) as tmp:
        fig.savefig(tmp, format=fmt, dpi=150, bbox_inches="tight")
    return Path(out)
