"""The frequency, dyad-years and plot commands."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from summitry.cli import main

from .analysis_data import REPORTS, events, write_events_dataset


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("events")
    write_events_dataset(events(REPORTS), root)
    return root


def run(*args):
    result = CliRunner().invoke(main, list(map(str, args)))
    return result


def test_frequency_table_from_the_release():
    r = run("frequency")
    assert r.exit_code == 0, r.output
    assert "RUS" in r.output and "PRK" in r.output and "summitry dataset release" in r.output


def test_frequency_csv_and_json_from_a_dataset(dataset):
    r = run("frequency", "--source", dataset, "--dyad", "RUS-PRK", "--format", "csv", "--assume-covered")
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0] == "guest_country,host_country,period,year,visits,years_since_last,covered"
    assert lines[1:] == ["RUS,PRK,2000,2000,2,,True", "RUS,PRK,2024,2024,1,24,True"]
    r = run("frequency", "--source", dataset, "--undirected", "--period", "quarter", "--format", "json",
            "--assume-covered")
    rows = json.loads(r.output)
    assert {"country1", "country2", "period"} <= set(rows[0])
    assert any(x["period"] == "2024Q2" and x["years_since_last"] == 5 for x in rows)  # Kim in 2019


def test_frequency_user_errors_have_no_traceback():
    r = run("frequency", "--dyad", "RUS-XXX")
    assert r.exit_code != 0 and "Traceback" not in r.output and "ISO alpha-3" in r.output


@pytest.mark.parametrize("ext", ["parquet", "csv", "dta"])
def test_dyad_years_writes_each_format(tmp_path, dataset, ext):
    out = tmp_path / f"panel.{ext}"
    r = run("dyad-years", "--system", "cow", "--start", 2020, "--end", 2024, "--source", dataset, "--out", out,
            "--assume-covered")
    assert r.exit_code == 0, r.output
    df = {"parquet": pd.read_parquet, "csv": pd.read_csv, "dta": pd.read_stata}[ext](out)
    assert list(df.columns[:3]) == ["ccode1", "ccode2", "year"]
    row = df[(df.ccode1 == 365) & (df.ccode2 == 731) & (df.year == 2024)]
    assert row["visits"].item() == 1 and row["years_since_last"].item() == 24
    assert not list(tmp_path.glob(".summitry-*"))


def test_dyad_years_gw_undirected(tmp_path):
    out = tmp_path / "gw.csv"
    r = run("dyad-years", "--system", "gw", "--start", 2017, "--end", 2017, "--undirected", "--out", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert list(df.columns[:2]) == ["gwcode1", "gwcode2"] and (df.gwcode1 < df.gwcode2).all()
    usa_gbr = df[(df.gwcode1 == 2) & (df.gwcode2 == 200)].iloc[0]
    # Both lists cover 2017 as a whole year: Theresa May in Washington (January), no presidential trip to the UK.
    assert usa_gbr["covered"] and usa_gbr["visits"] == 1
    assert df["visits"].isna().sum() == (~df["covered"]).sum() > 0


def test_event_data_without_declared_coverage_is_not_covered(dataset):
    r = run("frequency", "--source", dataset, "--dyad", "RUS-PRK")
    assert r.exit_code == 0, r.output
    assert "not covered" in r.output and "Note:" in r.output and "coverage='all'" in r.output
    assert "Traceback" not in r.output and "warnings.warn" not in r.output


def test_frequency_text_says_not_covered():
    r = run("frequency", "--dyad", "GBR-USA")
    assert r.exit_code == 0, r.output
    last = [x for x in r.output.splitlines() if x.strip().startswith("GBR")][-1]
    assert "2024" in last and "not covered" in last  # the visitors' list ends on 12 November 2024
    r = run("frequency", "--dyad", "USA-GBR", "--level", "foreign_minister", "--format", "csv")
    assert "USA,GBR,2000,2000,1," in r.output


@pytest.mark.parametrize("years", [("--start", 1700, "--end", 1710), ("--end", 20244), ("--start", -5, "--end", 3000)])
@pytest.mark.parametrize("cmd", ["dyad-years", "state-years"])
def test_years_outside_the_system_are_refused_before_any_work(tmp_path, cmd, years):
    out = tmp_path / "p.csv"
    r = run(cmd, "--system", "cow", *years, "--out", out)
    assert r.exit_code == 2 and "1816 to 2024" in r.output and "Traceback" not in r.output
    assert not out.exists()


def test_state_years_and_covariates(tmp_path):
    out = tmp_path / "sy.csv"
    r = run("state-years", "--start", 2000, "--end", 2001, "--out", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    usa = df[(df.ccode == 2) & (df.year == 2000)].iloc[0]
    assert usa["covered_made"] and usa["visits_made"] > 0
    r = run("dyad-years", "--start", 2000, "--end", 2000, "--covariates", "nosuch", "--out", tmp_path / "d.csv")
    # An unknown name lists the valid ones (exit 2); without the covariates registry the option says so.
    assert r.exit_code != 0 and "covariate" in r.output and "Traceback" not in r.output


def test_dyad_years_bad_extension_lists_the_valid_ones(tmp_path):
    r = run("dyad-years", "--start", 2024, "--out", tmp_path / "panel.xlsx")
    assert r.exit_code != 0 and "parquet, csv, dta" in r.output
    assert not list(tmp_path.iterdir())


MAGIC = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}


@pytest.mark.parametrize("kind, ext", [("frequency", "png"), ("matrix", "svg"), ("map", "png"),
                                       ("timeline", "pdf"), ("map", "svg"), ("frequency", "pdf")])
def test_plot_commands_write_the_requested_format(tmp_path, kind, ext):
    out = tmp_path / f"{kind}.{ext}"
    r = run("plot", kind, "--out", out)
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert len(data) > 1000 and data.startswith(MAGIC[ext])


def test_plot_from_a_dataset_with_dyads(tmp_path, dataset):
    out = tmp_path / "f.png"
    r = run("plot", "frequency", "--source", dataset, "--dyad", "RUS-PRK", "--dyad", "CHN-PRK", "--out", out)
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(MAGIC["png"])


def test_plot_level_and_coverage_options(tmp_path):
    out = tmp_path / "m.svg"
    r = run("plot", "matrix", "--level", "foreign_minister", "--out", out)
    assert r.exit_code == 0, r.output
    assert "Visits (foreign minister) by guest and host" in out.read_text()
    r = run("plot", "matrix", "--level", "kings", "--out", out)
    assert r.exit_code == 2 and "leader" in r.output and "foreign_minister" in r.output


def test_plot_of_a_release_without_coverage_warns_plainly(tmp_path):
    out = tmp_path / "f.svg"
    r = run("plot", "frequency", "--version", "1.1.0", "--out", out)
    assert r.exit_code == 0 and "warning: release 1.1.0 has no coverage table" in r.output
    assert "Traceback" not in r.output and "callback" not in r.output
    assert "not covered by the data" in out.read_text()
    r = run("plot", "frequency", "--version", "1.1.0", "--coverage", "all", "--out", out)
    assert r.exit_code == 0 and "warning" not in r.output
    assert "not covered" not in out.read_text() and "RUS → PRK" in out.read_text()


def test_plot_unknown_extension_lists_the_valid_ones(tmp_path):
    r = run("plot", "map", "--out", tmp_path / "map.jpg")
    assert r.exit_code != 0 and "png, svg, pdf" in r.output and "Traceback" not in r.output
    r = run("plot", "timeline", "--visit", "v-19000101-xxx-yyy", "--out", tmp_path / "t.png")
    assert r.exit_code != 0 and "v-20240619-rus-prk" in r.output
