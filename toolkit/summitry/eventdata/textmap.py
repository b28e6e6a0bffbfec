"""Turning text columns from foreign files into typed imported-events columns.

Shared by the GDELT and ICEWS readers. A value that does not parse becomes null and a
:class:`~summitry.eventdata.delimited.ReadProblem` naming its line, field and text, so nothing is
lost silently and the read goes on.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from . import imported
from .delimited import Chunk, ReadProblem

_NUMBER = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"
_INTEGER = r"^\s*[-+]?\d+\s*$"
_NULL = pa.scalar(None, pa.string())
_FLOAT64 = pa.float64()


def _report_bad(text: pa.Array, ok: pa.Array, chunk: Chunk, field: str, problems: list[ReadProblem],
                code: str, what: str) -> None:
    bad = pc.and_kleene(pc.is_valid(text), pc.invert(pc.fill_null(ok, False)))
    idx = np.flatnonzero(bad.to_numpy(zero_copy_only=False))
    values = text.take(pa.array(idx)).to_pylist() if len(idx) else []
    for i, v in zip(idx, values, strict=True):
        problems.append(ReadProblem(code, chunk.file, int(chunk.rows[i]), field, v, f"{v!r} is not {what}"))


def number(text: pa.Array, chunk: Chunk, field: str, problems: list[ReadProblem],
           kind: pa.DataType = _FLOAT64) -> pa.Array:
    """Text to a number column; what does not parse is reported and becomes null.

    Parameters
    ----------
    text : pyarrow.Array
        A text column.
    chunk : Chunk
        The chunk it came from, for the file and line numbers of problems.
    field : str
        The column's name, for problems.
    problems : list of ReadProblem
        Each value that does not parse is appended here as a ``type-error``.
    kind : pyarrow.DataType, default float64
        The number type; an integer type also refuses fractions.

    Returns
    -------
    pyarrow.Array
        The numbers, null where the text is missing or does not parse.
    """
    try:
        return pc.cast(text, kind)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    pattern = _INTEGER if pa.types.is_integer(kind) else _NUMBER
    ok = pc.match_substring_regex(text, pattern)
    _report_bad(text, ok, chunk, field, problems, "type-error",
                "a whole number" if pa.types.is_integer(kind) else "a number")
    return pc.cast(pc.utf8_trim_whitespace(pc.if_else(ok, text, _NULL)), kind)


def date(text: pa.Array, fmt: str, chunk: Chunk, field: str, problems: list[ReadProblem], *,
         width: int | None = None) -> pa.Array:
    """Text to dates with a strptime format; the unparseable are reported as ``date-unparseable``.

    Parameters
    ----------
    text : pyarrow.Array
        A text column.
    fmt : str
        The strptime format, e.g. ``%Y%m%d``.
    chunk : Chunk
        The chunk it came from, for the file and line numbers of problems.
    field : str
        The column's name, for problems.
    problems : list of ReadProblem
        Each value that is not a real date in ``fmt`` is appended here.
    width : int, optional
        Parse only the first ``width`` characters (the day of a GDELT 2.0 timestamp).

    Returns
    -------
    pyarrow.Array
        ``date32`` values, null where the text is missing or not a real date.
    """
    src = pc.utf8_slice_codeunits(text, 0, width) if width else text
    parsed = pc.strptime(src, format=fmt, unit="s", error_is_null=True)
    # strptime rolls 2024-02-30 over into March 1st: a real date keeps the day it was written with
    pos = dt.date(2000, 1, 23).strftime(fmt).index("23")
    try:
        day = pc.cast(pc.utf8_slice_codeunits(pc.utf8_trim_whitespace(src), pos, pos + 2), pa.int64())
        same = pc.equal(pc.day(parsed), day)
    except pa.ArrowInvalid:  # written without zero padding: compare the whole date instead
        same = pc.equal(pc.strftime(parsed, format=fmt), pc.utf8_trim_whitespace(src))
    parsed = pc.if_else(same, parsed, pa.scalar(None, parsed.type))
    _report_bad(text, pc.is_valid(parsed), chunk, field, problems, "date-unparseable",
                f"a date written {fmt.replace('%Y', 'YYYY').replace('%m', 'MM').replace('%d', 'DD')}")
    return pc.cast(parsed, pa.date32())


def lookup(text: pa.Array, mapping: dict[str, str]) -> pa.Array:
    """Map codes or names through a crosswalk; unknown values become null.

    Parameters
    ----------
    text : pyarrow.Array
        Codes or names.
    mapping : dict of str to str
        The crosswalk.

    Returns
    -------
    pyarrow.Array
        Text of the mapped values.
    """
    keys = pa.array(list(mapping), pa.string())
    values = pa.array(list(mapping.values()), pa.string())
    return values.take(pc.index_in(text, value_set=keys))


@cache
def cameo_country_to_iso3() -> dict[str, str]:
    """CAMEO country codes (GDELT actor countries) to ISO alpha-3; regions map to nothing.

    Returns
    -------
    dict of str to str
        The crosswalk (cached: do not change it).
    """
    out = {r["cameo"]: r["iso3c"] for r in schema.codelist("countries") if r["cameo"] and r["iso3c"]}
    for r in schema.codelist("cameo_countries"):
        if r["iso3166_alpha3"]:
            out.setdefault(r["code"], r["iso3166_alpha3"])
    # CAMEO country codes are ISO alpha-3 codes; GDELT uses them for states CAMEO's list
    # predates (SSD, South Sudan), so an ISO code maps to itself when nothing else claims it
    for r in schema.codelist("countries"):
        if r["iso3c"] and r["status"] == "iso_current":
            out.setdefault(r["iso3c"], r["iso3c"])
    return out


@cache
def fips_to_iso3() -> dict[str, str]:
    """FIPS 10-4 country codes (GDELT geography) to ISO alpha-3 through the crosswalk.

    Returns
    -------
    dict of str to str
        The crosswalk (cached: do not change it).
    """
    return {r["fips"]: r["iso3c"] for r in schema.codelist("countries") if r["fips"] and r["iso3c"]}


@cache
def country_name_to_iso3() -> dict[str, str]:
    """Country names (ICEWS countries) to ISO alpha-3: the crosswalk's names, then ICEWS's own spellings.

    Returns
    -------
    dict of str to str
        The crosswalk (cached: do not change it).
    """
    out: dict[str, str] = {}
    for r in schema.codelist("countries"):
        if r["iso3c"]:
            for key in (r["name"], r["iso_name"]):
                if key:
                    out.setdefault(key, r["iso3c"])
    for r in schema.codelist("icews_countries"):
        out[r["icews_name"]] = r["iso3c"]
    return out


@cache
def known_origin_countries(origin: str) -> frozenset[str]:
    """Every country value a file of this origin may validly hold, mapped or not (regions).

    Parameters
    ----------
    origin : str
        ``icews`` for country names; anything else for GDELT's CAMEO country codes.

    Returns
    -------
    frozenset of str
        The known values.
    """
    if origin == "icews":
        return frozenset(country_name_to_iso3())
    return frozenset(r["code"] for r in schema.codelist("cameo_countries")) | frozenset(cameo_country_to_iso3())


def empty_column(n: int, f: dict[str, Any]) -> pa.Array:
    """A column of ``n`` nulls of a field's Arrow type.

    Parameters
    ----------
    n : int
        The length.
    f : dict
        A Frictionless field descriptor.

    Returns
    -------
    pyarrow.Array
        ``n`` nulls.
    """
    return pa.nulls(n, schema.arrow_type(f))


def assemble(columns: dict[str, pa.Array | None], n: int) -> pa.RecordBatch:
    """A batch in the imported-events schema; fields a format does not fill are null.

    Parameters
    ----------
    columns : dict of str to pyarrow.Array or None
        Columns by field name, cast to the field's type; a missing or None one is all null.
    n : int
        The number of rows.

    Returns
    -------
    pyarrow.RecordBatch
        The batch, in :func:`summitry.eventdata.imported.arrow_schema`.
    """
    target = imported.arrow_schema()
    arrays = []
    for f in target:
        arr = columns.get(f.name)
        arrays.append(pa.nulls(n, f.type) if arr is None else arr.cast(f.type))
    return pa.RecordBatch.from_arrays(arrays, schema=target)
