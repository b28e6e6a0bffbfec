"""The machinery every covariate shares: the shipped tables, the panel's keys, one join.

A covariate is an Ibis expression over the panel's key columns, so one implementation
runs on pandas (handed to an in-process DuckDB), DuckDB and Spark. A pandas panel sends
only its keys and a row number to the engine and gets the new columns back in its own row
order, so wide panels are not copied through the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, cast

import pandas as pd

from ...errors import SummitryError
from ..engine import is_lazy, memtable, resolve

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa
    from ibis.backends import BaseBackend

    from ..engine import Data

_ROW = "_summitry_row"


@dataclass(frozen=True)
class Keys:
    """The panel's shape: its system, and its code columns (two for dyads, one for states)."""

    system: str
    codes: tuple[str, ...]

    @property
    def dyadic(self) -> bool:
        """Whether the panel is dyad-years."""
        return len(self.codes) == 2

    @property
    def columns(self) -> list[str]:
        """The key columns, codes then ``year``."""
        return [*self.codes, "year"]


def keys_of(columns: list[str], what: str) -> Keys:
    """The :class:`Keys` of a panel with these columns, or a clear error naming them."""
    for system, name in (("cow", "ccode"), ("gw", "gwcode")):
        if {f"{name}1", f"{name}2", "year"} <= set(columns):
            return Keys(system, (f"{name}1", f"{name}2"))
        if {name, "year"} <= set(columns):
            return Keys(system, (name,))
    raise SummitryError(f"{what} needs a dyad-year panel (ccode1, ccode2, year or gwcode1, gwcode2, year) "
                        f"or a state-year one (ccode or gwcode, year); the table has {', '.join(columns)}")


@cache
def table(name: str) -> pd.DataFrame:
    """A shipped covariate table (``data/<name>.parquet``), cached; treat it as read-only."""
    return pd.read_parquet(str(files(__package__) / "data" / f"{name}.parquet"))


@cache
def years(name: str) -> tuple[int, int]:
    """The first and last years the source of table ``name`` covers (from its metadata)."""
    import pyarrow.parquet as pq

    meta = pq.read_schema(str(files(__package__) / "data" / f"{name}.parquet")).metadata
    return int(meta[b"first_year"]), int(meta[b"last_year"])


def covered(year: ir.IntegerValue, name: str) -> ir.BooleanValue:
    """Whether ``year`` is inside the years table ``name`` covers."""
    first, last = years(name)
    return year.between(first, last)


Build = Callable[["ir.Table", Keys, "BaseBackend"], "ir.Table"]


def apply(panel: Data, what: str, dataset: str, build: Build, *, dyadic_only: bool = False,
          systems: tuple[str, ...] = ("cow", "gw")) -> pd.DataFrame | ir.Table:
    """Run ``build`` (the panel's keys -> keys plus new columns) on ``panel``.

    A lazy table gets the columns added lazily; a pandas panel comes back as a copy with
    the new columns and its attrs, ``attrs["covariates"]`` extended by ``dataset``.
    """
    lazy = is_lazy(panel)
    if not lazy and not isinstance(panel, pd.DataFrame):
        raise SummitryError(f"{what} takes a pandas DataFrame or a lazy Ibis table, not a {type(panel).__name__}")
    cols = list(cast("ir.Table", panel).columns) if lazy else [str(c) for c in cast(pd.DataFrame, panel).columns]
    keys = keys_of(cols, what)
    if dyadic_only and not keys.dyadic:
        raise SummitryError(f"{what} is dyadic: give it a dyad-year panel, not a state-year one")
    if keys.system not in systems:
        raise SummitryError(f"{what} has {dataset} data for the {' and '.join(s.upper() for s in systems)} "
                            f"system only; build the panel with system={systems[0]!r}")
    if lazy:
        t = cast("ir.Table", panel)
        out = build(t, keys, t.get_backend())
        _no_clash(cols, [c for c in out.columns if c not in cols], what)
        return out
    df = cast(pd.DataFrame, panel)
    t, be = resolve(df[keys.columns].assign(**{_ROW: range(len(df))}))
    out = build(t, keys, be)
    new = [c for c in out.columns if c not in t.columns]
    _no_clash(cols, new, what)
    got = be.to_pyarrow(out.select(_ROW, *new).order_by(_ROW))
    result = df.copy(deep=False)  # the new columns go on a shallow copy: the panel is not copied
    for c in new:
        result[c] = _column(got.column(c)).array
    result.attrs = {**df.attrs, "covariates": [*df.attrs.get("covariates", []),
                                               *([dataset] if dataset not in df.attrs.get("covariates", []) else [])]}
    return result


def _no_clash(cols: list[str], new: list[str], what: str) -> None:
    clash = sorted(set(cols) & set(new))
    if clash:
        raise SummitryError(f"{what}: the panel already has the column(s) {', '.join(clash)}; "
                            "drop them first (was the covariate added twice?)")


def _column(col: pa.ChunkedArray) -> pd.Series:
    """An Arrow column as pandas; integer covariates as nullable integers (NA where unknown)."""
    import pyarrow as pa

    if pa.types.is_integer(col.type):
        dtype = pd.api.types.pandas_dtype(f"Int{col.type.bit_width}")
        return pd.Series(col.to_pandas(), copy=False).astype(dtype)
    return pd.Series(col.to_pandas(), copy=False)


def join_on(t: ir.Table, data: pd.DataFrame, be: BaseBackend, on: dict[str, ir.Value], prefix: str) -> ir.Table:
    """``t`` left-joined to ``data`` (renamed ``prefix + column``) where ``data[col] == expr`` for ``on``."""
    right = memtable(data, be)
    right = right.rename(**{prefix + c: c for c in right.columns})
    preds = [right[prefix + c] == expr for c, expr in on.items()]
    j = t.left_join(right, preds)
    return j.select(*t.columns, *[prefix + c for c in data.columns if c not in on])
