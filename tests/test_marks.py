"""Coverage marks worked out in the engine's query (summitry.analysis.marks)."""

import pandas as pd
import pytest

from summitry.analysis import coverage as cov
from summitry.analysis.marks import mark_frame


def _iv(rows):
    return pd.DataFrame([{"k1": a, "k2": b, "first": pd.Timestamp(f), "last": pd.Timestamp(t)} for a, b, f, t in rows])


def _cells(rows):
    return pd.DataFrame([{"k1": a, "k2": b, "start": pd.Timestamp(s), "end": pd.Timestamp(e)} for a, b, s, e in rows])


def test_everything_covered_reaches_the_ends_of_pandas_dates():
    # Regression: numpy's cast of pandas' first day (1677-09-21 00:12) to days overflowed to
    # 2262, so coverage="all" covered nothing.
    iv = cov.intervals(cov.resolve("all", None), None)
    got = mark_frame(_cells([("USA", "GBR", "1816-01-01", "1816-12-31"), ("USA", "GBR", "2024-01-01", "2024-12-31")]),
                     iv, cov.WILDCARD, True)
    assert got["covered"].tolist() == [True, True]
    assert got["run_start"].iloc[0] == pd.Timestamp("1677-09-21")


def test_abutting_rows_make_one_run_and_a_day_missing_breaks_it():
    iv = _iv([("USA", "GBR", "1990-01-01", "1999-12-31"), ("USA", "*", "2000-01-01", "2009-12-31"),
              ("USA", "GBR", "2010-01-02", "2020-12-31")])
    got = mark_frame(_cells([("USA", "GBR", "2005-01-01", "2005-12-31"), ("USA", "GBR", "2010-01-01", "2010-12-31"),
                             ("USA", "GBR", "2011-01-01", "2011-12-31"), ("USA", "FRA", "1995-01-01", "1995-12-31")]),
                     iv, "*", True)
    assert got["covered"].tolist() == [True, False, True, False]
    # The wildcard row joins the named ones into one run from 1990; 2010 begins a new one.
    assert got["run_start"].iloc[0] == pd.Timestamp("1990-01-01")
    assert got["run_start"].iloc[2] == pd.Timestamp("2010-01-02")


def test_undirected_cells_need_both_directions_from_the_later_start():
    iv = _iv([("USA", "GBR", "1990-01-01", "2020-12-31"), ("GBR", "USA", "2000-01-01", "2020-12-31")])
    cells = _cells([("GBR", "USA", "2005-01-01", "2005-12-31"), ("GBR", "USA", "1995-01-01", "1995-12-31")])
    directed = mark_frame(cells, iv, "*", True)
    both = mark_frame(cells, iv, "*", False)
    assert directed["covered"].tolist() == [True, False]
    assert both["covered"].tolist() == [True, False]
    assert both["run_start"].iloc[0] == pd.Timestamp("2000-01-01")


@pytest.mark.parametrize("host, covered", [(cov.ANY_CODE, True), (20, False)])
def test_a_wildcard_cell_matches_only_wildcard_rows(host, covered):
    # A state-year's visits made (host: any) are complete only where coverage names any host,
    # not where it names one host.
    iv = _iv([(2, host, "1990-01-01", "2020-12-31")])
    got = mark_frame(_cells([(2, cov.ANY_CODE, "2000-01-01", "2000-12-31")]), iv, cov.ANY_CODE, True)
    assert got["covered"].tolist() == [covered]


def test_no_declared_coverage_covers_nothing():
    got = mark_frame(_cells([("USA", "GBR", "2000-01-01", "2000-12-31")]), None, "*", True)
    assert got["covered"].tolist() == [False] and got["run_start"].isna().all()
