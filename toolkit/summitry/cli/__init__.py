"""The ``summitry`` command: a thin layer over the library.

Each group of commands lives in its own module and is registered here. Errors caused
by input (:class:`summitry.errors.SummitryError`) are printed without a traceback and
end the command with a non-zero exit code.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .._version import __version__
from ..errors import SummitryError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SummitryError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:  # the command cleaned up on its way out; 130 is the shell's code for SIGINT
            click.echo("Interrupted: nothing half-written was kept.", err=True)
            sys.exit(130)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    # releases.py reads folder names only: no pandas, no pyarrow
    from ..dataset.releases import versions

    shipped = versions()
    latest = f"dataset release {shipped[-1]}" if shipped else "no dataset release shipped"
    click.echo(f"summitry {__version__} ({latest}; {len(shipped)} releases shipped)")
    ctx.exit()


@click.group(cls=_Group)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the package version and the latest dataset release, and exit.")
def main() -> None:
    """summitry: leader-level visits and summits between states, as CAMEO-coded events."""


from . import analysis, data, plot, releases  # noqa: E402  (each module registers its commands on main)
from . import episodes as episodes_commands  # noqa: E402
from . import validate as validate_commands  # noqa: E402

data.register(main)
releases.register(main)
validate_commands.register(main)
analysis.register(main)
plot.register(main)
episodes_commands.register(main)
