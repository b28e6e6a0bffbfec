"""import_events / summitry import: layout, idempotence, resuming, refusing wrong formats."""

from __future__ import annotations

import json

import duckdb
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

import summitry
from summitry import importer
from summitry.cli import main

from .eventfiles import REAL, write_gdelt, write_icews

GDELT = [REAL / "gdelt2/20160802000000.export.CSV", REAL / "gdelt1/spark-gdelt-events1.csv"]
ROWS = 4686 + 100


def _count(out):
    return duckdb.sql(f"select count(*) from read_parquet('{out}/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]


def test_layout_is_hive_partitioned_by_year_with_schema_columns(tmp_path):
    out = tmp_path / "events"
    result = summitry.import_events(GDELT, out, format="gdelt")
    assert result.rows_written == ROWS and _count(out) == ROWS
    dataset = ds.dataset(out, format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert set(summitry.eventdata.imported.field_names()) <= set(table.column_names) and "year" in table.column_names
    years = {p.name for p in out.iterdir() if p.is_dir()}
    assert "year=2016" in years and "year=1979" in years
    df = table.to_pandas()
    assert (df.year == df.date.map(lambda d: d.year)).all()
    assert df.event_code.str.len().min() >= 2 and (df.event_code.str[0] == "0").any()  # text, zeros kept
    assert not df.target_actor_code.dropna().str.contains(" ").any()  # normalised by default
    assert json.loads((out / importer.SCHEMA_FILE).read_text())["name"] == "imported_events"


def test_import_is_idempotent(tmp_path):
    out = tmp_path / "events"
    summitry.import_events(GDELT, out)
    again = summitry.import_events(GDELT, out)
    assert again.rows_written == 0 and len(again.files_skipped) == 2
    assert _count(out) == ROWS
    more = write_gdelt(tmp_path / "new.export.CSV", "gdelt2", [{}])
    summitry.import_events(GDELT + [more], out)
    assert _count(out) == ROWS + 1


def test_interrupted_import_leaves_nothing_half_written_and_resumes(tmp_path, monkeypatch):
    out = tmp_path / "events"
    real_add = importer._YearWriters.add
    calls = {"n": 0}

    def failing_add(self, batch):
        calls["n"] += 1
        if calls["n"] == 2:  # first file done, second file half-way
            raise KeyboardInterrupt
        return real_add(self, batch)

    monkeypatch.setattr(importer._YearWriters, "add", failing_add)
    with pytest.raises(KeyboardInterrupt):
        summitry.import_events(GDELT, out)
    assert _count(out) == 4686  # only the complete file is in place
    assert json.loads((out / importer.MANIFEST).read_text())["files"].__len__() == 1
    monkeypatch.setattr(importer._YearWriters, "add", real_add)
    resumed = summitry.import_events(GDELT, out)
    assert resumed.rows_written == 100 and len(resumed.files_skipped) == 1
    assert _count(out) == ROWS
    assert not list(out.glob(".tmp-*"))


def test_wrong_format_is_refused_naming_the_file(tmp_path):
    icews = write_icews(tmp_path / "icews-events.tab", [{}])
    with pytest.raises(summitry.SummitryError, match="icews-events.tab.*not a gdelt1 or gdelt2"):
        summitry.import_events(GDELT + [icews], tmp_path / "out", format="gdelt")
    assert not (tmp_path / "out").exists() or _no_parquet(tmp_path / "out")
    result = CliRunner().invoke(main, ["import", "gdelt", str(icews), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "icews-events.tab" in result.output and "Traceback" not in result.output


def _no_parquet(folder):
    return not list(folder.rglob("*.parquet"))


def test_cli_import_with_validation_writes_a_report(tmp_path):
    out = tmp_path / "icews"
    result = CliRunner().invoke(main, ["import", "icews", str(REAL / "icews/events.2018.sample.tab"),
                                       "--out", str(out), "--validate"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / importer.REPORT_FILE).read_text())
    assert report["ok"] and report["rows_checked"] == 3705
    assert _count(out) == 3705
    again = summitry.validate(out)  # the dataset folder itself validates, file by file
    assert again.ok and again.rows_checked == 3705
