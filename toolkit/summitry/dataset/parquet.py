"""Writing release tables as Parquet, and GeoParquet 1.1 for the tables with a geometry.

The bytes must depend on nothing but the rows: no timestamps, no pandas index, and
the same writer options every time, so that the same records give the same files.
"""

from __future__ import annotations

import json
import math
import os
import struct
from functools import cache
from typing import Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from .. import schema

METADATA_KEY = b"summitry"  # one small namespaced entry; provenance lives in datapackage.json
GEO_KEY = b"geo"
GEOPARQUET_VERSION = "1.1.0"

WRITE_OPTIONS: dict[str, Any] = dict(compression="zstd", compression_level=9, use_dictionary=True,
                                     write_statistics=True, row_group_size=1_000_000)


def wkb_point(lon: float | None, lat: float | None) -> bytes | None:
    """ISO WKB of a 2D point, little-endian; None where the coordinates are unknown.

    Parameters
    ----------
    lon, lat : float or None
        Longitude and latitude in degrees; None or NaN where unknown.

    Returns
    -------
    bytes or None
        The 21 bytes of the WKB point, or None if either coordinate is unknown.
    """
    if lon is None or lat is None or math.isnan(lon) or math.isnan(lat):
        return None
    return struct.pack("<BIdd", 1, 1, float(lon), float(lat))


@cache
def _crs_projjson(crs: str) -> dict[str, Any]:
    # pyproj is a geopandas dependency; it gives the PROJJSON that GeoParquet asks for.
    from pyproj import CRS

    return cast(dict[str, Any], CRS.from_user_input(crs).to_json_dict())


def geo_metadata(table: str, arrow: pa.Table) -> dict[str, Any]:
    """The ``geo`` file metadata of GeoParquet 1.1 for a table's point column.

    Parameters
    ----------
    table : str
        A table with a geometry (see :func:`summitry.schema.geo_tables`).
    arrow : pyarrow.Table
        Its rows, with the longitude and latitude columns.

    Returns
    -------
    dict
        The metadata, with the bounding box of the points when there are any.

    Raises
    ------
    ValueError
        If ``table`` has no geometry.
    """
    spec = schema.geometry_spec(table)
    if spec is None:
        raise ValueError(f"table {table!r} has no geometry")
    lons = [v for v in arrow.column(spec["longitude"]).to_pylist() if v is not None]
    lats = [v for v in arrow.column(spec["latitude"]).to_pylist() if v is not None]
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": ["Point"], "crs": _crs_projjson(spec["crs"])}
    if lons:
        column["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    return {"version": GEOPARQUET_VERSION, "primary_column": spec["column"],
            "columns": {spec["column"]: column}}


def to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows (dicts keyed by field name) as an Arrow table typed by the schema.

    Parameters
    ----------
    table : str
        One of the tables.
    rows : list of dict
        The rows; a field missing from a row is null.

    Returns
    -------
    pyarrow.Table
        The rows, with :func:`summitry.schema.arrow_schema` as schema.
    """
    target = schema.arrow_schema(table)
    arrays = []
    for f in target:
        values = [r.get(f.name) for r in rows]
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(values, pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(values, f.type))
    return pa.Table.from_arrays(arrays, schema=target)


def write_table(table: str, arrow: pa.Table, path: str | os.PathLike[str], *, dataset_version: str) -> None:
    """Write a release table to ``path`` as Parquet, GeoParquet for the tables with a geometry.

    Parameters
    ----------
    table : str
        One of the tables.
    arrow : pyarrow.Table
        Its rows, as :func:`to_arrow` gives them.
    path : str or path-like
        The file to write.
    dataset_version : str
        The release version recorded in the file's metadata.
    """
    meta = {METADATA_KEY: json.dumps({
        "dataset_version": dataset_version,
        "schema_version": schema.dataset_descriptor()["schema_version"],
        "table": table,
    }, sort_keys=True).encode()}
    if schema.geometry_spec(table):
        meta[GEO_KEY] = json.dumps(geo_metadata(table, arrow), sort_keys=True).encode()
    pq.write_table(arrow.replace_schema_metadata(meta), path, **WRITE_OPTIONS)


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The summitry key-value entry of a release file.

    Parameters
    ----------
    path : str or path-like
        A Parquet file written by :func:`write_table`.

    Returns
    -------
    dict
        ``dataset_version``, ``schema_version`` and ``table``; empty if the file has no entry.
    """
    kv = pq.read_schema(path).metadata or {}
    return cast(dict[str, Any], json.loads(kv[METADATA_KEY])) if METADATA_KEY in kv else {}
