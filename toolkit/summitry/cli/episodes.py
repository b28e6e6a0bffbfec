"""The ``summitry episodes`` command: visit episodes from GDELT or ICEWS reports."""

from __future__ import annotations

import click

from ._lazy import LazyChoice


@click.command("episodes")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", default="auto", show_default=True,
              type=LazyChoice("summitry.analysis.episodes_input:FILE_FORMATS"),
              help="Format of the event files (an imported Parquet dataset needs none).")
@click.option("--level", default="leader", show_default=True,
              type=LazyChoice("summitry.analysis.episodes_input:LEVEL_CHOICES"),
              help="Whose trips: heads of state or government, foreign ministers, or anyone.")
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="File to write (.csv, .parquet, ...); without it the episodes are printed.")
def episodes_cmd(paths: tuple[str, ...], fmt: str, level: str, out: str | None) -> None:
    """One row per inferred visit from the 042/043 reports in PATHS (files or a folder)."""
    from ..analysis.episodes import visit_episodes
    from ..analysis.output import TABLE_FORMATS, format_of, write_frame

    if out is not None:
        format_of(out, TABLE_FORMATS)  # refuse a bad extension before the work
    eps = visit_episodes(list(paths), level=level, format=fmt)
    if out is None:
        shown = eps.drop(columns=["evidence", "rule"])
        click.echo(shown.to_string(index=False) if len(eps) else "no episodes")
        return
    # Text formats hold no lists: the evidence becomes one ';'-separated field.
    path = write_frame(eps.assign(evidence=eps["evidence"].str.join(";")), out)
    click.echo(f"wrote {path}: {len(eps):,} {level} episodes")


def register(group: click.Group) -> None:
    """Add the episodes command to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    group.add_command(episodes_cmd)
