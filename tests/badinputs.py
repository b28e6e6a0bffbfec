"""The corpus of bad inputs: one file per thing that can be wrong, named after it.

Each fixture writes one file and states what the validator must report: the exact
error codes with the rows (line numbers in text files, the header being line 1; 0-based
positions in Parquet) and the CLI's exit code. Row numbers of a release-events CSV:
event i (0-based) is on line i + 2.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from summitry import schema

from .eventfiles import RELEASE, release_frame, write_gdelt, write_icews


@dataclass
class Bad:
    name: str
    write: Callable[[Path], None]
    expect: dict  # code -> sorted list of rows (None for file- or column-level)
    exit_code: int
    table: str = "events"
    args: list = field(default_factory=list)  # extra CLI arguments
    kwargs: dict = field(default_factory=dict)  # the same for validate()


def _events_csv(path: Path, change=None, **to_csv) -> None:
    df = release_frame("events")
    if change:
        df = change(df) if callable(change) else df
    df.to_csv(path, index=False, **to_csv)


def _set(row: int, **values):
    def change(df):
        for k, v in values.items():
            df[k] = df[k].astype(object)
            df.loc[row, k] = v
        return df
    return change


def _csv(row: int, **values):
    return lambda p: _events_csv(p, _set(row, **values))


def _drop(col):
    return lambda p: _events_csv(p, lambda df: df.drop(columns=[col]))


def _text_edit(edit):
    def write(p):
        buf = io.StringIO()
        release_frame("events").to_csv(buf, index=False)
        p.write_bytes(edit(buf.getvalue()))
    return write


def _lines_edit(line_no: int, edit):
    def e(text):
        lines = text.split("\n")
        lines[line_no - 1] = edit(lines[line_no - 1])
        return "\n".join(lines).encode("utf-8")
    return _text_edit(e)


def _code_as_integer(p):
    df = release_frame("events")
    df["event_code"] = df["event_code"].astype(int)
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), p)


def _truncated_parquet(p):
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(release_frame("events"), preserve_index=False), buf)
    p.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    def write(p):
        with zipfile.ZipFile(p, "w", compression) as zf:
            for name, data in members.items():
                info = zipfile.ZipInfo(name, date_time=(2024, 6, 19, 0, 0, 0))
                info.compress_type = compression
                zf.writestr(info, data)
    return write


def _gdelt(rows, layout="gdelt2"):
    return lambda p: write_gdelt(p, layout, rows)


def _gdelt_bytes(rows, layout="gdelt2") -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x"
        write_gdelt(path, layout, rows)
        return path.read_bytes()


def _gdelt_wrong_width(line: int, n: int):
    def write(p):
        write_gdelt(p, "gdelt2", [{}] * 4)
        lines = p.read_text(encoding="utf-8").split("\n")
        fields = lines[line - 1].split("\t")
        fields = fields[:n] if n < len(fields) else fields + ["extra"] * (n - len(fields))
        lines[line - 1] = "\t".join(fields)
        p.write_text("\n".join(lines), encoding="utf-8")
    return write


def _icews(rows, na=""):
    return lambda p: write_icews(p, rows, na)


def _visits_ending_before_start(p):
    # the 1.0.0 rows, in the current schema's columns (schema 2.0.0 added collection and others)
    df = release_frame("visits").reindex(columns=schema.field_names("visits")).assign(collection="curated")
    df["start_date"] = df["start_date"].astype(object)
    df.loc[0, "end_date"] = df.loc[0, "start_date"].replace(day=18)
    df.to_csv(p, index=False)


def _event_sources_unknown_event(p):
    df = release_frame("event_sources")
    df.loc[3, "event_id"] = "e-20240619-rus-prk-99"
    df.to_csv(p, index=False)


def _gzip_named_csv(p):
    # a gzip stream under a plain GDELT name: told by its magic bytes and read decompressed
    p.write_bytes(gzip.compress(_gdelt_bytes([{}, {}, {"QuadClass": "4"}])))


def _zstd_named_csv(p):
    p.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 64)  # a zstd frame's magic: no reader in the standard library


def _fifo(p):
    os.mkfifo(p)  # reading it would block forever: refused before it is opened


def _symlink_loop(p):
    os.symlink(p.name, p)  # a link to itself


def _zip_understating_size(p):
    """A zip whose headers give its member a tenth of its real size."""
    data = _gdelt_bytes([{}] * 50)
    _zip({"under.export.CSV": data})(p)
    raw = p.read_bytes()
    real, fake = struct.pack("<I", len(data)), struct.pack("<I", len(data) // 10)
    p.write_bytes(raw.replace(real, fake))


def _coordinate_nan(field_name: str, row: int):
    def edit(text):  # pandas writes NaN as an empty field: write the literal as GDELT-style tools do
        df = release_frame("events")
        df[field_name] = df[field_name].astype(object)
        df.loc[row, field_name] = "NaN"
        return df.to_csv(index=False).encode("utf-8")
    return _text_edit(edit)


def _gdelt_nul_byte(p):
    write_gdelt(p, "gdelt2", [{}, {"Actor1Name": "PU\x00TIN"}, {}])


def _release_with_truncated_visits(p):
    """A copy of a release folder whose visits table lost its second half."""
    shutil.copytree(RELEASE, p)
    data = (p / "visits.parquet").read_bytes()
    (p / "visits.parquet").write_bytes(data[: len(data) // 2])


REF = ["--references", "RELEASE"]  # replaced by the release folder in the tests

CORPUS = [
    # columns and types
    Bad("events-missing-column.csv", _drop("event_code"), {"missing-column": [None]}, 1),
    Bad("events-missing-optional-column.csv", _drop("local_time"), {"missing-optional-column": [None]}, 0),
    Bad("events-unexpected-column.csv", lambda p: _events_csv(p, lambda df: df.assign(extra="x")),
        {"unexpected-column": [None]}, 0),
    Bad("events-type-error-goldstein.csv", _csv(2, goldstein="high"), {"type-error": [4]}, 1),
    Bad("events-code-stored-as-integer.parquet", _code_as_integer,
        {"type-error": [None], "lost-leading-zero": list(range(12))}, 1),
    Bad("events-required-summary.csv", _csv(5, summary=""), {"required": [7]}, 1),
    Bad("events-enum-date-precision.csv", _csv(1, date_precision="week"), {"enum": [3]}, 1),
    Bad("events-pattern-lowercase-actor.csv", _csv(0, source_actor_code="rusgov"), {"pattern": [2]}, 1),
    Bad("events-out-of-range-goldstein.csv", _csv(4, goldstein=12.0),
        {"out-of-range": [6], "goldstein-mismatch": [6]}, 1),
    # CAMEO semantics
    Bad("events-unknown-event-code.csv", _csv(3, event_code="999", base_code="999", root_code="99"),
        {"unknown-event-code": [5]}, 1),
    Bad("events-lost-leading-zero.csv", _csv(0, event_code="42"), {"lost-leading-zero": [2]}, 1),
    Bad("events-padded-code.csv", _csv(1, event_code=" 043"), {"padded-code": [3]}, 1),
    Bad("events-padded-actor-code.csv", _csv(1, target_actor_code=" PRKGOV"), {"padded-code": [3]}, 1),
    Bad("events-null-code.csv", _csv(6, event_code="---"), {"null-code": [8]}, 0),
    Bad("events-base-code-mismatch.csv", _csv(7, base_code="061"), {"base-code-mismatch": [9]}, 1),
    Bad("events-root-code-mismatch.csv", _csv(8, root_code="07"), {"root-code-mismatch": [10]}, 1),
    Bad("events-quad-class-mismatch.csv", _csv(9, quad_class=3), {"quad-class-mismatch": [11]}, 1),
    Bad("events-quad-class-icews-split.csv", _csv(10, event_code="092", base_code="092", root_code="09",
                                                  quad_class=2, goldstein=-2.0),
        {"quad-class-mismatch": [12]}, 1, args=["--quad-split", "icews"], kwargs={"quad_split": "icews"}),
    Bad("events-goldstein-mismatch.csv", _csv(11, goldstein=5.5), {"goldstein-mismatch": [13]}, 0),
    Bad("events-unknown-country.csv", _csv(2, target_country="QQQ"), {"unknown-country": [4]}, 1),
    # places and dates
    Bad("events-latitude-range.csv", _csv(3, latitude=95.0), {"latitude-range": [5]}, 1),
    Bad("events-longitude-range.csv", _csv(3, longitude=-200.0), {"longitude-range": [5]}, 1),
    Bad("events-null-island.csv", _csv(4, latitude=0.0, longitude=0.0), {"null-island": [6]}, 0),
    Bad("events-date-unparseable.csv", _csv(5, date="2024-02-30"), {"date-unparseable": [7], "required": [7]}, 1),
    Bad("events-date-in-future.csv", _csv(6, date="2999-06-19"), {"date-in-future": [8]}, 1),
    Bad("events-date-before-1800.csv", _csv(7, date="1724-06-19"), {"date-before-1800": [9]}, 1),
    # keys and references
    Bad("events-duplicate-key.csv", _csv(9, event_id="e-20240619-rus-prk-03"), {"duplicate-key": [11]}, 1),
    Bad("events-foreign-key-visit.csv", _csv(2, visit_id="v-20240620-rus-vnm"), {"foreign-key": [4]}, 1,
        args=REF, kwargs={"references": "RELEASE"}),
    Bad("events-outside-visit.csv", _csv(11, date="2024-06-21"), {"event-outside-visit": [13]}, 1,
        args=REF, kwargs={"references": "RELEASE"}),
    Bad("visits-ends-before-start.csv", _visits_ending_before_start, {"visit-ends-before-start": [2]}, 1,
        table="visits"),
    Bad("event-sources-unknown-event.csv", _event_sources_unknown_event, {"foreign-key": [5]}, 1,
        table="event_sources", args=REF, kwargs={"references": "RELEASE"}),
    # files that are broken as files
    Bad("truncated.parquet", _truncated_parquet, {"unreadable-file": [None]}, 2),
    Bad("zero-byte.csv", lambda p: p.write_bytes(b""), {"unreadable-file": [None]}, 2),
    Bad("unknown-extension.xyz", lambda p: p.write_bytes(b"event_id\n1\n"), {"unreadable-file": [None]}, 2),
    Bad("wrong-delimiter.csv", _text_edit(lambda t: t.replace(",", ";").encode()),
        {"missing-column": [None] * 9, "missing-optional-column": [None] * 21, "unexpected-column": [None]}, 1),
    Bad("non-utf8.csv", lambda p: p.write_bytes(_bytes_with_latin1(p)), {"encoding-error": [4]}, 1),
    Bad("bom.csv", _text_edit(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")), {}, 0),
    Bad("quoted-newlines.csv", _csv(2, summary="Putin lands.\nKim greets him."), {}, 0),
    Bad("row-with-extra-field.csv", _lines_edit(5, lambda s: s + ",surplus"), {"malformed-row": [5]}, 1),
    Bad("row-with-missing-field.csv", _lines_edit(6, lambda s: s.rsplit(",", 1)[0]), {"malformed-row": [6]}, 1),
    Bad("gdelt2-row-with-60-fields.export.CSV", _gdelt_wrong_width(3, 60), {"malformed-row": [3]}, 1),
    Bad("gdelt2-row-with-62-fields.export.CSV", _gdelt_wrong_width(2, 62), {"malformed-row": [2]}, 1),
    Bad("zip-with-two-members.zip", _zip({"a.export.CSV": _gdelt_bytes([{}]), "b.export.CSV": _gdelt_bytes([{}])}),
        {"unreadable-file": [None]}, 2),
    Bad("zip-member-path-traversal.zip", _zip({"../../evil.export.CSV": _gdelt_bytes([{}])}),
        {"unreadable-file": [None]}, 2),
    Bad("zip-bomb.zip", _zip({"bomb.export.CSV": b"\t" * (64 << 20)}), {"unreadable-file": [None]}, 2),
    # special files, compression told by content, damaged archives (issue 9)
    Bad("gzip-stream-named.export.CSV", _gzip_named_csv, {"quad-class-mismatch": [3]}, 1),
    Bad("zstd-stream-named.export.CSV", _zstd_named_csv, {"unreadable-file": [None]}, 2),
    Bad("fifo-named.export.CSV", _fifo, {"unreadable-file": [None]}, 2),
    Bad("symlink-loop.csv", _symlink_loop, {"unreadable-file": [None]}, 2),
    Bad("zip-header-understates-size.zip", _zip_understating_size, {"unreadable-file": [None]}, 2),
    Bad("events-latitude-nan.csv", _coordinate_nan("latitude", 3), {"latitude-range": [5]}, 1),
    Bad("events-longitude-nan.csv", _coordinate_nan("longitude", 4), {"longitude-range": [6]}, 1),
    Bad("gdelt2-nul-byte-in-field.export.CSV", _gdelt_nul_byte, {"nul-byte": [2]}, 1),
    Bad("release-with-truncated-visits", _release_with_truncated_visits, {"unreadable-file": [None, None]}, 2),
    # GDELT and ICEWS errata
    Bad("gdelt2-year-shift.export.CSV", _gdelt([{}, {"SQLDATE": "19200619", "Year": "1920"}, {}]),
        {"date-far-from-added": [2]}, 0),
    Bad("gdelt2-lowercase-actor-code.export.CSV", _gdelt([{"Actor1Code": "rusgov"}]), {"pattern": [1]}, 1),
    Bad("gdelt1-padded-actor-code.export.CSV", _gdelt([{}, {"Actor2Code": " UIS", "Actor2CountryCode": ""}],
                                                      "gdelt1-58"), {"padded-code": [2]}, 1),
    Bad("gdelt2-null-code.export.CSV", _gdelt([{"EventCode": "---", "EventBaseCode": "---", "EventRootCode": "--"}]),
        {"null-code": [1, 1]}, 0),
    Bad("gdelt2-quad-class-mismatch.export.CSV", _gdelt([{}, {}, {"QuadClass": "4"}]),
        {"quad-class-mismatch": [3]}, 1),
    Bad("gdelt2-lost-leading-zero.export.CSV", _gdelt([{"EventCode": "42", "EventBaseCode": "42", "EventRootCode": "4"}]),
        {"lost-leading-zero": [1, 1, 1]}, 1),
    Bad("gdelt2-unknown-fips-country.export.CSV", _gdelt([{"ActionGeo_CountryCode": "QQ"}]),
        {"unknown-country": [1]}, 1),
    Bad("gdelt2-unparseable-date.export.CSV", _gdelt([{"SQLDATE": "20241340"}]),
        {"date-unparseable": [1], "required": [1]}, 1),
    Bad("icews-duplicate-event-id.tab", _icews([{}, {"Event ID": "33000001"}, {"Event ID": "33000001",
                                                                               "Event Date": "2018-06-02"}]),
        {"duplicate-key": [3]}, 1),
    Bad("icews-unknown-country-name.tab", _icews([{}, {"Target Country": "Ruritania"}]),
        {"unknown-country": [3]}, 1),
]


def _bytes_with_latin1(p: Path) -> bytes:
    buf = io.StringIO()
    release_frame("events").to_csv(buf, index=False)
    lines = buf.getvalue().split("\n")
    lines[3] = lines[3].replace("Putin", "Put\x00n")
    return "\n".join(lines).encode("utf-8").replace(b"Put\x00n", b"Put\xe9n")
