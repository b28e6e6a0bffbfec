"""Writing a release table in the formats R, Stata and GIS users read.

Each format keeps what its readers need to see the table as the schema defines it:
Stata gets daily dates, integer codes, value labels and variable labels; R gets
``Date``, character codes and factors; GeoPackage and GeoJSON get real date fields
(GeoJSON as RFC 7946: WGS 84, no ``crs`` member); a CSV gets its Frictionless
Table Schema and dialect beside it (``<name>.schema.json``), so a typed reader keeps
``"042"`` a string.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import SummitryError, check_choice
from .atomic import atomic_files, is_special
from .foreign import write_dta, write_rds
from .load import load_table, release_schema
from .releases import path as release_file

FORMATS = ("parquet", "csv", "geojson", "gpkg", "dta", "rds")
GEO_FORMATS = ("geojson", "gpkg")

# The CSV dialect export writes, as Frictionless spells it (pandas' to_csv with these settings).
CSV_DIALECT: dict[str, Any] = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True,
                               "header": True}

# Writes table, release version, to the temporary file.
_Writer = Callable[[str, str | None, Path], None]


def export(table: str, out: str | os.PathLike[str], *, format: str, version: str | None = None) -> Path:
    """Write ``table`` of release ``version`` to ``out`` in ``format``; returns the path.

    The file appears whole or not at all: it is written beside ``out`` and renamed. If
    ``out`` is a device or a named pipe (``/dev/stdout``, a FIFO), the data is copied into
    it instead, and a CSV's schema file is not written.

    Parameters
    ----------
    table : str
        One of the tables.
    out : str or path-like
        The file to write; its folder must exist. An existing file is replaced.
    format : {"parquet", "csv", "geojson", "gpkg", "dta", "rds"}
        The release's Parquet file as it is; CSV with its Frictionless Table Schema beside it
        (see :func:`csv_schema_path`); GeoJSON (RFC 7946) or GeoPackage (tables with a
        geometry only); Stata 15+ ``.dta``; or R ``.rds`` (read with ``readRDS``).
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ChoiceError
        If ``table``, ``format`` or ``version`` is unknown.
    SummitryError
        If a GIS format is asked of a table without a geometry, or the folder of ``out``
        does not exist.
    WriteError
        If the folder of ``out`` is not writable or the disk is full (nothing is left behind).
    """
    check_choice("export format", format, FORMATS)
    check_choice("table", table, schema.TABLES)
    if format in GEO_FORMATS and not schema.geometry_spec(table):
        plain = ", ".join(f for f in FORMATS if f not in GEO_FORMATS)
        raise SummitryError(f"{format} needs a table with a geometry; choose one of "
                            f"{', '.join(schema.geo_tables())}, or a format of {plain}")
    out = Path(out)
    if format == "csv" and not is_special(out):
        with atomic_files([out, csv_schema_path(out)]) as (tmp, tmp_schema):
            _csv(table, version, tmp)
            tmp_schema.write_text(json.dumps(csv_schema(table, out.name, version), indent=2, ensure_ascii=False)
                                  + "\n", encoding="utf-8")
        return out
    with atomic_files([out]) as (tmp,):
        _WRITERS[format](table, version, tmp)
    return out


def csv_schema_path(out: str | os.PathLike[str]) -> Path:
    """The Table Schema written beside an exported CSV: ``events.csv`` -> ``events.schema.json``.

    Parameters
    ----------
    out : str or path-like
        The CSV file.

    Returns
    -------
    pathlib.Path
        The schema's path, in the same folder.
    """
    out = Path(out)
    return out.with_name(f"{out.stem if out.suffix.lower() == '.csv' else out.name}.schema.json")


def csv_schema(table: str, csv_name: str, version: str | None = None) -> dict[str, Any]:
    """The Frictionless Table Schema written beside an exported CSV of ``table``, with its dialect.

    Parameters
    ----------
    table : str
        One of the tables.
    csv_name : str
        The CSV's file name, recorded in the schema's ``summitry`` entry.
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    dict
        The table's schema as the release's manifest holds it, less what a lone CSV does not
        have (the geometry column, the foreign keys into the other tables), plus ``dialect``
        (the Frictionless CSV dialect of the file) and ``summitry`` (table, release, file).
        ``frictionless validate events.csv --schema events.schema.json`` checks a file with it.
    """
    ts = dict(release_schema(table, version))
    spec = ts.pop("geometry", None)
    ts["fields"] = [f for f in ts["fields"] if not spec or f["name"] != spec["column"]]
    ts.pop("foreignKeys", None)
    ts["dialect"] = dict(CSV_DIALECT)
    ts["summitry"] = {"table": table, "release": release_file(table, version).parent.name, "path": csv_name}
    return ts


def stata_labels(table: str, version: str | None = None) -> tuple[dict[str, str], dict[str, list[Any]]]:
    """The variable labels and enumerations of ``table``'s columns, from the release's schema.

    Parameters
    ----------
    table : str
        One of the tables.
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    labels : dict of str to str
        Each field's description (the writers truncate it to the format's limit).
    enums : dict of str to list
        The allowed values of each field with an ``enum`` constraint, in the schema's order.
    """
    fields = release_schema(table, version)["fields"]
    labels = {f["name"]: f.get("description", f["name"]) for f in fields}
    enums = {f["name"]: list(f["constraints"]["enum"]) for f in fields if "enum" in f.get("constraints", {})}
    return labels, enums


def _parquet(table: str, version: str | None, tmp: Path) -> None:
    shutil.copyfile(release_file(table, version), tmp)


def _csv(table: str, version: str | None, tmp: Path) -> None:
    df = load_table(table, version)
    df.to_csv(tmp, index=False, date_format="%Y-%m-%d", lineterminator=str(CSV_DIALECT["lineTerminator"]))


def _geo(driver: str, **options: str) -> _Writer:
    def write(table: str, version: str | None, tmp: Path) -> None:
        tmp.unlink(missing_ok=True)  # GDAL refuses to create over an existing file
        # A GeoDataFrame; geopandas has no type information, so its to_file is unknown to mypy.
        gdf: Any = load_table(table, version, geo=True)
        for f in release_schema(table, version)["fields"]:
            if f["type"] == "date" and f["name"] in gdf.columns:
                # Through Arrow a date32 column becomes a GDAL Date field; datetime64 would be DateTime.
                gdf[f["name"]] = gdf[f["name"]].astype("date32[pyarrow]")
        gdf.to_file(tmp, driver=driver, layer=table, engine="pyogrio", use_arrow=True, **options)
    return write


def _dta(table: str, version: str | None, tmp: Path) -> None:
    labels, enums = stata_labels(table, version)
    write_dta(load_table(table, version), tmp, labels=labels, enums=enums,
              file_label=f"summitry {table}, release {release_file(table, version).parent.name}")


def _rds(table: str, version: str | None, tmp: Path) -> None:
    labels, enums = stata_labels(table, version)
    df: pd.DataFrame = load_table(table, version)
    write_rds(df, tmp, labels=labels, enums=enums)


# RFC7946=YES: WGS 84 longitude/latitude, no "crs" member, coordinates to 7 decimals (about 1 cm).
_WRITERS: dict[str, _Writer] = {"parquet": _parquet, "csv": _csv, "geojson": _geo("GeoJSON", RFC7946="YES"),
                                 "gpkg": _geo("GPKG"), "dta": _dta, "rds": _rds}
