"""Loading release tables as pandas DataFrames or GeoDataFrames.

Column dtypes come from the schema (codes categorical and kept as text with their
leading zeros, dates as datetimes, nullable integers), never from a list kept here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from .. import schema
from ..errors import SummitryError
from .releases import manifest, path


def load_table(table: str, version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Any release table by name; the ``load_*`` functions are shortcuts for this.

    Parameters
    ----------
    table : str
        One of ``events``, ``visits``, ``actors``, ``places``, ``sources``, ``event_sources``.
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Give a ``geopandas.GeoDataFrame`` with the point geometry (tables with a geometry
        only). Without it, the geometry column is left out.

    Returns
    -------
    pandas.DataFrame
        The table, with dtypes from the schema; ``attrs["summitry_release"]`` names the release.

    Raises
    ------
    ChoiceError
        If ``table`` or ``version`` is unknown.
    SummitryError
        If ``geo=True`` for a table without a geometry.
    """
    file = path(table, version)
    spec = schema.geometry_spec(table)
    if geo and not spec:
        raise SummitryError(f"table {table!r} has no geometry; geo=True works for: {', '.join(schema.geo_tables())}")
    arrow = pq.read_table(file)
    df: pd.DataFrame = arrow.to_pandas(date_as_object=False)
    # The analyses and plots credit the release a table came from.
    df.attrs["summitry_release"] = file.parent.name
    # Each release is read by the schema it was built with, which its manifest keeps.
    own = next((r["schema"]["fields"] for r in manifest(file.parent.name)["resources"] if r["name"] == table), None)
    for name, dtype in schema.pandas_dtypes(table, own).items():
        if name in df.columns and str(df[name].dtype) != dtype:
            df[name] = df[name].astype(dtype)
    if spec:
        if not geo:
            return df.drop(columns=[spec["column"]])
        return _to_geodataframe(df, spec)
    return df


def _to_geodataframe(df: pd.DataFrame, spec: dict[str, Any]) -> pd.DataFrame:
    import geopandas as gpd

    geometry = gpd.GeoSeries.from_wkb(df[spec["column"]], crs=spec["crs"])
    gdf: pd.DataFrame = gpd.GeoDataFrame(df.drop(columns=[spec["column"]]), geometry=geometry, crs=spec["crs"])
    return gdf


def load_events(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """One row per coded event; ``geo=True`` gives a GeoDataFrame in EPSG:4326.

    Shortcut for :func:`load_table` with ``table="events"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Give a GeoDataFrame with the point geometry.

    Returns
    -------
    pandas.DataFrame
        The events table.
    """
    return load_table("events", version, geo=geo)


def load_visits(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """One row per visit or summit episode.

    Shortcut for :func:`load_table` with ``table="visits"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.

    Returns
    -------
    pandas.DataFrame
        The visits table.
    """
    return load_table("visits", version, geo=geo)


def load_actors(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Leaders and other actors, by Wikidata QID.

    Shortcut for :func:`load_table` with ``table="actors"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.

    Returns
    -------
    pandas.DataFrame
        The actors table.
    """
    return load_table("actors", version, geo=geo)


def load_places(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Places of the coded events; ``geo=True`` gives a GeoDataFrame in EPSG:4326.

    Shortcut for :func:`load_table` with ``table="places"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Give a GeoDataFrame with the point geometry.

    Returns
    -------
    pandas.DataFrame
        The places table.
    """
    return load_table("places", version, geo=geo)


def load_sources(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """The published documents the records rest on.

    Shortcut for :func:`load_table` with ``table="sources"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.

    Returns
    -------
    pandas.DataFrame
        The sources table.
    """
    return load_table("sources", version, geo=geo)


def load_event_sources(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Links from events to sources, with the sentence relied on.

    Shortcut for :func:`load_table` with ``table="event_sources"``.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    geo : bool
        Only for the tables with a geometry; True raises :class:`~summitry.SummitryError` here.

    Returns
    -------
    pandas.DataFrame
        The event_sources table.
    """
    return load_table("event_sources", version, geo=geo)


def load_collections(version: str | None = None) -> pd.DataFrame:
    """The collections a release is the union of: curated records and upstream lists.

    Shortcut for :func:`load_table` with ``table="collections"`` (releases from 2.0.0).

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    pandas.DataFrame
        One row per collection: title, publisher, URL, licence, upstream version, row counts.
    """
    return load_table("collections", version)


def load_coverage(version: str | None = None) -> pd.DataFrame:
    """What each collection covers completely: guest, host, levels and dates.

    Shortcut for :func:`load_table` with ``table="coverage"`` (releases from 2.0.0). Outside
    these cells a count of zero would mean "no data", not "no visit".

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    pandas.DataFrame
        One row per covered cell, with a sentence saying what is complete in it.
    """
    return load_table("coverage", version)
