"""Arrow and pandas types of the release columns, from the schemas' field types."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from .tables import fields, is_required

if TYPE_CHECKING:
    import pyarrow as pa


@cache
def _arrow_types() -> dict[str, pa.DataType]:
    # pyarrow is imported where it is used: the command line's help and version, which
    # read the schemas, start without it.
    import pyarrow as pa

    return {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
            "date": pa.date32(), "any": pa.binary(), "boolean": pa.bool_()}


def arrow_type(f: dict[str, Any]) -> pa.DataType:
    """The Arrow type of field ``f``'s column in a release file.

    Parameters
    ----------
    f : dict
        A field descriptor.

    Returns
    -------
    pyarrow.DataType
        Dictionary-encoded text for categorical fields, else the type of its ``type``.
    """
    import pyarrow as pa

    if f.get("categorical"):
        return pa.dictionary(pa.int32(), pa.string())
    return _arrow_types()[f["type"]]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table``'s release file; required fields are not nullable.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    pyarrow.Schema
        One field per column, in order.
    """
    import pyarrow as pa

    return pa.schema([pa.field(f["name"], arrow_type(f), nullable=not is_required(f))
                      for f in fields(table)])


PandasDtype: TypeAlias = Literal["object", "Int64", "float64", "datetime64[ms]", "boolean", "category"]
"""The dtypes a column of a loaded table can have."""


def pandas_dtypes(table: str, table_fields: list[dict[str, Any]] | None = None) -> dict[str, PandasDtype]:
    """The dtype each column gets in a loaded DataFrame.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.
    table_fields : list of dict, optional
        The fields to use instead of the current schema's (an older release's, from its manifest).

    Returns
    -------
    dict of str to PandasDtype
        Column name to pandas dtype name (``category``, ``Int64``, ``datetime64[ms]``, ...).
    """
    kinds: dict[str, PandasDtype] = {"string": "object", "integer": "Int64", "number": "float64",
             "date": "datetime64[ms]", "boolean": "boolean", "any": "object"}
    return {f["name"]: ("category" if f.get("categorical") else kinds[f["type"]])
            for f in (fields(table) if table_fields is None else table_fields)}
