"""Reading GDELT event files: 1.0 daily and backfile files, and 2.0 event exports.

Column layouts follow the GDELT 1.0 Event Codebook (57 columns in the backfile before
April 2013, 58 with SOURCEURL after) and the GDELT Event Codebook V2.0 (61 columns: an
ADM2Code in each geography block and a DATEADDED to the second). Files are
tab-separated, unquoted (a ``"`` is a literal character) and without a header.
Every code column is read as text. Actor countries are CAMEO country codes; the
geography's countries are FIPS 10-4 codes, mapped to ISO alpha-3 through the crosswalk.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from . import textmap
from .delimited import Chunk, ReadProblem, stream_text
from .inputs import BinaryStream
from .reader import EventReader, Paths

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]


def _geo(adm2: bool) -> list[str]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + \
        ["Lat", "Long", "FeatureID"]
    return [f"{block}_{p}" for block in ("Actor1Geo", "Actor2Geo", "ActionGeo") for p in parts]


def columns(layout: str) -> list[str]:
    """The column names of a GDELT layout, in file order.

    Parameters
    ----------
    layout : str
        ``gdelt1-57``, ``gdelt1-58`` or ``gdelt2``.

    Returns
    -------
    list of str
        The codebook's column names (57, 58 or 61).

    Raises
    ------
    KeyError
        When ``layout`` is none of the three.
    """
    head = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    actors = [f"Actor{i}{p}" for i in (1, 2) for p in _ACTOR]
    v2 = layout == "gdelt2"
    tail = {"gdelt1-57": ["DATEADDED"], "gdelt1-58": ["DATEADDED", "SOURCEURL"],
            "gdelt2": ["DATEADDED", "SOURCEURL"]}[layout]
    return head + actors + _EVENT + _geo(v2) + tail


WIDTHS = {57: "gdelt1-57", 58: "gdelt1-58", 61: "gdelt2"}

# the columns the events schema takes from a GDELT row; the others are never converted
USED = ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code",
        "Actor2Name", "Actor2CountryCode", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "AvgTone", "ActionGeo_Type", "ActionGeo_FullName",
        "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL"]

# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)
_GEO_PRECISION = {"1": "country", "2": "adm1", "3": "city", "4": "city", "5": "adm1"}


def to_events(chunk: Chunk, origin: str, problems: list[ReadProblem]) -> pa.RecordBatch:
    """One batch of GDELT text columns as imported events.

    Parameters
    ----------
    chunk : Chunk
        Text columns named as in :func:`columns` (at least those in :data:`USED`).
    origin : str
        ``gdelt1`` or ``gdelt2``, for the ``origin`` column.
    problems : list of ReadProblem
        Values that do not parse (dates, numbers) are appended here; they become null.

    Returns
    -------
    pyarrow.RecordBatch
        The rows in the imported-events schema.
    """
    b = chunk.batch
    n = b.num_rows
    col = b.column
    names = set(b.schema.names)
    added = col("DATEADDED")
    cols = {
        "event_id": col("GLOBALEVENTID"),
        "date": textmap.date(col("SQLDATE"), "%Y%m%d", chunk, "SQLDATE", problems),
        "date_precision": pa.array(["day"] * n, pa.string()) if n else pa.array([], pa.string()),
        "source_actor_code": col("Actor1Code"),
        "source_country": textmap.lookup(col("Actor1CountryCode"), textmap.cameo_country_to_iso3()),
        "target_actor_code": col("Actor2Code"),
        "target_country": textmap.lookup(col("Actor2CountryCode"), textmap.cameo_country_to_iso3()),
        "event_code": col("EventCode"),
        "base_code": col("EventBaseCode"),
        "root_code": col("EventRootCode"),
        "quad_class": textmap.number(col("QuadClass"), chunk, "QuadClass", problems, pa.int64()),
        "goldstein": textmap.number(col("GoldsteinScale"), chunk, "GoldsteinScale", problems),
        "place_name": col("ActionGeo_FullName"),
        "place_country": textmap.lookup(col("ActionGeo_CountryCode"), textmap.fips_to_iso3()),
        "latitude": textmap.number(col("ActionGeo_Lat"), chunk, "ActionGeo_Lat", problems),
        "longitude": textmap.number(col("ActionGeo_Long"), chunk, "ActionGeo_Long", problems),
        "geo_precision": textmap.lookup(col("ActionGeo_Type"), _GEO_PRECISION),
        "origin": pa.array([origin] * n, pa.string()),
        "source_name": col("Actor1Name"),
        "target_name": col("Actor2Name"),
        "origin_source_country": col("Actor1CountryCode"),
        "origin_target_country": col("Actor2CountryCode"),
        "origin_place_country": col("ActionGeo_CountryCode"),
        "num_mentions": textmap.number(col("NumMentions"), chunk, "NumMentions", problems, pa.int64()),
        "avg_tone": textmap.number(col("AvgTone"), chunk, "AvgTone", problems),
        # DATEADDED is YYYYMMDD in 1.0 and YYYYMMDDHHMMSS in 2.0: the day is what the rules need
        "date_added": textmap.date(added, "%Y%m%d", chunk, "DATEADDED", problems, width=8),
        "source_url": col("SOURCEURL") if "SOURCEURL" in names else None,
    }
    return textmap.assemble(cols, n)


class GdeltReader(EventReader):
    """A reader of GDELT 1.0 and 2.0 event files; see :func:`read_gdelt` and :class:`EventReader`."""

    origin_formats = ("gdelt1", "gdelt2")

    def _chunks(self, stream: BinaryStream, file: str, fmt: str, head: bytes) -> Iterator[Chunk]:
        ncols = head.split(b"\n", 1)[0].count(b"\t") + 1
        layout = "gdelt2" if fmt == "gdelt2" else ("gdelt1-57" if ncols == 57 else "gdelt1-58")
        names = columns(layout)
        # the other GDELT 1.0 width; "" (none) for GDELT 2.0
        other = {"gdelt1-57": "gdelt1-58", "gdelt1-58": "gdelt1-57"}.get(layout, "")
        pending: list[tuple[int | None, list[str]]] = []

        def wrong_width(line: int | None, fields: list[str]) -> None:
            # GDELT 1.0 files mix backfile rows (57 fields) and daily rows (58): read both
            if other and len(fields) == len(columns(other)):
                pending.append((line, fields))
            else:
                self.problems.append(ReadProblem(
                    "malformed-row", file, line, None, "\t".join(fields)[:200],
                    f"{len(fields)} fields where a {fmt} row has {len(names)}"))

        for chunk in stream_text(stream, file, names, problems=self.problems, on_wrong_width=wrong_width,
                                 block_size=self.block_size, line_numbers=self.line_numbers,
                                 include=[c for c in USED if c in names]):
            yield Chunk(file, to_events(chunk, fmt, self.problems), chunk.rows)
            if pending:
                yield self._pending_chunk(pending, other, file, fmt)
                pending.clear()
        if pending:
            yield self._pending_chunk(pending, other, file, fmt)

    def _pending_chunk(self, pending: list[tuple[int | None, list[str]]], layout: str, file: str,
                       fmt: str) -> Chunk:
        names = columns(layout)
        data = {n: pa.array([f[i] or None for _, f in pending], pa.string()) for i, n in enumerate(names)}
        rows = np.array([-1 if line is None else line for line, _ in pending], dtype=np.int64)
        chunk = Chunk(file, pa.RecordBatch.from_pydict(data), rows)
        return Chunk(file, to_events(chunk, fmt, self.problems), rows)


def read_gdelt(paths: Paths, *, format: str = "auto", normalize: bool = False) -> GdeltReader:
    """Stream GDELT 1.0 (57 or 58 columns) or 2.0 (61 columns) event files, plain or zipped.

    Parameters
    ----------
    paths : str, path or iterable of them
        The files; each plain or a zip of one file.
    format : str, default ``"auto"``
        ``gdelt1``, ``gdelt2`` or ``auto`` (from each file's column count).
    normalize : bool, default False
        Strip padded codes, upper-case actor codes and turn ``---`` into null; the default
        keeps the file's values so that :func:`summitry.validation.validate` can report them.

    Returns
    -------
    GdeltReader
        Iterate it for Arrow record batches in the imported-events schema
        (``summitry.eventdata.imported.fields()``), or call ``.read_all()`` / ``.to_pandas()``.
        Rows that cannot be read are listed in ``reader.problems``.

    Raises
    ------
    summitry.errors.ChoiceError
        When ``format`` is not one of the three.
    summitry.errors.SummitryError
        When no files are given. A file that cannot be read raises
        :class:`~summitry.eventdata.inputs.InputError` once the reader reaches it.
    """
    return GdeltReader(paths, format=format, normalize=normalize)
