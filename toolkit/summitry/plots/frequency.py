"""Visits per period for chosen dyads, each bar as wide as its period on a date axis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from ..analysis.frequency import parse_dyads
from ._common import axes, counted, credit, dyad_columns
from ._coverage import covered_periods, levels_of, rows_for

if TYPE_CHECKING:
    import numpy.typing as npt
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.ticker import MaxNLocator
    from matplotlib.typing import ColorType

    from ..analysis.frequency import Dyads

GAP_GID = "summitry-gap"
COVERAGE_GID = "summitry-not-covered"
TOP = 5
NOT_COVERED = "not covered by the data"
PARTLY_COVERED = "not covered for some dyads shown"


def flagship_dyad() -> tuple[str, str]:
    """The guest and host of the dataset's flagship visit (Putin in Pyongyang): RUS, PRK.

    Returns
    -------
    tuple of (str, str)
        ISO alpha-3 codes of the guest and the host.
    """
    from ..dataset.describe import flagship_visit
    from ..dataset.load import load_visits

    visits = load_visits()
    row = visits[visits["visit_id"] == flagship_visit()].iloc[0]
    return str(row["guest_country"]), str(row["host_country"])


def plot_visit_frequency(freq: pd.DataFrame, dyads: Dyads | None = None, *, gap_years: int = 5,
                         ax: Axes | None = None, coverage: pd.DataFrame | bool = True) -> Axes:
    """Stacked bars of visits per period for ``dyads``, each bar spanning its period.

    With no ``dyads``, the five dyads with the most visits in ``freq`` are drawn, plus the
    flagship visit's dyad (RUS → PRK) if ``freq`` has it and it is not among them; the
    legend states this rule. Periods with no visit are drawn as zero; long gaps between
    visits are annotated, and periods the data does not cover are shaded.

    Parameters
    ----------
    freq : pandas.DataFrame
        A table from :func:`summitry.visit_frequency`.
    dyads : str, tuple of (str, str) or list of either, optional
        The dyads to draw, e.g. ``"RUS-PRK"``; None applies the rule above.
    gap_years : int
        A gap of this many years or more since the dyad's previous visit is marked with
        an arrow and its length, e.g. "24 years" before Putin's 2024 visit.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (a new figure if None).
    coverage : pandas.DataFrame or bool
        What to shade. True: what ``freq`` was counted under, its ``covered`` column for the
        periods it has a row for and, for the others, the coverage table of the release it
        counted (nothing is covered when it declared no coverage). A DataFrame: these
        coverage rows (:func:`summitry.load_coverage`). False: shade nothing. A period is
        covered for a dyad when coverage spans all of it at the levels ``freq`` counted;
        periods no dyad shown is covered in are grey, those only some are covered in hatched.

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
    import matplotlib.dates as mdates

    a, b, arrow = dyad_columns(freq)
    directed = a == "guest_country"
    keys, rule = _chosen(freq, a, b, dyads, directed, arrow)
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
    # Each bar starts where its period starts and is as wide as the period (in days).
    left = _num(span.start_time)
    width = _num(span.end_time) - left + 1 / 86400
    centre = left + width / 2
    bottom = np.zeros(len(span))
    stacks: dict[tuple[str, str], npt.NDArray[np.float64]] = {}
    for x, y in keys:
        rows = sel[(sel[a] == x) & (sel[b] == y)]
        counts = np.zeros(len(span))
        for p, n in zip(rows["period"], rows["visits"], strict=True):
            counts[pos[p]] = 0 if pd.isna(n) else n  # empty outside coverage: shaded, not a bar
        stacks[(x, y)] = counts
    total = sum(stacks.values(), np.zeros(len(span)))
    top = float(total.max()) if len(span) else 1.0
    for k, (x, y) in enumerate(keys):
        counts = stacks[(x, y)]
        bars = ax.bar(left, counts, width, bottom=bottom, align="edge", label=f"{x}{arrow}{y}",
                      edgecolor="white", linewidth=0.3)
        bottom = bottom + counts
        colour = bars.patches[0].get_facecolor() if bars.patches else None
        rows = sel[(sel[a] == x) & (sel[b] == y)]
        _annotate_gaps(ax, rows, pos, centre, max(top, 1.0) * (1.1 + 0.12 * k), gap_years, colour)
    shaded = _shade_coverage(ax, freq, sel, keys, span, left, width, directed, coverage)
    ax.xaxis_date()
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]  # matplotlib.dates has no annotations
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    if len(span):
        pad = float(width.mean()) * 0.5
        ax.set_xlim(float(left[0]) - pad, float(left[-1] + width[-1]) + pad)
    ax.set_ylim(0, max(top, 1.0) * (1.25 + 0.12 * len(keys)) + 0.2)
    # The default locator of a linear axis, AutoLocator, is a MaxNLocator.
    cast("MaxNLocator", ax.yaxis.get_major_locator()).set_params(integer=True)
    ax.set_xlabel(period)
    ax.set_ylabel("visits")
    ax.set_title(f"{counted(freq.attrs.get('level'))} per {period}")
    if keys:
        title = "guest → host" if directed else "dyad"
        if rule:
            title += f":\n{rule}"
        handles, _ = ax.get_legend_handles_labels()
        ax.legend(handles=handles + shaded, title=title, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8,
                  title_fontsize=8, alignment="left")
    credit(ax, freq.attrs.get("credit", ""))
    return ax


