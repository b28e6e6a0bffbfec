"""One visit's coded events: those with a stated time along local time, the others in coded order.

Few events have a time stated by a source. Drawing the others at made-up clock positions
would tell the reader something no source says, so they go in a band of their own, in the
order the coder numbered them (which is the order they happened), with no clock.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from ._common import axes, credit

if TYPE_CHECKING:
    from matplotlib.axes import Axes

EVENT_GID = "summitry-event"
STATED_GID = "summitry-time-stated"
NOT_STATED_GID = "summitry-time-not-stated"
REPORTED: dict[str, Any] = dict(marker="o", mfc="#2166ac", mec="#2166ac")
ATTRIBUTED: dict[str, Any] = dict(marker="D", mfc="white", mec="#d95f02", mew=1.6)
# Label heights above and below the line: neighbours alternate sides, and labels two apart
# sit at different heights, so labels as wide as two slots do not overlap.
_LEVELS = (1.0, -1.0, 2.5, -2.5, 4.0, -4.0)


def stated_times(ev: pd.DataFrame) -> pd.Series:
    """The local date-time of each event whose time a source states; NaT for the others.

    Parameters
    ----------
    ev : pandas.DataFrame
        A visit's events, with ``date`` and ``local_time`` (``HH:MM`` or missing), as
        :func:`summitry.chronology` gives them.

    Returns
    -------
    pandas.Series
        Timestamps on the index of ``ev``; NaT where no time is stated.
    """
    dates = pd.to_datetime(ev["date"])
    stated = ev["local_time"].apply(lambda t: isinstance(t, str) and len(t) == 5)
    times = pd.Series(pd.NaT, index=ev.index, dtype="datetime64[ns]")
    if stated.any():
        times[stated] = pd.to_datetime(dates[stated].dt.strftime("%Y-%m-%d") + " " + ev.loc[stated, "local_time"])
    return times


def _attributed(e: pd.Series) -> bool:
    return str(e["attribution"]) in ("claimed", "alleged")


def _label(n: int, e: pd.Series, when: str) -> str:
    """``#n [time] code label``, the actors, and who claims or alleges it if anyone does."""
    # one line: the code is exact, the label is its reading (shortened at a word, with an ellipsis)
    head = textwrap.shorten(f"#{n} {when + ' ' if when else ''}{e['event_code']} {e['event_label']}", 42,
                            placeholder="…")
    lines = [head, f"{e['source_name']} → {e['target_name']}"]
    if _attributed(e):
        by = e["attributed_to"] if isinstance(e["attributed_to"], str) else "a named party"
        lines.append(f"{str(e['attribution']).upper()} by {by}")
    return "\n".join(lines)


def _draw(band: Axes, x: Any, level: float, e: pd.Series, text: str) -> None:
    style = ATTRIBUTED if _attributed(e) else REPORTED
    band.vlines(x, 0, level, color="0.75", lw=0.8, zorder=1)
    band.plot([x], [0], ls="", ms=7, zorder=3, gid=EVENT_GID, **style)
    band.annotate(text, (x, level), ha="center", va="bottom" if level > 0 else "top", fontsize=6.5,
                  bbox=dict(boxstyle="round,pad=0.25", fc="white", lw=0.6,
                            ec="#d95f02" if _attributed(e) else "0.8", ls="--" if _attributed(e) else "-"))


def _band(band: Axes, title: str) -> None:
    band.axhline(0, color="0.6", lw=1, zorder=1)
    band.set_ylim(-5.8, 6.1)
    band.set_yticks([])
    for side in ("left", "right", "top"):
        band.spines[side].set_visible(False)
    band.set_title(title, loc="left", fontsize=9, color="0.25")


