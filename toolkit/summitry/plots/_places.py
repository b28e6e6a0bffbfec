"""Where the map's points are: the shipped basemap, capitals (GeoNames) and host cities."""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pandas as pd

from ..errors import SummitryError

if TYPE_CHECKING:
    import geopandas as gpd

#: A named point: (name, latitude, longitude).
Place: TypeAlias = tuple[str, float, float]



def _basemap_dir() -> Path:
    return Path(str(files("summitry") / "basemap"))


@cache
def world() -> gpd.GeoDataFrame:
    """Natural Earth 1:110m country polygons shipped in the package.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per country, with its ISO alpha-3 code in ``iso_a3``.
    """
    import geopandas as gpd

    return gpd.read_file(_basemap_dir() / "naturalearth_lowres.shp")


@cache
def capitals() -> dict[str, Place]:
    """ISO alpha-3 -> (capital, latitude, longitude), from GeoNames (see basemap/README.md).

    Returns
    -------
    dict of str to tuple of (str, float, float)
        The capital of each country, by its ISO alpha-3 code.
    """
    with open(_basemap_dir() / "capitals.tsv", encoding="utf-8", newline="") as fh:
        return {r["iso3"]: (r["capital"], float(r["latitude"]), float(r["longitude"]))
                for r in csv.DictReader(fh, delimiter="\t")}


def host_cities(visits: pd.DataFrame, version: str | None) -> list[Place]:
    """Where each visit's arc ends: the host city.

    That is the capital of the country where the meeting took place if the visit went
    there, else the first listed city that the release's places table (or the capitals
    list) can place, else that country's capital. A place whose name begins with the
    city's name counts (``Panmunjom`` finds the Joint Security Area).
    """
    from ..dataset.load import load_places

    places = load_places(visits.attrs.get("summitry_release") or version)
    places = places.assign(rank=(places["feature_kind"].astype(str) != "city").astype(int)).sort_values("rank")
    where = "location_country" if "location_country" in visits.columns else "host_country"
    out: list[Place] = []
    for host, loc, names in zip(visits["host_country"].astype(str), visits[where].astype(str), visits["cities"],
                                strict=True):
        loc = loc if loc not in ("nan", "None", "<NA>") else host
        cities = [c.strip() for c in str(names).split(";")] if isinstance(names, str) else []
        capital = capitals().get(loc)
        if capital and capital[0] in cities:
            out.append(capital)
            continue
        found = None
        for city in cities:
            found = _place(places, city, loc)
            if found:
                break
        out.append(found or capital_of(loc))
    return out


def _place(places: pd.DataFrame, city: str, country: str) -> Place | None:
    names = places["name"].astype(str)
    hit = places[names == city]
    same = hit[hit["country"].astype(str) == country]
    if len(same) or len(hit) == 1:
        r = (same if len(same) else hit).iloc[0]
        return (city, float(r["latitude"]), float(r["longitude"]))
    prefix = places[names.str.startswith(city + " ") & (places["country"].astype(str) == country)]
    if len(prefix):
        return (city, float(prefix.iloc[0]["latitude"]), float(prefix.iloc[0]["longitude"]))
    for iso, (name, lat, lon) in capitals().items():
        if name == city and iso == country:
            return (city, lat, lon)
    return None


def capital_of(iso: str) -> Place:
    try:
        return capitals()[iso]
    except KeyError:
        raise SummitryError(f"no capital is known for {iso!r}; "
                            "plot_visit_map needs one for each guest and host") from None
