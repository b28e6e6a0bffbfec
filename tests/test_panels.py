"""Coverage-aware panels: counts inside coverage, empty outside; levels; add_visits and state_years."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import summitry
from summitry.analysis import states
from summitry.analysis.coverage import LEADER_LEVELS
from summitry.errors import ChoiceError, SummitryError

from .analysis_data import PYONGYANG, visits


@pytest.fixture(scope="module")
def release():
    return summitry.load_visits()


@pytest.fixture(scope="module")
def panel():
    return summitry.dyad_years("cow", start=1900, end=2024)


def _row(p, a, b, year, name="ccode"):
    hit = p[(p[f"{name}1"] == a) & (p[f"{name}2"] == b) & (p["year"] == year)]
    assert len(hit) == 1
    return hit.iloc[0]


def _n(v, guest, host, year, levels=LEADER_LEVELS):
    fmt = v["format"].astype(str) != "third_location"
    return int(((v.guest_country == guest) & (v.host_country == host) & (v.start_date.dt.year == year)
                & v["level"].astype(str).isin(levels) & fmt).sum())


def test_inside_coverage_reads_the_count_of_the_rows(panel, release):
    usa_gbr = _row(panel, 2, 200, 2000)   # ooh-president covers USA -> * from 1906-11-14
    assert usa_gbr["covered"] and usa_gbr["visits"] == _n(release, "USA", "GBR", 2000) == 1
    gbr_usa = _row(panel, 200, 2, 2000)   # ooh-visits covers * -> USA for heads of state and government
    assert gbr_usa["covered"] and gbr_usa["visits"] == _n(release, "GBR", "USA", 2000) == 1
    prk_rus = _row(panel, 731, 365, 2001)  # curated covers PRK -> RUS from 1992
    assert prk_rus["covered"] and prk_rus["visits"] == 1
    assert _row(panel, 731, 365, 2000)["visits"] == 0 and _row(panel, 731, 365, 2000)["covered"]


def test_outside_coverage_is_empty_not_zero(panel):
    gbr_fra = _row(panel, 200, 220, 2000)
    assert not gbr_fra["covered"] and pd.isna(gbr_fra["visits"]) and pd.isna(gbr_fra["years_since_last"])
    # The presidents' list begins on 14 November 1906: 1906 is not covered as a whole year, 1907 is.
    assert not _row(panel, 2, 200, 1900)["covered"] and pd.isna(_row(panel, 2, 200, 1900)["visits"])
    assert not _row(panel, 2, 200, 1906)["covered"] and _row(panel, 2, 200, 1907)["covered"]
    # Coverage ends on 2 December 2024 (presidents) and 12 November 2024 (visitors).
    assert not _row(panel, 2, 200, 2024)["covered"] and not _row(panel, 200, 2, 2024)["covered"]
    assert panel["visits"].isna().sum() == (~panel["covered"]).sum()


def test_years_since_last_needs_every_year_between_covered(panel):
    # USA -> GBR: visits in 1998 and 2000, all covered.
    assert _row(panel, 2, 200, 2000)["years_since_last"] == 2
    # PRK -> RUS: curated coverage begins in 1992; the 2001 visit follows none the data holds since.
    assert pd.isna(_row(panel, 731, 365, 2001)["years_since_last"])
    assert _row(panel, 731, 365, 2002)["years_since_last"] == 1


def test_directed_and_non_directed_agree(panel):
    nd = summitry.dyad_years("cow", start=1990, end=2023, directed=False)
    assert (nd["ccode1"] < nd["ccode2"]).all()
    d = panel[panel["year"].between(1990, 2023)]
    row = _row(nd, 2, 200, 2000)
    ab, ba = _row(d, 2, 200, 2000), _row(d, 200, 2, 2000)
    assert row["covered"] and row["visits"] == ab["visits"] + ba["visits"] == 2
    # Covered non-directed only when both directions are: GBR -> FRA is not.
    assert not _row(nd, 200, 220, 2000)["covered"]
    both = d.merge(d.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"}), on=["ccode1", "ccode2", "year"])
    both = both[(both["ccode1"] < both["ccode2"]) & both["covered_x"] & both["covered_y"]]
    merged = nd[nd["covered"]].merge(both, on=["ccode1", "ccode2", "year"])
    assert len(merged) == int(nd["covered"].sum()) > 1000
    assert (merged["visits"] == merged["visits_x"] + merged["visits_y"]).all()


def test_level_foreign_minister_counts_secretary_trips(release):
    fm = summitry.dyad_years("cow", start=2000, end=2000, level="foreign_minister")
    row = _row(fm, 2, 200, 2000)
    assert row["covered"] and row["visits"] == _n(release, "USA", "GBR", 2000, ("foreign_minister",)) == 1
    assert not _row(fm, 200, 2, 2000)["covered"]  # ooh-visits does not cover foreign ministers
    any_level = summitry.visit_frequency(dyads="USA-GBR", level="any")
    assert _row_f(any_level, 2000)["visits"] == 2
    with pytest.raises(ChoiceError, match="leader.*foreign_minister.*any"):
        summitry.dyad_years(start=2000, end=2000, level="president")


def _row_f(freq, year):
    return freq[freq["year"] == year].iloc[0]


def test_frequency_marks_coverage():
    freq = summitry.visit_frequency(dyads=["USA-GBR", "GBR-USA"])
    assert _row_f(freq[freq.guest_country == "USA"], 2000)["visits"] == 1
    late = freq[(freq.guest_country == "GBR") & (freq.year == 2024)].iloc[0]
    assert not late["covered"] and pd.isna(late["visits"])


def test_user_data_covers_nothing_unless_declared():
    with pytest.warns(UserWarning, match="coverage='all'"):
        p = summitry.dyad_years(start=2024, end=2024, visits=visits(PYONGYANG))
    assert not p["covered"].any() and p["visits"].isna().all()
    p = summitry.dyad_years(start=2024, end=2024, visits=visits(PYONGYANG), coverage="all")
    assert p["covered"].all() and _row(p, 365, 731, 2024)["visits"] == 1
    own = pd.DataFrame({"guest_country": ["RUS"], "host_country": ["PRK"], "first_date": ["2020-01-01"],
                        "last_date": ["2024-12-31"]})
    p = summitry.dyad_years(start=2023, end=2024, visits=visits(PYONGYANG), coverage=own)
    assert int(p["covered"].sum()) == 2 and _row(p, 365, 731, 2024)["visits"] == 1
    assert pd.isna(_row(p, 365, 731, 2024)["years_since_last"])  # 2001-2019 are not covered
    with pytest.raises(SummitryError, match="no column last_date"):
        summitry.dyad_years(start=2024, end=2024, visits=visits(PYONGYANG), coverage=own.drop(columns="last_date"))


def test_old_release_has_no_coverage():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        p = summitry.dyad_years(start=2024, end=2024, version="1.0.0")
    assert any("no coverage table" in str(x.message) for x in w)
    assert not p["covered"].any()


def test_same_day_rule():
    cow = summitry.dyad_years("cow", start=1945, end=1991, coverage="all", visits=visits(PYONGYANG))
    years = lambda a, b: set(cow.loc[(cow.ccode1 == a) & (cow.ccode2 == b), "year"])  # noqa: E731
    # A dyad that never coexisted: Germany (255, to 8 May 1945) and West Germany (260, from 1955).
    assert not years(255, 260)
    # The Yemens 1990: 678 and 680 to 21 May, unified Yemen 679 from 22 May.
    assert 1990 in years(678, 680) and not years(678, 679) and not years(679, 680)
    # Germany 1990: 260 and 265 to 2 October, 255 from 3 October.
    assert 1990 in years(260, 265) and not years(255, 260) and not years(255, 265)
    assert 1990 in years(2, 255) and 1990 in years(2, 260)
    # Germany 1945: gone on 8 May; a state entering later in 1945 forms no dyad with it.
    m = states.membership("cow")
    late = m[(m.start > pd.Timestamp("1945-05-08").date()) & (m.start.map(lambda d: d.year) == 1945)]["code"]
    assert len(late) and all(1945 not in years(255, int(c)) for c in late)
    assert all(1945 in years(2, int(c)) for c in late)  # the USA overlaps them
    # A state entering mid-year overlaps those still members: South Sudan (9 July 2011).
    mid = summitry.dyad_years("cow", start=2011, end=2011, coverage="all", visits=visits(PYONGYANG))
    assert ((mid.ccode1 == 2) & (mid.ccode2 == 626)).sum() == 1


@pytest.mark.parametrize("kw, match", [(dict(start=1700, end=1710), "1816 to 2024"),
                                       (dict(end=20244), "1816 to 2024"), (dict(start=-5, end=3000), "1816 to 2024"),
                                       (dict(start=2020, end=2010), "after end")])
def test_years_outside_the_system_are_refused(kw, match):
    with pytest.raises(SummitryError, match=match) as e:
        summitry.dyad_years("cow", **kw)
    assert e.value.exit_code == 2
    with pytest.raises(SummitryError, match="1816 to 2017"):
        summitry.state_years("gw", start=2018, end=2020)


def test_state_years_made_and_received(release):
    sy = summitry.state_years("cow", start=2000, end=2000)
    usa = sy[sy.ccode == 2].iloc[0]
    assert usa["covered_made"] and usa["covered_received"]
    assert usa["visits_made"] == int(((release.guest_country == "USA") & (release.start_date.dt.year == 2000)
                                      & release["level"].astype(str).isin(("head_of_state",))
                                      & (release["format"].astype(str) != "third_location")).sum())
    gbr = sy[sy.ccode == 200].iloc[0]
    assert not gbr["covered_made"] and pd.isna(gbr["visits_made"])


def test_add_visits_on_your_own_panel(panel):
    mine = pd.DataFrame({"ccode1": [2, 200, 200], "ccode2": [200, 2, 220], "year": [2000, 2000, 2000], "x": [1, 2, 3]})
    got = summitry.add_visits(mine)
    assert got["x"].tolist() == [1, 2, 3]
    assert got["visits"].tolist()[:2] == [1, 1] and pd.isna(got["visits"].iloc[2])
    assert got["covered"].tolist() == [True, True, False]
    assert got["years_since_last"].iloc[0] == _row(panel, 2, 200, 2000)["years_since_last"]
    # Non-directed: either order of the codes reads the visits either way.
    nd = summitry.add_visits(pd.DataFrame({"ccode1": [200, 2], "ccode2": [2, 200], "year": [2000, 2000]}),
                             directed=False)
    assert nd["visits"].tolist() == [2, 2] and nd["covered"].all()
    st = summitry.add_visits(pd.DataFrame({"ccode": [2], "year": [2000]}))
    assert st["covered_made"].item()
    with pytest.raises(SummitryError, match="needs a year column"):
        summitry.add_visits(pd.DataFrame({"a": [1]}))
    with pytest.raises(SummitryError, match="already has the column visits"):
        summitry.add_visits(got)


def test_duckdb_from_parquet_matches_pandas(release):
    path = summitry.path("visits")  # the release's own Parquet file, scanned lazily by DuckDB
    cov = summitry.load_coverage()
    expected = summitry.dyad_years(start=1995, end=2005, visits=release, coverage=cov)
    got = summitry.dyad_years(start=1995, end=2005, visits=str(path), coverage=cov)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(summitry.dyad_years(start=1995, end=2005), expected)
    assert int(expected["covered"].sum()) > 1000


@pytest.mark.spark
def test_spark_matches_duckdb(release):
    from .test_engines import _spark_or_skip

    spark = _spark_or_skip()
    cov = summitry.load_coverage()
    for directed in (True, False):
        expected = summitry.dyad_years(start=2015, end=2020, directed=directed, visits=release, coverage=cov)
        got = summitry.dyad_years(start=2015, end=2020, directed=directed, visits=release, coverage=cov, engine=spark)
        pd.testing.assert_frame_equal(got, expected)


def test_release_visits_count_under_the_codes_the_build_gave_them(panel):
    # Regression: the panel mapped ISO VNM before 1976 to North Vietnam (816), so Johnson's
    # 1966 trip to South Vietnam counted as a visit to Hanoi's state; and it gave Potsdam
    # (July 1945, occupied Germany) to the German Reich (255).
    assert _row(panel, 2, 817, 1966)["visits"] == 1
    assert _row(panel, 2, 817, 1966)["iso3_2"] == "VNM"
    assert _row(panel, 2, 816, 1966)["visits"] == 0
    assert _row(panel, 2, 255, 1945)["visits"] == 0


def test_event_data_before_1976_maps_vnm_to_south_vietnam():
    ev = pd.DataFrame({"date": pd.to_datetime(["1966-10-26"]), "source_country": ["USA"],
                       "target_country": ["VNM"], "event_code": ["042"]})
    p = summitry.dyad_years("cow", start=1966, end=1966, visits=ev, coverage="all")
    assert _row(p, 2, 817, 1966)["visits"] == 1 and _row(p, 2, 816, 1966)["visits"] == 0
    after = ev.assign(date=pd.to_datetime(["1995-08-05"]))
    p = summitry.dyad_years("cow", start=1995, end=1995, visits=after, coverage="all")
    assert _row(p, 2, 816, 1995)["visits"] == 1
