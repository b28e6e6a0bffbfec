"""Where an analysis runs: one Ibis expression, three engines.

The analyses are written once as Ibis expressions. A pandas DataFrame is handed to an
in-process DuckDB; a path to a Parquet dataset (hive-partitioned ``year=YYYY/`` folders
of files in the events schema, as ``import_events`` writes them) is scanned lazily by
DuckDB, or by Apache Spark when ``engine=`` is a SparkSession; a lazy table (from
:func:`scan` or any Ibis backend) runs where it lives. Results come back as pandas.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import SummitryError

ENGINES = ("duckdb", "a pyspark SparkSession", "an Ibis backend")


def _ibis():
    try:
        import ibis
    except ImportError:  # pragma: no cover - ibis is a dependency
        raise SummitryError("the analyses need ibis-framework; pip install 'ibis-framework[duckdb]'") from None
    return ibis


def is_lazy(data) -> bool:
    """Whether ``data`` is an Ibis table expression."""
    try:
        import ibis.expr.types as ir
    except ImportError:  # pragma: no cover
        return False
    return isinstance(data, ir.Table)


def backend(engine=None):
    """The Ibis backend for ``engine``: None or "duckdb" (in-process), a SparkSession, or a backend."""
    ibis = _ibis()
    if engine is None or engine == "duckdb":
        con = ibis.duckdb.connect()
        try:
            con.raw_sql("SET enable_progress_bar = false")  # no bars in notebooks and CLI output
        except Exception:  # in Jupyter without ipywidgets DuckDB refuses the setting; no bar either
            pass
        return con
    if _is_spark_session(engine):
        return ibis.pyspark.connect(engine)
    from ibis.backends import BaseBackend

    if isinstance(engine, BaseBackend):
        return engine
    raise SummitryError(f"unknown engine {engine!r}; valid engines: {', '.join(ENGINES)}")


def _is_spark_session(obj) -> bool:
    cls = type(obj)
    return cls.__name__ == "SparkSession" and cls.__module__.startswith("pyspark")


def scan(path, *, engine=None):
    """A lazy table over a Parquet file or a dataset folder (hive ``year=YYYY/`` partitions).

    Nothing is read until the table is used; filters on ``year`` skip whole folders.
    ``engine`` is None (DuckDB in-process) or a SparkSession.

    >>> events = summitry.scan("gdelt-events/")          # doctest: +SKIP
    >>> summitry.visit_frequency(events, period="month")  # doctest: +SKIP
    """
    return _scan(path, backend(engine))


def _scan(path, con):
    p = Path(path)
    if not p.exists():
        raise SummitryError(f"cannot scan {p}: no such file or folder")
    if p.is_dir() and not any(p.rglob("*.parquet")):
        raise SummitryError(f"cannot scan {p}: the folder holds no .parquet files")
    if con.name == "duckdb":
        source = str(p) if p.is_file() else str(p / "**" / "*.parquet")
        return con.read_parquet(source, hive_partitioning=p.is_dir())
    # Spark reads a folder of hive partitions as one table and adds the year column.
    return con.read_parquet(str(p))


def resolve(data, engine=None, *, columns: list[str] | None = None):
    """``data`` (DataFrame, path or lazy table) as ``(Ibis table, backend to run it on)``."""
    ibis = _ibis()
    if is_lazy(data):
        be = data.get_backend()
        if engine is not None and not _same_backend(be, engine):
            raise SummitryError("a lazy table runs on its own engine; leave engine= unset for it")
        return data, be
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


def memtable(df: pd.DataFrame, be):
    """A pandas table as an Ibis table on ``be``, through Arrow so missing values stay null.

    (Handing pandas to Spark directly turns a missing string into the text 'NaN' with
    some pandas and pyspark versions.)
    """
    import uuid

    import pyarrow as pa

    arrow = pa.Table.from_pandas(df, preserve_index=False)
    arrow = arrow.cast(pa.schema([pa.field(f.name, pa.string() if pa.types.is_large_string(f.type) else f.type)
                                  for f in arrow.schema]))
    if be.name == "pyspark":
        name = "summitry_" + uuid.uuid4().hex[:16]
        be._session.createDataFrame(arrow).createOrReplaceTempView(name)
        return be.table(name)
    return _ibis().memtable(arrow)


def _same_backend(be, engine) -> bool:
    if _is_spark_session(engine):
        return be.name == "pyspark"
    if engine == "duckdb":
        return be.name == "duckdb"
    return be is engine


def to_pandas(be, expr) -> pd.DataFrame:
    """Run ``expr`` on ``be`` and return pandas, through Arrow (faster than a row-wise convert)."""
    try:
        arrow = be.to_pyarrow(expr)
    except NotImplementedError:  # pragma: no cover - a backend without Arrow output
        return be.execute(expr)
    return arrow.to_pandas()
