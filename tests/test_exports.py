"""Exports keep their types in every tool: Stata, R, typed CSV readers, GIS, Arrow and polars.

Each file is read back by the tool its users read it with (pyreadstat and pandas for Stata,
R's readRDS and haven, frictionless and readr for CSV, GDAL for GeoPackage and GeoJSON), and
every writer is held to the same safety: whole or nothing, clear errors, devices untouched.
"""

from __future__ import annotations

import errno
import importlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner

import summitry
from summitry import schema
from summitry.analysis.output import PANEL_LABELS, write_frame
from summitry.cli import main
from summitry.dataset.export import csv_schema_path, export
from summitry.dataset.load import release_schema
from summitry.errors import ChoiceError, SummitryError

ROOT = Path(__file__).resolve().parents[1]
LATEST = summitry.versions()[-1]
RSCRIPT = shutil.which("Rscript")


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def _fields(table):
    return release_schema(table, LATEST)["fields"]


def _enums(table):
    return {f["name"]: f["constraints"]["enum"] for f in _fields(table)
            if "enum" in f.get("constraints", {}) and f["type"] == "string"}


def _r(script):
    out = subprocess.run([RSCRIPT, "--vanilla", "-e", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _has_haven():
    return bool(RSCRIPT) and subprocess.run([RSCRIPT, "-e", "library(haven)"], capture_output=True).returncode == 0


# --- Stata -------------------------------------------------------------------------------


@pytest.mark.parametrize("table", schema.TABLES)
def test_dta_has_daily_dates_integer_codes_value_and_variable_labels(tmp_path, table):
    pyreadstat = pytest.importorskip("pyreadstat")
    out = export(table, tmp_path / f"{table}.dta", format="dta")
    df, meta = pyreadstat.read_dta(out)
    assert len(df) == len(summitry.load_table(table))
    for f in _fields(table):
        name = f["name"]
        if f["type"] == "any":  # the WKB geometry is not exported
            assert name not in meta.column_names
            continue
        # Every variable carries the first 80 characters of its description.
        assert meta.column_names_to_labels[name] == f["description"][:80].rstrip(), name
        if f["type"] == "date":
            assert meta.original_variable_types[name] == "%td", name
        elif f["type"] == "integer" or name in _enums(table):
            assert meta.readstat_variable_types[name] in ("int8", "int16", "int32"), name
        if name in _enums(table):
            assert meta.variable_value_labels[name] == dict(enumerate(f["constraints"]["enum"], start=1)), name
        elif f["type"] == "string":
            assert meta.readstat_variable_types[name] == "string", name


def test_dta_reads_back_in_pandas_with_the_flagship_values(tmp_path):
    out = export("visits", tmp_path / "visits.dta", format="dta")
    back = pd.read_stata(out).set_index("visit_id")
    row = back.loc["v-20240619-rus-prk"]
    assert row["start_date"] == pd.Timestamp("2024-06-19")
    assert (row["guest_ccode"], row["host_ccode"]) == (365, 731)
    assert row["visit_type"] == "state"
    assert list(back["visit_type"].cat.categories) == _enums("visits")["visit_type"]
    events = pd.read_stata(export("events", tmp_path / "events.dta", format="dta"))
    assert str(events["quad_class"].dtype).startswith("int") and "042" in set(events["event_code"])
    assert events["date"].dtype.kind == "M"


def _panel():
    return pd.DataFrame({
        "ccode1": pd.array([2, 2], dtype="Int64"), "ccode2": pd.array([365, 731], dtype="Int64"),
        "year": [2024, 2024], "iso3_1": ["USA", "USA"], "iso3_2": ["RUS", "PRK"],
        "visits": pd.array([1, None], dtype="Int64"), "years_since_last": pd.array([None, None], dtype="Int64"),
        "covered": [True, False], "some_new_covariate": [0.5, 1.5]})


def test_panel_dta_labels_every_column_and_keeps_integers(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    out = write_frame(_panel(), tmp_path / "panel.dta")
    df, meta = pyreadstat.read_dta(out)
    labels = meta.column_names_to_labels
    assert labels["ccode1"] == PANEL_LABELS["ccode1"] and labels["years_since_last"] == PANEL_LABELS["years_since_last"]
    assert labels["some_new_covariate"] == "some_new_covariate"  # falls back to the column's name
    assert all(labels[c] for c in df.columns)
    for name in ("ccode1", "ccode2", "year", "visits", "covered"):
        assert meta.readstat_variable_types[name] == "int32", name
    assert df["visits"].isna().tolist() == [False, True] and df["covered"].tolist() == [1, 0]


def test_real_dyad_year_panel_dta_labels_its_columns(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        panel = summitry.dyad_years("cow", start=2023, end=2024)
    _, meta = pyreadstat.read_dta(write_frame(panel, tmp_path / "dy.dta"))
    for name in panel.columns:
        assert meta.column_names_to_labels[name] == PANEL_LABELS.get(name, name)[:80].rstrip()
    assert meta.readstat_variable_types["ccode1"] == "int32" and meta.readstat_variable_types["year"] == "int32"


# --- R -----------------------------------------------------------------------------------


def _r_class(f, enums):
    if f["name"] in enums:
        return "factor"
    return {"date": "Date", "integer": "integer", "number": "numeric", "boolean": "logical"}.get(f["type"], "character")


@pytest.mark.skipif(not RSCRIPT, reason="Rscript is not installed (apt-get install r-base-core)")
def test_every_table_of_the_latest_release_reads_back_with_readRDS(tmp_path):
    for table in schema.TABLES:
        out = export(table, tmp_path / f"{table}.rds", format="rds")
        got = _r(f'x <- readRDS("{out}"); cat(nrow(x), "\\n"); '
                 'for (n in names(x)) cat(n, class(x[[n]])[1], paste(levels(x[[n]]), collapse = "|"), "\\n", sep = "\\t")')
        lines = got.rstrip("\n").split("\n")
        assert int(lines[0]) == len(summitry.load_table(table)), table
        classes = {n: (c, lv) for n, c, lv in (line.split("\t")[:3] for line in lines[1:])}
        enums = _enums(table)
        for f in _fields(table):
            if f["type"] == "any":
                continue
            cls, levels = classes[f["name"]]
            assert cls == _r_class(f, enums), (table, f["name"], cls)
            if f["name"] in enums:
                assert levels.split("|") == [str(v) for v in enums[f["name"]]], (table, f["name"])
    events = export("events", tmp_path / "e.rds", format="rds")
    assert _r(f'x <- readRDS("{events}"); label <- attr(x$event_code, "label"); '
              'x <- x[x$event_id == "e-20240619-rus-prk-01", ]; '
              'cat(x$event_code, format(x$date), label, sep = "\\n")').split("\n")[:3] == \
        ["042", "2024-06-19", schema.field("events", "event_code")["description"]]


def test_rds_reads_back_in_python_too(tmp_path):
    pyreadr = pytest.importorskip("pyreadr")
    back = pyreadr.read_r(export("visits", tmp_path / "v.rds", format="rds"))[None]
    assert len(back) == len(summitry.load_visits())
    assert list(back["visit_type"].cat.categories) == _enums("visits")["visit_type"]
    assert back.set_index("visit_id").loc["v-20240619-rus-prk", "guest_ccode"] == 365


def test_cli_exports_rds(tmp_path):
    r = run("export", "events", "--format", "rds", "--out", str(tmp_path / "e.rds"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "e.rds").read_bytes()[:2] == b"\x1f\x8b"  # gzip, as R writes it


@pytest.mark.skipif(not _has_haven(), reason="R's haven is not installed (apt-get install r-cran-haven)")
def test_dta_reads_back_with_haven(tmp_path):
    out = export("visits", tmp_path / "visits.dta", format="dta")
    got = _r(f'library(haven); x <- read_dta("{out}"); x <- x[x$visit_id == "v-20240619-rus-prk", ]; '
             'cat(class(x$start_date)[1], format(x$start_date), as.character(as_factor(x$visit_type)), '
             'x$guest_ccode, attr(x$guest_ccode, "label"), sep = "\\n")').split("\n")
    assert got[:5] == ["Date", "2024-06-19", "state", "365", schema.field("visits", "guest_ccode")["description"][:80].rstrip()]


# --- CSV with its schema -----------------------------------------------------------------


def test_csv_comes_with_its_table_schema_and_validates(tmp_path, monkeypatch):
    frictionless = pytest.importorskip("frictionless")
    monkeypatch.chdir(tmp_path)  # frictionless reads only relative paths
    out = export("events", tmp_path / "events.csv", format="csv")
    ts = json.loads(csv_schema_path(out).read_text(encoding="utf-8"))
    assert csv_schema_path(out).name == "events.schema.json"
    assert [f["name"] for f in ts["fields"]] == [f["name"] for f in _fields("events") if f["type"] != "any"]
    assert ts["dialect"]["delimiter"] == "," and ts["summitry"] == {"table": "events", "release": LATEST,
                                                                     "path": "events.csv"}
    assert out.read_text(encoding="utf-8").split("\n", 1)[0].split(",") == [f["name"] for f in ts["fields"]]
    report = frictionless.validate("events.csv", schema="events.schema.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]


def _documented_lines(table):
    """The three reading lines, generated from the schema, that the docs must show for ``table``."""
    fields = [f for f in _fields(table) if f["type"] != "any"]
    strings = [f["name"] for f in fields if f["type"] == "string"]
    dates = [f["name"] for f in fields if f["type"] == "date"]
    py = (f'{table} = pd.read_csv("{table}.csv", dtype=dict.fromkeys({json.dumps(strings)}, str), '
          f'parse_dates={json.dumps(dates)})')
    kinds = "".join({"string": "c", "integer": "i", "number": "d", "date": "D", "boolean": "l"}[f["type"]] for f in fields)
    r = f'{table} <- readr::read_csv("{table}.csv", col_types = "{kinds}")'
    numbers = [i for i, f in enumerate(fields, start=1) if f["type"] == "string"]
    runs, start = [], numbers[0]
    for a, b in zip(numbers, numbers[1:] + [None], strict=True):
        if b != a + 1:
            runs.append(str(a) if a == start else f"{start}/{a}")
            start = b
    stata = f'import delimited using {table}.csv, varnames(1) encoding(utf-8) stringcols({" ".join(runs)}) clear'
    return py, r, stata


@pytest.mark.parametrize("doc", ["README.md", "dataset/CODEBOOK.md"])
def test_docs_show_how_to_read_the_csv_with_the_right_string_columns(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    for line in _documented_lines("events"):
        assert line in text, f"{doc} lacks (or has a stale copy of): {line}"
    assert "## Reading the exported files" in text or "## Reading the CSV" in text


def test_documented_pandas_line_keeps_codes_and_dates(tmp_path, monkeypatch):
    export("events", tmp_path / "events.csv", format="csv")
    monkeypatch.chdir(tmp_path)
    scope = {"pd": pd}
    exec(_documented_lines("events")[0], scope)
    events = scope["events"]
    assert "042" in set(events["event_code"]) and events["date"].dtype.kind == "M"
    assert len(events) == len(summitry.load_events())


@pytest.mark.skipif(not RSCRIPT or subprocess.run([RSCRIPT or "R", "-e", "library(readr)"], capture_output=True).returncode,
                    reason="R's readr is not installed")
def test_documented_readr_line_keeps_codes_and_dates(tmp_path):
    export("events", tmp_path / "events.csv", format="csv")
    got = _r(f'setwd("{tmp_path}"); {_documented_lines("events")[1]}; '
             'cat(class(events$date), class(events$event_code), "042" %in% events$event_code, nrow(events), '
             'length(readr::problems(events)$row), sep = "\\n")')
    assert got.split("\n")[:5] == ["Date", "character", "TRUE", str(len(summitry.load_events())), "0"]


# --- GIS ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["gpkg", "geojson"])
def test_gis_formats_write_dates_as_dates(tmp_path, fmt):
    pyogrio = pytest.importorskip("pyogrio")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL's warnings come through as RuntimeWarning
        out = export("events", tmp_path / f"events.{fmt}", format=fmt)
    info = pyogrio.read_info(out)
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["date"] == types["coded_on"] == "datetime64[D]"
    back = pyogrio.read_dataframe(out).set_index("event_id")
    assert back.loc["e-20240619-rus-prk-01", "date"] == pd.Timestamp("2024-06-19")
    assert back.loc["e-20240619-rus-prk-01", "event_code"] == "042"
    assert back.crs.to_epsg() == 4326


def test_geojson_follows_rfc_7946(tmp_path):
    out = export("places", tmp_path / "places.geojson", format="geojson")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in doc and doc["type"] == "FeatureCollection"
    places = summitry.load_places().set_index("place_id")
    for feature in doc["features"][:50]:
        lon, lat = feature["geometry"]["coordinates"]
        row = places.loc[feature["properties"]["place_id"]]
        assert (round(lon, 5), round(lat, 5)) == (round(row["longitude"], 5), round(row["latitude"], 5))


# --- loaders for other data-frame libraries ----------------------------------------------


@pytest.mark.parametrize("version", summitry.versions())
def test_arrow_backend_keeps_codes_as_text_and_dates_as_dates(version):
    t = summitry.load_events(version, backend="arrow")
    assert isinstance(t, pa.Table)
    code = t.schema.field("event_code").type
    assert pa.types.is_dictionary(code) and pa.types.is_string(code.value_type)
    assert pa.types.is_date32(t.schema.field("date").type)
    assert "042" in set(t.column("event_code").to_pylist())
    assert t.num_rows == len(summitry.load_events(version))


@pytest.mark.parametrize("version", summitry.versions())
def test_polars_backend_keeps_codes_as_text_and_dates_as_dates(version):
    pl = pytest.importorskip("polars")
    df = summitry.load_visits(version, backend="polars")
    assert isinstance(df, pl.DataFrame)
    assert df.schema["start_date"] == pl.Date and df.schema["visit_id"] == pl.String
    assert df.schema["guest_country"] == pl.Categorical
    assert df.schema["guest_ccode"] == pl.Int64
    events = summitry.load_table("events", version, backend="polars")
    assert "042" in events["event_code"].cast(pl.String).to_list()


def test_pandas_backend_is_the_default():
    assert summitry.load_events(backend="pandas").equals(summitry.load_events())


def test_a_bad_backend_lists_the_choices():
    with pytest.raises(ChoiceError, match="valid choices: pandas, arrow, polars"):
        summitry.load_events(backend="spark")


def test_geo_needs_the_pandas_backend():
    with pytest.raises(SummitryError, match="backend='pandas'"):
        summitry.load_events(geo=True, backend="arrow")


# --- safe writing ------------------------------------------------------------------------


def _only(folder):
    return sorted(p.name for p in Path(folder).iterdir())


def test_full_disk_fails_cleanly_and_leaves_nothing(tmp_path, monkeypatch):
    def full(self, path, *args, **kwargs):
        Path(path).write_text("event_id,visit")  # half a file, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    r = run("export", "events", "--format", "csv", "--out", str(tmp_path / "events.csv"))
    assert r.exit_code == 2 and "no space left" in r.output and "events.csv" in r.output
    assert _only(tmp_path) == []


def test_full_disk_keeps_the_old_file(tmp_path, monkeypatch):
    import pyreadstat

    old = tmp_path / "panel.dta"
    old.write_bytes(b"the old panel")

    def full(df, path, **kwargs):
        Path(path).write_bytes(b"\x00" * 10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pyreadstat, "write_dta", full)
    with pytest.raises(SummitryError, match="no space left") as info:
        write_frame(_panel(), old)
    assert info.value.exit_code == 2
    assert old.read_bytes() == b"the old panel" and _only(tmp_path) == ["panel.dta"]


def test_unwritable_folder_is_a_clear_error(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    r = run("export", "events", "--format", "dta", "--out", str(tmp_path / "events.dta"))
    assert r.exit_code == 2 and f"the folder {tmp_path} is not writable (permission denied)" in r.output
    with pytest.raises(SummitryError, match="not writable"):
        write_frame(_panel(), tmp_path / "p.csv")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; the mkstemp test covers it")
def test_read_only_folder_is_a_clear_error(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        r = run("export", "events", "--format", "csv", "--out", str(ro / "events.csv"))
        assert r.exit_code == 2 and str(ro) in r.output
    finally:
        ro.chmod(0o700)


def test_export_into_a_fifo_writes_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = {}
    reader = threading.Thread(target=lambda: got.setdefault("bytes", fifo.read_bytes()))
    reader.start()
    export("visits", fifo, format="csv")
    reader.join(timeout=60)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not renamed over
    lines = got["bytes"].decode("utf-8").splitlines()
    assert lines[0].startswith("visit_id,") and len(lines) == len(summitry.load_visits()) + 1
    assert _only(tmp_path) == ["pipe"]  # no temporary file, no schema beside a pipe


def test_export_to_dev_null_leaves_the_device(tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        node = Path(os.devnull)
    for fmt in ("dta", "rds", "csv", "gpkg"):
        export("events", node, format=fmt)
        assert stat.S_ISCHR(os.stat(node).st_mode), fmt
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not [p for p in tmp_path.iterdir() if p != node]


def test_write_frame_into_a_fifo_writes_through_it(tmp_path):
    fifo = tmp_path / "panel.csv"
    os.mkfifo(fifo)
    got = {}
    reader = threading.Thread(target=lambda: got.setdefault("bytes", fifo.read_bytes()))
    reader.start()
    write_frame(_panel(), fifo)
    reader.join(timeout=60)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got["bytes"].decode("utf-8").splitlines()[1] == "2,365,2024,USA,RUS,1,,True,0.5"


def test_write_frame_refuses_a_folder(tmp_path):
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(SummitryError, match="it is a folder"):
        write_frame(_panel(), tmp_path / "x.csv")


def test_failed_csv_export_leaves_no_schema(tmp_path, monkeypatch):
    ex = importlib.import_module("summitry.dataset.export")  # the package's ``export`` is the function

    monkeypatch.setattr(ex, "csv_schema", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(SummitryError, match="no space left"):
        export("events", tmp_path / "events.csv", format="csv")
    assert _only(tmp_path) == []


def test_panel_rds_reads_back(tmp_path):
    pyreadr = pytest.importorskip("pyreadr")
    back = pyreadr.read_r(write_frame(_panel(), tmp_path / "p.rds"))[None]
    assert back["ccode2"].tolist() == [365, 731] and back["covered"].tolist() == [True, False]
    assert re.fullmatch(r"\d+", str(back["year"].iloc[0]))


def test_a_link_to_a_pipe_stays_a_link_to_a_pipe(tmp_path):
    # /dev/stdout is such a link; resolving it would give /proc/self/fd/1, not a writable path.
    fifo, link = tmp_path / "pipe", tmp_path / "out.dta"
    os.mkfifo(fifo)
    link.symlink_to(fifo)
    got = {}
    reader = threading.Thread(target=lambda: got.setdefault("bytes", fifo.read_bytes()))
    reader.start()
    export("coverage", link, format="dta")
    reader.join(timeout=60)
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(fifo).st_mode)
    back = pd.read_stata(io.BytesIO(got["bytes"]))
    assert len(back) == len(summitry.load_coverage())


def test_a_link_to_a_file_is_followed_not_replaced(tmp_path):
    target, link = tmp_path / "real.csv", tmp_path / "link.csv"
    target.write_text("old")
    link.symlink_to(target)
    write_frame(_panel(), link)
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("ccode1,ccode2,year")
