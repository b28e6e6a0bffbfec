"""What every summitry plot shares: a new axes when none is given, and the credit line."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

CREDIT_GID = "summitry-credit"


def axes(ax: Axes | None, figsize: tuple[float, float] = (9, 4.5)) -> Axes:
    """``ax``, or the axes of a new figure of ``figsize`` (inches) when it is None.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or None
        The axes to draw on.
    figsize : tuple of (float, float)
        Width and height of a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes to draw on.
    """
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def credit(ax: Axes, *parts: str, inside: bool = False, y: float | None = None) -> None:
    """A small credit line, e.g. the dataset release the data came from.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to credit.
    *parts : str
        Pieces of the credit, joined by full stops; empty ones are left out, and with no
        text at all nothing is drawn.
    inside : bool
        Put the line in the lower right corner of the axes (for maps, whose corners are
        empty sea) instead of under the x-axis title.
    y : float, optional
        The offset in points below the axes of a line under the x-axis title (default -30).
    """
    text = ". ".join(p.rstrip(".") for p in parts if p)
    if not text:
        return
    if inside:
        ax.text(0.995, 0.01, text + ".", transform=ax.transAxes, ha="right", va="bottom", fontsize=7,
                color="0.3", gid=CREDIT_GID, bbox=dict(fc="white", ec="none", alpha=0.7, pad=1.5))
    else:
        ax.annotate(text + ".", xy=(1.0, 0), xycoords="axes fraction", xytext=(0, -30 if y is None else y),
                    textcoords="offset points", ha="right", va="top", fontsize=7, color="0.35",
                    gid=CREDIT_GID, annotation_clip=False)


def dyad_columns(freq: pd.DataFrame) -> tuple[str, str, str]:
    """The two country columns of a frequency table and the arrow that joins them in labels.

    Parameters
    ----------
    freq : pandas.DataFrame
        A table from :func:`summitry.visit_frequency`.

    Returns
    -------
    tuple of (str, str, str)
        ``("guest_country", "host_country", " → ")`` for a directed table,
        ``("country1", "country2", " – ")`` for an undirected one.

    Raises
    ------
    SummitryError
        If ``freq`` has neither pair of columns.
    """
    if "guest_country" in freq.columns:
        return "guest_country", "host_country", " → "
    if "country1" in freq.columns:
        return "country1", "country2", " – "
    from ..errors import SummitryError

    raise SummitryError("expected a table from visit_frequency() (guest_country and host_country, "
                        f"or country1 and country2); found columns {', '.join(map(str, freq.columns))}")


def counted(level: object) -> str:
    """What was counted, for a title: "Leader-level visits" unless ``level`` says otherwise.

    Parameters
    ----------
    level : str, list of str or None
        The ``level=`` of :func:`summitry.visit_frequency` (a table's ``attrs["level"]``);
        None means its default, "leader".

    Returns
    -------
    str
        E.g. "Leader-level visits" (of heads of state and government and party leaders).
    """
    level = level or "leader"
    if level == "leader":
        return "Leader-level visits"
    if level == "any":
        return "Visits (every level)"
    names = [level] if isinstance(level, str) else list(cast("list[str]", level))
    return f"Visits ({', '.join(str(n).replace('_', ' ') for n in names)})"