def _num(times: pd.DatetimeIndex) -> npt.NDArray[np.float64]:
    import matplotlib.dates as mdates

    return np.asarray(mdates.date2num(times.to_pydatetime()), dtype=np.float64)  # type: ignore[no-untyped-call]


def _chosen(freq: pd.DataFrame, a: str, b: str, dyads: Dyads | None, directed: bool,
            arrow: str) -> tuple[list[tuple[str, str]], str]:
    """The dyads to draw, and the rule that chose them (empty when the user chose)."""
    if dyads is not None:
        pairs = parse_dyads(dyads) or []  # a list, as dyads is not None
        return [(x, y) if directed else (min(x, y), max(x, y)) for x, y in pairs], ""
    totals = freq.groupby([a, b], observed=True)["visits"].sum().sort_values(ascending=False, kind="stable")
    keys = cast("list[tuple[str, str]]", [(str(x), str(y)) for x, y in totals.index[:TOP]])
    rule = f"the {'five' if TOP == 5 else TOP} with most visits"
    g, h = flagship_dyad()
    flag = (g, h) if directed else (min(g, h), max(g, h))
    if flag not in keys and flag in set(totals.index):
        keys.append(flag)
        rule += f",\nplus {flag[0]}{arrow}{flag[1]} (the flagship visit)"
    return keys, rule


def _dyad_coverage(freq: pd.DataFrame, sel: pd.DataFrame, key: tuple[str, str], span: pd.PeriodIndex,
                   table: pd.DataFrame | None, directed: bool, own: bool) -> npt.NDArray[np.bool_] | None:
    """Whether each period of ``span`` is covered for one dyad; None when nothing says.

    ``own``: ``freq``'s ``covered`` column has the last word on the periods it has rows for.
    """
    a, b, _ = dyad_columns(freq)
    own = own and "covered" in sel.columns
    if table is not None:
        out = covered_periods(table, key[0], key[1], span, levels_of(freq), directed).copy()
    elif own:
        out = np.ones(len(span), dtype=bool)  # periods without a row: nothing says they are not
    else:
        return None
    if own:
        # the analysis said which counted periods are covered: its word goes where it speaks
        rows = sel[(sel[a] == key[0]) & (sel[b] == key[1])]
        pos = {p: i for i, p in enumerate(span)}
        for p, c in zip(rows["period"], rows["covered"], strict=True):
            out[pos[p]] = bool(c) if pd.notna(c) else False
    return out


def _shade_coverage(ax: Axes, freq: pd.DataFrame, sel: pd.DataFrame, keys: list[tuple[str, str]],
                    span: pd.PeriodIndex, left: npt.NDArray[np.float64], width: npt.NDArray[np.float64],
                    directed: bool, coverage: pd.DataFrame | bool) -> list[Artist]:
    """Shade periods no dyad shown is covered in (grey) or only some are (hatched); the legend handles."""
    import matplotlib.patches as mpatches

    if coverage is False or not keys or not len(span):
        return []
    table = rows_for(freq, coverage)
    flags = [_dyad_coverage(freq, sel, k, span, table, directed, coverage is True) for k in keys]
    known = [f for f in flags if f is not None]
    if not known:
        return []
    n_cov = np.sum(known, axis=0)
    styles: dict[str, dict[str, Any]] = {NOT_COVERED: dict(fc="0.85", ec="none"),
                                         PARTLY_COVERED: dict(fc="none", ec="0.7", hatch="///")}
    masks = {NOT_COVERED: n_cov == 0, PARTLY_COVERED: (n_cov > 0) & (n_cov < len(keys))}
    handles: list[Artist] = []
    if masks[NOT_COVERED].all():
        ax.text(0.5, 0.5, "the data declares no coverage of these dyads and periods:\ncounts outside coverage "
                "are left empty (count them anyway with coverage='all')", transform=ax.transAxes, ha="center",
                va="center", fontsize=9, color="0.3", gid=COVERAGE_GID)
    for label, mask in masks.items():
        if not mask.any():
            continue
        # one span per run of periods, not per period: centuries of years stay one artist each
        edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
        for i, j in zip(edges[::2], edges[1::2], strict=True):
            ax.axvspan(left[i], left[j - 1] + width[j - 1], zorder=0, lw=0, gid=COVERAGE_GID, **styles[label])
        handles.append(mpatches.Patch(label=label, **styles[label]))
    return handles


def _annotate_gaps(ax: Axes, rows: pd.DataFrame, pos: dict[pd.Period, int], centre: npt.NDArray[np.float64],
                   y: float, gap_years: int, colour: ColorType | None) -> None:
    prev = None
    for p, gap in zip(rows["period"], rows["years_since_last"], strict=True):
        if prev is not None and pd.notna(gap) and gap >= gap_years:
            x0, x1 = float(centre[pos[prev]]), float(centre[pos[p]])
            ax.annotate("", xy=(x1, y), xytext=(x0, y), gid=GAP_GID,
                        arrowprops=dict(arrowstyle="<->", color=colour or "0.3", lw=1))
            ax.text((x0 + x1) / 2, y, f"{int(gap)} years", ha="center", va="bottom", fontsize=8,
                    color=colour or "0.3", gid=GAP_GID)
        prev = p


def _period_name(freq: pd.DataFrame) -> str:
    dtype = freq["period"].dtype
    code = getattr(dtype, "freqstr", "Y")[0]
    return {"Y": "year", "A": "year", "Q": "quarter", "M": "month"}.get(code, "period")


def _freq_code(period: str) -> str:
    return {"year": "Y", "quarter": "Q", "month": "M"}.get(period, "Y")
