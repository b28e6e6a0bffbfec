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
    r = run("frequency", "--source", dataset, "--dyad", "RUS-PRK", "--format", "csv")
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0] == "guest_country,host_country,period,year,visits,years_since_last"
    assert lines[1:] == ["RUS,PRK,2000,2000,2,", "RUS,PRK,2024,2024,1,24"]
    r = run("frequency", "--source", dataset, "--undirected", "--period", "quarter", "--format", "json")
    rows = json.loads(r.output)
    assert {"country1", "country2", "period"} <= set(rows[0])
    assert any(x["period"] == "2024Q2" and x["years_since_last"] == 5 for x in rows)  # Kim in 2019


def test_frequency_user_errors_have_no_traceback():
    r = run("frequency", "--dyad", "RUS-XXX")
    assert r.exit_code != 0 and "Traceback" not in r.output and "ISO alpha-3" in r.output


@pytest.mark.parametrize("ext", ["parquet", "csv", "dta"])
def test_dyad_years_writes_each_format(tmp_path, dataset, ext):
    out = tmp_path / f"panel.{ext}"
    r = run("dyad-years", "--system", "cow", "--start", 2020, "--end", 2024, "--source", dataset, "--out", out)
    assert r.exit_code == 0, r.output
    df = {"parquet": pd.read_parquet, "csv": pd.read_csv, "dta": pd.read_stata}[ext](out)
    assert list(df.columns[:3]) == ["ccode1", "ccode2", "year"]
    row = df[(df.ccode1 == 365) & (df.ccode2 == 731) & (df.year == 2024)]
    assert row["visits"].item() == 1 and row["years_since_last"].item() == 24
    assert not list(tmp_path.glob(".summitry-*"))


def test_dyad_years_gw_undirected(tmp_path):
    out = tmp_path / "gw.csv"
    r = run("dyad-years", "--system", "gw", "--start", 2024, "--end", 2024, "--undirected", "--out", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert list(df.columns[:2]) == ["gwcode1", "gwcode2"] and (df.gwcode1 < df.gwcode2).all()


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


def test_plot_unknown_extension_lists_the_valid_ones(tmp_path):
    r = run("plot", "map", "--out", tmp_path / "map.jpg")
    assert r.exit_code != 0 and "png, svg, pdf" in r.output and "Traceback" not in r.output
    r = run("plot", "timeline", "--visit", "v-19000101-xxx-yyy", "--out", tmp_path / "t.png")
    assert r.exit_code != 0 and "v-20240619-rus-prk" in r.output
