"""A guest-by-host matrix of visit counts, with the cells the data does not cover marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from ._common import axes, counted, credit, dyad_columns
from ._coverage import dyad_covered, levels_of, rows_for

if TYPE_CHECKING:
    import numpy.typing as npt
    from matplotlib.axes import Axes

NOT_COVERED_GID = "summitry-not-covered"
NOT_COVERED = "not covered: no complete data for this dyad"


def plot_dyad_matrix(freq: pd.DataFrame, *, ax: Axes | None = None, cmap: str = "Blues",
                     annotate: bool | None = None, coverage: pd.DataFrame | bool = True) -> Axes:
    """A guest-by-host heatmap of visit counts summed over all periods of ``freq``.

    Undirected tables are drawn symmetric. Cells the data does not cover are greyed and
    hatched, and the legend says "not covered": their zero means "no data", not "no visit".

    Parameters
    ----------
    freq : pandas.DataFrame
        A table from :func:`summitry.visit_frequency`.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (a new figure if None).
    cmap : str
        A matplotlib colour map.
    annotate : bool, optional
        Write each cell's count in it; None does so when the matrix is small enough to
        read (up to 25 countries a side).
    coverage : pandas.DataFrame or bool
        What to grey. True: what ``freq`` was counted under (its ``covered`` column for the
        cells it has rows for: a cell with a covered row is covered; the coverage table of
        the release it counted for the others; nothing covered when it declared no
        coverage). A DataFrame: these coverage rows (:func:`summitry.load_coverage`). False:
        grey nothing. A cell is covered when a coverage row of the levels ``freq`` counted
        names its dyad (both directions for an undirected table).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    SummitryError
        If ``freq`` is not a table from :func:`summitry.visit_frequency`.
    """
    a, b, _ = dyad_columns(freq)
    directed = a == "guest_country"
    ax = axes(ax, figsize=(7, 6))
    # counts outside coverage are empty (not zero): they add nothing, and their cells are greyed
    counts = pd.to_numeric(freq["visits"], errors="coerce").astype("float64").fillna(0)
    totals = freq.assign(visits=counts).groupby([a, b], observed=True)["visits"].sum().astype("int64")
    if not directed:
        flipped = totals.copy()
        flipped.index = cast(pd.MultiIndex, flipped.index).swaplevel()
        totals = pd.concat([totals, flipped])
    names = sorted(set(totals.index.get_level_values(0)) | set(totals.index.get_level_values(1)))
    guests = sorted(set(totals.index.get_level_values(0))) if directed else names
    hosts = sorted(set(totals.index.get_level_values(1))) if directed else names
    grid = totals.unstack(fill_value=0).reindex(index=guests, columns=hosts, fill_value=0)
    image = ax.imshow(grid.to_numpy(), cmap=cmap, aspect="auto", vmin=0, interpolation="nearest")
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.85)
    bar.set_label("visits")
    from matplotlib.ticker import MaxNLocator

    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(range(len(hosts)), hosts, rotation=90 if len(hosts) > 8 else 0)
    ax.set_yticks(range(len(guests)), guests)
    ax.set_xlabel("host" if directed else "country")
    ax.set_ylabel("guest" if directed else "country")
    years = f", {freq['year'].min()}–{freq['year'].max()}" if len(freq) else ""
    by = "guest and host" if directed else "pair of countries"
    ax.set_title(f"{counted(freq.attrs.get('level'))} by {by}{years}")
    missing = _not_covered(freq, guests, hosts, directed, coverage)
    if missing is not None and missing.any():
        _mark(ax, missing)
    if annotate is None:
        annotate = max(len(hosts), len(guests)) <= 25
    if annotate:
        values = grid.to_numpy()
        peak = values.max() if grid.size else 0
        for i in range(len(guests)):
            for j in range(len(hosts)):
                n = int(values[i, j])
                if n:
                    ax.text(j, i, str(n), ha="center", va="center", fontsize=8,
                            color="white" if n > peak / 2 else "black")
    credit(ax, freq.attrs.get("credit", ""))
    return ax


def _not_covered(freq: pd.DataFrame, guests: list[str], hosts: list[str], directed: bool,
                 coverage: pd.DataFrame | bool) -> npt.NDArray[np.bool_] | None:
    """True in each cell the data does not cover; None when nothing says what is covered."""
    table = rows_for(freq, coverage)
    a, b, _ = dyad_columns(freq)
    said: dict[tuple[str, str], bool] = {}
    if "covered" in freq.columns and coverage is True:
        # the analysis said which counted rows are covered: a cell with a covered row is
        for key, c in freq.groupby([a, b], observed=True)["covered"].any().items():
            x, y = cast("tuple[str, str]", key)
            said[(str(x), str(y))] = bool(c)
    if table is None and not said:
        return None
    test = dyad_covered(table, levels_of(freq)) if table is not None else None
    out = np.zeros((len(guests), len(hosts)), dtype=bool)
    for i, g in enumerate(guests):
        for j, h in enumerate(hosts):
            key = (g, h) if directed else (min(g, h), max(g, h))
            if key in said:
                out[i, j] = not said[key]
            elif test is not None:
                ok = test(g, h) and (directed or test(h, g))
                out[i, j] = not ok
    return out


def _mark(ax: Axes, missing: npt.NDArray[np.bool_]) -> None:
    """Grey the cells not covered (one image over the counts), hatch them when few, and say so."""
    import matplotlib.patches as mpatches
    from matplotlib.collections import PatchCollection

    layer = np.zeros((*missing.shape, 4))
    layer[missing] = (0.78, 0.78, 0.78, 0.9)
    ax.imshow(layer, aspect="auto", interpolation="nearest", zorder=2, gid=NOT_COVERED_GID)
    style: dict[str, Any] = dict(fc="0.78", ec="0.45", hatch="////", lw=0)
    if missing.size <= 2500:  # hatching tens of thousands of cells takes seconds and reads as grey anyway
        cells = [mpatches.Rectangle((j - 0.5, i - 0.5), 1, 1) for i, j in zip(*np.nonzero(missing), strict=True)]
        ax.add_collection(PatchCollection(cells, facecolor="none", edgecolor="0.45", hatch="////", lw=0,
                                          zorder=2, gid=NOT_COVERED_GID))
    handles = [mpatches.Patch(label=NOT_COVERED, **style)]
    ax.legend(handles=handles, loc="upper left",
              bbox_to_anchor=(0, -0.08 if missing.shape[1] <= 8 else -0.16), fontsize=8, frameon=False)
