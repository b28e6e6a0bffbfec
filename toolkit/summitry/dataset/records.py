"""Reading the human-edited YAML records in ``dataset/records/``.

A record file holds lists under any of the table names (``visits``, ``events``,
``actors``, ``places``, ``sources``); an event may carry a ``sources`` list of
``{source_id, quote}`` that becomes its ``event_sources`` rows. Field names and types
come from the schemas; nothing here lists a field by hand.

YAML guesses types (``042`` becomes the octal number 34, ``2024-02-30`` a string,
``no`` a boolean). To keep codes and dates exactly as written, every scalar is read as
text and converted by the type its schema field declares.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import yaml

from .. import schema
from ..errors import Problem, RecordError

_NULL = "tag:yaml.org,2002:null"


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that reads every scalar but null as text and refuses duplicate keys."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == _NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Mapping(dict[Any, Any]):
    """A YAML mapping that remembers the line it starts on."""

    # Keys are text or None as read by _TextLoader, but complex YAML keys can be anything.
    line: int = 0


def _construct_mapping(loader: _TextLoader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    out = _Mapping()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_TextLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# The tables a record file may hold; event_sources rows are written inside events.
RECORD_TABLES = tuple(t for t in schema.TABLES if t != "event_sources")
_NESTED_SOURCES = "sources"


@dataclass
class Row:
    """One record: its typed values and where it was written.

    Parameters
    ----------
    table : str
        The table the record belongs to.
    values : dict
        Field name to typed value (see :func:`summitry.schema.parse_value`); None for null.
    file : str
        The record file.
    line : int
        The line the record starts on, from 1; 0 if unknown.
    index : int
        Its position in the table's list in that file (for ``event_sources``, over all files).
    """

    table: str
    values: dict[str, Any]
    file: str
    line: int
    index: int

    @property
    def label(self) -> str:
        """Table, index, primary key and line, as problems name the record."""
        key = schema.primary_key(self.table)
        ident = "/".join(str(self.values.get(k)) for k in key)
        return f"{self.table}[{self.index}] ({ident}, line {self.line})"


@dataclass
class Records:
    """All rows read from a set of record files, with the problems found on the way.

    Parameters
    ----------
    rows : dict of str to list of Row
        The rows of each table (every table has a list, maybe empty).
    problems : list of Problem
        Everything wrong found so far.
    files : list of Path
        The files read.
    """

    rows: dict[str, list[Row]] = dc_field(default_factory=lambda: {t: [] for t in schema.TABLES})
    problems: list[Problem] = dc_field(default_factory=list)
    files: list[Path] = dc_field(default_factory=list)

    def raise_if_problems(self) -> None:
        """Raise a :class:`~summitry.errors.RecordError` listing the problems, if there are any.

        Raises
        ------
        RecordError
            If ``problems`` is not empty.
        """
        if self.problems:
            raise RecordError(self.problems)


def record_files(records: str | os.PathLike[str]) -> list[Path]:
    """The YAML files under ``records`` (a folder, searched recursively, or one file).

    Parameters
    ----------
    records : str or path-like
        A record file or a folder of them.

    Returns
    -------
    list of Path
        ``records`` itself if it is a file, else the ``.yaml`` and ``.yml`` files under it, sorted.

    Raises
    ------
    RecordError
        If ``records`` does not exist, or the folder holds no record file.
    """
    p = Path(records)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise RecordError([Problem(str(p), "", "", "no such file or folder")])
    found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
    if not found:
        raise RecordError([Problem(str(p), "", "", "no .yaml record files in this folder")])
    return found


def read_records(records: str | os.PathLike[str]) -> Records:
    """Read and type every record under ``records``; problems are collected, not raised.

    Parameters
    ----------
    records : str or path-like
        A record file or a folder of them.

    Returns
    -------
    Records
        The rows of every table and the problems found.

    Raises
    ------
    RecordError
        If there is no record file to read.
    """
    out = Records()
    for path in record_files(records):
        out.files.append(path)
        _read_file(path, out)
    return out


def _read_file(path: Path, out: Records) -> None:
    name = str(path)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextLoader)
    except UnicodeDecodeError as exc:
        out.problems.append(Problem(name, "", "", f"not UTF-8 text ({exc.reason})"))
        return
    except yaml.YAMLError as exc:
        # Covers malformed YAML and tags such as !!python/object that would build objects.
        out.problems.append(Problem(name, "", "", f"not valid record YAML: {_one_line(exc)}"))
        return
    if doc is None:
        return
    if not isinstance(doc, dict):
        out.problems.append(Problem(name, "", "", "the file must be a mapping of table names to lists"))
        return
    for table, items in doc.items():
        if table not in RECORD_TABLES:
            valid = ", ".join(RECORD_TABLES)
            out.problems.append(Problem(name, str(table), "", f"unknown table; valid tables: {valid}"))
            continue
        if not isinstance(items, list):
            out.problems.append(Problem(name, table, "", "must be a list of records"))
            continue
        for index, item in enumerate(items):
            _read_row(name, table, index, item, out)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _read_row(name: str, table: str, index: int, item: object, out: Records) -> None:
    line = getattr(item, "line", 0)
    if not isinstance(item, dict):
        out.problems.append(Problem(name, f"{table}[{index}]", "", "must be a mapping of field names to values"))
        return
    row = Row(table, {}, name, line, index)
    known = {f["name"]: f for f in schema.fields(table)}
    for key, raw in item.items():
        if table == "events" and key == _NESTED_SOURCES:
            continue
        f = known.get(key)
        if f is None:
            valid = [n for n, g in known.items() if schema.may_be_given(g)]
            row_problem(out, row, str(key), f"unknown field; valid fields: {', '.join(valid)}")
        elif not schema.may_be_given(f):
            row_problem(out, row, key, f"is derived by the build ({f['derived']}); remove it")
        else:
            _set_value(out, row, f, raw)
    for f in known.values():
        if (schema.is_required(f) and schema.may_be_given(f) and row.values.get(f["name"]) is None
                and f["name"] not in item):
            row_problem(out, row, f["name"], "is required")
    out.rows[table].append(row)
    if table == "events":
        _read_event_sources(name, row, item.get(_NESTED_SOURCES), out)


def row_problem(out: Records, row: Row, fieldname: str, message: str) -> None:
    """Record a problem with field ``fieldname`` of ``row`` in ``out``.

    Parameters
    ----------
    out : Records
        Where the problem is collected.
    row : Row
        The record at fault.
    fieldname : str
        The field at fault (or several, joined by ``/``).
    message : str
        What is wrong.
    """
    out.problems.append(Problem(row.file, row.label, fieldname, message))


def _set_value(out: Records, row: Row, f: dict[str, Any], raw: object) -> None:
    name = f["name"]
    if isinstance(raw, list) and "separator" in f:
        parts = [_scalar(out, row, name, p) for p in raw]
        if any(p is None for p in parts):
            return
        text = f["separator"].join(parts) if parts else None
    elif isinstance(raw, (list, dict)):
        kind = ", not a list" if isinstance(raw, list) else ", not a mapping"
        row_problem(out, row, name, "must be a single value" + kind)
        return
    else:
        text = None if raw is None else _scalar(out, row, name, raw)
    if text is None or text == "":
        if schema.is_required(f):
            row_problem(out, row, name, "is required")
        row.values[name] = None
        return
    try:
        value = schema.parse_value(f, text)
    except ValueError as exc:
        row_problem(out, row, name, str(exc))
        return
    why = schema.constraint_problem(f, value)
    if why:
        row_problem(out, row, name, why)
    row.values[name] = value


def _scalar(out: Records, row: Row, name: str, raw: object) -> str | None:
    if isinstance(raw, (list, dict)):
        row_problem(out, row, name, "list items must be single values")
        return None
    return str(raw)


def _read_event_sources(name: str, event: Row, items: object, out: Records) -> None:
    if items is None:
        row_problem(out, event, _NESTED_SOURCES, "every event needs at least one source with the quote it rests on")
        return
    if not isinstance(items, list) or not items:
        row_problem(out, event, _NESTED_SOURCES, "must be a non-empty list of {source_id, quote}")
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            row_problem(out, event, f"{_NESTED_SOURCES}[{i}]", "must be a mapping with source_id and quote")
            continue
        link = dict(item)
        link["event_id"] = event.values.get("event_id")
        _read_row(name, "event_sources", len(out.rows["event_sources"]), _with_line(link, item), out)


def _with_line(d: dict[Any, Any], like: object) -> _Mapping:
    m = _Mapping(d)
    m.line = getattr(like, "line", 0)
    return m


def add_rows(out: Records, table: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Check and add rows made by a converter, exactly as if they had been written as records.

    Parameters
    ----------
    out : Records
        Where the rows and any problems go.
    table : str
        The table the rows belong to (events may carry their ``sources`` as records do).
    rows : list of (str, dict)
        Each row with the upstream file it comes from, which problems name.
    """
    for index, (file, values) in enumerate(rows, start=len(out.rows[table])):
        item = _Mapping({k: v for k, v in values.items() if v is not None})
        _read_row(file, table, index, item, out)
