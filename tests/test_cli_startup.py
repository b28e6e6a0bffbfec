"""`summitry --help` and `summitry --version` start without the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import summitry

TOOLKIT = str(Path(__file__).resolve().parents[1] / "toolkit")
PROBE = """
import sys
sys.argv = ["summitry", *{args!r}]
from summitry.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("pandas", "pyarrow", "numpy", "geopandas", "ibis", "duckdb") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def _run(*args: str) -> str:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [TOOLKIT, os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return done.stdout


@pytest.mark.parametrize("args", [("--help",), ("--version",)])
def test_startup_imports_no_heavy_library(args):
    out = _run(*args)
    assert out.strip().splitlines()[-1] == "HEAVY:", out


def test_version_names_the_package_and_the_latest_release():
    out = _run("--version")
    assert f"summitry {summitry.__version__}" in out
    assert f"dataset release {summitry.versions()[-1]}" in out


def test_lazy_choices_still_refuse_a_bad_value():
    from click.testing import CliRunner

    from summitry.cli import main

    result = CliRunner().invoke(main, ["export", "events", "--format", "xls", "--out", "x.xls"])
    assert result.exit_code == 2
    assert "parquet" in result.output and "dta" in result.output
