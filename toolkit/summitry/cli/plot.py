"""``summitry plot frequency|matrix|map|timeline``: the plots, written to a file."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, cast

import click

from ._lazy import LazyChoice

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

KINDS = ("frequency", "matrix", "map", "timeline")


@click.command("plot")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--dyad", "dyads", multiple=True, metavar="GUEST-HOST",
              help="Dyads to draw (frequency) or keep (matrix, map), e.g. RUS-PRK (repeatable).")
@click.option("--visit", "visit_id", default=None, metavar="ID",
              help="Visit id for the timeline (default: Pyongyang, 19 June 2024).")
@click.option("--period", default="year", show_default=True, type=LazyChoice("summitry.analysis.frequency:PERIODS"))
@click.option("--undirected", is_flag=True, help="Count visits either way (frequency, matrix).")
@click.option("--level", default="leader", show_default=True,
              type=LazyChoice("summitry.analysis.coverage:LEVEL_CHOICES"),
              help="Visits of leaders (heads of state and government, party leaders), foreign ministers, or any.")
@click.option("--coverage", "coverage", default="release", show_default=True, type=click.Choice(["release", "all"]),
              help="Where counts are complete: the release's coverage table, or all (you vouch for the data). "
                   "The map draws every visit counted either way.")
@click.option("--source", default=None, type=click.Path(exists=True),
              help="Parquet file or dataset folder of visits or events, instead of the release.")
@click.option("--version", "version", default=None, metavar="X.Y.Z", help="Dataset release (default: the latest).")
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Figure file; the format follows its extension (.png, .svg, .pdf, ...).")
def plot_cmd(kind: str, dyads: tuple[str, ...], visit_id: str | None, period: str, undirected: bool, level: str,
             coverage: str, source: str | None, version: str | None, out: str) -> None:
    """Draw visit frequency, a guest-by-host matrix, a map of visits or a visit's timeline.

    With no --dyad, the frequency plot draws the five dyads with most visits, plus the
    flagship visit's dyad (RUS-PRK) if it is not among them; periods and cells outside the
    data's coverage are shaded.
    """
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, no display needed
    import matplotlib.pyplot as plt

    from ..analysis.output import FIGURE_FORMATS, format_of, save_figure

    format_of(out, FIGURE_FORMATS)  # refuse a bad extension before the work
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        ax = _draw(kind, list(dyads) or None, visit_id, period, undirected, level, coverage, source, version)
    for w in caught:  # e.g. "no coverage table": said once, plainly, without a source line
        click.echo(f"warning: {w.message}", err=True)
    fig = cast("Figure", ax.figure)  # each plot draws on a figure of its own, never a subfigure
    path = save_figure(fig, out)
    plt.close(fig)
    click.echo(f"wrote {path}")


def _draw(kind: str, chosen: list[str] | None, visit_id: str | None, period: str, undirected: bool, level: str,
          coverage: str, source: str | None, version: str | None) -> Axes:
    """The plot of ``kind``, on a new figure."""
    from .. import plots
    from ..analysis.frequency import visit_frequency

    mark = coverage != "all"  # with --coverage all the user vouches for every cell: nothing to shade
    if kind == "timeline":
        ax = plots.plot_timeline(visit_id, version=version)
    elif kind == "map" and source is None and not chosen:
        ax = plots.plot_visit_map(version=version, level=level)
    else:
        # A map draws the visits there were, so it counts them inside coverage or not.
        freq = visit_frequency(source, period=period, directed=not undirected or kind == "map",
                               dyads=chosen if kind != "frequency" else None, version=version, level=level,
                               coverage="all" if coverage == "all" or kind == "map" else None)
        if kind == "frequency":
            ax = plots.plot_visit_frequency(freq, dyads=chosen, coverage=mark)
        elif kind == "matrix":
            ax = plots.plot_dyad_matrix(freq, coverage=mark)
        else:
            ax = plots.plot_visit_map(freq)
    return ax


def register(group: click.Group) -> None:
    """Add the ``plot`` command to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    group.add_command(plot_cmd)
