"""One visit's coded events along local time, labelled with their CAMEO codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from ._common import axes, credit

if TYPE_CHECKING:
    from matplotlib.axes import Axes

EVENT_GID = "summitry-event"


def event_times(ev: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Local date-times of a visit's events, and whether a source stated each time.

    Few events have a stated time. The others keep their coded order and are spread
    evenly between the stated times around them (from 06:00 of the first day to 24:00
    of the last when there is no stated time on one side), so they are drawn hollow.

    Parameters
    ----------
    ev : pandas.DataFrame
        A visit's events in coded order, with ``date`` and ``local_time`` (``HH:MM`` or
        missing), as :func:`summitry.chronology` gives them.

    Returns
    -------
    times : pandas.Series
        The local date-time of each event, on the index of ``ev``.
    stated : pandas.Series
        True where a source stated the time.
    """
    dates = pd.to_datetime(ev["date"])
    stated = ev["local_time"].apply(lambda t: isinstance(t, str) and len(t) == 5)
    times = pd.Series(pd.NaT, index=ev.index, dtype="datetime64[ns]")
    times[stated] = pd.to_datetime(dates[stated].dt.strftime("%Y-%m-%d") + " " + ev.loc[stated, "local_time"])
    lo = dates.min().normalize() + pd.Timedelta(hours=6)
    hi = dates.max().normalize() + pd.Timedelta(hours=24)
    idx = list(ev.index)
    i = 0
    while i < len(idx):
        if pd.notna(times[idx[i]]):
            i += 1
            continue
        j = i
        while j < len(idx) and pd.isna(times[idx[j]]):
            j += 1
        left = times[idx[i - 1]] if i > 0 else min(lo, times[idx[j]] if j < len(idx) else lo)
        right = times[idx[j]] if j < len(idx) else max(hi, left + pd.Timedelta(hours=1))
        step = (right - left) / (j - i + 1)
        for k in range(i, j):
            times[idx[k]] = left + step * (k - i + 1)
        i = j
    return times, stated


def plot_timeline(visit_id: str | None = None, *, version: str | None = None, ax: Axes | None = None) -> Axes:
    """A visit's coded events along local time (default: Pyongyang, 19 June 2024).

    Each event is a point labelled with its CAMEO code and label and the acting party;
    filled points have a time stated by a source, hollow ones are placed in coded order.

    Parameters
    ----------
    visit_id : str, optional
        The visit to draw (default: the flagship visit, Pyongyang, 19 June 2024).
    version : str, optional
        The dataset release (default: the latest).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (a new figure if None).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    SummitryError
        If the release or the visit is not known.
    """
    import matplotlib.dates as mdates
    import matplotlib.lines as mlines

    from ..dataset.describe import chronology, flagship_visit
    from ..dataset.load import load_visits
    from ..dataset.releases import resolve_version

    version = resolve_version(version)
    visit_id = visit_id or flagship_visit()
    ev = chronology(visit_id, version)
    visit = cast("pd.Series[Any]", load_visits(version).set_index("visit_id").loc[visit_id])  # ids are unique
    times, stated = event_times(ev)
    ax = axes(ax, figsize=(11, 6.5))
    levels = [3, -3, 2, -2, 1, -1]
    ax.axhline(0, color="0.6", lw=1, zorder=1)
    for n, ((_, e), t, is_stated) in enumerate(zip(ev.iterrows(), times, stated, strict=True)):
        level = levels[n % len(levels)]
        filled = bool(is_stated)
        ax.vlines(t, 0, level, color="0.75", lw=0.8, zorder=1)
        ax.plot([t], [0], "o", ms=7, zorder=3, gid=EVENT_GID, mfc="#2166ac" if filled else "white",
                mec="#2166ac")
        when = e["local_time"] if filled else ""
        text = f"{e['event_code']} {e['event_label']}\n{e['source_name']} → {e['target_name']}"
        if when:
            text = f"{when}  " + text
        x = mdates.date2num(t)  # type: ignore[no-untyped-call]  # matplotlib.dates has no annotations
        ax.annotate(text, (x, level), ha="center", va="bottom" if level > 0 else "top",
                    fontsize=7, bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="0.8", lw=0.6))
    ax.set_ylim(-4.2, 4.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    fmt = "%H:%M" if times.dt.date.nunique() == 1 else "%d %b %H:%M"
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))  # type: ignore[no-untyped-call]  # as date2num
    zone = ev["time_zone"].dropna()
    ax.set_xlabel(f"local time ({zone.iloc[0]})" if len(zone) else "local time")
    guest, host = visit["guest_country"], visit["host_country"]
    start = pd.Timestamp(visit["start_date"])
    ax.set_title(f"{visit_id}: {guest} → {host}, {visit['cities']}, {start:%d %B %Y} "
                 f"({len(ev)} coded events, CAMEO codes)")
    ax.legend(handles=[
        mlines.Line2D([], [], marker="o", ls="", mfc="#2166ac", mec="#2166ac", label="time stated by a source"),
        mlines.Line2D([], [], marker="o", ls="", mfc="white", mec="#2166ac",
                      label="time not stated: placed in coded order"),
    ], loc="upper left", fontsize=8, bbox_to_anchor=(0, -0.09), ncol=2, frameon=False)
    ax.margins(x=0.08)
    credit(ax, f"summitry dataset release {version}", y=-34)
    return ax
