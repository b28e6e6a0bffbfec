"""dyad_years: membership of states that enter, leave and return, and visits joined."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

import summitry
from summitry.analysis import states
from summitry.errors import ChoiceError, SummitryError

from .analysis_data import PYONGYANG, REPORTS, events, visits

# Hand-made data declares no coverage: these tests vouch for it (coverage="all"); tests/test_panels.py
# tests coverage itself.
_dyads = functools.partial(summitry.dyad_years, coverage="all")


@pytest.fixture(scope="module")
def cow():
    return _dyads("cow", start=1945, end=2024, visits=visits(PYONGYANG))


def _years(panel, a, b, name="ccode"):
    return set(panel.loc[(panel[f"{name}1"] == a) & (panel[f"{name}2"] == b), "year"])


def _row(panel, a, b, year, name="ccode"):
    hit = panel[(panel[f"{name}1"] == a) & (panel[f"{name}2"] == b) & (panel["year"] == year)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_columns_and_keys(cow):
    assert list(cow.columns) == ["ccode1", "ccode2", "year", "iso3_1", "iso3_2", "visits", "years_since_last", "covered"]
    assert not cow.duplicated(["ccode1", "ccode2", "year"]).any()
    assert (cow["ccode1"] != cow["ccode2"]).all()
    assert cow["year"].between(1945, 2024).all()
    # Directed: every dyad-year appears both ways.
    flipped = cow.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    assert len(cow.merge(flipped[["ccode1", "ccode2", "year"]])) == len(cow)


def test_partial_year_membership_counts_as_in_the_system(cow):
    # South Sudan became independent on 9 July 2011: in from 2011, not in 2010.
    ssd = _years(cow, 2, 626)
    assert min(ssd) == 2011 and 2010 not in ssd
    assert _row(cow, 2, 626, 2011)["iso3_2"] == "SSD"


def test_german_unification(cow):
    # COW: West Germany 260 and East Germany 265 to 2 October 1990, unified Germany 255
    # from 3 October 1990, so all three are in 1990 and only 255 after. Germany (255)
    # left on 8 May 1945, so it is in 1945, then absent until 1990.
    assert max(_years(cow, 260, 265)) == 1990
    assert _years(cow, 2, 255) == {1945} | set(range(1990, 2025))
    assert 1991 not in _years(cow, 2, 260)
    assert _row(cow, 260, 2, 1975)["iso3_1"] == "DEU"
    assert _row(cow, 265, 2, 1975)["iso3_1"] == "DDR"


def test_german_unification_gw():
    gw = _dyads("gw", start=1985, end=1995, visits=visits(PYONGYANG))
    assert list(gw.columns[:2]) == ["gwcode1", "gwcode2"]
    # G&W: 260 continues as unified Germany, 255 does not come back.
    assert _years(gw, 2, 260, "gwcode") == set(range(1985, 1996))
    assert not _years(gw, 2, 255, "gwcode")
    assert max(_years(gw, 2, 265, "gwcode")) == 1990


def test_yemen(cow):
    assert max(_years(cow, 2, 678)) == 1990 and max(_years(cow, 2, 680)) == 1990
    assert min(_years(cow, 2, 679)) == 1990
    assert _row(cow, 2, 680, 1980)["iso3_2"] == "YMD"
    gw = _dyads("gw", start=1985, end=2000, visits=visits(PYONGYANG))
    assert _years(gw, 2, 678, "gwcode") == set(range(1985, 2001))  # G&W keeps 678 for unified Yemen
    assert not _years(gw, 2, 679, "gwcode")


def test_ussr_and_russia_share_365(cow):
    assert _years(cow, 365, 731) == set(range(1948, 2025))
    assert _row(cow, 365, 731, 1986)["iso3_1"] == "SUN"
    assert _row(cow, 365, 731, 1991)["iso3_1"] == "SUN"
    assert _row(cow, 365, 731, 1992)["iso3_1"] == "RUS"
    # The Soviet visit (coded SUN) and Putin's (coded RUS) are one dyad.
    assert _row(cow, 365, 731, 1986)["visits"] == 1
    assert _row(cow, 365, 731, 2000)["visits"] == 1
    assert _row(cow, 365, 731, 2000)["years_since_last"] == 14
    assert _row(cow, 365, 731, 2024)["years_since_last"] == 24
    assert _row(cow, 365, 731, 2001)["years_since_last"] == 1
    assert _row(cow, 365, 731, 2023)["visits"] == 0


def test_visits_are_zero_filled_and_counted_in_the_start_year(cow):
    assert cow["visits"].sum() == len(PYONGYANG)
    assert _row(cow, 731, 365, 2001)["visits"] == 1  # began in July, ended in August
    assert _row(cow, 710, 731, 2018)["visits"] == 1 and _row(cow, 710, 731, 2019)["visits"] == 0
    assert _row(cow, 710, 731, 2019)["years_since_last"] == 1
    assert pd.isna(_row(cow, 2, 731, 2000)["years_since_last"])


def test_visits_before_start_count_for_years_since_last():
    late = _dyads(start=2010, end=2024, visits=visits(PYONGYANG))
    assert _row(late, 365, 731, 2010)["years_since_last"] == 10
    assert late["visits"].sum() == 4  # 2018 China, 2019 and 2023 Kim in Russia, 2024 Putin
    assert late["visits"].sum() == sum(1 for v in PYONGYANG if int(v[2][:4]) >= 2010)


def test_undirected_keeps_code1_below_code2():
    panel = _dyads(start=2000, end=2024, directed=False, visits=visits(PYONGYANG))
    assert (panel["ccode1"] < panel["ccode2"]).all()
    row = _row(panel, 365, 731, 2019)
    assert row["visits"] == 1 and row["years_since_last"] == 18
    assert _row(panel, 365, 731, 2024)["years_since_last"] == 1
    n = panel["year"].value_counts()[2024]
    k = len(states.state_years("cow", 2024, 2024))
    assert n == k * (k - 1) // 2


def test_event_data_and_the_shipped_release():
    panel = _dyads(start=2015, end=2024, visits=events(REPORTS))
    assert _row(panel, 365, 731, 2024)["visits"] == 1
    assert _row(panel, 365, 731, 2024)["years_since_last"] == 24  # the 2000 visit-days, before start
    rel = _dyads(start=2020, end=2024, version="1.0.0")
    assert rel["visits"].sum() == 1 and _row(rel, 365, 731, 2024)["visits"] == 1
    assert rel.attrs["credit"] == "summitry dataset release 1.0.0"
    assert "Correlates of War" in rel.attrs["membership"]


def test_gw_panel_ends_with_the_list():
    panel = _dyads("gw", visits=visits(PYONGYANG), start=2015)
    assert panel["year"].max() == 2017  # G&W 2017 edition: the panel ends with its list
    assert _row(panel, 365, 731, 2017, "gwcode")["years_since_last"] == 17
    assert panel.attrs["list_end"] == "2017-12-31"


def test_bad_arguments():
    with pytest.raises(ChoiceError, match="state system"):
        _dyads("polity", visits=visits(PYONGYANG))
    with pytest.raises(SummitryError, match="after end"):
        _dyads(start=2020, end=2010, visits=visits(PYONGYANG))