def plot_timeline(visit_id: str | None = None, *, version: str | None = None, ax: Axes | None = None) -> Axes:
    """A visit's coded events in two bands: along local time, and "time not stated".

    Events whose time a source states are drawn along local time; the others in a band of
    their own, in coded order, with no clock. Each event is labelled with its number in the
    chronology, CAMEO code and label and the acting party; events a named party claims or
    alleges (such as the munitions allegation of the Pyongyang summit) are drawn as hollow
    orange diamonds and say who claims or alleges them.

    Parameters
    ----------
    visit_id : str, optional
        The visit to draw (default: the flagship visit, Pyongyang, 19 June 2024).
    version : str, optional
        The dataset release (default: the latest).
    ax : matplotlib.axes.Axes, optional
        The axes to draw in (a new figure if None); it frames the two bands, which are its
        child axes (``ax.child_axes``: time stated, then time not stated).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn in.

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
    ev = ev.assign(number=range(1, len(ev) + 1))  # its place in the chronology, shown in both bands
    visit = cast("pd.Series[Any]", load_visits(version).set_index("visit_id").loc[visit_id])  # ids are unique
    times = stated_times(ev)
    ax = axes(ax, figsize=(12, 8))
    ax.set_axis_off()  # a frame: the bands are its children
    timed = ax.inset_axes((0, 0.62, 1, 0.32))
    untimed = ax.inset_axes((0, 0.0, 1, 0.50))
    timed.set_gid(STATED_GID)
    untimed.set_gid(NOT_STATED_GID)
    several_days = ev["date"].nunique() > 1
    stated = ev[times.notna()]
    _band(timed, f"time stated by a source ({len(stated)} of {len(ev)} events)")
    for k, (t, (_, e)) in enumerate(zip(times[times.notna()], stated.iterrows(), strict=True)):
        when = f"{t:%d %b %H:%M}" if several_days else f"{t:%H:%M}"
        x = mdates.date2num(t)  # type: ignore[no-untyped-call]  # matplotlib.dates has no annotations
        _draw(timed, x, _LEVELS[k % 4], e, _label(int(e["number"]), e, when))
    if len(stated):
        lo, hi = times.min(), times.max()
        pad = max((hi - lo) * 0.15, pd.Timedelta(hours=1))
        timed.set_xlim(mdates.date2num(lo - pad), mdates.date2num(hi + pad))  # type: ignore[no-untyped-call]
        fmt = "%H:%M" if not several_days else "%d %b %H:%M"
        # whole hours (or days), not fifths of the span: 02:24 and 04:48 read as stated times
        timed.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=9,  # type: ignore[no-untyped-call]
                                                             interval_multiples=True))
        timed.xaxis.set_major_formatter(mdates.DateFormatter(fmt))  # type: ignore[no-untyped-call]  # as date2num
    else:
        timed.set_xticks([])
        timed.text(0.5, 0.5, "no source states the time of any event", transform=timed.transAxes,
                   ha="center", va="center", fontsize=9, color="0.35")
    zone = ev["time_zone"].dropna()
    timed.set_xlabel(f"local time ({zone.iloc[0]})" if len(zone) else "local time", fontsize=9)
    rest = ev[times.isna()]
    _band(untimed, f"time not stated ({len(rest)} events): in coded order, left to right; position is not a time")
    for k, (_, e) in enumerate(rest.iterrows()):
        day = f"{e['date']:%d %b}" if several_days else ""
        _draw(untimed, k + 1, _LEVELS[k % len(_LEVELS)], e, _label(int(e["number"]), e, day))
    untimed.set_xticks(range(1, len(rest) + 1), [f"#{n}" for n in rest["number"]], fontsize=7)
    untimed.set_xlim(0.3, max(len(rest), 1) + 0.7)
    untimed.set_xlabel("number in the chronology (coded order)", fontsize=9)
    guest, host = visit["guest_country"], visit["host_country"]
    start = pd.Timestamp(visit["start_date"])
    ax.set_title(f"{visit_id}: {guest} → {host}, {visit['cities']}, {start:%d %B %Y} "
                 f"({len(ev)} coded events, CAMEO codes)")
    ax.legend(handles=[
        mlines.Line2D([], [], ls="", ms=7, label="reported as fact by the source", **REPORTED),
        mlines.Line2D([], [], ls="", ms=7, label="claimed or alleged by a named party", **ATTRIBUTED),
    ], loc="upper right", bbox_to_anchor=(1, 1.0), fontsize=8, ncol=2, frameon=False)
    credit(ax, f"summitry dataset release {version}", y=-26)
    return ax
