"""Commands that analyse visit frequency: frequency, dyad-years, state-years."""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from ._lazy import LazyChoice

if TYPE_CHECKING:
    import pandas as pd

_version_option = click.option("--version", "version", default=None, metavar="X.Y.Z",
                               help="Dataset release whose visits to count (default: the latest).")
_source_option = click.option(
    "--source", default=None, type=click.Path(exists=True),
    help="Count from this Parquet file or dataset folder (visits, or events with hive year= "
         "folders) instead of the release; read lazily.")


_level_option = click.option(
    "--level", default="leader", show_default=True, metavar="LEVEL[,LEVEL...]",
    help="Levels of visit that count: leader, foreign_minister, any, or visits-table level values.")
_coverage_option = click.option(
    "--assume-covered", is_flag=True,
    help="Treat your --source data as complete everywhere (otherwise only a release's coverage counts).")


@contextlib.contextmanager
def _notes() -> Iterator[None]:
    """Library warnings (e.g. "no coverage declared") as one-line notes on stderr, not tracebacks of code."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        yield
    for w in caught:
        if issubclass(w.category, UserWarning):
            click.echo(f"Note: {w.message}", err=True)


def _level(text: str) -> str | list[str]:
    items = [x.strip() for x in text.split(",") if x.strip()]
    return items[0] if len(items) == 1 else items


def _not_covered(frame: pd.DataFrame, cols: list[tuple[str, str]]) -> pd.DataFrame:
    """The frame as text cells, with "not covered" where the data does not cover a count."""
    df = frame.astype(object)
    for value, flag in cols:
        df[value] = df[value].where(df[flag].astype(bool), "not covered")
    return df.where(df.notna(), "")


@click.command("frequency")
@click.option("--dyad", "dyads", multiple=True, metavar="GUEST-HOST",
              help="Only this dyad, ISO alpha-3, e.g. RUS-PRK (repeatable).")
@click.option("--period", default="year", show_default=True, type=LazyChoice("summitry.analysis.frequency:PERIODS"))
@click.option("--undirected", is_flag=True, help="Count visits either way between two states.")
@_level_option
@_coverage_option
@_source_option
@_version_option
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "csv", "json"]))
def frequency_cmd(dyads: tuple[str, ...], period: str, undirected: bool, level: str, assume_covered: bool,
                  source: str | None, version: str | None, fmt: str) -> None:
    """Visits per dyad per period, with the years since the previous visit ("not covered" outside coverage)."""
    from ..analysis.frequency import visit_frequency

    with _notes():
        freq = visit_frequency(source, period=period, directed=not undirected, dyads=list(dyads) or None,
                               version=version, level=_level(level), coverage="all" if assume_covered else None)
    plain = freq.assign(period=freq["period"].astype(str))
    if fmt == "csv":
        click.echo(plain.to_csv(index=False), nl=False)
    elif fmt == "json":
        records = json.loads(plain.to_json(orient="records"))
        click.echo(json.dumps(records, indent=1))
    else:
        text = _not_covered(plain, [("visits", "covered"), ("years_since_last", "covered")])
        click.echo(text.to_string(index=False) if len(plain) else "no visits")
        if freq.attrs.get("credit"):
            click.echo(f"\nsource: {freq.attrs['credit']}")


def _with_covariates(panel: pd.DataFrame, names: str | None) -> pd.DataFrame:
    """``panel`` with the covariates named (comma-separated) added, from the covariates registry."""
    if not names:
        return panel
    import importlib

    from ..errors import ChoiceError, SummitryError

    # The registry maps each covariate's name to its add_* function.
    COVARIATES = getattr(importlib.import_module("summitry.analysis.covariates"), "COVARIATES", None)
    if COVARIATES is None:
        raise SummitryError("covariates are not available in this version of summitry")
    for name in (x.strip() for x in names.split(",") if x.strip()):
        if name not in COVARIATES:
            raise ChoiceError("covariate", name, sorted(COVARIATES))
        panel = COVARIATES[name](panel)
    return panel


_system_option = click.option("--system", default="cow", show_default=True,
                              type=LazyChoice("summitry.analysis.states:SYSTEMS"),
    help="Correlates of War (v2024: 1816-2024) or Gleditsch & Ward (2017 edition: 1816-2017).")
_start_option = click.option("--start", type=int, default=None, help="First year (default: the list's first, 1816).")
_end_option = click.option("--end", type=int, default=None,
                           help="Last year (default: the list's last: 2024 for COW, 2017 for G&W).")
_covariates_option = click.option("--covariates", default=None, metavar="NAME[,NAME...]",
                                  help="Covariates to add, e.g. contiguity,capital_distance,atop.")
_out_option = click.option("--out", required=True, type=click.Path(dir_okay=False),
                           help="File to write; the format follows its extension (.parquet, .csv, .dta, ...).")


@click.command("dyad-years")
@_system_option
@_start_option
@_end_option
@click.option("--undirected", is_flag=True, help="One row per pair (code1 < code2), visits either way.")
@_level_option
@_coverage_option
@_covariates_option
@_source_option
@_version_option
@_out_option
def dyad_years_cmd(system: str, start: int | None, end: int | None, undirected: bool, level: str,
                   assume_covered: bool, covariates: str | None, source: str | None, version: str | None,
                   out: str) -> None:
    """A dyad-year panel of the state system with visit counts, for R, Stata or pandas."""
    from ..analysis import states
    from ..analysis.output import TABLE_FORMATS, format_of, write_frame
    from ..analysis.panels import dyad_years

    format_of(out, TABLE_FORMATS)  # refuse a bad extension and bad years before the work
    states.check_years(system, start, end)
    with _notes():
        panel = dyad_years(system, start=start, end=end, directed=not undirected, visits=source, version=version,
                           level=_level(level), coverage="all" if assume_covered else None)
    panel = _with_covariates(panel, covariates)
    path = write_frame(panel, out)
    click.echo(f"wrote {path}: {len(panel):,} dyad-years {panel['year'].min()}-{panel['year'].max()}, "
               f"{int(panel['covered'].sum()):,} covered, {int(panel['visits'].sum())} visits in them")


@click.command("state-years")
@_system_option
@_start_option
@_end_option
@_level_option
@_coverage_option
@_covariates_option
@_source_option
@_version_option
@_out_option
def state_years_cmd(system: str, start: int | None, end: int | None, level: str, assume_covered: bool,
                    covariates: str | None, source: str | None, version: str | None, out: str) -> None:
    """A state-year panel with the visits each state made and received, for R, Stata or pandas."""
    from ..analysis import states
    from ..analysis.output import TABLE_FORMATS, format_of, write_frame
    from ..analysis.panels import state_years

    format_of(out, TABLE_FORMATS)
    states.check_years(system, start, end)
    with _notes():
        panel = state_years(system, start=start, end=end, visits=source, version=version, level=_level(level),
                            coverage="all" if assume_covered else None)
    panel = _with_covariates(panel, covariates)
    path = write_frame(panel, out)
    click.echo(f"wrote {path}: {len(panel):,} state-years {panel['year'].min()}-{panel['year'].max()}, "
               f"{int(panel['visits_made'].sum())} visits made where covered")


def register(group: click.Group) -> None:
    """Add the analysis commands to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    for cmd in (frequency_cmd, dyad_years_cmd, state_years_cmd):
        group.add_command(cmd)
