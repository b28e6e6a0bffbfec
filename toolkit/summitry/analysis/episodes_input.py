"""What the visit-episode rules read: event files as a table, and each report's actor level.

Event files (GDELT or ICEWS, plain or zipped) are read with the package's readers into
the imported-events columns. ICEWS files also carry the actors' *sectors* ("Executive
Office", "Foreign Ministry"), which the imported-events schema does not keep; they are
the best evidence ICEWS gives of who travelled, so for ICEWS files they are read here as
two extra columns, ``source_sectors`` and ``target_sectors``, joined on the event key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pandas as pd

from ..errors import SummitryError, check_choice

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: What ``format=`` accepts for event files.
FILE_FORMATS = ("auto", "gdelt", "icews")
#: The levels a report's guest can have, most senior first; ``other`` is anyone else.
LEVELS = ("head_of_state", "head_of_government", "foreign_minister", "other")
#: What ``level=`` accepts, and the actor levels each keeps.
LEVEL_CHOICES: dict[str, tuple[str, ...]] = {
    "leader": ("head_of_state", "head_of_government"),
    "foreign_minister": ("foreign_minister",),
    "any": LEVELS,
}
SECTOR_COLUMNS = ("source_sectors", "target_sectors")
_ICEWS_KEY = ("Event ID", "Event Date")
_ICEWS_SECTORS = ("Source Sectors", "Target Sectors")

# Words in an actor's name as written that tell its office, for sources without sectors
# (GDELT Actor1Name "PRESIDENT", "PRIME MINISTER"; ICEWS generic actors "Head of
# Government (Japan)", "Foreign Affairs (France)"). Upper-cased before matching.
_HEAD_OF_STATE_WORDS = ("PRESIDENT", "HEAD OF STATE", "KING", "EMIR", "SULTAN")
_HEAD_OF_GOVERNMENT_WORDS = ("PRIME MINISTER", "PREMIER", "CHANCELLOR", "HEAD OF GOVERNMENT")
_FOREIGN_MINISTER_WORDS = ("FOREIGN MINISTER", "FOREIGN AFFAIRS", "SECRETARY OF STATE", "FOREIGN SECRETARY")
# Titles that contain a leader word but are not the leader.
_NOT_LEADER_WORDS = ("VICE PRESIDENT", "DEPUTY PRIME MINISTER", "VICE PREMIER", "FORMER ")


def read_event_files(paths: Iterable[str | Path], fmt: str = "auto") -> pd.DataFrame:
    """Event files as one table in the imported-events columns, plus ICEWS sectors.

    Parameters
    ----------
    paths : iterable of str or path
        GDELT or ICEWS files (plain or zipped); folders are not read here.
    fmt : {"auto", "gdelt", "icews"}
        The files' format; ``auto`` tells each file from its name and header.

    Returns
    -------
    pandas.DataFrame
        The rows, with ``source_sectors`` and ``target_sectors`` (null for GDELT).

    Raises
    ------
    SummitryError
        If no files are given, a file is of another format, or cannot be read.
    """
    from ..eventdata.gdelt import read_gdelt
    from ..eventdata.icews import read_icews
    from ..eventdata.inputs import detect_format

    check_choice("format", fmt, FILE_FORMATS)
    files = [Path(p) for p in paths]
    if not files:
        raise SummitryError("no event files given")
    frames: list[pd.DataFrame] = []
    for f in files:
        got = detect_format(f, "auto")
        family = "gdelt" if got.startswith("gdelt") else got
        if family not in ("gdelt", "icews") or (fmt != "auto" and family != fmt):
            raise SummitryError(f"{f}: is {got}, not {'GDELT or ICEWS' if fmt == 'auto' else fmt} event data")
        if family == "icews":
            df = read_icews(f).to_pandas()
            frames.append(_with_sectors(df, f))
        else:
            frames.append(read_gdelt(f).to_pandas())
    out = pd.concat(frames, ignore_index=True)
    for c in SECTOR_COLUMNS:
        if c not in out.columns:
            out[c] = None
    # Daily ICEWS files overlap: the same report (key: event id and date) is in several.
    return out.drop_duplicates(subset=["event_id", "date", "event_code"], ignore_index=True)


def _with_sectors(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``df`` (one ICEWS file as read) with the file's sector columns, joined on the event key."""
    import pyarrow.csv as pacsv

    from ..eventdata.inputs import open_binary

    with open_binary(path) as stream:
        # Quoting off: ICEWS fields are never quoted and one file has a literal '"' in a name.
        raw = pacsv.read_csv(
            stream, parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
            convert_options=pacsv.ConvertOptions(include_columns=[*_ICEWS_KEY, *_ICEWS_SECTORS],
                                                 column_types=dict.fromkeys([*_ICEWS_KEY, *_ICEWS_SECTORS],
                                                                            "string")))
    sec = raw.to_pandas().drop_duplicates(subset=list(_ICEWS_KEY))
    names = ["event_id", "_day", *SECTOR_COLUMNS]
    sec = sec.rename(columns=dict(zip([*_ICEWS_KEY, *_ICEWS_SECTORS], names, strict=True)))
    day = pd.to_datetime(df["date"]).dt.strftime("%Y-%m-%d")
    return df.assign(_day=day).merge(sec, on=["event_id", "_day"], how="left").drop(columns="_day")


