"""Commands on the shipped releases: info, show, versions, export, cite, build."""

from __future__ import annotations

import click

from ..schema import TABLES
from ._lazy import LazyChoice

_version_option = click.option("--version", "version", default=None, metavar="X.Y.Z",
                               help="Dataset release (default: the latest).")


@click.command("info")
@_version_option
def info_cmd(version: str | None) -> None:
    """Releases, tables and row counts, and the flagship summit."""
    from ..dataset.describe import overview

    click.echo(overview(version))


@click.command("show")
@click.argument("visit_id", required=False)
@_version_option
@click.option("--sources", is_flag=True, help="Print under each event the source sentences it is coded from.")
def show_cmd(visit_id: str | None, version: str | None, sources: bool) -> None:
    """A visit's coded events as a chronology, in local time with each time zone (default: Pyongyang, 19 June 2024)."""
    from ..dataset.describe import show

    click.echo(show(visit_id, version, sources=sources))


@click.command("versions")
def versions_cmd() -> None:
    """The dataset releases shipped with this package."""
    from ..dataset.releases import versions

    for v in versions():
        click.echo(v)


@click.command("export")
@click.argument("table", type=click.Choice(TABLES))
@_version_option
@click.option("--format", "fmt", required=True, type=LazyChoice("summitry.dataset.export:FORMATS"),
              help="Output format.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
def export_cmd(table: str, version: str | None, fmt: str, out: str) -> None:
    """Write a table as Parquet, CSV (with its Table Schema), GeoJSON, GeoPackage, Stata .dta or R .rds."""
    from ..dataset.atomic import is_special
    from ..dataset.export import csv_schema_path, export

    path = export(table, out, format=fmt, version=version)
    if is_special(path):
        # The data may have gone to standard output: keep the note out of it.
        click.echo(f"wrote {path}", err=True)
        return
    click.echo(f"wrote {path}")
    if fmt == "csv":
        click.echo(f"wrote {csv_schema_path(path)} (its Frictionless Table Schema: the type of every column)")


@click.command("cite")
@_version_option
@click.option("--format", "fmt", default="bibtex", show_default=True, type=LazyChoice("summitry.dataset.cite:FORMATS"))
@click.option("--covariates", is_flag=True, help="Also cite every covariate data set (add_contiguity, add_nmc...).")
def cite_cmd(version: str | None, fmt: str, covariates: bool) -> None:
    """The citation of a dataset release."""
    from ..dataset.cite import cite

    click.echo(cite(version, format=fmt, covariates=covariates), nl=False)


@click.command("build")
@click.argument("records", required=False, default="dataset/records", type=click.Path())
@click.option("--version", "version", required=True, metavar="X.Y.Z", help="Version of the new release.")
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Folder of releases (default: the releases folder beside RECORDS).")
def build_cmd(records: str, version: str, out: str | None) -> None:
    """Build release X.Y.Z from the YAML records (default: dataset/records)."""
    from ..dataset.build import build

    target = build(records, version, out)
    click.echo(f"built release {version} in {target}")


def register(group: click.Group) -> None:
    """Add the commands on releases to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    for cmd in (info_cmd, show_cmd, versions_cmd, export_cmd, cite_cmd, build_cmd):
        group.add_command(cmd)
