"""From a fresh install of the wheel, `summitry plot map` draws the visits on a world map."""

from __future__ import annotations

import subprocess
import zipfile

from .test_install import fresh_install, wheel  # noqa: F401  (module fixtures: the wheel, its install)


def test_wheel_ships_the_capitals(wheel):  # noqa: F811
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "summitry/basemap/capitals.tsv" in names
    assert "summitry/basemap/naturalearth_lowres.shp" in names


def test_plot_map_from_a_fresh_install(fresh_install, tmp_path):  # noqa: F811
    py, clean = fresh_install
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = subprocess.run([str(py.parent / "summitry"), "plot", "map", "--out", "map.png"], cwd=outside,
                         capture_output=True, text=True, env=clean)
    assert run.returncode == 0, run.stderr
    png = (outside / "map.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    where = subprocess.run([str(py), "-c", "import summitry; print(summitry.__file__)"], cwd=outside,
                           capture_output=True, text=True, env=clean).stdout
    assert str(py.parent.parent) in where
