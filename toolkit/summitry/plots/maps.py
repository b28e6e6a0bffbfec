"""A world map of visits: an arc from each guest's capital to the host city."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..analysis.coverage import levels_of
from ..analysis.frequency import VISIT_FORMATS
from ..errors import SummitryError
from ._common import axes, counted, credit
from ._places import Place, capital_of, capitals, host_cities, world

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.transforms import Bbox

ARC_GID = "summitry-arc"
NATURAL_EARTH = "Made with Natural Earth"
GEONAMES = "Capitals: GeoNames (CC BY 4.0)"
LABEL_GID = "summitry-place-label"
LABELS = 30
__all__ = ["LABEL_GID", "ARC_GID", "Place", "arcs", "capitals", "plot_visit_map", "world"]


def arcs(visits: pd.DataFrame, version: str | None = None, *,
         formats: Collection[str] | None = VISIT_FORMATS, level: str | Sequence[str] = "leader") -> pd.DataFrame:
    """One row per (guest, host, destination): coordinates and the number of visits.

    Parameters
    ----------
    visits : pandas.DataFrame
        A visits table (the destination is the host city, see :func:`plot_visit_map`) or
        a directed table from :func:`summitry.visit_frequency` (the host's capital).
    version : str, optional
        The release whose places table places the host cities, when ``visits`` does not
        say its release.
    formats : collection of str, optional
        The visit formats that count in a visits table; the default is
        :func:`summitry.visit_frequency`'s, so the map counts the visits the matrix counts
        (meetings at a third location are left out). None counts every format.
    level : str or list of str
        The visit levels that count in a visits table, as :func:`summitry.visit_frequency`
        takes them: "leader" (its default), "foreign_minister", "any" or a list of levels.

    Returns
    -------
    pandas.DataFrame
        ``guest_country, host_country, origin, origin_lat, origin_lon, destination,
        dest_lat, dest_lon, visits``, sorted.

        Visits whose guest or host has no known capital (a place that is not a state, such as
        the Netherlands Antilles) are left out and counted, by country, in
        ``attrs["not_drawn"]``; ``attrs["not_drawn_visits"]`` is the number of such visits.

    Raises
    ------
    SummitryError
        If ``visits`` lacks ``guest_country`` or ``host_country``.
    """
    if "guest_country" not in visits.columns or "host_country" not in visits.columns:
        raise SummitryError("plot_visit_map needs a visits table or a directed visit_frequency() table "
                            "(columns guest_country and host_country)")
    visits = counted_visits(visits, formats, level)
    known = set(capitals())
    drawable = visits["guest_country"].astype(str).isin(known) & visits["host_country"].astype(str).isin(known)
    left = visits.loc[~drawable]
    not_drawn: dict[str, int] = {}
    for side in ("guest_country", "host_country"):
        for iso, n in left.loc[~left[side].astype(str).isin(known), side].astype(str).value_counts().items():
            not_drawn[str(iso)] = not_drawn.get(str(iso), 0) + int(n)
    df = visits.loc[drawable].copy()
    # a frequency table leaves counts outside coverage empty: those visits are not counted
    counts = df["visits"].fillna(0).astype(int) if "visits" in df.columns else pd.Series(1, index=df.index)
    if "cities" in df.columns:
        dest = host_cities(df, version)
    else:
        dest = [capital_of(str(h)) for h in df["host_country"].astype(str)]
    orig = [capital_of(str(g)) for g in df["guest_country"].astype(str)]
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
    out.attrs["not_drawn_visits"] = int(left["visits"].fillna(0).astype(int).sum()) if "visits" in left.columns \
        else len(left)
    return out


def counted_visits(visits: pd.DataFrame, formats: Collection[str] | None = VISIT_FORMATS,
                   level: str | Sequence[str] = "leader") -> pd.DataFrame:
    """The rows of a visits table that :func:`summitry.visit_frequency` counts (others pass whole).

    Parameters
    ----------
    visits : pandas.DataFrame
        A visits table, or any table (one without ``format`` or ``level`` is not filtered by it).
    formats : collection of str, optional
        The formats that count; None: every format.
    level : str or list of str
        The levels that count (see :func:`summitry.visit_frequency`).

    Returns
    -------
    pandas.DataFrame
        The counted rows, with ``visits``' attrs.

    Raises
    ------
    ChoiceError
        If ``level`` is not known.
    """
    levels = levels_of(level)
    keep = pd.Series(True, index=visits.index)
    if formats is not None and "format" in visits.columns:
        keep &= visits["format"].astype(str).isin(list(formats))
    if levels is not None and "level" in visits.columns:
        keep &= visits["level"].astype(str).isin(list(levels))
    out = visits[keep]
    out.attrs = dict(visits.attrs)
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
                   bounds: tuple[float, float, float, float] | None = None,
                   formats: Collection[str] | None = VISIT_FORMATS, level: str | Sequence[str] = "leader",
                   labels: int = LABELS) -> Axes:
    """A map with an arc from each guest's capital to the host city, width by count.

    The map is zoomed to the arcs drawn (with a margin) and its place labels are moved
    apart so that none overlaps another. It counts the visits :func:`visit_frequency`
    counts, so its total (in the title) is the total of :func:`plot_dyad_matrix`.

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
        (min lon, min lat, max lon, max lat) to show; the default is the arcs' extent
        with a margin.
    formats : collection of str, optional
        The visit formats that count in a visits table (see :func:`arcs`).
    level : str or list of str
        The visit levels that count in a visits table (see :func:`arcs`).
    labels : int
        Label at most this many places, those with the most visits (the title says so
        when some are left unlabelled).

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

    if visits is None:
        from ..dataset.load import load_visits
        from ..dataset.releases import resolve_version

        version = resolve_version(version)
        visits = load_visits(version)
    rel = visits.attrs.get("summitry_release") or (version if "cities" in visits.columns else None)
    label = f"summitry dataset release {rel}" if rel else visits.attrs.get("credit", "")
    table = arcs(visits, version, formats=formats, level=level)
    ax = axes(ax, figsize=(11, 5.8))
    base = world()
    involved = set(table["guest_country"]) | set(table["host_country"])
    base.plot(ax=ax, color="#e9e9e4", edgecolor="white", linewidth=0.4)
    base[base["iso_a3"].isin(involved)].plot(ax=ax, color="#c9d6e3", edgecolor="white", linewidth=0.4)
    peak = max(int(table["visits"].max()), 1) if len(table) else 1
    widths: pd.Series[float] | list[float] = 1.2 + 4.8 * table["visits"] / peak if len(table) else []
    ends = zip(table["origin_lon"], table["origin_lat"], table["dest_lon"], table["dest_lat"], widths, strict=True)
    curves = []
    for lon0, lat0, lon1, lat1, w in ends:
        xs, ys = _curve(lon0, lat0, lon1, lat1)
        curves.append((xs, ys))
        ax.plot(xs, ys, color="#b2182b", lw=w, alpha=0.8, solid_capstyle="round", gid=ARC_GID)
        ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[-4], ys[-4]),
                    arrowprops=dict(arrowstyle="-|>", color="#b2182b", lw=0, mutation_scale=8 + 2 * w))
    ax.set_aspect("equal")
    lon_lim, lat_lim = _extent(curves) if bounds is None else ((bounds[0], bounds[2]), (bounds[1], bounds[3]))
    ax.set_xlim(*lon_lim)
    ax.set_ylim(*lat_lim)
    labelled = unlabelled = 0
    if len(table):
        ax.scatter(table["origin_lon"], table["origin_lat"], s=18, color="#2166ac", zorder=3,
                   label="guest's capital")
        ax.scatter(table["dest_lon"], table["dest_lat"], s=28, marker="*", color="#b2182b", zorder=3,
                   label="host city")
        labelled, unlabelled = _label_places(ax, table, labels)
    handles, _ = ax.get_legend_handles_labels()
    for n in sorted({1, peak}):
        handles.append(mlines.Line2D([], [], color="#b2182b", lw=1.2 + 4.8 * n / peak,
                                     label=f"{n} visit{'s' if n != 1 else ''}"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, title="visits", framealpha=0.9)
    ax.set_xlabel("longitude (°)")
    ax.set_ylabel("latitude (°)")
    kept = counted_visits(visits, formats, level)
    years = ""
    if "start_date" in kept.columns and len(kept):
        y0, y1 = pd.to_datetime(kept["start_date"]).dt.year.agg(["min", "max"])
        years = f", {y0}" if y0 == y1 else f", {y0}–{y1}"
    elif "year" in kept.columns and len(kept):
        y0, y1 = kept["year"].min(), kept["year"].max()
        years = f", {y0}" if y0 == y1 else f", {y0}–{y1}"
    total = int(table["visits"].sum()) + int(table.attrs.get("not_drawn_visits", 0))
    what = counted(visits.attrs.get("level") if "visits" in visits.columns else level)
    title = f"{what}{years}: {total:,} visit{'s' if total != 1 else ''}, guest's capital to host city"
    missing = table.attrs.get("not_drawn") or {}
    notes = []
    if missing:
        # say what is left off rather than draw it at an invented place
        notes.append(f"not drawn, no capital known: {', '.join(f'{k} ({v})' for k, v in missing.items())}")
    if unlabelled:
        notes.append(f"labelled: {labelled} of the places with most visits ({unlabelled} more unlabelled)")
    ax.set_title("\n".join([title, *notes]))
    credit(ax, label, NATURAL_EARTH, GEONAMES, inside=True)
    return ax


def _extent(curves: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]],
            margin: float = 0.12, least: float = 8.0) -> tuple[tuple[float, float], tuple[float, float]]:
    """The longitudes and latitudes the arcs reach, widened by ``margin`` (at least ``least`` degrees)."""
    if not curves:
        return (-180.0, 180.0), (-60.0, 85.0)
    xs = np.concatenate([c[0] for c in curves])
    ys = np.concatenate([c[1] for c in curves])
    out = []
    for vals, lo_lim, hi_lim in ((xs, -180.0, 180.0), (ys, -90.0, 90.0)):
        lo, hi = float(vals.min()), float(vals.max())
        pad = max((hi - lo) * margin, least)
        out.append((max(lo - pad, lo_lim), min(hi + pad, hi_lim)))
    return out[0], out[1]


