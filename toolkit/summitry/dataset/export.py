"""Writing a release table in the formats R, Stata and GIS users read."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import SummitryError, check_choice
from .load import load_table
from .releases import path as release_file

FORMATS = ("parquet", "csv", "geojson", "gpkg", "dta")
GEO_FORMATS = ("geojson", "gpkg")

# Writes table, release version, to the temporary file.
_Writer = Callable[[str, str | None, Path], None]


def export(table: str, out: str | os.PathLike[str], *, format: str, version: str | None = None) -> Path:
    """Write ``table`` of release ``version`` to ``out`` in ``format``; returns the path.

    The file appears whole or not at all: it is written beside ``out`` and renamed.

    Parameters
    ----------
    table : str
        One of the tables.
    out : str or path-like
        The file to write; its folder must exist. An existing file is replaced.
    format : {"parquet", "csv", "geojson", "gpkg", "dta"}
        The release's Parquet file as it is, CSV, GeoJSON or GeoPackage (tables with a
        geometry only), or Stata 14+ ``.dta``.
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
    """
    check_choice("export format", format, FORMATS)
    check_choice("table", table, schema.TABLES)
    if format in GEO_FORMATS and not schema.geometry_spec(table):
        plain = ", ".join(f for f in FORMATS if f not in GEO_FORMATS)
        raise SummitryError(f"{format} needs a table with a geometry; choose one of "
                            f"{', '.join(schema.geo_tables())}, or a format of {plain}")
    out = Path(out)
    if out.parent and not out.parent.exists():
        raise SummitryError(f"cannot write {out}: the folder {out.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".summitry-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        _WRITERS[format](table, version, Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; an export is an ordinary file
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def _parquet(table: str, version: str | None, tmp: Path) -> None:
    shutil.copyfile(release_file(table, version), tmp)


def _csv(table: str, version: str | None, tmp: Path) -> None:
    df = load_table(table, version)
    df.to_csv(tmp, index=False, date_format="%Y-%m-%d")


def _geo(driver: str) -> _Writer:
    def write(table: str, version: str | None, tmp: Path) -> None:
        tmp.unlink(missing_ok=True)  # GDAL refuses to create over an existing file
        # A GeoDataFrame; geopandas has no type information, so its to_file is unknown to mypy.
        gdf: Any = load_table(table, version, geo=True)
        gdf.to_file(tmp, driver=driver, layer=table)
    return write


def _dta(table: str, version: str | None, tmp: Path) -> None:
    df = load_table(table, version)
    # Stata has no nullable integer or categorical-of-text with missing; give it floats and text.
    for name, dtype in schema.pandas_dtypes(table).items():
        if name not in df.columns:
            continue
        if dtype == "Int64":
            df[name] = df[name].astype("float64")
        elif dtype == "category":
            df[name] = df[name].astype(object).where(df[name].notna(), "")
        elif dtype == "object":
            df[name] = df[name].fillna("")
    labels = {f["name"]: f.get("description", "")[:80] for f in schema.fields(table) if f["name"] in df.columns}
    df.to_stata(tmp, write_index=False, version=118, variable_labels=labels,
                data_label=f"summitry {table}"[:80])


_WRITERS: dict[str, _Writer] = {"parquet": _parquet, "csv": _csv, "geojson": _geo("GeoJSON"), "gpkg": _geo("GPKG"),
                                 "dta": _dta}
