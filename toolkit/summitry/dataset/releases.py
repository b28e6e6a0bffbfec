"""Finding the dataset releases shipped in the package.

Every release ever built ships in the wheel under ``summitry/_releases/X.Y.Z/``, so
``version="1.0.0"`` gives the same bytes years later. Read with ``importlib.resources``,
as palmerpenguins does: nothing is downloaded.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any, cast

from .. import schema
from ..errors import ChoiceError, SummitryError, check_choice

MANIFEST = "datapackage.json"


def releases_dir() -> Path:
    """The folder the releases ship in, ``summitry/_releases/``.

    Returns
    -------
    Path
        The folder; it may be missing in an installation without releases.
    """
    return Path(str(files("summitry") / "_releases"))


def _semver_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def versions() -> list[str]:
    """The dataset releases shipped with this package, oldest first.

    Returns
    -------
    list of str
        The versions (``X.Y.Z``) in semantic-version order; empty if none is shipped.
    """
    root = releases_dir()
    if not root.is_dir():
        return []
    found = [p.name for p in root.iterdir() if (p / MANIFEST).is_file()]
    return sorted(found, key=_semver_key)


def latest_version() -> str:
    """The newest release shipped with this package.

    Returns
    -------
    str
        Its version.

    Raises
    ------
    SummitryError
        If no release is shipped.
    """
    vs = versions()
    if not vs:
        raise SummitryError("no dataset release is shipped with this installation of summitry")
    return vs[-1]


def resolve_version(version: str | None) -> str:
    """``version`` if it is a shipped release, the latest release if None.

    Parameters
    ----------
    version : str or None
        A shipped version, ``"latest"`` or None (both meaning the newest).

    Returns
    -------
    str
        The version.

    Raises
    ------
    ChoiceError
        If ``version`` is not a shipped release.
    SummitryError
        If no release is shipped.
    """
    if version is None or version == "latest":
        return latest_version()
    return check_choice("dataset version", str(version), versions())


def release_path(version: str | None = None) -> Path:
    """The folder of a release.

    Parameters
    ----------
    version : str or None
        A shipped version; the latest if None.

    Returns
    -------
    Path
        The release folder.

    Raises
    ------
    ChoiceError
        If ``version`` is not a shipped release.
    """
    return releases_dir() / resolve_version(version)


def manifest(version: str | None = None) -> dict[str, Any]:
    """The release's ``datapackage.json`` (Frictionless Data Package) as a dict.

    Parameters
    ----------
    version : str or None
        A shipped version; the latest if None.

    Returns
    -------
    dict
        The parsed manifest: version, dates, licences, contributors and one resource per table.

    Raises
    ------
    ChoiceError
        If ``version`` is not a shipped release.
    """
    return cast(dict[str, Any], json.loads((release_path(version) / MANIFEST).read_text(encoding="utf-8")))


def path(table: str, version: str | None = None) -> Path:
    """The Parquet file of ``table`` in a release, for DuckDB, polars, R or Arrow users.

    Parameters
    ----------
    table : str
        One of the tables (``events``, ``visits``, ``actors``, ``places``, ``sources``,
        ``event_sources``).
    version : str or None
        A shipped version; the latest if None.

    Returns
    -------
    Path
        The Parquet (or GeoParquet) file.

    Raises
    ------
    ChoiceError
        If ``table`` or ``version`` is unknown, or the release has no such table.

    Examples
    --------
    >>> import duckdb
    >>> duckdb.sql(f"select * from '{summitry.path('events')}'")  # doctest: +SKIP
    """
    check_choice("table", table, schema.TABLES)
    p = release_path(version) / f"{table}.parquet"
    if not p.is_file():
        raise ChoiceError("table", table, [r["name"] for r in manifest(version)["resources"]])
    return p


def tables(version: str | None = None) -> list[str]:
    """The tables of a release, in its manifest's order (older releases hold fewer).

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    list of str
        The table names.
    """
    return [str(r["name"]) for r in manifest(version)["resources"]]
