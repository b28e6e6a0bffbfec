"""The command line: a thin layer over the library, with clear errors and no tracebacks."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner

import summitry
from summitry.cli import main

from .eventfiles import REAL

GDELT2 = REAL / "gdelt2/20160802000000.export.CSV"


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_show_prints_the_flagship_chronology():
    r = run("show")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].startswith("v-20240619-rus-prk: RUS -> PRK, 2024-06-19")
    assert "friendly state visit" in lines[0]
    assert ("2024-06-19 02:22 Asia/Pyongyang    042  Make a visit: Vladimir Putin -> Kim Jong Un "
            "@ Pyongyang Sunan International Airport") in r.output
    assert "057  Sign formal agreement: Kim Jong Un -> Vladimir Putin" in r.output
    assert "[alleged by Western governments]" in r.output
    events = [line for line in lines if line.startswith("2024-06-19 ")]
    assert len(events) == len(summitry.chronology("v-20240619-rus-prk")) == 17  # 12 in 1.0.0, 5 added in 2.0.0
    assert len(summitry.chronology("v-20240619-rus-prk", "1.0.0")) == 12


def test_show_prints_each_event_s_time_zone():
    lines = [line for line in run("show").output.splitlines() if line.startswith("2024-06-19 ")]
    zones = [line.split()[2] for line in lines]
    assert zones.count("Asia/Pyongyang") == 16
    # the alleged munitions transfer has no place, so no zone: said, not invented
    (alleged,) = [line for line in lines if "[alleged by Western governments]" in line]
    assert alleged.startswith("2024-06-19 --:-- (zone not known)  072")
    old = [line for line in run("show", "--version", "1.0.0").output.splitlines() if line.startswith("2024-")]
    assert len(old) == 12 and sum(" Asia/Pyongyang " in line for line in old) == 11


def test_show_sources_prints_each_event_s_sentences_with_the_source_id():
    r = run("show", "--sources")
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert ('source s-kbs-20240619: "Russian media outlets said the presidential plane carrying Putin touched '
            'down at Sunan Airport in Pyongyang at 2:22 a.m."') in text
    links = summitry.load_event_sources()
    ids = set(summitry.chronology()["event_id"])
    n = int(links["event_id"].isin(ids).sum())
    assert r.output.count("source s-") == n == 39
    first = r.output.split("2024-06-19 --:--")[0]  # the arrival's block: its three sources, in id order
    assert [line.split()[1] for line in first.splitlines() if line.strip().startswith("source s-")] == [
        "s-kbs-20240619:", "s-tass-20240618:", "s-unnamed-fr-20240619:"]
    assert "source s-" not in run("show").output


def test_version_names_the_dataset_release():
    r = run("--version")
    assert r.exit_code == 0 and f"dataset release {summitry.versions()[-1]}" in r.output


def test_import_validate_writes_the_report_and_exits_0_despite_findings(tmp_path):
    out = tmp_path / "gdelt"
    r = run("import", "gdelt", str(GDELT2), "--out", str(out), "--validate")
    assert r.exit_code == 0, r.output
    report = json.loads((out / "_validation.json").read_text())
    findings = report["n_errors"] + report["n_warnings"]
    assert findings == 60 and not report["ok"]
    assert (f"validation report written to {out / '_validation.json'}: 60 findings "
            f"({report['n_errors']} errors, {report['n_warnings']} warning") in r.output


def test_import_strict_fails_on_findings(tmp_path):
    r = run("import", "gdelt", str(GDELT2), "--out", str(tmp_path / "o"), "--validate", "--strict")
    assert r.exit_code == 1 and "60 findings" in r.output
    assert (tmp_path / "o" / "_validation.json").is_file()  # the data and report are still written
    r = run("import", "gdelt", str(GDELT2), "--out", str(tmp_path / "p"), "--strict")
    assert r.exit_code == 2 and "--strict needs --validate" in r.output
    assert not (tmp_path / "p").exists()


def test_show_unknown_visit_lists_the_choices():
    r = run("show", "v-19000101-xxx-yyy")
    assert r.exit_code == 2
    assert "unknown visit id" in r.output and "v-20240619-rus-prk" in r.output


def test_info_lists_tables_and_the_flagship():
    r = run("info", "--version", "1.0.0")
    assert r.exit_code == 0
    assert "events             12 rows" in r.output
    text = " ".join(r.output.split())
    assert "Treaty on Comprehensive Strategic Partnership" in text and "(visit id v-20240619-rus-prk)" in text


def test_versions():
    r = run("versions")
    assert r.exit_code == 0 and r.output.split() == summitry.versions()


def test_unknown_version_lists_the_choices():
    r = run("info", "--version", "7.7.7")
    assert r.exit_code == 2 and "valid choices: 1.0.0" in r.output


@pytest.mark.parametrize("fmt", ["bibtex", "apa", "ris", "cff"])
def test_cite(fmt):
    r = run("cite", "--version", "1.0.0", "--format", fmt)
    assert r.exit_code == 0 and r.output == summitry.cite("1.0.0", format=fmt)


def test_cite_unknown_format_lists_the_choices():
    r = run("cite", "--format", "mla")
    assert r.exit_code == 2 and "bibtex" in r.output and "cff" in r.output


@pytest.mark.parametrize("fmt,ext", [("parquet", "parquet"), ("csv", "csv"), ("dta", "dta"),
                                     ("geojson", "geojson"), ("gpkg", "gpkg")])
def test_export_events(tmp_path, fmt, ext):
    out = tmp_path / f"events.{ext}"
    r = run("export", "events", "--format", fmt, "--out", str(out), "--version", "1.0.0")
    assert r.exit_code == 0, r.output
    expected = summitry.load_events("1.0.0")
    if fmt == "parquet":
        back = pd.read_parquet(out)
    elif fmt == "csv":
        back = pd.read_csv(out, dtype=str)
    elif fmt == "dta":
        back = pd.read_stata(out)
    else:
        back = gpd.read_file(out)
        assert back.crs.to_epsg() == 4326
    assert len(back) == len(expected)
    assert sorted(back["event_code"].astype(str)) == sorted(expected["event_code"].astype(str))


def test_export_geo_format_of_a_plain_table_is_refused(tmp_path):
    out = tmp_path / "visits.geojson"
    r = run("export", "visits", "--format", "geojson", "--out", str(out))
    assert r.exit_code == 1 and "events, places" in r.output
    assert not out.exists() and not list(tmp_path.iterdir())


def test_export_unknown_table_lists_the_choices(tmp_path):
    r = run("export", "meetings", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert r.exit_code == 2 and "visits" in r.output and "event_sources" in r.output


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path):
    r = run("export", "events", "--format", "csv", "--out", str(tmp_path / "nope" / "x.csv"))
    assert r.exit_code == 1 and "does not exist" in r.output
