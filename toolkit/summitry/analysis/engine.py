"""Where an analysis runs: one Ibis expression, three engines.

The analyses are written once as Ibis expressions. A pandas DataFrame is handed to an
in-process DuckDB; a path to a Parquet dataset (hive-partitioned ``year=YYYY/`` folders
of files in the events schema, as ``import_events`` writes them) is scanned lazily by
DuckDB, or by Apache Spark when ``engine=`` is a SparkSession; a lazy table (from
:func:`scan` or any Ibis backend) runs where it lives. Results come back as pandas.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import pandas as pd

from ..errors import SummitryError

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend
    from pyspark.sql import SparkSession

    #: What ``engine=`` accepts: None or "duckdb" (in-process DuckDB), a SparkSession or an Ibis backend.
    Engine: TypeAlias = str | SparkSession | BaseBackend | None
    #: What the analyses accept as data: a pandas table, a path to Parquet or a lazy Ibis table.
    Data: TypeAlias = pd.DataFrame | str | Path | ir.Table

ENGINES = ("duckdb", "a pyspark SparkSession", "an Ibis backend")


def _ibis() -> ModuleType:
    try:
        import ibis
    except ImportError:  # pragma: no cover - ibis is a dependency
        raise SummitryError("the analyses need ibis-framework; pip install 'ibis-framework[duckdb]'") from None
    return cast(ModuleType, ibis)


def is_lazy(data: object) -> bool:
    """Whether ``data`` is an Ibis table expression.

    Parameters
    ----------
    data : object
        Any object.

    Returns
    -------
    bool
        True for an ``ibis.expr.types.Table``; False otherwise, and when ibis is not installed.
    """
    try:
        import ibis.expr.types as ir
    except ImportError:  # pragma: no cover
        return False
    return isinstance(data, ir.Table)


def backend(engine: Engine = None) -> BaseBackend:
    """The Ibis backend for ``engine``.

    Parameters
    ----------
    engine : str, pyspark.sql.SparkSession, ibis.backends.BaseBackend or None
        None or ``"duckdb"`` (a new in-process DuckDB), a pyspark SparkSession, or an Ibis
        backend (returned as it is).

    Returns
    -------
    ibis.backends.BaseBackend
        The backend to run the analyses on.

    Raises
    ------
    SummitryError
        If ``engine`` is none of these.
    """
    ibis = _ibis()
    if engine is None or engine == "duckdb":
        con = ibis.duckdb.connect()
        # In Jupyter without ipywidgets DuckDB refuses the setting; there is no bar either.
        with contextlib.suppress(Exception):
            con.raw_sql("SET enable_progress_bar = false")  # no bars in notebooks and CLI output
        return cast("BaseBackend", con)
    if _is_spark_session(engine):
        return cast("BaseBackend", ibis.pyspark.connect(engine))
    from ibis.backends import BaseBackend

    if isinstance(engine, BaseBackend):
        return engine
    raise SummitryError(f"unknown engine {engine!r}; valid engines: {', '.join(ENGINES)}")


def _is_spark_session(obj: object) -> bool:
    cls = type(obj)
    return cls.__name__ == "SparkSession" and cls.__module__.startswith("pyspark")


def scan(path: str | os.PathLike[str], *, engine: Engine = None) -> ir.Table:
    """A lazy table over a Parquet file or a dataset folder (hive ``year=YYYY/`` partitions).

    Nothing is read until the table is used; filters on ``year`` skip whole folders.

    Parameters
    ----------
    path : str or path-like
        A Parquet file, or a folder of them (hive-partitioned, as ``import_events`` writes).
    engine : pyspark.sql.SparkSession, optional
        None (DuckDB in-process) or a SparkSession.

    Returns
    -------
    ibis.expr.types.Table
        The lazy table, for :func:`visit_frequency` or :func:`dyad_years`.

    Raises
    ------
    SummitryError
        If ``path`` does not exist or the folder holds no ``.parquet`` files, or
        ``engine`` is not a valid engine.

    Examples
    --------
    >>> events = summitry.scan("gdelt-events/")          # doctest: +SKIP
    >>> summitry.visit_frequency(events, period="month")  # doctest: +SKIP
    """
    return _scan(path, backend(engine))


def _scan(path: str | os.PathLike[str], con: BaseBackend) -> ir.Table:
    from ..eventdata.sources import check_source

    p = Path(path)
    check_source(p)  # every file the engine would read, before it reads one: errors that name the file
    try:
        if con.name == "duckdb":
            source = str(p) if p.is_file() else str(p / "**" / "*.parquet")
            table = con.read_parquet(source, hive_partitioning=p.is_dir())
        else:
            # Spark reads a folder of hive partitions as one table and adds the year column.
            table = con.read_parquet(str(p))
    except Exception as exc:
        raise SummitryError(f"{p}: the engine cannot read it as Parquet ({_engine_reason(exc)})") from None
    with contextlib.suppress(TypeError):  # a backend that cannot be weakly referenced keeps no source
        _SOURCES[con] = str(p)
    return cast("ir.Table", table)


# The path each backend last scanned, so that an error while running names the data.
_SOURCES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def _engine_reason(exc: BaseException) -> str:
    """An engine's error in one line: DuckDB's first line, without the SQL it quotes."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"{type(exc).__name__}: {first}"


