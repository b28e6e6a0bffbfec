"""A world map of visits: an arc from each guest's capital to the host city."""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import SummitryError
from ._common import axes, credit

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

#: A named point: (name, latitude, longitude).
Place: TypeAlias = tuple[str, float, float]

ARC_GID = "summitry-arc"
NATURAL_EARTH = "Made with Natural Earth"
GEONAMES = "Capitals: GeoNames (CC BY 4.0)"


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


def _host_cities(visits: pd.DataFrame, version: str | None) -> list[Place]:
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
        out.append(found or _capital(loc))
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


def _capital(iso: str) -> Place:
    try:
        return capitals()[iso]
    except KeyError:
        raise SummitryError(f"no capital is known for {iso!r}; "
                            "plot_visit_map needs one for each guest and host") from None


def arcs(visits: pd.DataFrame, version: str | None = None) -> pd.DataFrame:
    """One row per (guest, host, destination): coordinates and the number of visits.

    Parameters
    ----------
    visits : pandas.DataFrame
        A visits table (the destination is the host city, see :func:`plot_visit_map`) or
        a directed table from :func:`summitry.visit_frequency` (the host's capital).
    version : str, optional
        The release whose places table places the host cities, when ``visits`` does not
        say its release.

    Returns
    -------
    pandas.DataFrame
        ``guest_country, host_country, origin, origin_lat, origin_lon, destination,
        dest_lat, dest_lon, visits``, sorted.

        Visits whose guest or host has no known capital (a place that is not a state, such as
        the Netherlands Antilles) are left out and counted, by country, in
        ``attrs["not_drawn"]``.

    Raises
    ------
    SummitryError
        If ``visits`` lacks ``guest_country`` or ``host_country``.
    """
    if "guest_country" not in visits.columns or "host_country" not in visits.columns:
        raise SummitryError("plot_visit_map needs a visits table or a directed visit_frequency() table "
                            "(columns guest_country and host_country)")
    known = set(capitals())
    drawable = visits["guest_country"].astype(str).isin(known) & visits["host_country"].astype(str).isin(known)
    left = visits.loc[~drawable]
    not_drawn: dict[str, int] = {}
    for side in ("guest_country", "host_country"):
        for iso, n in left.loc[~left[side].astype(str).isin(known), side].astype(str).value_counts().items():
            not_drawn[str(iso)] = not_drawn.get(str(iso), 0) + int(n)
    df = visits.loc[drawable].copy()
    counts = df["visits"].astype(int) if "visits" in df.columns else pd.Series(1, index=df.index)
    if "cities" in df.columns:
        dest = _host_cities(df, version)
    else:
        dest = [_capital(str(h)) for h in df["host_country"].astype(str)]
    orig = [_capital(str(g)) for g in df["guest_country"].astype(str)]
    rows = pd.DataFrame({
        "guest_country": df["guest_country"].astype(str).to_numpy(),
        "host_country": df["host_country"].astype(str).to_numpy(),
        "origin": [o[0] for o in orig], "origin_lat": [o[1] for o in orig], "origin_lon": [o[2] for o in orig],
        "destination": [d[0] for d in dest], "dest_lat": [d[1] for d in dest], "dest_lon": [d[2] for d in dest],
        "visits": counts.to_numpy()})
    keys = [c for c in rows.columns if c != "visits"]
    # as_index=False: the sum is a DataFrame (pandas-stubs types it as a Series).
    out = cast(pd.DataFrame, rows.groupby(keys, as_index=False, sort=True)["visits"].sum())
    out.attrs["not_drawn"] = dict(sorted(not_drawn.items()))
    return out


def _curve(lon0: float, lat0: float, lon1: float, lat1: float,
           n: int = 64) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """A gentle arc between two points (a quadratic Bezier bowed to the left of travel).

    Arcs stay between -180 and 180 degrees of longitude, so a flight across the Pacific is
    drawn across the map rather than cut at its edge.
    """
    mid = np.array([(lon0 + lon1) / 2, (lat0 + lat1) / 2])
    d = np.array([lon1 - lon0, lat1 - lat0])
    ctrl = mid + 0.25 * np.array([-d[1], d[0]])
    t = np.linspace(0, 1, n)[:, None]
    p0, p1 = np.array([lon0, lat0]), np.array([lon1, lat1])
    pts = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * ctrl + t ** 2 * p1
    return pts[:, 0], pts[:, 1]


