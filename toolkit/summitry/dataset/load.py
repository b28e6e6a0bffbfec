"""Loading release tables as pandas DataFrames or GeoDataFrames.

Column dtypes come from the schema (codes categorical and kept as text with their
leading zeros, dates as datetimes, nullable integers), never from a list kept here.
"""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq

from .. import schema
from ..errors import SummitryError
from .releases import path


def load_table(table: str, version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Any release table by name; the ``load_*`` functions are shortcuts for this."""
    file = path(table, version)
    spec = schema.geometry_spec(table)
    if geo and not spec:
        raise SummitryError(f"table {table!r} has no geometry; geo=True works for: {', '.join(schema.geo_tables())}")
    arrow = pq.read_table(file)
    df = arrow.to_pandas(date_as_object=False)
    # The analyses and plots credit the release a table came from.
    df.attrs["summitry_release"] = file.parent.name
    for name, dtype in schema.pandas_dtypes(table).items():
        if name in df.columns and str(df[name].dtype) != dtype:
            df[name] = df[name].astype(dtype)
    if spec:
        if not geo:
            return df.drop(columns=[spec["column"]])
        return _to_geodataframe(df, spec)
    return df


def _to_geodataframe(df: pd.DataFrame, spec: dict):
    import geopandas as gpd

    geometry = gpd.GeoSeries.from_wkb(df[spec["column"]], crs=spec["crs"])
    return gpd.GeoDataFrame(df.drop(columns=[spec["column"]]), geometry=geometry, crs=spec["crs"])


def load_events(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """One row per coded event; ``geo=True`` gives a GeoDataFrame in EPSG:4326."""
    return load_table("events", version, geo=geo)


def load_visits(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """One row per visit or summit episode."""
    return load_table("visits", version, geo=geo)


def load_actors(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Leaders and other actors, by Wikidata QID."""
    return load_table("actors", version, geo=geo)


def load_places(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Places of the coded events; ``geo=True`` gives a GeoDataFrame in EPSG:4326."""
    return load_table("places", version, geo=geo)


def load_sources(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """The published documents the records rest on."""
    return load_table("sources", version, geo=geo)


def load_event_sources(version: str | None = None, *, geo: bool = False) -> pd.DataFrame:
    """Links from events to sources, with the sentence relied on."""
    return load_table("event_sources", version, geo=geo)
