"""Covariates benchmark: the COW directed panel 1816-2024 with all seven covariates.

    python benchmarks/panels.py [--repeat 2]

1. Builds ``summitry.dyad_years("cow", directed=True)`` (about 2.2 million dyad-years;
   timed) and writes it to ``benchmarks/_data/panel_cow.parquet``.
2. Times, in one run and each in a fresh process (so peak RSS is that task's own, read
   with psutil), on the pandas panel read back from that file:
   - summitry: ``add_contiguity, add_capital_distance, add_minimum_distance,
     add_atop_alliance, add_cow_majors, add_nmc, add_archigos`` one after the other;
   - the peer: one hand-written DuckDB SQL query doing the same joins (and haversine)
     over the same shipped Parquet files, returned as pandas;
   and checks that the two give the same values.

Targets: summitry at most 1.3x the SQL's time; peak RSS at most 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PANEL = HERE / "_data" / "panel_cow.parquet"
DATA = HERE.parent / "toolkit" / "summitry" / "analysis" / "covariates" / "data"

SQL = """
WITH cap AS (SELECT ccode, year, radians(lat) AS la, radians(lng) AS lo FROM '{d}/cow_capitals.parquet')
SELECT p.*,
  CASE WHEN p.year BETWEEN 1816 AND 2016 THEN coalesce(ct.conttype, 0) END::TINYINT AS conttype,
  (2 * 6371.0088 * asin(sqrt(sin((c2.la - c1.la) / 2) ^ 2
     + cos(c1.la) * cos(c2.la) * sin((c2.lo - c1.lo) / 2) ^ 2))) AS capdist,
  md.mindist,
  {atop},
  CASE WHEN p.year BETWEEN 1816 AND 2016 THEN coalesce(m1.cowmaj, 0) END::TINYINT AS cowmaj1,
  CASE WHEN p.year BETWEEN 1816 AND 2016 THEN coalesce(m2.cowmaj, 0) END::TINYINT AS cowmaj2,
  {nmc},
  a1.obsid AS obsid1, a1.leadid AS leadid1, a1.leader AS leader1, a1.leader_years AS leader_years1,
  a2.obsid AS obsid2, a2.leadid AS leadid2, a2.leader AS leader2, a2.leader_years AS leader_years2
FROM panel p
LEFT JOIN '{d}/cow_contdir.parquet' ct ON ct.ccode1 = p.ccode1 AND ct.ccode2 = p.ccode2 AND ct.year = p.year
LEFT JOIN cap c1 ON c1.ccode = p.ccode1 AND c1.year = p.year
LEFT JOIN cap c2 ON c2.ccode = p.ccode2 AND c2.year = p.year
LEFT JOIN '{d}/cow_mindist.parquet' md ON md.ccode1 = least(p.ccode1, p.ccode2)
  AND md.ccode2 = greatest(p.ccode1, p.ccode2) AND md.year = p.year
LEFT JOIN '{d}/atop_alliance.parquet' al ON al.ccode1 = least(p.ccode1, p.ccode2)
  AND al.ccode2 = greatest(p.ccode1, p.ccode2) AND al.year = p.year
