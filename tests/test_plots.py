"""Plots checked through their artists (bars, lines, labels, arcs, colour scale), not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import summitry
from summitry.plots._common import CREDIT_GID
from summitry.plots.frequency import GAP_GID
from summitry.plots.maps import ARC_GID, arcs, capitals
from summitry.plots.timeline import EVENT_GID, event_times

from .analysis_data import PYONGYANG, visits


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def freq():
    return summitry.visit_frequency(visits(PYONGYANG))


def _credit(ax):
    return [t.get_text() for t in ax.texts if t.get_gid() == CREDIT_GID]


def test_visit_frequency_bars_legend_and_gap(freq):
    ax = summitry.plot_visit_frequency(freq, dyads=["RUS-PRK", "PRK-RUS"])
    assert len(ax.containers) == 2
    years = range(2000, 2025)
    assert all(len(c.patches) == len(years) for c in ax.containers)
    heights = [p.get_height() for p in ax.containers[0].patches]
    assert heights[0] == 1 and heights[-1] == 1 and sum(heights) == 2  # RUS -> PRK in 2000 and 2024
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["RUS → PRK", "PRK → RUS"]
    gaps = [t.get_text() for t in ax.texts if t.get_gid() == GAP_GID]
    assert "24 years" in gaps and "18 years" in gaps
    assert ax.get_title() == "Leader visits per year"
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "visits"


def test_visit_frequency_defaults_to_busiest_dyads_and_takes_an_axes(freq):
    fig, ax = plt.subplots()
    out = summitry.plot_visit_frequency(freq, ax=ax, gap_years=30)
    assert out is ax
    assert len(ax.containers) == min(5, freq.groupby(["guest_country", "host_country"]).ngroups)
    assert not [t for t in ax.texts if t.get_gid() == GAP_GID]


def test_credit_names_the_release():
    freq = summitry.visit_frequency(version="1.0.0")
    ax = summitry.plot_visit_frequency(freq)
    assert _credit(ax) == ["summitry dataset release 1.0.0."]


def test_monthly_undirected(freq):
    monthly = summitry.visit_frequency(visits(PYONGYANG), period="month", directed=False)
    ax = summitry.plot_visit_frequency(monthly, dyads="PRK-RUS")
    assert ax.get_xlabel() == "month"
    assert len(ax.containers[0].patches) == 24 * 12  # July 2000 to June 2024
    assert ax.get_legend().get_title().get_text() == "dyad"


def test_dyad_matrix_colour_scale_and_cells(freq):
    ax = summitry.plot_dyad_matrix(freq)
    (image,) = ax.images
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
    und = summitry.visit_frequency(visits(PYONGYANG), directed=False)
    grid = summitry.plot_dyad_matrix(und).images[0].get_array()
    assert (grid == grid.T).all()


def test_map_draws_one_arc_per_dyad_with_width_by_count(freq):
    ax = summitry.plot_visit_map(freq)
    lines = [line for line in ax.lines if line.get_gid() == ARC_GID]
    table = arcs(freq)
    assert len(lines) == len(table) == 4  # CHN, PRK, RUS and SUN as guests
    widths = dict(zip(zip(table["guest_country"], table["host_country"], strict=False), [ln.get_linewidth() for ln in lines], strict=False))
    assert widths[("PRK", "RUS")] > widths[("RUS", "PRK")] > widths[("CHN", "PRK")]
    assert ax.collections  # the basemap's countries and the city markers
    assert any("Made with Natural Earth" in t for t in _credit(ax))
    assert {"guest's capital", "host city"} <= {t.get_text() for t in ax.get_legend().get_texts()}


def test_map_of_the_release_goes_from_moscow_to_pyongyang():
    ax = summitry.plot_visit_map(version="1.0.0")
    (arc,) = [line for line in ax.lines if line.get_gid() == ARC_GID]
    xs, ys = arc.get_data()
    moscow, pyongyang = capitals()["RUS"], capitals()["PRK"]
    assert (round(ys[0], 3), round(xs[0], 3)) == (round(moscow[1], 3), round(moscow[2], 3))
    assert (round(ys[-1], 3), round(xs[-1], 3)) == (39.034, 125.754)  # the places table's Pyongyang
    assert pyongyang[0] == "Pyongyang"
    assert "release 1.0.0" in _credit(ax)[0]
    assert ax.get_title().startswith("Leader visits, 2024")


def test_timeline_of_the_flagship():
    ax = summitry.plot_timeline(version="1.0.0")
    points = [line for line in ax.lines if line.get_gid() == EVENT_GID]
    assert len(points) == 12
    labels = [t.get_text() for t in ax.texts if t.get_gid() != CREDIT_GID]
    assert labels[0].startswith("02:22  042 Make a visit")
    assert any(t.startswith("12:00  043") for t in labels)
    assert sum("057 Sign formal agreement" in t for t in labels) == 2
    assert labels[-1].startswith("043 Host a visit")  # seeing Putin off
    filled = [p.get_markerfacecolor() != "white" for p in points]
    assert sum(filled) == 2
    xs = [p.get_xdata()[0] for p in points]
    assert xs == sorted(xs)
    assert ax.get_xlabel() == "local time (Asia/Pyongyang)"
    assert "v-20240619-rus-prk" in ax.get_title()


def test_event_times_keep_stated_times_and_order():
    ev = summitry.chronology("v-20240619-rus-prk", "1.0.0")
    times, stated = event_times(ev)
    assert stated.sum() == 2
    assert times.is_monotonic_increasing
    assert str(times[0].time())[:5] == "02:22"


def test_plot_bad_input():
    with pytest.raises(summitry.SummitryError, match="visit_frequency"):
        summitry.plot_visit_frequency(visits(PYONGYANG).rename(columns={"guest_country": "g"}))
