"""The install path: the built wheel ships the schemas and every release, and loads them
from a directory outside the checkout."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

import summitry

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: the build backend (hatchling) is installed with the test extra, and
    # an isolated build would have to download it.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (whl,) = out.glob("summitry-*.whl")
    return whl


def test_wheel_ships_schemas_every_release_and_the_basemap(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for version in summitry.versions():
        for table in summitry.tables(version):
            assert f"summitry/_releases/{version}/{table}.parquet" in names
        assert f"summitry/_releases/{version}/datapackage.json" in names
    assert "summitry/_releases/checksums.tsv" in names
    for table in summitry.schema.TABLES:
        assert f"summitry/_schemas/{table}.schema.json" in names
    assert "summitry/_schemas/codes/cameo_event_codes.tsv" in names
    assert "summitry/basemap/naturalearth_lowres.shp" in names


@pytest.fixture(scope="module")
def fresh_install(wheel, tmp_path_factory):
    """A new virtual environment with the wheel installed: (its python, an environment for subprocesses)."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env)
    py = env / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    # Tests do not reach the network: the new environment borrows this one's third-party
    # packages through a .pth line, placed after its own site-packages, so the summitry it
    # imports is the installed wheel, not this checkout.
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    Path(purelib, "zz_borrowed_dependencies.pth").write_text("\n".join(ours) + "\n")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND")}
    return py, clean


def test_wheel_installs_into_a_fresh_venv_and_loads_every_table(fresh_install, tmp_path):
    py, clean = fresh_install
    script = textwrap.dedent("""
        import sys, summitry
        from pathlib import Path
        assert Path(summitry.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()), summitry.__file__
        for version in summitry.versions():
            for table in summitry.tables(version):
                df = summitry.load_table(table, version)
                assert len(df) > 0, (version, table)
            summitry.load_events(version, geo=True)
            summitry.load_places(version, geo=True)
        print(summitry.versions(), summitry.cite(format="apa").strip())
    """)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = subprocess.run([str(py), "-c", script], cwd=outside, capture_output=True, text=True, env=clean)
    assert run.returncode == 0, run.stderr
    assert "1.0.0" in run.stdout and "1.1.0" in run.stdout
    show = subprocess.run([str(py.parent / "summitry"), "show"], cwd=outside, capture_output=True, text=True, env=clean)
    assert show.returncode == 0, show.stderr
    assert "Make a visit: Vladimir Putin -> Kim Jong Un" in show.stdout
