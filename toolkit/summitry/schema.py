"""The table schemas and code lists in ``schemas/``: the single source of truth.

Everything that needs a field list (the build's Arrow types, the loaders' dtypes, the
record checks, the codebook, each release's ``datapackage.json``) asks this module, so
no second copy of a field list exists anywhere in the package.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa



def schemas_dir() -> Path:
    """The ``schemas/`` folder shipped in the package.

    Returns
    -------
    Path
        The folder holding the table schemas, ``dataset.json`` and ``codes/``.
    """
    return Path(str(files("summitry") / "_schemas"))


@cache
def dataset_descriptor() -> dict[str, Any]:
    """Dataset-level metadata (title, licence, schema version) from ``schemas/dataset.json``.

    Returns
    -------
    dict
        The parsed JSON; cached, so treat it as read-only.
    """
    return cast(dict[str, Any], json.loads((schemas_dir() / "dataset.json").read_text(encoding="utf-8")))


TABLES: tuple[str, ...] = tuple(dataset_descriptor()["tables"])
"""The tables of a release, in order, as ``schemas/dataset.json`` lists them."""


@cache
def table_schema(table: str) -> dict[str, Any]:
    """The Frictionless Table Schema of ``table`` as a dict.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    dict
        The parsed ``<table>.schema.json``; cached, so treat it as read-only.

    Raises
    ------
    KeyError
        If ``table`` is not one of :data:`TABLES`.
    """
    # Names reaching here are checked by the public callers (with ChoiceError); a bad
    # name at this floor is a bug, so it stays a KeyError.
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; valid choices: {', '.join(TABLES)}")
    return cast(dict[str, Any], json.loads((schemas_dir() / f"{table}.schema.json").read_text(encoding="utf-8")))


def fields(table: str) -> list[dict[str, Any]]:
    """The field descriptors of ``table``, in column order.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    list of dict
        One Frictionless field descriptor per column (``name``, ``type``, ``constraints``, ...).
    """
    return cast(list[dict[str, Any]], table_schema(table)["fields"])


def field(table: str, name: str) -> dict[str, Any]:
    """The descriptor of field ``name`` of ``table``.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.
    name : str
        A field of ``table``.

    Returns
    -------
    dict
        The Frictionless field descriptor.

    Raises
    ------
    KeyError
        If ``table`` has no field ``name``.
    """
    for f in fields(table):
        if f["name"] == name:
            return f
    raise KeyError(f"{table} has no field {name!r}")


def field_names(table: str) -> list[str]:
    """The column names of ``table``, in order.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    list of str
        The field names.
    """
    return [f["name"] for f in fields(table)]


def primary_key(table: str) -> list[str]:
    """The fields whose values identify a row of ``table``.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    list of str
        The primary-key field names.
    """
    return list(table_schema(table)["primaryKey"])


def foreign_keys(table: str) -> list[tuple[str, str, str]]:
    """``(field, referenced table, referenced field)`` for each single-field foreign key.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    list of tuple of (str, str, str)
        One triple per foreign key of ``table``.
    """
    return foreign_keys_of(table_schema(table))


def foreign_keys_of(ts: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, referenced table, referenced field) of each foreign key of a Table Schema dict.

    Parameters
    ----------
    ts : dict
        A Frictionless Table Schema, e.g. the schema a release's manifest holds for a table.

    Returns
    -------
    list of tuple
        One (field, table, field) per foreign key.
    """
    out = []
    for fk in ts.get("foreignKeys", []):
        ref = fk["reference"]
        out.append((fk["fields"][0], ref["resource"], ref["fields"][0]))
    return out


def geometry_spec(table: str) -> dict[str, Any] | None:
    """The geometry description of a GeoParquet table, or None for plain tables.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.

    Returns
    -------
    dict or None
        ``column``, ``longitude``, ``latitude`` and ``crs`` of the point geometry, or None.
    """
    return cast("dict[str, Any] | None", table_schema(table).get("geometry"))


def geo_tables() -> list[str]:
    """The tables that have a geometry column.

    Returns
    -------
    list of str
        The names, in the order of :data:`TABLES`.
    """
    return [t for t in TABLES if geometry_spec(t)]


def is_required(f: dict[str, Any]) -> bool:
    """Whether field ``f`` must hold a value in every row.

    Parameters
    ----------
    f : dict
        A field descriptor.

    Returns
    -------
    bool
        True if its ``constraints`` say ``required``.
    """
    return bool(f.get("constraints", {}).get("required"))


def is_derived(f: dict[str, Any]) -> bool:
    """Whether the build fills field ``f`` (it has a ``derived`` rule).

    Parameters
    ----------
    f : dict
        A field descriptor.

    Returns
    -------
    bool
        True if ``f`` is derived.
    """
    return "derived" in f


def may_be_given(f: dict[str, Any]) -> bool:
    """Whether field ``f`` may be written in a record.

    Derived fields whose rule ends in 'unless given' may also be written in a record.

    Parameters
    ----------
    f : dict
        A field descriptor.

    Returns
    -------
    bool
        True if ``f`` is not derived, or derived only when not given.
    """
    return not is_derived(f) or bool(f["derived"].endswith("unless given"))


# --- Arrow and pandas types ------------------------------------------------------------

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


# --- Checking one value against its field ---------------------------------------------

