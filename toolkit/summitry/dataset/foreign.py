"""Stata ``.dta`` and R ``.rds`` files from a DataFrame, with types those tools expect.

Both writers take the same description of the columns: a label per column and, for
enumerations, the ordered list of allowed values. Dates (datetime columns whose values
are all midnights) become Stata daily dates (``%td``) and R ``Date``; integers stay
integers; enumerations become Stata value labels and R factors; other text stays text.

Stata goes through pyreadstat. R goes through the small serializer below: pyreadr,
the usual choice, writes dates as character vectors (its C library cannot write R's
``Date`` class), and an R user expects ``class(x$date) == "Date"``.
"""

from __future__ import annotations

import gzip
import os
import struct
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

# Stata's "long" holds -2,147,483,647 .. 2,147,483,620; larger integers must be doubles.
_STATA_LONG = (-2_147_483_647, 2_147_483_620)
# R's integers are 32-bit with INT_MIN as NA.
_R_INT = (-2_147_483_647, 2_147_483_647)
_STATA_EPOCH = pd.Timestamp("1960-01-01")


def is_date_column(col: pd.Series[Any]) -> bool:
    """Whether ``col`` holds calendar dates: a datetime column whose values are all midnights.

    Parameters
    ----------
    col : pandas.Series
        A column.

    Returns
    -------
    bool
        True for the ``date`` fields of a loaded release table.
    """
    if not pd.api.types.is_datetime64_any_dtype(col.dtype):
        return False
    values = col.dropna()
    return bool((values == values.dt.normalize()).all())


def _fits(col: pd.Series[Any], bounds: tuple[int, int]) -> bool:
    values = col.dropna()
    return values.empty or bool(values.min() >= bounds[0] and values.max() <= bounds[1])


def _levels(col: pd.Series[Any], enum: Sequence[Any]) -> list[str]:
    # The schema's order first; a value outside it (never in a valid release) is kept, not lost.
    levels = [str(v) for v in enum]
    return levels + sorted({str(v) for v in col.dropna()} - set(levels))


