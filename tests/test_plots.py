"""Plots checked through their artists (bars, spans, labels, arcs, colour scale), not pixels."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import summitry
from summitry.plots._common import CREDIT_GID
from summitry.plots._coverage import covered, covered_periods
from summitry.plots.frequency import COVERAGE_GID, GAP_GID, NOT_COVERED, PARTLY_COVERED
from summitry.plots.maps import ARC_GID, LABEL_GID, arcs, capitals
from summitry.plots.matrix import NOT_COVERED_GID
from summitry.plots.timeline import EVENT_GID, NOT_STATED_GID, STATED_GID, stated_times

from .analysis_data import PYONGYANG, visits


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def freq():
    # made-up data declares no coverage: vouch for it, so the counts are kept
    return summitry.visit_frequency(visits(PYONGYANG), coverage="all")


def _credit(ax):
    return [t.get_text() for t in ax.texts if t.get_gid() == CREDIT_GID]


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _day(y, m=1, d=1):
    return mdates.date2num(datetime(y, m, d))


def _quiet(**kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # releases without a coverage table say so
        return summitry.visit_frequency(**kw)


def _overlaps(texts):
    boxes = [t.get_window_extent() for t in texts if t.get_visible()]
    return [(i, j) for i in range(len(boxes)) for j in range(i) if boxes[i].overlaps(boxes[j])]


# -- frequency ---------------------------------------------------------------------------


def test_visit_frequency_bars_legend_and_gap(freq):
    ax = summitry.plot_visit_frequency(freq, dyads=["RUS-PRK", "PRK-RUS"])
    assert len(ax.containers) == 2
    years = range(2000, 2025)
    assert all(len(c.patches) == len(years) for c in ax.containers)
    heights = [p.get_height() for p in ax.containers[0].patches]
    assert heights[0] == 1 and heights[-1] == 1 and sum(heights) == 2  # RUS -> PRK in 2000 and 2024
    assert _legend(ax) == ["RUS → PRK", "PRK → RUS"]  # the user chose: no rule, nothing uncovered
    assert ax.get_legend().get_title().get_text() == "guest → host"
    gaps = [t.get_text() for t in ax.texts if t.get_gid() == GAP_GID]
    assert "24 years" in gaps and "18 years" in gaps
    assert ax.get_title() == "Leader-level visits per year"
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "visits"


def test_a_yearly_bar_spans_its_year_and_bars_stack(freq):
    ax = summitry.plot_visit_frequency(freq, dyads=["RUS-PRK", "PRK-RUS"])
    first = ax.containers[0].patches[0]  # RUS -> PRK, 2000 (a leap year: 366 days)
    assert first.get_x() == pytest.approx(_day(2000))
    assert first.get_x() + first.get_width() == pytest.approx(_day(2001), abs=1e-3)
    assert first.get_width() == pytest.approx(366, abs=1e-3)
    assert ax.containers[0].patches[1].get_width() == pytest.approx(365, abs=1e-3)  # 2001
    # PRK -> RUS in 2001 sits on RUS -> PRK's (empty) bar of 2001: stacked, not side by side
    second = ax.containers[1].patches[1]
    assert second.get_x() == pytest.approx(_day(2001)) and second.get_y() == 0 and second.get_height() == 1


@pytest.mark.parametrize("period, start, end, n", [("quarter", (2024, 4, 1), (2024, 7, 1), 24 * 4),
                                                   ("month", (2024, 6, 1), (2024, 7, 1), 24 * 12)])
def test_quarter_and_month_bars_span_their_period(period, start, end, n):
    table = summitry.visit_frequency(visits(PYONGYANG), period=period, directed=False, coverage="all")
    ax = summitry.plot_visit_frequency(table, dyads="PRK-RUS")
    bars = ax.containers[0].patches
    assert ax.get_xlabel() == period and len(bars) == n  # e.g. July 2000 to June 2024 in months
    last = bars[-1]  # Putin's June 2024 visit
    assert last.get_height() == 1
    assert last.get_x() == pytest.approx(_day(*start))
    assert last.get_x() + last.get_width() == pytest.approx(_day(*end), abs=1e-3)
    assert ax.get_legend().get_title().get_text() == "dyad"


def test_default_dyads_follow_the_stated_rule_and_show_the_flagship():
    table = summitry.visit_frequency(version="2.0.0")
    ax = summitry.plot_visit_frequency(table)
    busiest = (table.groupby(["guest_country", "host_country"])["visits"].sum()
               .sort_values(ascending=False, kind="stable").index[:5])
    expected = [f"{g} → {h}" for g, h in busiest] + ["RUS → PRK"]
    assert "RUS → PRK" not in expected[:5]  # the flagship dyad is there by the rule's second half
    assert [t for t in _legend(ax) if "→" in t] == expected
    assert len(ax.containers) == 6
    title = ax.get_legend().get_title().get_text()
    assert "the five with most visits" in title and "plus RUS → PRK (the flagship visit)" in title


def test_default_rule_takes_the_five_busiest_when_the_flagship_is_among_them(freq):
    ax = summitry.plot_visit_frequency(freq, gap_years=30)
    assert len(ax.containers) == 4  # the table has four dyads, RUS -> PRK among them
    assert not [t for t in ax.texts if t.get_gid() == GAP_GID]
    assert "plus" not in ax.get_legend().get_title().get_text()


def test_frequency_takes_an_axes(freq):
    fig, ax = plt.subplots()
    assert summitry.plot_visit_frequency(freq, ax=ax, dyads="RUS-PRK") is ax


def test_periods_outside_coverage_are_shaded():
    table = summitry.visit_frequency(version="2.0.0", dyads=["RUS-PRK", "CHN-PRK"])
    ax = summitry.plot_visit_frequency(table, dyads=["RUS-PRK", "CHN-PRK"])
    spans = [p for p in ax.patches if p.get_gid() == COVERAGE_GID]
    # RUS -> PRK is covered from 1992, CHN -> PRK only from 2018: 2000-2017 is covered for one of the two
    (span,) = spans
    assert span.get_x() == pytest.approx(_day(2000))
    assert span.get_x() + span.get_width() == pytest.approx(_day(2018), abs=1e-3)
    assert span.get_hatch() == "///"
    assert PARTLY_COVERED in _legend(ax) and NOT_COVERED not in _legend(ax)


def test_a_period_only_partly_covered_is_shaded_as_not_covered():
    table = summitry.visit_frequency(version="2.0.0", dyads="PRK-CHN")  # coverage ends 30 September 2025
    ax = summitry.plot_visit_frequency(table, dyads="PRK-CHN")
    (span,) = [p for p in ax.patches if p.get_gid() == COVERAGE_GID]
    assert span.get_x() == pytest.approx(_day(2025))
    assert span.get_x() + span.get_width() == pytest.approx(_day(2026), abs=1e-3)
    assert _legend(ax)[-1] == NOT_COVERED
    assert ax.containers[0].patches[-1].get_height() == 0  # 2025's count is empty, not drawn as a visit


def test_a_release_without_coverage_says_so_and_names_the_release():
    table = _quiet(version="1.0.0")
    ax = summitry.plot_visit_frequency(table)
    assert _credit(ax) == ["summitry dataset release 1.0.0."]
    assert NOT_COVERED in _legend(ax)
    assert any("declares no coverage" in t.get_text() for t in ax.texts if t.get_gid() == COVERAGE_GID)
    assert not [p for p in ax.patches if p.get_gid() == COVERAGE_GID and p.get_hatch()]
    counted = summitry.plot_visit_frequency(table, coverage=False)
    assert not [p for p in counted.patches if p.get_gid() == COVERAGE_GID]


# -- coverage helper ----------------------------------------------------------------------


def test_covered_reads_wildcards_dates_and_levels():
    cov = summitry.load_coverage("2.0.0")
    assert covered(cov, "USA", "FRA", "2000-05-01")  # the presidents' trips: USA -> *
    assert not covered(cov, "USA", "FRA", "1900-01-01")  # before the list begins (1906-11-14)
    assert covered(cov, "FRA", "USA", "2000-01-01")  # foreign leaders' visits: * -> USA
    assert not covered(cov, "FRA", "DEU", "2000-01-01")
    assert covered(cov, "RUS", "PRK") and not covered(cov, "KOR", "RUS")
    assert covered(cov, "USA", "FRA", "2000-05-01", levels=("foreign_minister",))  # Secretaries of State
    assert not covered(cov, "FRA", "USA", "2000-01-01", levels=("foreign_minister",))
    years = pd.period_range("1991", "1993", freq="Y")
    assert covered_periods(cov, "RUS", "PRK", years).tolist() == [False, True, True]
    assert covered_periods(cov, "PRK", "CHN", pd.period_range("2024", "2025", freq="Y")).tolist() == [True, False]


# -- matrix -------------------------------------------------------------------------------


def test_dyad_matrix_colour_scale_and_cells(freq):
    ax = summitry.plot_dyad_matrix(freq)
    (image,) = ax.images  # made-up data vouched for: nothing greyed
    grid = image.get_array()
    guests = [t.get_text() for t in ax.get_yticklabels()]
    hosts = [t.get_text() for t in ax.get_xticklabels()]
    assert guests == ["CHN", "PRK", "RUS", "SUN"] and hosts == ["PRK", "RUS"]
    assert grid[guests.index("PRK"), hosts.index("RUS")] == 3
    assert grid[guests.index("RUS"), hosts.index("PRK")] == 2
    assert image.colorbar is not None and image.colorbar.ax.get_ylabel() == "visits"
    assert image.get_clim() == (0, 3)
    cells = sorted(t.get_text() for t in ax.texts if t.get_gid() is None)
    assert cells == ["1", "1", "2", "3"]
    assert ax.get_xlabel() == "host" and ax.get_ylabel() == "guest"
    assert "1986–2024" in ax.get_title()


def test_dyad_matrix_undirected_is_symmetric():
    und = summitry.visit_frequency(visits(PYONGYANG), directed=False, coverage="all")
    grid = summitry.plot_dyad_matrix(und).images[0].get_array()
    assert (grid == grid.T).all()


def test_dyad_matrix_greys_the_cells_not_covered():
    table = summitry.visit_frequency(version="2.0.0", dyads=["RUS-PRK", "PRK-RUS", "KOR-PRK", "CHN-RUS"])
    ax = summitry.plot_dyad_matrix(table)
    guests = [t.get_text() for t in ax.get_yticklabels()]
    hosts = [t.get_text() for t in ax.get_xticklabels()]
    assert guests == ["CHN", "KOR", "PRK", "RUS"] and hosts == ["PRK", "RUS"]
    (layer,) = [im for im in ax.images if im.get_gid() == NOT_COVERED_GID]
    grey = layer.get_array()[:, :, 3] > 0
    # covered: CHN -> PRK and CHN -> RUS, KOR -> PRK, PRK -> RUS, RUS -> PRK (the curated collection)
    expected = {("KOR", "RUS"), ("PRK", "PRK"), ("RUS", "RUS")}
    assert {(guests[i], hosts[j]) for i, j in zip(*np.nonzero(grey), strict=True)} == expected
    assert [c for c in ax.collections if c.get_gid() == NOT_COVERED_GID][0].get_hatch() == "////"
    assert _legend(ax) == ["not covered: no complete data for this dyad"]
    assert ax.images[0].get_array()[guests.index("PRK"), hosts.index("RUS")] == 5


# -- map ----------------------------------------------------------------------------------


def test_map_draws_one_arc_per_dyad_with_width_by_count(freq):
    ax = summitry.plot_visit_map(freq)
    lines = [line for line in ax.lines if line.get_gid() == ARC_GID]
    table = arcs(freq)
    assert len(lines) == len(table) == 4  # CHN, PRK, RUS and SUN as guests
    widths = dict(zip(zip(table["guest_country"], table["host_country"], strict=True),
                      [ln.get_linewidth() for ln in lines], strict=True))
    assert widths[("PRK", "RUS")] > widths[("RUS", "PRK")] > widths[("CHN", "PRK")]
    assert ax.collections  # the basemap's countries and the city markers
    assert any("Made with Natural Earth" in t for t in _credit(ax))
    assert {"guest's capital", "host city"} <= set(_legend(ax))


def test_map_of_the_release_goes_from_moscow_to_pyongyang_zoomed_in():
    ax = summitry.plot_visit_map(version="1.0.0")
    (arc,) = [line for line in ax.lines if line.get_gid() == ARC_GID]
    xs, ys = arc.get_data()
    moscow, pyongyang = capitals()["RUS"], capitals()["PRK"]
    assert (round(ys[0], 3), round(xs[0], 3)) == (round(moscow[1], 3), round(moscow[2], 3))
    assert (round(ys[-1], 3), round(xs[-1], 3)) == (39.034, 125.754)  # the places table's Pyongyang
    assert pyongyang[0] == "Pyongyang"
    assert "release 1.0.0" in _credit(ax)[0]
    assert ax.get_title().startswith("Leader-level visits, 2024: 1 visit")
    # zoomed to the arc with a margin, not the world
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < min(xs) and x1 > max(xs) and y0 < min(ys) and y1 > max(ys)
    assert min(xs) - x0 < 20 and x1 - max(xs) < 20 and (x1 - x0) < 120
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid() == LABEL_GID)
    assert labels == ["Moscow", "Pyongyang"]


def test_map_bounds_are_kept_when_given():
    ax = summitry.plot_visit_map(version="1.0.0", bounds=(-180, -60, 180, 85))
    assert ax.get_xlim() == (-180, 180) and ax.get_ylim() == (-60, 85)


@pytest.mark.parametrize("version, total", [("1.1.0", 35), ("2.0.0", 4039)])
def test_map_counts_the_visits_the_matrix_counts(version, total):
    ax = summitry.plot_visit_map(version=version)
    shown = int(re.search(r": ([\d,]+) visits,", ax.get_title()).group(1).replace(",", ""))
    matrix = summitry.plot_dyad_matrix(_quiet(version=version, coverage="all"))
    assert shown == total == int(matrix.images[0].get_array().sum())
    ax.figure.canvas.draw()
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    assert labels and not _overlaps(labels)  # adjustText moved them apart


def test_map_leaves_out_third_location_meetings_as_visit_frequency_does():
    vis = summitry.load_visits("1.1.0")
    singapore = arcs(vis, formats=None)
    assert "Singapore" in set(singapore["destination"]) and "Singapore" not in set(arcs(vis)["destination"])
    assert int(arcs(vis)["visits"].sum()) == 35 and int(singapore["visits"].sum()) == 39


# -- timeline -----------------------------------------------------------------------------


def _bands(ax):
    timed, untimed = ax.child_axes
    assert timed.get_gid() == STATED_GID and untimed.get_gid() == NOT_STATED_GID
    return timed, untimed


def _points(band):
    return [line for line in band.lines if line.get_gid() == EVENT_GID]


def _labels(band):
    return [t for t in band.texts if t.get_text()]


def test_timeline_draws_only_stated_times_on_the_clock():
    ax = summitry.plot_timeline(version="1.0.0")
    timed, untimed = _bands(ax)
    assert len(_points(timed)) == 2 and len(_points(untimed)) == 10  # 12 events, two with a stated time
    clock = [t.get_text() for t in _labels(timed)]
    assert clock[0].startswith("#1 02:22 042 Make a visit") and clock[1].startswith("#3 12:00 043")
    xs = [p.get_xdata()[0] for p in _points(timed)]
    assert xs == [pytest.approx(mdates.date2num(pd.Timestamp("2024-06-19 02:22"))),
                  pytest.approx(mdates.date2num(pd.Timestamp("2024-06-19 12:00")))]
    # the others: in coded order, one slot each, numbered as in the chronology, with no clock
    assert [p.get_xdata()[0] for p in _points(untimed)] == list(range(1, 11))
    assert [t.get_text() for t in untimed.get_xticklabels()] == [f"#{n}" for n in (2, *range(4, 13))]
    assert "time not stated" in untimed.get_title(loc="left")
    assert not any(re.search(r"\d\d:\d\d", t.get_text()) for t in _labels(untimed))
    assert sum("057 Sign formal agreement" in t.get_text() for t in _labels(untimed)) == 2
    assert _labels(untimed)[-1].get_text().startswith("#12 043 Host a visit")  # seeing Putin off
    assert timed.get_xlabel() == "local time (Asia/Pyongyang)"
    assert "v-20240619-rus-prk" in ax.get_title()


def test_timeline_marks_the_alleged_munitions_transfer():
    ax = summitry.plot_timeline(version="2.0.0")
    _, untimed = _bands(ax)
    points = _points(untimed)
    alleged = [i for i, t in enumerate(_labels(untimed)) if "ALLEGED by Western governments" in t.get_text()]
    assert len(alleged) == 1 and "072 Provide military aid" in _labels(untimed)[alleged[0]].get_text()
    assert [p.get_marker() for p in points].count("D") == 1 and points[alleged[0]].get_marker() == "D"
    assert {p.get_marker() for i, p in enumerate(points) if i != alleged[0]} == {"o"}
    assert _legend(ax) == ["reported as fact by the source", "claimed or alleged by a named party"]
    ax.figure.canvas.draw()
    assert not _overlaps(_labels(untimed))


def test_stated_times_invent_nothing():
    ev = summitry.chronology("v-20240619-rus-prk", "1.0.0")
    times = stated_times(ev)
    assert times.notna().sum() == 2 and times.isna().sum() == 10
    assert str(times[0].time())[:5] == "02:22" and pd.isna(times[1])


def test_plot_bad_input():
    with pytest.raises(summitry.SummitryError, match="visit_frequency"):
        summitry.plot_visit_frequency(visits(PYONGYANG).rename(columns={"guest_country": "g"}))
