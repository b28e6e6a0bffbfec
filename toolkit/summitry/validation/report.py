"""The result of a validation: every failure as data, counted exactly, listed up to a limit."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from .rules import ERROR, RULES, severity

COLUMNS = ["code", "severity", "table", "row", "id", "field", "value", "message", "file"]

Record: TypeAlias = tuple[str, str, str, int | None, str | None, str | None, str | None, str, str | None]
"""One failure: the values of :data:`COLUMNS`."""

Counts: TypeAlias = Counter[tuple[str, str]]
"""Failures per (code, table)."""


class Collector:
    """Counts every failure; keeps the first ``max_errors`` of them with their details.

    Parameters
    ----------
    max_errors : int, optional
        How many failures to keep with their details; None keeps all.

    Attributes
    ----------
    counts : collections.Counter
        Exact failures per (code, table).
    records : list of tuple
        The failures kept, in the order of :data:`COLUMNS`.
    rows_checked : int
        Rows checked so far.
    files : list of str
        The files checked.
    """

    def __init__(self, max_errors: int | None = None) -> None:
        self.max_errors = max_errors
        self.counts: Counts = Counter()
        self.records: list[Record] = []
        self.rows_checked = 0
        self.files: list[str] = []

    def _room(self) -> int:
        if self.max_errors is None:
            return 1 << 62
        return max(0, self.max_errors - len(self.records))

    def add(self, code: str, table: str, row: int | None, id_: str | None, field: str | None, value: object,
            message: str, file: str | None = None) -> None:
        """Record one failure.

        Parameters
        ----------
        code : str
            The rule's code.
        table : str
            The table checked.
        row : int, optional
            The row's line number or position.
        id_ : str, optional
            The row's id (first primary-key field).
        field : str, optional
            The field.
        value : object
            The value, kept as text; None for no value.
        message : str
            What is wrong.
        file : str, optional
            The file checked.
        """
        self.counts[(code, table)] += 1
        if self._room():
            self.records.append((code, severity(code), table, None if row is None else int(row), id_, field,
                                 None if value is None else str(value), message, file))

    def add_mask(self, code: str, table: str, field: str | None, mask: pa.Array | npt.NDArray[np.bool_], *,
                 rows: npt.NDArray[np.int64], values: pa.Array | None, ids: pa.Array | None,
                 message: Callable[[Any], str], file: str | None = None) -> int:
        """Record every row where ``mask`` is true (nulls count as false).

        Parameters
        ----------
        code : str
            The rule's code.
        table : str
            The table checked.
        field : str, optional
            The field.
        mask : pyarrow.Array, pyarrow.ChunkedArray or numpy.ndarray of bool
            Which rows fail.
        rows : numpy.ndarray of int64
            Each row's line number or position.
        values : pyarrow.Array, optional
            The values, one per row, reported as text.
        ids : pyarrow.Array, optional
            The rows' ids.
        message : callable
            Gives the message from a failing row's value (as a Python object).
        file : str, optional
            The file checked.

        Returns
        -------
        int
            How many rows failed (all counted, the first kept while there is room).
        """
        if isinstance(mask, pa.BooleanArray) and mask.true_count == 0:
            return 0  # the common case, answered by a popcount
        if isinstance(mask, (pa.Array, pa.ChunkedArray)):
            if mask.null_count:
                mask = mask.fill_null(False)
            mask = mask.to_numpy(zero_copy_only=False)
        idx = np.flatnonzero(mask)
        n = len(idx)
        if not n:
            return 0
        self.counts[(code, table)] += n
        keep = idx[: self._room()]
        if len(keep):
            take = pa.array(keep)
            vals = values.take(take).to_pylist() if values is not None else [None] * len(keep)
            idv = ids.take(take).to_pylist() if ids is not None else [None] * len(keep)
            sev = severity(code)
            for i, v, k in zip(keep, vals, idv, strict=True):
                self.records.append((code, sev, table, int(rows[i]), None if k is None else str(k), field,
                                     None if v is None else str(v), message(v), file))
        return n

    def merge(self, other: Collector) -> None:
        """Add another collector's failures after this one's (input order is kept).

        Parameters
        ----------
        other : Collector
            Failures of a later part of the input; its rows checked are not added.
        """
        self.counts.update(other.counts)
        room = self._room()
        self.records.extend(other.records[:room])

    def report(self) -> Report:
        """The failures collected, as a report.

        Returns
        -------
        Report
            The counts, records, rows checked and files.
        """
        return Report(self.counts, self.records, self.rows_checked, self.files, self.max_errors)


class Report:
    """What :func:`summitry.validation.validate` found.

    ``ok`` is true when no rule of severity *error* failed (warnings allowed);
    ``errors`` lists failures as a DataFrame (code, severity, table, row, id, field,
    value, message, file); ``counts`` is exact even when ``errors`` was cut at
    ``max_errors``. ``row`` is the line number in a delimited text file (the header
    is line 1) and the 0-based row position in a DataFrame, Arrow table or Parquet file.

    Parameters
    ----------
    counts : collections.Counter
        Exact failures per (code, table).
    records : list of tuple
        The failures listed, in the order of the ``errors`` columns.
    rows_checked : int
        How many rows were checked.
    files : list of str
        The files checked.
    max_errors : int or None
        The listing limit the failures were collected with.

    Attributes
    ----------
    errors : pandas.DataFrame
        The failures listed: code, severity, table, row, id, field, value, message, file.
    rows_checked : int
        How many rows were checked.
    files : list of str
        The files checked.
    max_errors : int or None
        The listing limit.
    """

    def __init__(self, counts: Counts, records: list[Record], rows_checked: int, files: list[str],
                 max_errors: int | None) -> None:
        self._counts = Counter({k: n for k, n in counts.items() if n})
        self.errors = pd.DataFrame(records, columns=COLUMNS).astype(
            {"row": "Int64", "code": "object", "value": "object", "id": "object"})
        self.rows_checked = rows_checked
        self.files = list(files)
        self.max_errors = max_errors

    @property
    def counts(self) -> pd.DataFrame:
        """One row per (code, table) that failed: its severity and exact count."""
        rows = [(code, severity(code), table, n) for (code, table), n in sorted(self._counts.items())]
        return pd.DataFrame(rows, columns=["code", "severity", "table", "count"])

    def count(self, code: str) -> int:
        """How many times a rule failed, over all tables.

        Parameters
        ----------
        code : str
            The rule's code.

        Returns
        -------
        int
            The exact count (0 when it never failed).
        """
        return sum(n for (c, _), n in self._counts.items() if c == code)

    @property
    def n_errors(self) -> int:
        """How many failures of rules of severity *error*."""
        return sum(n for (c, _), n in self._counts.items() if severity(c) == ERROR)

    @property
    def n_warnings(self) -> int:
        """How many failures of rules of severity *warning*."""
        return sum(n for (c, _), n in self._counts.items() if severity(c) != ERROR)

    @property
    def ok(self) -> bool:
        """True when no rule of severity *error* failed."""
        return self.n_errors == 0

    @property
    def truncated(self) -> bool:
        """True when fewer failures are listed in ``errors`` than were counted."""
        return len(self.errors) < sum(self._counts.values())

    @property
    def unreadable(self) -> bool:
        """True when some input could not be read at all."""
        return self.count("unreadable-file") > 0

    def __bool__(self) -> bool:
        return self.ok

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data, for JSON.

        Returns
        -------
        dict
            ``ok``, ``rows_checked``, ``files``, ``n_errors``, ``n_warnings``, ``counts``
            (a list of dicts), ``truncated`` and ``errors`` (a list of dicts, missing values None).
        """
        errors = self.errors.astype(object).where(self.errors.notna(), None)
        return {
            "ok": self.ok,
            "rows_checked": self.rows_checked,
            "files": self.files,
            "n_errors": self.n_errors,
            "n_warnings": self.n_warnings,
            "counts": [{"code": c, "severity": s, "table": t, "count": int(n)}
                       for c, s, t, n in self.counts.itertuples(index=False)],
            "truncated": self.truncated,
            "errors": errors.to_dict(orient="records"),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON text (:meth:`to_dict`).

        Parameters
        ----------
        indent : int or None, default 2
            Indentation; None writes one line.

        Returns
        -------
        str
            The JSON.
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=str)

    def summary(self, examples: int = 3) -> str:
        """One screen: verdict, counts per rule, the first examples of each with row and value.

        Parameters
        ----------
        examples : int, default 3
            How many failures to show per rule and table.

        Returns
        -------
        str
            The text, lines of at most 160 characters.
        """
        verdict = "valid" if self.ok else "INVALID"
        head = (f"{verdict}: {self.rows_checked:,} rows checked in {len(self.files) or 1} input(s); "
                f"{self.n_errors:,} error(s), {self.n_warnings:,} warning(s)")
        lines = [head]
        if not self._counts:
            return head
        for code, sev, table, n in self.counts.itertuples(index=False):
            lines.append(f"  {sev:<7} {code:<24} {table:<14} {n:>10,}  {RULES[code].title}")
            ex = self.errors[(self.errors["code"] == code) & (self.errors["table"] == table)].head(examples)
            for r in ex.itertuples(index=False):
                where = []
                if r.file:
                    where.append(str(r.file).rsplit("/", 1)[-1])
                if not pd.isna(r.row):
                    where.append(f"row {r.row}")
                if r.field:
                    where.append(str(r.field))
                lines.append(f"      {' '.join(where)}: {r.message}"[:160])
        if self.truncated:
            lines.append(f"  (listed the first {len(self.errors):,} failures; counts are exact)")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<Report ok={self.ok} errors={self.n_errors} warnings={self.n_warnings} rows={self.rows_checked}>"
