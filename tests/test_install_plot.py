"""From a fresh install of the wheel, `summitry plot map` draws the visits on a world map."""

from __future__ import annotations

import os
import site
import subprocess
import sysconfig
import venv
import zipfile
from pathlib import Path

from .test_install import wheel  # noqa: F401  (the built wheel, a module fixture)


def test_wheel_ships_the_capitals(wheel):  # noqa: F811
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "summitry/basemap/capitals.tsv" in names
    assert "summitry/basemap/naturalearth_lowres.shp" in names


def test_plot_map_from_a_fresh_install(wheel, tmp_path):  # noqa: F811
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    py = env / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    # No network: borrow this environment's third-party packages, after the wheel's own.
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    Path(purelib, "zz_borrowed_dependencies.pth").write_text("\n".join(ours) + "\n")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND")}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = subprocess.run([str(env / "bin" / "summitry"), "plot", "map", "--out", "map.png"], cwd=outside,
                         capture_output=True, text=True, env=clean)
    assert run.returncode == 0, run.stderr
    png = (outside / "map.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    where = subprocess.run([str(py), "-c", "import summitry; print(summitry.__file__)"], cwd=outside,
                           capture_output=True, text=True, env=clean).stdout
    assert str(env) in where
