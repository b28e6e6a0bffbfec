"""Commands that analyse visit frequency: frequency, dyad-years."""

from __future__ import annotations

import json

import click

from ._lazy import LazyChoice

_version_option = click.option("--version", "version", default=None, metavar="X.Y.Z",
                               help="Dataset release whose visits to count (default: the latest).")
_source_option = click.option(
    "--source", default=None, type=click.Path(exists=True),
    help="Count from this Parquet file or dataset folder (visits, or events with hive year= "
         "folders) instead of the release; read lazily.")


@click.command("frequency")
@click.option("--dyad", "dyads", multiple=True, metavar="GUEST-HOST",
              help="Only this dyad, ISO alpha-3, e.g. RUS-PRK (repeatable).")
@click.option("--period", default="year", show_default=True, type=LazyChoice("summitry.analysis.frequency:PERIODS"))
@click.option("--undirected", is_flag=True, help="Count visits either way between two states.")
@_source_option
@_version_option
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "csv", "json"]))
def frequency_cmd(dyads: tuple[str, ...], period: str, undirected: bool, source: str | None, version: str | None,
                  fmt: str) -> None:
    """Visits per dyad per period, with the years since the previous visit."""
    from ..analysis.frequency import visit_frequency

    freq = visit_frequency(source, period=period, directed=not undirected, dyads=list(dyads) or None,
                           version=version)
    plain = freq.assign(period=freq["period"].astype(str))
    if fmt == "csv":
        click.echo(plain.to_csv(index=False), nl=False)
    elif fmt == "json":
        records = json.loads(plain.to_json(orient="records"))
        click.echo(json.dumps(records, indent=1))
    else:
        click.echo(plain.to_string(index=False) if len(plain) else "no visits")
        if freq.attrs.get("credit"):
            click.echo(f"\nsource: {freq.attrs['credit']}")


@click.command("dyad-years")
@click.option("--system", default="cow", show_default=True, type=LazyChoice("summitry.analysis.states:SYSTEMS"),
              help="Correlates of War (v2024) or Gleditsch & Ward.")
@click.option("--start", type=int, default=None, help="First year (default: the list's first, 1816).")
@click.option("--end", type=int, default=None,
              help="Last year (default: the list's last, or the last visit if later).")
@click.option("--undirected", is_flag=True, help="One row per pair (code1 < code2), visits either way.")
@_source_option
@_version_option
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="File to write; the format follows its extension (.parquet, .csv, .dta, ...).")
def dyad_years_cmd(system: str, start: int | None, end: int | None, undirected: bool, source: str | None,
                   version: str | None, out: str) -> None:
    """A dyad-year panel of the state system with visit counts, for R, Stata or pandas."""
    from ..analysis.output import TABLE_FORMATS, format_of, write_frame
    from ..analysis.panels import dyad_years


    format_of(out, TABLE_FORMATS)  # refuse a bad extension before the work
    panel = dyad_years(system, start=start, end=end, directed=not undirected, visits=source, version=version)
    path = write_frame(panel, out)
    click.echo(f"wrote {path}: {len(panel):,} dyad-years {panel['year'].min()}-{panel['year'].max()}, "
               f"{int(panel['visits'].sum())} visits")


def register(group: click.Group) -> None:
    """Add the analysis commands to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    for cmd in (frequency_cmd, dyad_years_cmd):
        group.add_command(cmd)
