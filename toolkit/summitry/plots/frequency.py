"""Visits per period for chosen dyads, and a guest-by-host matrix of counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from ..analysis.frequency import parse_dyads
from ._common import axes, credit, dyad_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.ticker import MaxNLocator
    from matplotlib.typing import ColorType

    from ..analysis.frequency import Dyads

GAP_GID = "summitry-gap"


def plot_visit_frequency(freq: pd.DataFrame, dyads: Dyads | None = None, *, gap_years: int = 5,
                         ax: Axes | None = None) -> Axes:
    """Bars of visits per period for ``dyads`` (default: the five busiest), long gaps annotated.

    Periods with no visit are drawn as zero.

    Parameters
    ----------
    freq : pandas.DataFrame
        A table from :func:`summitry.visit_frequency`.
    dyads : str, tuple of (str, str) or list of either, optional
        The dyads to draw, e.g. ``"RUS-PRK"``; None draws the five with the most visits.
    gap_years : int
        A gap of this many years or more since the dyad's previous visit is marked with
        an arrow and its length, e.g. "24 years" before Putin's 2024 visit.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (a new figure if None).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    SummitryError
        If ``freq`` is not a table from :func:`summitry.visit_frequency`, or a dyad
        cannot be read.
    """
    a, b, arrow = dyad_columns(freq)
    directed = a == "guest_country"
    keys = _chosen(freq, a, b, dyads, directed)
    ax = axes(ax)
    period = freq.attrs.get("period") or _period_name(freq)
    sel = freq[pd.Series(list(zip(freq[a], freq[b], strict=True)), index=freq.index).isin(keys)]
    if sel.empty:
        ax.text(0.5, 0.5, "no visits for these dyads", ha="center", va="center", transform=ax.transAxes)
        span = pd.PeriodIndex([], freq=_freq_code(period))
    else:
        span = pd.period_range(sel["period"].min(), sel["period"].max(),
                               freq=cast(pd.PeriodDtype, sel["period"].dtype).freq)
    pos = {p: i for i, p in enumerate(span)}
    width = 0.8 / max(len(keys), 1)
    top = float(sel["visits"].max()) if len(sel) else 1.0
    for k, (x, y) in enumerate(keys):
        rows = sel[(sel[a] == x) & (sel[b] == y)]
        counts = np.zeros(len(span))
        for p, n in zip(rows["period"], rows["visits"], strict=True):
            counts[pos[p]] = n
        offset = (k - (len(keys) - 1) / 2) * width
        bars = ax.bar(np.arange(len(span)) + offset, counts, width, label=f"{x}{arrow}{y}")
        colour = bars.patches[0].get_facecolor() if bars.patches else None
        _annotate_gaps(ax, rows, pos, offset, top * (1.1 + 0.1 * k), gap_years, colour)
    _period_ticks(ax, span)
    ax.set_ylim(0, top * (1.25 + 0.1 * len(keys)) + 0.2)
    # The default locator of a linear axis, AutoLocator, is a MaxNLocator.
    cast("MaxNLocator", ax.yaxis.get_major_locator()).set_params(integer=True)
    ax.set_xlabel(period)
    ax.set_ylabel("visits")
    ax.set_title(f"Leader visits per {period}")
    if keys:
        ax.legend(title="guest → host" if directed else "dyad", loc="upper left", fontsize=8)
    credit(ax, freq.attrs.get("credit", ""))
    return ax


def _chosen(freq: pd.DataFrame, a: str, b: str, dyads: Dyads | None, directed: bool) -> list[tuple[str, str]]:
    if dyads is not None:
        pairs = parse_dyads(dyads) or []  # a list, as dyads is not None
        return [(x, y) if directed else (min(x, y), max(x, y)) for x, y in pairs]
    totals = freq.groupby([a, b])["visits"].sum().sort_values(ascending=False, kind="stable")
    return cast("list[tuple[str, str]]", list(totals.index[:5]))


def _annotate_gaps(ax: Axes, rows: pd.DataFrame, pos: dict[pd.Period, int], offset: float, y: float,
                   gap_years: int, colour: ColorType | None) -> None:
    prev = None
    for p, gap in zip(rows["period"], rows["years_since_last"], strict=True):
        if prev is not None and pd.notna(gap) and gap >= gap_years:
            x0, x1 = pos[prev] + offset, pos[p] + offset
            ax.annotate("", xy=(x1, y), xytext=(x0, y), gid=GAP_GID,
                        arrowprops=dict(arrowstyle="<->", color=colour or "0.3", lw=1))
            ax.text((x0 + x1) / 2, y, f"{int(gap)} years", ha="center", va="bottom", fontsize=8,
                    color=colour or "0.3", gid=GAP_GID)
        prev = p


def _period_ticks(ax: Axes, span: pd.PeriodIndex) -> None:
    n = len(span)
    step = max(1, int(np.ceil(n / 12)))
    ticks = np.arange(0, n, step)
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(span[int(i)]) for i in ticks], rotation=45 if n > 12 else 0,
                       ha="right" if n > 12 else "center")
    ax.set_xlim(-0.6, max(n, 1) - 0.4)


def _period_name(freq: pd.DataFrame) -> str:
    dtype = freq["period"].dtype
    code = getattr(dtype, "freqstr", "Y")[0]
    return {"Y": "year", "A": "year", "Q": "quarter", "M": "month"}.get(code, "period")


def _freq_code(period: str) -> str:
    return {"year": "Y", "quarter": "Q", "month": "M"}.get(period, "Y")


def plot_dyad_matrix(freq: pd.DataFrame, *, ax: Axes | None = None, cmap: str = "Blues",
                     annotate: bool | None = None) -> Axes:
    """A guest-by-host heatmap of visit counts summed over all periods of ``freq``.

    Undirected tables are drawn symmetric.

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
    totals = freq.groupby([a, b])["visits"].sum()
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
    ax.set_title(f"Leader visits by {'guest and host' if directed else 'pair of countries'}{years}")
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