def plot_visit_map(visits: pd.DataFrame | None = None, *, version: str | None = None, ax: Axes | None = None,
                   bounds: tuple[float, float, float, float] | None = None) -> Axes:
    """A world map with an arc from each guest's capital to the host city, width by count.

    Parameters
    ----------
    visits : pandas.DataFrame, optional
        A visits table (the host city is the visit's first city, placed by the release's
        places table) or a directed table from :func:`visit_frequency` (capital to
        capital); None means the visits of release ``version``.
    version : str, optional
        The release to draw when ``visits`` is None (the latest if None), and whose
        places table places the host cities.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (a new figure if None).
    bounds : tuple of (float, float, float, float), optional
        (min lon, min lat, max lon, max lat) to zoom in; the default shows the world.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    SummitryError
        If ``visits`` lacks ``guest_country`` or ``host_country``, or a country has no
        known capital.
    """
    import matplotlib.lines as mlines

    label = ""
    if visits is None:
        from ..dataset.load import load_visits
        from ..dataset.releases import resolve_version

        version = resolve_version(version)
        visits = load_visits(version)
    rel = visits.attrs.get("summitry_release") or (version if "cities" in visits.columns else None)
    label = f"summitry dataset release {rel}" if rel else visits.attrs.get("credit", "")
    table = arcs(visits, version)
    ax = axes(ax, figsize=(11, 5.8))
    base = world()
    involved = set(table["guest_country"]) | set(table["host_country"])
    base.plot(ax=ax, color="#e9e9e4", edgecolor="white", linewidth=0.4)
    base[base["iso_a3"].isin(involved)].plot(ax=ax, color="#c9d6e3", edgecolor="white", linewidth=0.4)
    peak = max(int(table["visits"].max()), 1) if len(table) else 1
    widths: pd.Series[float] | list[float] = 1.2 + 4.8 * table["visits"] / peak if len(table) else []
    ends = zip(table["origin_lon"], table["origin_lat"], table["dest_lon"], table["dest_lat"], widths, strict=True)
    for lon0, lat0, lon1, lat1, w in ends:
        xs, ys = _curve(lon0, lat0, lon1, lat1)
        ax.plot(xs, ys, color="#b2182b", lw=w, alpha=0.8, solid_capstyle="round", gid=ARC_GID)
        ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[-4], ys[-4]),
                    arrowprops=dict(arrowstyle="-|>", color="#b2182b", lw=0, mutation_scale=8 + 2 * w))
    if len(table):
        ax.scatter(table["origin_lon"], table["origin_lat"], s=18, color="#2166ac", zorder=3,
                   label="guest's capital")
        ax.scatter(table["dest_lon"], table["dest_lat"], s=28, marker="*", color="#b2182b", zorder=3,
                   label="host city")
        for name, lon, lat in {(r.destination, r.dest_lon, r.dest_lat) for r in table.itertuples()} | \
                {(r.origin, r.origin_lon, r.origin_lat) for r in table.itertuples()}:
            ax.annotate(str(name), (lon, lat), xytext=(4, 3), textcoords="offset points", fontsize=7)
    handles, _ = ax.get_legend_handles_labels()
    for n in sorted({1, peak}):
        handles.append(mlines.Line2D([], [], color="#b2182b", lw=1.2 + 4.8 * n / peak,
                                     label=f"{n} visit{'s' if n != 1 else ''}"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, title="visits", framealpha=0.9)
    if bounds:
        ax.set_xlim(bounds[0], bounds[2])
        ax.set_ylim(bounds[1], bounds[3])
    else:
        ax.set_xlim(-180, 180)
        ax.set_ylim(-60, 85)
    ax.set_aspect("equal")
    ax.set_xlabel("longitude (°)")
    ax.set_ylabel("latitude (°)")
    years = ""
    if "start_date" in visits.columns and len(visits):
        y0, y1 = pd.to_datetime(visits["start_date"]).dt.year.agg(["min", "max"])
        years = f", {y0}" if y0 == y1 else f", {y0}–{y1}"
    elif "year" in visits.columns and len(visits):
        y0, y1 = visits["year"].min(), visits["year"].max()
        years = f", {y0}" if y0 == y1 else f", {y0}–{y1}"
    title = f"Leader visits{years}: guest's capital to host city"
    missing = table.attrs.get("not_drawn") or {}
    if missing:
        # say what is left off rather than draw it at an invented place
        title += f"\nnot drawn, no capital known: {', '.join(f'{k} ({v})' for k, v in missing.items())}"
    ax.set_title(title)
    credit(ax, label, NATURAL_EARTH, GEONAMES, inside=True)
    return ax
