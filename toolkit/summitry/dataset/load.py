"""Loading release tables as pandas DataFrames, GeoDataFrames, Arrow tables or polars DataFrames.

Column types come from the schema (codes kept as text with their leading zeros, dates
as dates, nullable integers), never from a list kept here. Each release is read by the
schema it was built with, which its manifest keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

import pandas as pd
import pyarrow.parquet as pq

from .. import schema
from ..errors import SummitryError, check_choice
from .releases import manifest, path

if TYPE_CHECKING:
    import pyarrow as pa

BACKENDS = ("pandas", "arrow", "polars")
"""What ``backend=`` accepts: a pandas DataFrame, a pyarrow Table or a polars DataFrame."""

Backend = Literal["pandas", "arrow", "polars"]


def release_schema(table: str, version: str | None = None) -> dict[str, Any]:
    """The Table Schema of ``table`` as release ``version`` was built with it (from its manifest).

    Parameters
    ----------
    table : str
        One of the tables.
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    dict
        The schema in the release's ``datapackage.json``; the current schema if the manifest
        has none for the table. Treat it as read-only.

    Raises
    ------
    ChoiceError
        If ``table`` or ``version`` is unknown.
    """
    release = path(table, version).parent.name
    own = next((r["schema"] for r in manifest(release)["resources"] if r["name"] == table), None)
    return own if own is not None else schema.table_schema(table)


def _arrow_table(table: str, version: str | None) -> pa.Table:
    import pyarrow as pa

    arrow = pq.read_table(path(table, version))
    # A column whose stored type differs from the release schema's (an older writer) is cast to it.
    for f in release_schema(table, version)["fields"]:
        i = arrow.schema.get_field_index(f["name"])
        want = schema.arrow_type(f)
        if i >= 0 and arrow.schema.field(i).type != want:
            arrow = arrow.set_column(i, pa.field(f["name"], want), arrow.column(i).cast(want))
    return arrow


@overload
def load_table(table: str, version: str | None = ..., *, geo: bool = ...,
               backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_table(table: str, version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_table(table: str, version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """Any release table by name; the ``load_*`` functions are shortcuts for this.

    Parameters
    ----------
    table : str
        One of the tables (``events``, ``visits``, ``actors``, ``places``, ``sources``,
        ``event_sources``, ``collections``, ``coverage``).
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Give a ``geopandas.GeoDataFrame`` with the point geometry (tables with a geometry
        only, pandas backend only). Without it, the geometry column is left out.
    backend : {"pandas", "arrow", "polars"}
        What to return: a pandas DataFrame (categorical codes, ``datetime64`` dates, nullable
        integers), a ``pyarrow.Table`` (dictionary-encoded text, ``date32``) or a polars
        DataFrame (``Categorical`` text, ``Date``). Codes stay text in all three.

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The table, with types from the release's schema. A pandas frame names its release in
        ``attrs["summitry_release"]``; an Arrow table in its schema metadata.

    Raises
    ------
    ChoiceError
        If ``table``, ``version`` or ``backend`` is unknown.
    SummitryError
        If ``geo=True`` for a table without a geometry or with another backend than pandas.
    """
    check_choice("backend", backend, BACKENDS)
    file = path(table, version)
    spec = schema.geometry_spec(table)
    if geo and not spec:
        raise SummitryError(f"table {table!r} has no geometry; geo=True works for: {', '.join(schema.geo_tables())}")
    if geo and backend != "pandas":
        raise SummitryError(f"geo=True gives a GeoDataFrame, so it needs backend='pandas', not {backend!r}; "
                            f"the {backend} table keeps the WKB geometry column {spec['column'] if spec else ''!r}"
                            " when geo is False")
    arrow = _arrow_table(table, version)
    if backend == "arrow":
        return arrow
    if backend == "polars":
        return _to_polars(arrow)
    df: pd.DataFrame = arrow.to_pandas(date_as_object=False)
    # The analyses and plots credit the release a table came from.
    df.attrs["summitry_release"] = file.parent.name
    for name, dtype in schema.pandas_dtypes(table, release_schema(table, version)["fields"]).items():
        if name in df.columns and str(df[name].dtype) != dtype:
            df[name] = df[name].astype(dtype)
    if spec:
        if not geo:
            return df.drop(columns=[spec["column"]])
        return _to_geodataframe(df, spec)
    return df


def _to_polars(arrow: pa.Table) -> Any:
    try:
        import polars as pl
    except ImportError:
        raise SummitryError("backend='polars' needs polars: pip install polars") from None
    return pl.from_arrow(arrow)


def _to_geodataframe(df: pd.DataFrame, spec: dict[str, Any]) -> pd.DataFrame:
    import geopandas as gpd

    geometry = gpd.GeoSeries.from_wkb(df[spec["column"]], crs=spec["crs"])
    gdf: pd.DataFrame = gpd.GeoDataFrame(df.drop(columns=[spec["column"]]), geometry=geometry, crs=spec["crs"])
    return gdf


@overload
def load_events(version: str | None = ..., *, geo: bool = ..., backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_events(version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_events(version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """One row per coded event; ``geo=True`` gives a GeoDataFrame in EPSG:4326.

    Shortcut for :func:`load_table` with ``table="events"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Give a GeoDataFrame with the point geometry.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The events table.
    """
    return load_table("events", version, geo=geo, backend=backend)


@overload
def load_visits(version: str | None = ..., *, geo: bool = ..., backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_visits(version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_visits(version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """One row per visit or summit episode.

    Shortcut for :func:`load_table` with ``table="visits"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The visits table.
    """
    return load_table("visits", version, geo=geo, backend=backend)


@overload
def load_actors(version: str | None = ..., *, geo: bool = ..., backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_actors(version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_actors(version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """Leaders and other actors, by summitry actor id (``a-...``; the Wikidata QID in ``wikidata_qid``).

    Shortcut for :func:`load_table` with ``table="actors"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The actors table.
    """
    return load_table("actors", version, geo=geo, backend=backend)


@overload
def load_places(version: str | None = ..., *, geo: bool = ..., backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_places(version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_places(version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """Places of the coded events; ``geo=True`` gives a GeoDataFrame in EPSG:4326.

    Shortcut for :func:`load_table` with ``table="places"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Give a GeoDataFrame with the point geometry.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The places table.
    """
    return load_table("places", version, geo=geo, backend=backend)


@overload
def load_sources(version: str | None = ..., *, geo: bool = ..., backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_sources(version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_sources(version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """The published documents the records rest on.

    Shortcut for :func:`load_table` with ``table="sources"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The sources table.
    """
    return load_table("sources", version, geo=geo, backend=backend)


@overload
def load_event_sources(version: str | None = ..., *, geo: bool = ...,
                       backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_event_sources(version: str | None = ..., *, geo: bool = ..., backend: str) -> Any: ...
def load_event_sources(version: str | None = None, *, geo: bool = False, backend: str = "pandas") -> Any:
    """Links from events to sources, with the sentence relied on.

    Shortcut for :func:`load_table` with ``table="event_sources"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        The event_sources table.
    """
    return load_table("event_sources", version, geo=geo, backend=backend)


@overload
def load_collections(version: str | None = ..., *, backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_collections(version: str | None = ..., *, backend: str) -> Any: ...
def load_collections(version: str | None = None, *, backend: str = "pandas") -> Any:
    """The collections a release is the union of: curated records and upstream lists.

    Shortcut for :func:`load_table` with ``table="collections"`` (releases from 2.0.0).

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        One row per collection: title, publisher, URL, licence, upstream version, row counts.
    """
    return load_table("collections", version, backend=backend)


@overload
def load_coverage(version: str | None = ..., *, backend: Literal["pandas"] = ...) -> pd.DataFrame: ...
@overload
def load_coverage(version: str | None = ..., *, backend: str) -> Any: ...
def load_coverage(version: str | None = None, *, backend: str = "pandas") -> Any:
    """What each collection covers completely: guest, host, levels and dates.

    Shortcut for :func:`load_table` with ``table="coverage"`` (releases from 2.0.0). Outside
    these cells a count of zero would mean "no data", not "no visit".

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    backend : {"pandas", "arrow", "polars"}
        The kind of table to return (see :func:`load_table`).

    Returns
    -------
    pandas.DataFrame, pyarrow.Table or polars.DataFrame
        One row per covered cell, with a sentence saying what is complete in it.
    """
    return load_table("coverage", version, backend=backend)
