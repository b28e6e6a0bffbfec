"""Choices read from the library only when a command needs them.

``summitry --help`` and ``summitry --version`` must start without pandas or pyarrow, so the
command modules import the library inside each command. The valid values of an option live
in the library too (one list, never typed twice); :class:`LazyChoice` reads them from their
module the first time click parses or describes the option.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import click


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A :class:`click.Choice` whose values are ``module:attribute``, imported on first use.

    Parameters
    ----------
    where : str
        ``"summitry.analysis.frequency:PERIODS"``: the module and the name of the sequence.
    case_sensitive : bool
        As for :class:`click.Choice`.
    """

    def __init__(self, where: str, case_sensitive: bool = True) -> None:
        self._where = where
        self._values: tuple[Any, ...] | None = None
        super().__init__((), case_sensitive=case_sensitive)

    @property  # type: ignore[override]
    def choices(self) -> Sequence[Any]:
        if self._values is None:
            module, name = self._where.split(":")
            self._values = tuple(getattr(importlib.import_module(module), name))
        return self._values

    @choices.setter
    def choices(self, value: Sequence[Any]) -> None:
        # click.Choice.__init__ assigns the empty placeholder; the values come from _where.
        pass
