"""Reading ICEWS coded event files (Harvard Dataverse, doi:10.7910/DVN/28075 and QI2T9A).

Tab-separated, unquoted, with a header of 20 columns (Event ID, Event Date, Source
Name, ..., Latitude, Longitude). Missing values are empty fields, or the text ``NA`` in
files rewritten by R. Countries are full names, mapped to ISO alpha-3 through the
crosswalk and ``schemas/codes/icews_countries.tsv`` (ICEWS's own spellings). ICEWS
rows carry a CAMEO event code and an intensity (CAMEO's Goldstein value) but no
actor codes, base or root code or quad class: those three are derived from the code
list. An ICEWS key is the event id together with the event date.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from . import textmap
from .delimited import Chunk, ReadProblem, stream_text
from .inputs import BinaryStream
from .reader import EventReader, Paths

COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
           "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
           "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
           "Longitude"]

NULL_VALUES = ("", "NA")
_STRING = pa.string()


def _derived(codes: pa.Array, column: str, kind: pa.DataType = _STRING) -> pa.Array:
    info = schema.event_code_info()
    return textmap.lookup(codes, {k: v[column] for k, v in info.items()}).cast(kind)


def to_events(chunk: Chunk, problems: list[ReadProblem]) -> pa.RecordBatch:
    """One batch of ICEWS text columns as imported events.

    Parameters
    ----------
    chunk : Chunk
        Text columns named as in :data:`COLUMNS`; a missing column is read as null.
    problems : list of ReadProblem
        Values that do not parse (dates, numbers) are appended here; they become null.

    Returns
    -------
    pyarrow.RecordBatch
        The rows in the imported-events schema.
    """
    b = chunk.batch
    n = b.num_rows
    col = {name: b.column(name) for name in b.schema.names}

    def get(name: str) -> pa.Array:
        return col.get(name, pa.nulls(n, pa.string()))

    code = get("CAMEO Code")
    names = textmap.country_name_to_iso3()
    city, province = get("City"), get("Province")
    precision = pc.if_else(pc.is_valid(city), "city",
                           pc.if_else(pc.is_valid(province), "adm1",
                                      pc.if_else(pc.is_valid(get("Country")), "country", pa.scalar(None, pa.string()))))
    # null_handling="skip" drops rows whose parts are all null (pyarrow 26), so join with
    # empty strings and tidy the separators instead
    place = pc.binary_join_element_wise(city, get("District"), province, get("Country"), ", ",
                                        null_handling="replace", null_replacement="")
    place = pc.replace_substring_regex(pc.replace_substring_regex(place, r"(, ){2,}", ", "),
                                       r"^, |, $", "")
    cols = {
        "event_id": get("Event ID"),
        "date": textmap.date(get("Event Date"), "%Y-%m-%d", chunk, "Event Date", problems),
        "date_precision": pa.array(["day"] * n, pa.string()),
        "source_country": textmap.lookup(get("Source Country"), names),
        "target_country": textmap.lookup(get("Target Country"), names),
        "event_code": code,
        "base_code": _derived(code, "base_code"),
        "root_code": _derived(code, "root_code"),
        "quad_class": _derived(code, "quad_class", pa.int64()),
        "goldstein": textmap.number(get("Intensity"), chunk, "Intensity", problems),
        "place_name": pc.if_else(pc.equal(place, ""), pa.scalar(None, pa.string()), place),
        "place_country": textmap.lookup(get("Country"), names),
        "latitude": textmap.number(get("Latitude"), chunk, "Latitude", problems),
        "longitude": textmap.number(get("Longitude"), chunk, "Longitude", problems),
        "geo_precision": precision,
        "origin": pa.array(["icews"] * n, pa.string()),
        "source_name": get("Source Name"),
        "target_name": get("Target Name"),
        "origin_source_country": get("Source Country"),
        "origin_target_country": get("Target Country"),
        "origin_place_country": get("Country"),
        "publisher": get("Publisher"),
    }
    return textmap.assemble(cols, n)


class IcewsReader(EventReader):
    """A reader of ICEWS coded event files; see :func:`read_icews` and :class:`EventReader`."""

    origin_formats = ("icews",)

    def _chunks(self, stream: BinaryStream, file: str, fmt: str, head: bytes) -> Iterator[Chunk]:
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r")
        header = first.split("\t")
        for name in COLUMNS:
            if name not in header:
                self.problems.append(ReadProblem("missing-column", file, 1, name, None,
                                                 f"the ICEWS column {name!r} is missing from the header"))
        for name in header:
            if name not in COLUMNS:
                self.problems.append(ReadProblem("unexpected-column", file, 1, name, name,
                                                 f"{name!r} is not an ICEWS column"))
        # duplicated header names would collide in a batch; suffix them so the read goes on
        seen: dict[str, int] = {}
        unique: list[str] = []
        for name in header:
            seen[name] = seen.get(name, 0) + 1
            unique.append(name if seen[name] == 1 else f"{name}.{seen[name]}")
        for chunk in stream_text(stream, file, unique, header=True, null_values=NULL_VALUES,
                                 problems=self.problems, block_size=self.block_size,
                                 line_numbers=self.line_numbers):
            yield Chunk(file, to_events(chunk, self.problems), chunk.rows)


def read_icews(paths: Paths, *, format: str = "auto", normalize: bool = False) -> IcewsReader:
    """Stream ICEWS coded event files (20 tab-separated columns with a header), plain or zipped.

    Parameters
    ----------
    paths : str, path or iterable of them
        The files; each plain or a zip of one file.
    format : str, default ``"auto"``
        ``icews`` or ``auto`` (detected from each file's header).
    normalize : bool, default False
        Strip padded codes and turn ``---`` into null; the default keeps the file's values
        so that :func:`summitry.validation.validate` can report them.

    Returns
    -------
    IcewsReader
        Iterate it for Arrow record batches in the imported-events schema, or call
        ``.read_all()`` / ``.to_pandas()``. Rows that cannot be read are listed in
        ``reader.problems``.

    Raises
    ------
    summitry.errors.ChoiceError
        When ``format`` is neither ``icews`` nor ``auto``.
    summitry.errors.SummitryError
        When no files are given. A file that cannot be read raises
        :class:`~summitry.eventdata.inputs.InputError` once the reader reaches it.
    """
    return IcewsReader(paths, format=format, normalize=normalize)
