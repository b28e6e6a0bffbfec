"""The table schemas in ``schemas/``: tables, fields, keys and geometries."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, cast


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
