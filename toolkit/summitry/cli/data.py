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
def show_cmd(visit_id: str | None, version: str | None) -> None:
    """A visit's coded events as a chronology (default: Pyongyang, 19 June 2024)."""
    from ..dataset.describe import show

    click.echo(show(visit_id, version))


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
    """Write a table as Parquet, CSV, GeoJSON, GeoPackage or Stata .dta."""
    from ..dataset.export import export

    path = export(table, out, format=fmt, version=version)
    click.echo(f"wrote {path}")


@click.command("cite")
@_version_option
@click.option("--format", "fmt", default="bibtex", show_default=True, type=LazyChoice("summitry.dataset.cite:FORMATS"))
def cite_cmd(version: str | None, fmt: str) -> None:
    """The citation of a dataset release."""
    from ..dataset.cite import cite

    click.echo(cite(version, format=fmt), nl=False)


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