LEFT JOIN '{d}/cow_majors.parquet' m1 ON m1.ccode = p.ccode1 AND m1.year = p.year
LEFT JOIN '{d}/cow_majors.parquet' m2 ON m2.ccode = p.ccode2 AND m2.year = p.year
LEFT JOIN '{d}/cow_nmc.parquet' n1 ON n1.ccode = p.ccode1 AND n1.year = p.year
LEFT JOIN '{d}/cow_nmc.parquet' n2 ON n2.ccode = p.ccode2 AND n2.year = p.year
LEFT JOIN '{d}/cow_archigos.parquet' a1 ON a1.ccode = p.ccode1 AND a1.year = p.year
LEFT JOIN '{d}/cow_archigos.parquet' a2 ON a2.ccode = p.ccode2 AND a2.year = p.year
ORDER BY p.ccode1, p.ccode2, p.year
"""
PLEDGES = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
NMC = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


def sql() -> str:
    atop = ",\n  ".join(f"CASE WHEN p.year BETWEEN 1815 AND 2018 THEN coalesce(al.{c}, 0) END::TINYINT AS {c}"
                        for c in PLEDGES)
    nmc = ", ".join(f"n{i}.{c} AS {c}{i}" for i in (1, 2) for c in NMC)
    return SQL.format(d=DATA, atop=atop, nmc=nmc)


def task(which: str, out: str) -> None:
    """One contender in this process: time it, write seconds and peak RSS to ``out``."""
    import pandas as pd
    import psutil

    panel = pd.read_parquet(PANEL)
    peak = 0
    t0 = time.perf_counter()
    if which == "summitry":
        import summitry

        for add in (summitry.add_contiguity, summitry.add_capital_distance, summitry.add_minimum_distance,
                    summitry.add_atop_alliance, summitry.add_cow_majors, summitry.add_nmc, summitry.add_archigos):
            panel = add(panel)
            peak = max(peak, psutil.Process().memory_info().rss)
        result = panel
    else:
        import duckdb

        con = duckdb.connect()
        con.register("panel", panel)
        result = con.sql(sql()).df()
    seconds = time.perf_counter() - t0
    info = psutil.Process().memory_info()
    peak = max(peak, getattr(info, "peak_wset", 0), _maxrss(), info.rss)
    result.to_parquet(HERE / "_data" / f"result_{which}.parquet")
    Path(out).write_text(json.dumps({"seconds": seconds, "peak_rss": peak, "rows": len(result)}))


def _maxrss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def run(which: str) -> dict[str, float]:
    out = HERE / "_data" / f"{which}.json"
    subprocess.run([sys.executable, __file__, "--task", which, "--out", str(out)], check=True)
    return dict(json.loads(out.read_text()))


def same(a_path: Path, b_path: Path) -> None:
    import numpy as np
    import pandas as pd

    a = pd.read_parquet(a_path).sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    b = pd.read_parquet(b_path).sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    assert list(a.columns) == list(b.columns), (a.columns, b.columns)
    for c in a.columns:
        x, y = a[c], b[c]
        if x.dtype.kind == "f" or y.dtype.kind == "f":
            assert np.allclose(x.astype("float64"), y.astype("float64"), rtol=1e-12, equal_nan=True), c
        else:
            assert x.astype(object).where(x.notna(), None).equals(y.astype(object).where(y.notna(), None)), c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs of each contender; the best counts")
    ap.add_argument("--task", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.task:
        task(args.task, args.out)
        return
    import psutil

    import summitry

    PANEL.parent.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    panel = summitry.dyad_years("cow", directed=True)
    build = time.perf_counter() - t0
    panel.to_parquet(PANEL)
    print(f"dyad_years('cow', directed=True): {len(panel):,} rows, {panel['year'].min()}-{panel['year'].max()}, "
          f"{build:.1f} s")
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.1f} GiB, load {os.getloadavg()[0]:.1f}")
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.repeat):
        for which in ("sql", "summitry"):
            r = run(which)
            if which not in best or r["seconds"] < best[which]["seconds"]:
                best[which] = r
    same(HERE / "_data" / "result_summitry.parquet", HERE / "_data" / "result_sql.parquet")
    s, q = best["summitry"], best["sql"]
    print(f"summitry add_* x7: {s['seconds']:.2f} s, peak RSS {s['peak_rss'] / 2**20:,.0f} MB")
    print(f"DuckDB SQL:        {q['seconds']:.2f} s, peak RSS {q['peak_rss'] / 2**20:,.0f} MB")
    ratio = s["seconds"] / q["seconds"]
    print(f"ratio {ratio:.2f}x (target <= 1.3x); peak {s['peak_rss'] / 2**30:.2f} GB (target <= 2 GB); "
          "same values: yes")


if __name__ == "__main__":
    main()
