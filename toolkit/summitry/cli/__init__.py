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


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="summitry")
def main() -> None:
    """summitry: leader-level visits and summits between states, as CAMEO-coded events."""


from . import analysis, data, plot, releases  # noqa: E402  (each module registers its commands on main)
from . import validate as validate_commands  # noqa: E402

data.register(main)
releases.register(main)
validate_commands.register(main)
analysis.register(main)
plot.register(main)
