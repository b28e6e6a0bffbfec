"""Errors a user can act on.

Every error raised for a user's mistake is a :class:`SummitryError`; the CLI prints its
message without a traceback and exits non-zero. Anything else is a bug in summitry.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from typing import TypeVar

_T = TypeVar("_T")


class SummitryError(Exception):
    """Base class for errors caused by input, not by summitry itself.

    Attributes
    ----------
    exit_code : int
        The status the command line exits with when this error ends it.
    """

    exit_code = 1


class ChoiceError(SummitryError, ValueError):
    """A name (table, version, format, ...) that is not one of the valid choices.

    The message lists the valid choices and, when one is close, suggests it.

    Parameters
    ----------
    what : str
        What kind of name ``value`` is, e.g. ``"table"``.
    value : object
        The name given.
    choices : iterable of object
        The valid names.
    """

    exit_code = 2

    def __init__(self, what: str, value: object, choices: Iterable[object]) -> None:
        self.what, self.value, self.choices = what, value, list(choices)
        hint = get_close_matches(str(value), [str(c) for c in self.choices], n=1)
        msg = f"unknown {what} {value!r}; valid choices: {', '.join(map(str, self.choices))}"
        if hint:
            msg += f" (did you mean {hint[0]!r}?)"
        super().__init__(msg)


def check_choice(what: str, value: _T, choices: Collection[object]) -> _T:
    """Return ``value`` if it is one of ``choices``, else raise a :class:`ChoiceError`.

    Parameters
    ----------
    what : str
        What kind of name ``value`` is, for the message.
    value : object
        The name to check.
    choices : collection of object
        The valid names.

    Returns
    -------
    object
        ``value`` itself.

    Raises
    ------
    ChoiceError
        If ``value`` is not in ``choices``.
    """
    if value not in choices:
        raise ChoiceError(what, value, choices)
    return value


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record.

    Parameters
    ----------
    file : str
        The file the record is in.
    record : str
        Which record, e.g. ``"events[3] (E1, line 12)"``, or a table name; empty for a whole file.
    field : str
        The field at fault; empty for a whole record.
    message : str
        What is wrong.
    """

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.record, self.field) if p)
        return f"{where}: {self.message}"


class RecordError(SummitryError):
    """The records cannot be built; lists every problem found, not only the first.

    Parameters
    ----------
    problems : list of Problem
        Every problem found; the message shows the first 50.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"... and {len(self.problems) - 50} more")
        super().__init__(f"{len(self.problems)} problem(s) in the records:\n" + "\n".join(lines))


class WriteError(SummitryError):
    """A file or folder cannot be written where the user asked: not a folder, no permission,
    a full disk, a device that must not be replaced.

    The command line exits with status 2, as for an input that cannot be read.
    """

    exit_code = 2


class ReleaseExistsError(SummitryError):
    """A release is immutable: building over an existing one is refused."""
