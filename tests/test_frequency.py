"""visit_frequency on hand-made visits and reports with known answers."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

import summitry
from summitry.errors import ChoiceError, SummitryError

from .analysis_data import PYONGYANG, REPORTS, events, visits

# Hand-made data declares no coverage: these tests vouch for it (coverage="all"); tests/test_panels.py
# tests coverage itself.
_dyads = functools.partial(summitry.dyad_years, coverage="all")
_freq = functools.partial(summitry.visit_frequency, coverage="all")


def _row(freq, a, b, year):
    cols = list(freq.columns[:2])
    hit = freq[(freq[cols[0]] == a) & (freq[cols[1]] == b) & (freq["year"] == year)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_putin_2024_shows_24_years_since_july_2000():
    freq = _freq(visits(PYONGYANG), dyads="RUS-PRK")
    assert list(freq["year"]) == [2000, 2024]
    assert _row(freq, "RUS", "PRK", 2024)["years_since_last"] == 24
    assert pd.isna(_row(freq, "RUS", "PRK", 2000)["years_since_last"])


def test_columns_and_types():
    freq = _freq(visits(PYONGYANG))
    assert list(freq.columns) == ["guest_country", "host_country", "period", "year", "visits", "years_since_last", "covered"]
    assert isinstance(freq["period"].dtype, pd.PeriodDtype)
    undirected = _freq(visits(PYONGYANG), directed=False)
    assert list(undirected.columns[:2]) == ["country1", "country2"]
    assert (undirected["country1"] < undirected["country2"]).all()


def test_undirected_adds_both_directions_and_shortens_gaps():
    freq = _freq(visits(PYONGYANG), directed=False, dyads=[("RUS", "PRK")])
    assert list(freq["year"]) == [2000, 2001, 2019, 2023, 2024]
    assert list(freq["years_since_last"].astype(float).fillna(-1)) == [-1, 1, 18, 4, 1]


def test_multi_day_visit_crossing_a_year_counts_once_in_the_year_it_began():
    freq = _freq(visits(PYONGYANG), dyads="CHN-PRK")
    assert list(freq["year"]) == [2018]
    assert freq["visits"].sum() == 1


def test_each_visit_row_counts():
    rows = [("RUS", "PRK", "2024-06-19", "2024-06-19"), ("RUS", "PRK", "2024-11-01", "2024-11-02")]
    freq = _freq(visits(rows))
    assert freq["visits"].tolist() == [2]
    quarterly = _freq(visits(rows), period="quarter")
    assert [str(p) for p in quarterly["period"]] == ["2024Q2", "2024Q4"]
    assert quarterly["years_since_last"].tolist()[1] == 0


@pytest.mark.parametrize("period, labels", [
    ("year", ["2000", "2024"]), ("quarter", ["2000Q3", "2024Q2"]), ("month", ["2000-07", "2024-06"])])
def test_periods(period, labels):
    freq = _freq(visits(PYONGYANG), period=period, dyads="RUS-PRK")
    assert [str(p) for p in freq["period"]] == labels
    assert freq["years_since_last"].tolist()[1] == 24


def test_event_rules_same_day_duplicates_and_reciprocal_codes():
    freq = _freq(events(REPORTS))
    # 19 July 2000: two 042 reports and one 043 from the host are one visit; the report
    # of 20 July is a second visit-day.
    assert _row(freq, "RUS", "PRK", 2000)["visits"] == 2
    # 2024: only a 043 from the host; the 046 talks are not a visit.
    assert _row(freq, "RUS", "PRK", 2024)["visits"] == 1
    assert _row(freq, "RUS", "PRK", 2024)["years_since_last"] == 24
    # A trip reported on 31 December and 1 January counts in both years in event data.
    assert _row(freq, "CHN", "PRK", 2018)["visits"] == 1
    assert _row(freq, "CHN", "PRK", 2019)["visits"] == 1
    # The domestic trip, the report with no target and code 0423 are left out.
    assert _row(freq, "PRK", "RUS", 2019)["visits"] == 1
    assert freq["visits"].sum() == 6
    assert not ((freq["guest_country"] == freq["host_country"]).any())


def test_event_codes_read_as_numbers_keep_working():
    ev = events(REPORTS)
    ev = ev[ev["event_code"] != "0423"]
    as_numbers = ev.assign(event_code=ev["event_code"].astype(int))
    pd.testing.assert_frame_equal(_freq(as_numbers), _freq(ev))


def test_categorical_release_columns_and_the_shipped_release():
    freq = _freq(summitry.load_visits(version="1.0.0"))
    row = _row(freq, "RUS", "PRK", 2024)
    assert row["visits"] == 1
    assert freq.attrs["credit"] == "summitry dataset release 1.0.0"
    # The flagship's events: 042 arrival and 043 welcomes on one day are one visit.
    ev = _freq(summitry.load_events(version="1.0.0"))
    assert ev[["guest_country", "host_country", "year", "visits"]].values.tolist() == [["RUS", "PRK", 2024, 1]]


def test_bad_input_is_a_user_error():
    with pytest.raises(ChoiceError, match="period"):
        _freq(visits(PYONGYANG), period="week")
    with pytest.raises(SummitryError, match="cannot tell visits from events"):
        _freq(pd.DataFrame({"a": [1]}))
    with pytest.raises(ChoiceError, match="ISO alpha-3"):
        _freq(visits(PYONGYANG), dyads="RUS-XYZ")
    with pytest.raises(SummitryError, match="GUEST-HOST"):
        _freq(visits(PYONGYANG), dyads="RUSPRK")
    with pytest.raises(SummitryError, match="no such file"):
        _freq("/nonexistent/events")


def test_meetings_at_a_third_location_are_not_visits_to_the_host():
    v = visits([("USA", "PRK", "2018-06-12", "2018-06-12"), ("RUS", "PRK", "2024-06-19", "2024-06-19"),
                ("RUS", "CHN", "2023-10-17", "2023-10-18")])
    v["format"] = ["third_location", "bilateral", "multilateral_sidelines"]
    freq = _freq(v)
    assert sorted(freq["guest_country"] + freq["host_country"]) == ["RUSCHN", "RUSPRK"]
    assert len(_freq(v, formats=None)) == 3
    panel = _dyads(start=2018, end=2024, visits=v)
    assert panel["visits"].sum() == 2
