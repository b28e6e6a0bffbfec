"""Covariates (peacesciencer's add_* verbs): known answers, the same panel on every engine, citations."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

import summitry
from summitry.analysis.engine import to_pandas
from summitry.errors import SummitryError

from .test_engines import _spark_or_skip

ALL = (summitry.add_contiguity, summitry.add_capital_distance, summitry.add_minimum_distance,
       summitry.add_atop_alliance, summitry.add_cow_majors, summitry.add_nmc, summitry.add_archigos)
# The capitals as cow_capitals.tsv states them (peacesciencer 1.2.9).
WASHINGTON, OTTAWA = (38.8950368, -77.0365427), (45.4208777, -75.6901106)


def haversine_km(a: tuple[float, float], b: tuple[float, float], radius: float = 6371.0088) -> float:
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(h))


def with_all(panel):
    for add in ALL:
        panel = add(panel)
    return panel


@pytest.fixture(scope="module")
def cow():
    """The COW directed panel of 1959-1961 and 1999-2000 with every covariate."""
    years = pd.concat([summitry.dyad_years("cow", start=1959, end=1961),
                       summitry.dyad_years("cow", start=1999, end=2000)], ignore_index=True)
    years.attrs = summitry.dyad_years("cow", start=1999, end=2000).attrs
    return with_all(years)


def row(panel, a, b, year, codes=("ccode1", "ccode2")):
    got = panel[(panel[codes[0]] == a) & (panel[codes[1]] == b) & (panel["year"] == year)]
    assert len(got) == 1
    return got.iloc[0]


def test_known_answers_usa_2000(cow):
    usa_can, usa_gbr = row(cow, 2, 20, 2000), row(cow, 2, 200, 2000)
    assert usa_can["conttype"] == 1  # land border
    assert usa_gbr["conttype"] == 0  # not contiguous: 0, as peacesciencer writes
    expected = haversine_km(WASHINGTON, OTTAWA)
    assert abs(usa_can["capdist"] - expected) < 1
    assert 700 < usa_can["capdist"] < 760
    assert usa_can["mindist"] == 0
    assert usa_gbr["atop_defense"] == 1 and usa_gbr["atop_offense"] == 0
    assert usa_gbr["cowmaj1"] == 1 and usa_gbr["cowmaj2"] == 1 and usa_can["cowmaj2"] == 0
    assert 0.1 < usa_can["cinc1"] < 0.2 and usa_can["cinc1"] == usa_gbr["cinc1"]
    assert usa_can["tpop1"] == 278357
    assert (usa_can["leader1"], usa_can["leader2"], usa_gbr["leader2"]) == ("Clinton", "Chretien", "Blair")
    assert usa_can["obsid1"] == "USA-1993" and usa_can["leader_years1"] == 6
    assert cow.attrs["covariates"] == ["contiguity", "capitals", "mindist", "atop", "majors", "nmc", "archigos"]
    assert cow.attrs["system"] == "cow"  # the panel's own attrs are kept


def test_capital_moves_count_from_the_next_year(cow):
    # Brasilia became the capital on 21 April 1960: the 1 January capital is Rio until 1960.
    rio, brasilia = row(cow, 140, 160, 1960)["capdist"], row(cow, 140, 160, 1961)["capdist"]
    assert row(cow, 140, 160, 1959)["capdist"] == rio
    assert abs(rio - haversine_km((-22.9110137, -43.2093727), (-34.6083696, -58.4440583))) < 1
    assert brasilia - rio > 500
    gw = summitry.add_capital_distance(summitry.dyad_years("gw", start=1991, end=1992))
    bonn, berlin = (row(gw, 260, 200, y, ("gwcode1", "gwcode2"))["capdist"] for y in (1991, 1992))
    assert berlin - bonn > 300  # Bonn to Berlin moves 480 km further from London


def test_directed_and_undirected_agree(cow):
    und = with_all(summitry.dyad_years("cow", start=2000, end=2000, directed=False))
    a = row(und, 2, 200, 2000)
    b = row(cow, 200, 2, 2000)
    assert a["atop_defense"] == b["atop_defense"] == 1
    assert a["mindist"] == b["mindist"] and a["capdist"] == pytest.approx(b["capdist"])
    assert (a["cowmaj1"], a["leader2"]) == (b["cowmaj2"], b["leader1"])


def test_state_years_and_missing_years():
    sy = summitry.dyad_years("cow", start=2020, end=2020)
    states = pd.DataFrame({"ccode": [2, 2, 255, 2], "year": [1990, 2000, 1991, 2020]})
    got = summitry.add_archigos(summitry.add_nmc(summitry.add_cow_majors(states)))
    assert got["cowmaj"].tolist()[:3] == [1, 1, 1] and pd.isna(got["cowmaj"].iloc[3])  # COW's list ends in 2016
    assert got["leader"].tolist()[:3] == ["G.H.W. Bush", "Clinton", "Kohl"]  # COW 255 via G&W 260
    assert got["leader"].isna().iloc[3]  # Archigos ends in 2015
    cont = summitry.add_contiguity(sy)
    assert cont["conttype"].isna().all()  # COW contiguity ends in 2016: unknown, not 0


def test_errors_name_the_problem():
    with pytest.raises(SummitryError, match="dyadic"):
        summitry.add_contiguity(pd.DataFrame({"ccode": [2], "year": [2000]}))
    with pytest.raises(SummitryError, match="COW system only"):
        summitry.add_nmc(pd.DataFrame({"gwcode": [2], "year": [2000]}))
    with pytest.raises(SummitryError, match="needs a dyad-year panel"):
        summitry.add_nmc(pd.DataFrame({"country": ["USA"], "year": [2000]}))
    with pytest.raises(SummitryError, match="already has the column"):
        summitry.add_cow_majors(summitry.add_cow_majors(pd.DataFrame({"ccode": [2], "year": [2000]})))


def _lazy_equals_pandas(expected, got_lazy, be):
    got = to_pandas(be, got_lazy.order_by(["ccode1", "ccode2", "year"]))
    exp = expected.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    got = got[list(exp.columns)].astype({c: exp[c].dtype for c in exp.columns if str(exp[c].dtype)[0] == "I"})
    pd.testing.assert_frame_equal(got, exp, check_dtype=False, check_exact=False, rtol=1e-12)


def test_duckdb_lazy_table_matches_pandas(cow, tmp_path):
    base = cow[["ccode1", "ccode2", "year", "visits"]]
    base.to_parquet(tmp_path / "panel.parquet")
    lazy = with_all(summitry.scan(tmp_path / "panel.parquet"))  # a lazy DuckDB table
    assert type(lazy).__name__ == "Table"  # still lazy
    _lazy_equals_pandas(with_all(base), lazy, lazy.get_backend())


@pytest.mark.spark
def test_spark_matches_pandas(cow):
    import ibis

    spark = _spark_or_skip()
    try:
        base = cow.loc[cow["year"] == 2000, ["ccode1", "ccode2", "year", "visits"]]
        con = ibis.pyspark.connect(spark)
        spark.createDataFrame(base).createOrReplaceTempView("panel")
        _lazy_equals_pandas(with_all(base), with_all(con.table("panel")), con)
    finally:
        spark.stop()


def test_cite_covariates():
    bib = summitry.cite(covariates=True)
    for key in ("stinnettetal2002cow", "peacesciencer-package", "schvitz2021mis", "leedsetal2002atop",
                "cowstates2016", "singer1987rcwd", "goemansetal2009ia"):
        assert f"{{{key}," in bib
    panel = summitry.add_archigos(pd.DataFrame({"ccode": [2], "year": [2000]}))
    only = summitry.cite(covariates=panel)
    assert "goemansetal2009ia" in only and "leedsetal2002atop" not in only
    assert summitry.cite(covariates=False) == summitry.cite()
    assert "Goemans, Henk E., Gleditsch" in summitry.cite(format="apa", covariates=panel)
    refs = yaml.safe_load(summitry.cite(format="cff", covariates=panel))["references"]
    assert refs[0]["title"].startswith("Introducing") and refs[0]["year"] == 2009
    # every covariate data set cites in every format, whatever fields its bibliography entry has
    for fmt in ("bibtex", "apa", "ris", "cff"):
        assert "Goemans" in summitry.cite(format=fmt, covariates=True)
    with pytest.raises(SummitryError, match="covariate data set"):
        summitry.cite(covariates=["polity"])


def test_cli_cite_covariates():
    from summitry.cli import main

    out = CliRunner().invoke(main, ["cite", "--covariates"])
    assert out.exit_code == 0 and "stinnettetal2002cow" in out.output
    assert "stinnettetal2002cow" not in CliRunner().invoke(main, ["cite"]).output


def test_data_ship_in_the_package_and_are_small():
    from importlib.resources import files

    data = files("summitry.analysis.covariates") / "data"
    sizes = {p.name: p.stat().st_size for p in data.iterdir() if p.name.endswith(".parquet")}  # type: ignore[attr-defined]
    assert len(sizes) == 10 and sum(sizes.values()) < 2_000_000
    assert (data / "README.md").is_file()