def _label_places(ax: Axes, table: pd.DataFrame, limit: int) -> tuple[int, int]:
    """Name the busiest places, moved apart by adjustText so no two labels overlap.

    Returns the number of places named and the number left unnamed.
    """
    from adjustText import adjust_text  # type: ignore[import-untyped]  # no type information

    ends = pd.concat([
        table[["destination", "dest_lon", "dest_lat", "visits"]].set_axis(["name", "lon", "lat", "visits"], axis=1),
        table[["origin", "origin_lon", "origin_lat", "visits"]].set_axis(["name", "lon", "lat", "visits"], axis=1)])
    # as_index=False: the sum is a DataFrame (pandas-stubs types it as a Series).
    places = (cast(pd.DataFrame, ends.groupby(["name", "lon", "lat"], as_index=False)["visits"].sum())
              .sort_values(["visits", "name"], ascending=[False, True], kind="stable"))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    inside = places[places["lon"].between(x0, x1) & places["lat"].between(y0, y1)]
    shown = inside.head(limit)
    texts = [ax.text(lon, lat, str(name), fontsize=7, gid=LABEL_GID, zorder=4,
                     bbox=dict(fc="white", ec="none", alpha=0.6, pad=0.5))
             for name, lon, lat in zip(shown["name"], shown["lon"].astype(float), shown["lat"].astype(float),
                                       strict=True)]
    if not texts:
        return 0, len(inside)
    adjust_text(texts, ax=ax, x=list(inside["lon"]), y=list(inside["lat"]), expand=(1.15, 1.3),
                arrowprops=dict(arrowstyle="-", color="0.4", lw=0.5))
    # adjustText may leave a crowded label touching another: hide the less visited one, so
    # that no two labels ever overlap (the title counts it as unlabelled)
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # every Agg-like canvas has one
    kept: list[Bbox] = []
    for t in texts:
        box = t.get_window_extent(renderer)
        if any(box.overlaps(k) for k in kept):
            t.set_visible(False)
        else:
            kept.append(box)
    return len(kept), len(inside) - len(kept)