Value: TypeAlias = str | int | float | dt.date
"""A value parsed from a record, by its field's type: string, integer, number or date."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_value(f: dict[str, Any], text: str) -> Value:
    """Turn the text of a record into the field's Python value; ValueError says why not.

    Parameters
    ----------
    f : dict
        The field descriptor.
    text : str
        The value as written in the record.

    Returns
    -------
    str, int, float or datetime.date
        The value, by the field's ``type``.

    Raises
    ------
    ValueError
        If ``text`` is not a value of that type, or the type cannot be written in a record.
    """
    kind = f["type"]
    if kind == "string":
        return text
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"{text!r} is not a whole number")
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    if kind == "date":
        if not _DATE.match(text):
            raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a date that exists") from None
    raise ValueError(f"a {kind} field cannot be written in a record")


def constraint_problem(f: dict[str, Any], value: Value) -> str | None:
    """The first constraint of ``f`` that ``value`` (already parsed) breaks, or None.

    Parameters
    ----------
    f : dict
        The field descriptor.
    value : str, int, float or datetime.date
        The value, as :func:`parse_value` gives it.

    Returns
    -------
    str or None
        Why ``value`` is not allowed, or None if it is.
    """
    c = f.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        return f"{value!r} is not one of: {', '.join(map(str, c['enum']))}"
    if "pattern" in c and isinstance(value, str) and not re.fullmatch(c["pattern"], value):
        return f"{value!r} does not match the pattern {c['pattern']}"
    if "minimum" in c and value < c["minimum"]:
        return f"{value!r} is below the minimum {c['minimum']}"
    if "maximum" in c and value > c["maximum"]:
        return f"{value!r} is above the maximum {c['maximum']}"
    if "codelist" in f and isinstance(value, str):
        known = codelist_keys(f["codelist"])
        if value not in known:
            return codelist_problem(f["codelist"], value)
    return None


def codelist_problem(name: str, value: str) -> str:
    """Why ``value`` is not in code list ``name``, with a hint at the likely slip.

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.
    value : str
        A value that is not a key of the code list.

    Returns
    -------
    str
        The message.
    """
    msg = f"{value!r} is not in the code list {name}"
    if value.strip() != value:
        return msg + " (it has leading or trailing spaces)"
    if value.isdigit() and ("0" + value) in codelist_keys(name):
        return msg + f"; did you mean '0{value}'? (codes keep their leading zeros: quote them)"
    return msg


# --- Code lists ------------------------------------------------------------------------

# Each code list: the TSV in schemas/codes/ and the column that holds its key.
CODELISTS = {
    "cameo_event_codes": ("cameo_event_codes.tsv", "code"),
    "cameo_root_codes": ("cameo_root_codes.tsv", "root_code"),
    "quad_classes": ("quad_classes.tsv", "quad_class"),
    "actor_types": ("actor_types.tsv", "code"),
    "cameo_countries": ("cameo_countries.tsv", "code"),
    "countries": ("countries.tsv", "iso3c"),
    "plover_event_types": ("plover_event_types.tsv", "event_type"),
    "plover_modes": ("plover_modes.tsv", "mode"),
    "cameo_to_plover": ("cameo_to_plover.tsv", "cameo_code"),
    "cow_states": ("cow_states.tsv", "ccode"),
    "cow_states_v2016": ("cow_states_v2016.tsv", "ccode"),
    "gw_states": ("gw_states.tsv", "gwcode"),
    "icews_countries": ("icews_countries.tsv", "icews_name"),
    "ooh_country_slugs": ("ooh_country_slugs.tsv", "slug"),
}


@cache
def codelist(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a code list as dicts of text (codes keep their leading zeros).

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.

    Returns
    -------
    tuple of dict of str to str
        One dict per row, keyed by column name; cached, so treat them as read-only.

    Raises
    ------
    KeyError
        If ``name`` is not a code list.
    """
    if name not in CODELISTS:
        raise KeyError(f"unknown code list {name!r}; valid choices: {', '.join(sorted(CODELISTS))}")
    filename, _ = CODELISTS[name]
    with open(schemas_dir() / "codes" / filename, encoding="utf-8", newline="") as fh:
        # Every line of these TSVs has its header's columns, so no key or value is None.
        return cast("tuple[dict[str, str], ...]",
                    tuple(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)))


@cache
def codelist_keys(name: str) -> frozenset[str]:
    """The non-empty keys of code list ``name``.

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.

    Returns
    -------
    frozenset of str
        The values of the code list's key column.
    """
    key = CODELISTS[name][1]
    return frozenset(r[key] for r in codelist(name) if r[key])


def codelist_frame(name: str) -> pd.DataFrame:
    """A code list as a pandas DataFrame of strings.

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.

    Returns
    -------
    pandas.DataFrame
        One row per code, every column of dtype object.
    """
    import pandas as pd

    return pd.DataFrame(list(codelist(name)), dtype=object)


@cache
def event_code_info() -> dict[str, dict[str, str]]:
    """CAMEO event code -> its row (label, base and root code, Goldstein, quad class).

    Returns
    -------
    dict of str to dict
        The rows of ``cameo_event_codes`` by code.
    """
    return {r["code"]: r for r in codelist("cameo_event_codes")}


@cache
def country_info() -> dict[str, dict[str, str]]:
    """ISO alpha-3 -> its crosswalk row (COW, G&W, CAMEO, FIPS, Wikidata ...).

    Returns
    -------
    dict of str to dict
        The rows of ``countries`` that have an ISO code, by that code.
    """
    return {r["iso3c"]: r for r in codelist("countries") if r["iso3c"]}


@cache
def plover_for(code: str) -> tuple[str | None, str | None]:
    """PLOVER (event type, mode) of a CAMEO code from the CAMEO-to-PLOVER map.

    Parameters
    ----------
    code : str
        A CAMEO event code.

    Returns
    -------
    tuple of (str or None, str or None)
        The PLOVER event type and mode; None for what the map leaves empty or lacks.
    """
    for r in codelist("cameo_to_plover"):
        if r["cameo_code"] == code:
            return (r["plover_event_type"] or None, r["plover_mode"] or None)
    return (None, None)