def actor_level(name: ir.StringValue, sectors: ir.StringValue | None, actor_code: ir.StringValue | None,
                ) -> ir.StringValue:
    """The level of one side of a report (an Ibis expression): one of :data:`LEVELS`.

    In order: ICEWS sectors ("Executive Office" is a head of state or government, which
    ICEWS does not tell apart, so ``head_of_state``; "Foreign Ministry" a foreign
    minister); then words of the name as written (see the module's word lists; a vice
    president or deputy is ``other``); else ``other``. A CAMEO actor code alone (GDELT
    ``USAGOV``) says "government", not who, so it gives ``other``.

    Parameters
    ----------
    name : ibis string column
        The actor's name as written.
    sectors : ibis string column, optional
        ICEWS sectors, comma-separated; None when the data have none.
    actor_code : ibis string column, optional
        The CAMEO actor code (unused for the level beyond documenting why).

    Returns
    -------
    ibis string column
        The level.
    """
    import ibis

    del actor_code  # see the docstring: a government code does not name the office
    return cast("ir.StringValue", ibis.cases(*_level_rules(name, sectors), else_="other"))


def actor_level_in(name: ir.StringValue, sectors: ir.StringValue | None, levels: Iterable[str]) -> ir.BooleanValue:
    """Whether :func:`actor_level` of a report's side is one of ``levels`` (an Ibis expression).

    The same answer as ``actor_level(name, sectors, None).isin(levels)``, written so that each
    rule is tested once: engines inline the level's ``CASE`` into a filter once per level
    compared.

    Parameters
    ----------
    name : ibis string column
        The actor's name as written.
    sectors : ibis string column, optional
        ICEWS sectors, comma-separated; None when the data have none.
    levels : iterable of str
        Levels of :data:`LEVELS`.

    Returns
    -------
    ibis boolean column
        True where the side's level is one of ``levels``.
    """
    import ibis

    wanted = set(levels)
    # The first rule that holds gives the level, so fold from the last rule back: a kept
    # level's rule decides "yes" when it holds, another level's rule "no".
    keep: ir.BooleanValue | bool = "other" in wanted
    for cond, level in reversed(_level_rules(name, sectors)):
        if level in wanted:
            keep = True if keep is True else cond if keep is False else cond | keep
        else:
            keep = False if keep is False else ~cond if keep is True else ~cond & keep
    return ibis.literal(keep) if isinstance(keep, bool) else keep


def _level_rules(name: ir.StringValue, sectors: ir.StringValue | None) -> list[tuple[ir.BooleanValue, str]]:
    """The level rules of :func:`actor_level` in order, as ``(condition, level)``; the first that holds wins."""
    up = name.upper().fill_null("")

    def has(words: tuple[str, ...]) -> ir.BooleanValue:
        # One regular-expression search per word list (not one substring test per word): the
        # engines upper-case the name anew for every test made.
        return up.re_search("|".join(re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", w) for w in words))

    rules = [(has(_NOT_LEADER_WORDS), "other")]
    if sectors is not None:
        s = sectors.fill_null("")
        rules += [(s.contains("Executive Office"), "head_of_state"),
                  (s.contains("Foreign Ministry"), "foreign_minister")]
    return rules + [(has(_FOREIGN_MINISTER_WORDS), "foreign_minister"),
                    (has(_HEAD_OF_GOVERNMENT_WORDS), "head_of_government"),
                    (has(_HEAD_OF_STATE_WORDS), "head_of_state")]


def check_level(level: str) -> tuple[str, ...]:
    """The actor levels ``level=`` keeps; raises ChoiceError for an unknown level.

    Parameters
    ----------
    level : str
        One of :data:`LEVEL_CHOICES`.

    Returns
    -------
    tuple of str
        The levels of :data:`LEVELS` it keeps.
    """
    check_choice("level", level, tuple(LEVEL_CHOICES))
    return LEVEL_CHOICES[level]
