"""Parsing one record value by its field's type and checking it against the field's constraints."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeAlias

from .codes import codelist_keys

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