def resolve(data: Data, engine: Engine = None, *,
            columns: list[str] | None = None) -> tuple[ir.Table, BaseBackend]:
    """``data`` (DataFrame, path or lazy table) as ``(Ibis table, backend to run it on)``.

    Parameters
    ----------
    data : pandas.DataFrame, str, pathlib.Path or ibis.expr.types.Table
        A pandas DataFrame, a path to a Parquet file or dataset folder, or a lazy table.
    engine : optional
        Where to run (see :func:`backend`); must be unset for a lazy table, which runs on
        its own backend.
    columns : list of str, optional
        For a DataFrame, only these of its columns are handed to the engine (those it has).

    Returns
    -------
    tuple of (ibis.expr.types.Table, ibis.backends.BaseBackend)
        The table and the backend it lives on.

    Raises
    ------
    SummitryError
        If ``engine`` is given with a lazy table of another backend, the engine is not
        valid, or ``data`` is of another type.
    """
    _ibis()  # the friendly error when ibis is missing, before any other
    if is_lazy(data):
        table = cast("ir.Table", data)
        be = table.get_backend()
        if engine is not None and not _same_backend(be, engine):
            raise SummitryError("a lazy table runs on its own engine; leave engine= unset for it")
        return table, be
    be = backend(engine)
    if isinstance(data, (str, Path)):
        return _scan(data, be), be
    if isinstance(data, pd.DataFrame):
        df = data if columns is None else data[[c for c in columns if c in data.columns]]
        df = df.copy()
        for name in df.columns:
            # Categories travel as plain text: Spark has no dictionary type.
            if isinstance(df[name].dtype, pd.CategoricalDtype):
                df[name] = df[name].astype(object).where(df[name].notna(), None)
        return memtable(df, be), be
    raise SummitryError(f"cannot analyse a {type(data).__name__}; give a pandas DataFrame, "
                        "a path to Parquet events, or a lazy table from summitry.scan()")


def memtable(df: pd.DataFrame, be: BaseBackend) -> ir.Table:
    """A pandas table as an Ibis table on ``be``, through Arrow so missing values stay null.

    (Handing pandas to Spark directly turns a missing string into the text 'NaN' with
    some pandas and pyspark versions.)

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its index is dropped.
    be : ibis.backends.BaseBackend
        The backend the table is for: a Spark backend gets a temporary view, any other an
        in-memory table.

    Returns
    -------
    ibis.expr.types.Table
        The table, usable in expressions run on ``be``.
    """
    import uuid

    import pyarrow as pa

    arrow = pa.Table.from_pandas(df, preserve_index=False)
    arrow = arrow.cast(pa.schema([pa.field(f.name, pa.string() if pa.types.is_large_string(f.type) else f.type)
                                  for f in arrow.schema]))
    if be.name == "pyspark":
        name = "summitry_" + uuid.uuid4().hex[:16]
        session: Any = cast(Any, be)._session  # the pyspark backend's SparkSession
        session.createDataFrame(arrow).createOrReplaceTempView(name)
        return be.table(name)
    return cast("ir.Table", _ibis().memtable(arrow))


def _same_backend(be: BaseBackend, engine: Engine) -> bool:
    if _is_spark_session(engine):
        return bool(be.name == "pyspark")
    if engine == "duckdb":
        return bool(be.name == "duckdb")
    return be is engine


def to_pandas(be: BaseBackend, expr: ir.Table, *, nullable: Sequence[str] = ()) -> pd.DataFrame:
    """Run ``expr`` on ``be`` and return pandas, through Arrow (faster than a row-wise convert).

    Parameters
    ----------
    be : ibis.backends.BaseBackend
        The backend ``expr`` lives on.
    expr : ibis.expr.types.Table
        The table expression to run.
    nullable : sequence of str
        Integer columns that may be empty, to come back as pandas' nullable ``Int64``
        (Arrow would hand them over as floats).

    Returns
    -------
    pandas.DataFrame
        The result.

    Raises
    ------
    SummitryError
        When the engine fails on the data (a value it cannot convert, a file it cannot read):
        the message names the data scanned and the engine's reason.
    """
    try:
        try:
            arrow = be.to_pyarrow(expr)
        except NotImplementedError:  # pragma: no cover - a backend without Arrow output
            return cast(pd.DataFrame, be.execute(expr))
    except Exception as exc:
        if not _is_engine_error(exc):
            raise
        source = _source_of(be)
        raise SummitryError(f"{source}: the analysis failed on this data ({_engine_reason(exc)}); check that it "
                            "holds events in the events or imported-events schema") from None
    if not nullable:
        return cast(pd.DataFrame, arrow.to_pandas())
    import pyarrow as pa

    ints = {pa.int8(), pa.int16(), pa.int32(), pa.int64()}
    df = cast(pd.DataFrame, arrow.drop_columns(list(nullable)).to_pandas())
    for name in nullable:
        df[name] = arrow.column(name).to_pandas(types_mapper=lambda t: pd.Int64Dtype() if t in ints else None)
    return df[list(arrow.column_names)]


def _source_of(be: BaseBackend) -> str:
    try:
        return _SOURCES.get(be) or "the data"
    except TypeError:
        return "the data"


def _is_engine_error(exc: BaseException) -> bool:
    # DuckDB's, Spark's and Ibis's own errors; a bug in summitry (a TypeError of ours) still shows as one
    module = type(exc).__module__ or ""
    return module.split(".")[0] in ("duckdb", "_duckdb", "pyspark", "py4j", "ibis")
