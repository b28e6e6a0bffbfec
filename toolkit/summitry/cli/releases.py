"""Commands comparing releases: diff."""

from __future__ import annotations

import click

from ..schema import TABLES
from ._lazy import LazyChoice


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--table", "tables", multiple=True, type=click.Choice(TABLES), help="Only this table (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True, type=LazyChoice("summitry.dataset.diff:FORMATS"))
def diff_cmd(old: str, new: str, tables: tuple[str, ...], fmt: str) -> None:
    """Records added, retracted and changed between releases OLD and NEW, by stable id."""
    from ..dataset.diff import diff

    d = diff(old, new, tables=tables or None)
    click.echo(d.to_json() if fmt == "json" else d.summary(), nl=fmt == "json")


def register(group: click.Group) -> None:
    """Add the commands comparing releases to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    group.add_command(diff_cmd)