def write_dta(df: pd.DataFrame, out: str | os.PathLike[str], *, labels: Mapping[str, str],
              enums: Mapping[str, Sequence[Any]], file_label: str = "") -> None:
    """Write ``df`` as a Stata 15 ``.dta`` file (readable by Stata 15 and later).

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    out : str or path-like
        The file to write (the caller makes it atomic).
    labels : mapping of str to str
        Variable label per column; truncated to Stata's 80 characters.
    enums : mapping of str to sequence
        For text columns with a fixed set of values, those values in order: the column is
        written as integer codes 1, 2, ... with the values as its value labels.
    file_label : str
        The dataset label; truncated to 80 characters.
    """
    import pyreadstat

    data: dict[str, Any] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    formats: dict[str, str] = {}
    for name in df.columns:
        col = df[name]
        if name in enums and not pd.api.types.is_numeric_dtype(col.dtype):
            levels = _levels(col, enums[name])
            codes = {v: i for i, v in enumerate(levels, start=1)}
            data[name] = col.astype(object).map(lambda v, c=codes: c.get(str(v)) if pd.notna(v) else None) \
                .astype("Int32")
            value_labels[name] = {i: v for v, i in codes.items()}
        elif is_date_column(col):
            # A Stata daily date is the number of days since 1 January 1960 shown with %td;
            # pyreadstat would write datetimes as %tc (milliseconds) instead.
            data[name] = ((col - _STATA_EPOCH) // pd.Timedelta(days=1)).astype("Int32")
            formats[name] = "%td"
        elif pd.api.types.is_bool_dtype(col.dtype):
            data[name] = col.astype("Int32")
        elif pd.api.types.is_integer_dtype(col.dtype):
            data[name] = col.astype("Int32") if _fits(col, _STATA_LONG) else col.astype("float64")
        elif pd.api.types.is_numeric_dtype(col.dtype):
            data[name] = col.astype("float64")
        else:
            # Text, categories of text, periods: Stata strings, missing as "".
            data[name] = col.astype(object).where(col.notna(), None).map(lambda v: v if v is None else str(v))
    frame = pd.DataFrame(data, index=range(len(df)))
    pyreadstat.write_dta(frame, os.fspath(out), file_label=file_label[:80], version=15,
                         column_labels={n: str(labels[n])[:80].rstrip() for n in df.columns if n in labels},
                         variable_value_labels=value_labels, variable_format=formats)


# R serialization, format version 2 (read by every R since 1.4), big-endian XDR.
_NIL, _SYM, _LIST, _CHAR, _LGL, _INT, _REAL, _STR, _VEC = 254, 1, 2, 9, 10, 13, 14, 16, 19
_IS_OBJECT, _HAS_ATTR, _HAS_TAG, _UTF8 = 1 << 8, 1 << 9, 1 << 10, 1 << 3 << 12
_NA_INT = -(2**31)
_NA_REAL = struct.unpack(">d", struct.pack(">Q", 0x7FF00000000007A2))[0]


class _RWriter:
    def __init__(self) -> None:
        self.parts: list[bytes] = [b"X\n", struct.pack(">iii", 2, 0x040000, 0x020300)]

    def ints(self, *values: int) -> None:
        self.parts.append(struct.pack(f">{len(values)}i", *values))

    def chars(self, text: str | None) -> None:
        if text is None:
            self.ints(_CHAR, -1)  # NA_character_
            return
        raw = text.encode("utf-8")
        self.ints(_CHAR | _UTF8, len(raw))
        self.parts.append(raw)

    def vector(self, kind: int, values: Any, attrs: Sequence[tuple[str, Any]] = ()) -> None:
        flags = kind | (_HAS_ATTR if attrs else 0) | (_IS_OBJECT if any(k == "class" for k, _ in attrs) else 0)
        self.ints(flags, len(values))
        if kind == _STR:
            for v in values:
                self.chars(v)
        elif kind == _VEC:
            for v in values:
                self.value(v)
        elif kind == _REAL:
            self.parts.append(np.asarray(values, dtype=">f8").tobytes())
        else:
            self.parts.append(np.asarray(values, dtype=">i4").tobytes())
        self.attributes(attrs)

    def attributes(self, attrs: Sequence[tuple[str, Any]]) -> None:
        if not attrs:
            return
        for tag, value in attrs:
            self.ints(_LIST | _HAS_TAG, _SYM)
            self.chars(tag)
            self.value(value)
        self.ints(_NIL)

    def value(self, v: Any) -> None:
        if isinstance(v, tuple):  # (kind, values, attrs), already converted
            self.vector(*v)
        else:  # a list of text
            self.vector(_STR, list(v))


def _r_column(col: pd.Series[Any], label: str | None, enum: Sequence[Any] | None) -> tuple[int, Any, list[Any]]:
    attrs: list[tuple[str, Any]] = []
    if enum is not None and not pd.api.types.is_numeric_dtype(col.dtype):
        levels = _levels(col, enum)
        codes = {v: i for i, v in enumerate(levels, start=1)}
        values: Any = [codes[str(v)] if pd.notna(v) else _NA_INT for v in col]
        kind, attrs = _INT, [("levels", levels), ("class", ["factor"])]
    elif is_date_column(col):
        days = col.to_numpy(dtype="datetime64[D]").astype("int64").astype("float64")
        kind, values, attrs = _REAL, np.where(col.isna(), _NA_REAL, days), [("class", ["Date"])]
    elif pd.api.types.is_datetime64_any_dtype(col.dtype):
        secs = col.to_numpy(dtype="datetime64[ms]").astype("int64") / 1000.0
        kind, values = _REAL, np.where(col.isna(), _NA_REAL, secs)
        attrs = [("class", ["POSIXct", "POSIXt"]), ("tzone", ["UTC"])]
    elif pd.api.types.is_bool_dtype(col.dtype):
        kind, values = _LGL, [_NA_INT if pd.isna(v) else int(v) for v in col]
    elif pd.api.types.is_integer_dtype(col.dtype) and _fits(col, _R_INT):
        kind, values = _INT, col.astype("float64").fillna(_NA_INT).astype("int64").to_numpy()
    elif pd.api.types.is_numeric_dtype(col.dtype):
        # A missing number is R's NA, a particular NaN; a plain NaN would read as NaN, not NA.
        kind, values = _REAL, np.where(col.isna(), _NA_REAL, col.astype("float64").to_numpy())
    else:
        kind, values = _STR, [None if pd.isna(v) else str(v) for v in col]
    if label:
        # haven's convention: RStudio and labelled show it as the variable label.
        attrs.insert(0, ("label", [label]))
    return kind, values, attrs


def write_rds(df: pd.DataFrame, out: str | os.PathLike[str], *, labels: Mapping[str, str],
              enums: Mapping[str, Sequence[Any]]) -> None:
    """Write ``df`` as an R data frame in a gzip-compressed ``.rds`` file, for ``readRDS()``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    out : str or path-like
        The file to write (the caller makes it atomic).
    labels : mapping of str to str
        A ``label`` attribute per column (shown by RStudio, kept by haven and labelled).
    enums : mapping of str to sequence
        Text columns with a fixed set of values, written as factors with these levels in order.

    Notes
    -----
    Dates become ``Date``, other datetimes ``POSIXct`` in UTC, integers ``integer``, text
    (codes included, with their leading zeros) ``character``, booleans ``logical``.
    """
    w = _RWriter()
    columns = [_r_column(df[n], labels.get(n), enums.get(n)) for n in df.columns]
    # row.names in R's compact form c(NA, -n): rows numbered 1..n without storing them.
    w.vector(_VEC, columns, [("names", [str(n) for n in df.columns]), ("class", ["data.frame"]),
                             ("row.names", (_INT, [_NA_INT, -len(df)], []))])
    with gzip.open(out, "wb", compresslevel=6) as f:
        for part in w.parts:
            f.write(part)
