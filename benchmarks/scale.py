"""Scale benchmark: visit_frequency + dyad_years on 10M and 100M events, DuckDB and Spark.

    python benchmarks/scale.py [--dir DIR] [--sizes 10M,100M] [--no-spark] [--no-import] [--repeat 2]

1. Generates Parquet datasets in the imported-events layout (hive ``year=YYYY/`` folders,
   events-schema column names, CAMEO codes as strings) with DuckDB, once per size (kept
   in ``--dir`` and reused).
2. Times, in one run and each in a fresh process (so peak RSS is that task's own):
   - summitry: ``visit_frequency(path, unit="day", coverage="all")`` then
     ``dyad_years("cow", start=1979, end=2024, visits=path, coverage="all")`` on the default
     engine (DuckDB, lazily): visit-days (one guest, host and day with a 042/043 report),
     everything covered, states paired only if members on one same day of the year;
   - the peer: one hand-written DuckDB SQL script computing the same two tables from the
     same files and the same small reference tables (membership, ISO-code spells);
   - summitry on Spark local mode (``engine=spark``), reported without a target.
   and checks that summitry and the SQL give the same tables (every value of every column
   they share, through an order-free digest of the rows).
3. If ``benchmarks/scale_import.py`` exists, runs it too (unless ``--no-import``), so one run
   reports everything.

Targets: summitry at most 1.3x the SQL's time; peak RSS at most 2 GB at 100M rows.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
START, END = 1979, 2024


def rows_of(size: str) -> int:
    return int(float(size[:-1]) * {"K": 1e3, "M": 1e6}[size[-1].upper()])


# --- data ---------------------------------------------------------------------------------

def generate(root: Path, n: int) -> Path:
    """``n`` synthetic events in the imported-events layout; returns the dataset folder."""
    import duckdb
    import pandas as pd

    from summitry import schema

    out = root / f"events-{n}"
    if (out / "_done").exists():
        return out
    # Countries weighted like event data: a few states in most events.
    isos = sorted(r["iso3c"] for r in schema.codelist("countries") if r["iso3c"] and r["cown"])
    codes = sorted(r["code"] for r in schema.codelist("cameo_event_codes"))
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    con.register("iso", pd.DataFrame({"i": range(len(isos)), "iso": isos}))
    con.register("code", pd.DataFrame({"i": range(len(codes)), "code": codes}))
    niso, ncodes = len(isos), len(codes)
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        import shutil

        shutil.rmtree(tmp)
    # Countries skewed like event data (a few states in most events: index = n * u^3);
    # about 4% of events are 042/043, as in GDELT; 3% lack a country on one side.
    con.execute(f"""
        COPY (
          WITH e AS (
            SELECT range AS k,
              DATE '{START}-01-01' + CAST(floor(random() * (DATE '{END}-12-31' - DATE '{START}-01-01' + 1)) AS INTEGER) AS date,
              CAST(floor({niso} * pow(random(), 3)) AS INTEGER) AS si,
              CAST(floor({niso} * pow(random(), 3)) AS INTEGER) AS ti,
              random() AS u4, random() AS u5,
              CAST(floor(random() * {ncodes}) AS INTEGER) AS ci
            FROM range({n})
          )
          SELECT 'bench-' || CAST(k AS VARCHAR) AS event_id, e.date,
                 s.iso || 'GOV' AS source_actor_code,
                 CASE WHEN e.u5 < 0.015 THEN NULL ELSE s.iso END AS source_country,
                 t.iso || 'GOV' AS target_actor_code,
                 CASE WHEN e.u5 > 0.985 THEN NULL ELSE t.iso END AS target_country,
                 CASE WHEN e.u4 < 0.02 THEN '042' WHEN e.u4 < 0.04 THEN '043' ELSE c.code END AS event_code,
                 year(e.date) AS year
          FROM e JOIN iso s ON s.i = e.si JOIN iso t ON t.i = e.ti JOIN code c ON c.i = e.ci
        ) TO '{tmp}' (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd)
    """)
    tmp.rename(out)
    (out / "_done").write_text(str(n))
    return out


# --- the tasks, each run in its own process ----------------------------------------------------

def task_summitry(path: str, engine=None) -> dict:
    # Imports stay outside the timings, as duckdb's does for the SQL.
    import ibis.backends.duckdb
    if engine is not None:
        import ibis.backends.pyspark  # noqa: F401

    import pyarrow.dataset
    import pyarrow.pandas_compat
    import pyarrow.parquet  # noqa: F401

    import summitry
    import summitry.analysis.episodes
    import summitry.dataset
    import summitry.eventdata

    # The lazy top-level names load their modules on first use: load them before the clock too.
    summitry.visit_frequency, summitry.dyad_years  # noqa: B018

    t0 = time.perf_counter()
    # Visit-days, everything covered: what the hand-written SQL computes. (Event data declares
    # no coverage, so without coverage="all" every count would be empty.)
    freq = summitry.visit_frequency(path, unit="day", coverage="all", engine=engine)
    t1 = time.perf_counter()
    panel = summitry.dyad_years("cow", start=START, end=END, visits=path, coverage="all", engine=engine)
    t2 = time.perf_counter()
    return {"frequency_s": t1 - t0, "dyad_years_s": t2 - t1, "total_s": t2 - t0,
            "frequency_rows": len(freq), "visits": int(freq["visits"].sum()),
            "panel_rows": len(panel), "panel_visits": int(panel["visits"].sum()),
            "checksum": _checksum(freq, panel)}


def task_spark(path: str) -> dict:
    import warnings

    from pyspark.sql import SparkSession

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spark = (SparkSession.builder.master("local[2]").appName("summitry-bench")
                 .config("spark.ui.enabled", "false").config("spark.driver.memory", "6g")
                 .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    peak = _watch_children()
    t0 = time.perf_counter()
    out = task_summitry(path, engine=spark)
    out["with_startup_s"] = out["total_s"] + (t0 - T_START)
    out["jvm_peak_rss_mb"] = peak[0]
    spark.stop()
    return out


def _watch_children(every: float = 0.25) -> list:
    """Poll the resident memory of this process's children (Spark's JVM); [peak MB] so far."""
    import threading

    import psutil

    peak = [0.0]

    def watch():
        me = psutil.Process()
        while True:
            total = 0
            for c in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += c.memory_info().rss
            peak[0] = max(peak[0], total / 2**20)
            time.sleep(every)

    threading.Thread(target=watch, daemon=True).start()
    return peak


# One query per table, each from the files, as summitry's two calls are.
DAYS = """
  SELECT DISTINCT
    CASE WHEN event_code = '042' THEN source_country ELSE target_country END AS guest,
    CASE WHEN event_code = '042' THEN target_country ELSE source_country END AS host,
    CAST(date AS DATE) AS date
  FROM read_parquet('{path}/**/*.parquet', hive_partitioning = true)
  WHERE event_code IN ('042', '043') AND source_country IS NOT NULL AND target_country IS NOT NULL
    AND source_country <> target_country
"""

FREQ_SQL = """
  WITH days AS ({days})
  SELECT guest AS guest_country, host AS host_country, year, visits,
         year - lag(year) OVER (PARTITION BY guest, host ORDER BY year) AS years_since_last,
         true AS covered
  FROM (SELECT guest, host, year(date) AS year, count(*) AS visits FROM days GROUP BY ALL)
  ORDER BY guest_country, host_country, year
"""

PANEL_SQL = """
  WITH days AS ({days}), counts AS (
  SELECT coalesce(gs.code, gf.code) AS code1, coalesce(hs.code, hf.code) AS code2,
         year(d.date) AS year, count(*) AS visits
  FROM days d
  LEFT JOIN spells gs ON gs.iso3 = d.guest AND d.date BETWEEN gs.start AND gs."end"
  LEFT JOIN fallback gf ON gf.iso3 = d.guest
  LEFT JOIN spells hs ON hs.iso3 = d.host AND d.date BETWEEN hs.start AND hs."end"
  LEFT JOIN fallback hf ON hf.iso3 = d.host
  WHERE year(d.date) <= {end} AND coalesce(gs.code, gf.code) IS NOT NULL
    AND coalesce(hs.code, hf.code) IS NOT NULL
  GROUP BY ALL
  ), pairs AS (
    -- two states form a dyad in a year only if both were members on one same day of it
    SELECT DISTINCT a.code AS code1, b.code AS code2, a.year, a.iso3 AS iso3_1, b.iso3 AS iso3_2
    FROM sy a JOIN sy b ON a.year = b.year AND a.code <> b.code
      AND a."first" <= b."last" AND b."first" <= a."last"
  ), all_rows AS (
    SELECT p.*, coalesce(c.visits, 0) AS visits, true AS in_panel
    FROM pairs p LEFT JOIN counts c USING (code1, code2, year)
    UNION ALL
    SELECT c.code1, c.code2, c.year, NULL, NULL, c.visits, false
    FROM counts c ANTI JOIN pairs p USING (code1, code2, year)
  )
  SELECT * EXCLUDE (in_panel) FROM (
    SELECT code1 AS ccode1, code2 AS ccode2, year, iso3_1, iso3_2, visits,
           year - max(CASE WHEN visits > 0 THEN year END) OVER (
             PARTITION BY code1, code2 ORDER BY year ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS years_since_last, true AS covered, in_panel
    FROM all_rows)
  WHERE in_panel
  ORDER BY ccode1, ccode2, year
"""


def task_sql(path: str) -> dict:
    import duckdb
    import pyarrow.pandas_compat  # noqa: F401

    from summitry.analysis import states

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    t0 = time.perf_counter()
    # Each state's days of membership in each year (code, year, first, last), with its ISO code.
    sy = states.year_spells("cow", START, END)
    sy = sy.merge(states.code_iso3("cow", sy), on=["code", "year"], how="left")
    con.register("sy", sy)
    con.register("spells", states.iso_spells("cow"))
    con.register("fallback", states.iso_fallback("cow"))
    days = DAYS.format(path=path)
    # Results through Arrow, the fastest way from DuckDB to pandas (summitry goes the same way).
    freq = con.sql(FREQ_SQL.format(days=days)).to_arrow_table().to_pandas()
    t1 = time.perf_counter()
    panel = con.sql(PANEL_SQL.format(days=days, end=END)).to_arrow_table().to_pandas()
    t2 = time.perf_counter()
    return {"frequency_s": t1 - t0, "dyad_years_s": t2 - t1, "total_s": t2 - t0,
            "frequency_rows": len(freq), "visits": int(freq["visits"].sum()),
            "panel_rows": len(panel), "panel_visits": int(panel["visits"].sum()),
            "checksum": _checksum(freq, panel)}


FREQ_COLUMNS = ["guest_country", "host_country", "year", "visits", "years_since_last", "covered"]
PANEL_COLUMNS = ["ccode1", "ccode2", "year", "iso3_1", "iso3_2", "visits", "years_since_last", "covered"]


def _digest(df, columns: list) -> int:
    """An order-free digest of every value in ``columns``: the sum of the rows' hashes.

    Values are normalised first (text as str, empty as a sentinel, numbers as int64, flags as
    0/1) so that the same table from pandas, Arrow or nullable dtypes digests the same."""
    import pandas as pd

    norm = {}
    for c in columns:
        col = df[c]
        if pd.api.types.is_bool_dtype(col):
            norm[c] = col.astype("int64")
        elif pd.api.types.is_numeric_dtype(col):
            norm[c] = pd.to_numeric(col).astype("float64").fillna(-1).astype("int64")
        else:
            norm[c] = col.astype(object).where(col.notna(), "<NA>").astype(str)
    rows = pd.util.hash_pandas_object(pd.DataFrame(norm), index=False)
    return int(rows.to_numpy().sum(dtype="uint64"))


def _checksum(freq, panel) -> list:
    """Both tables, enough to tell whether two runs computed the same thing: sizes, sums and a
    digest of every shared column's values."""
    f = freq["years_since_last"].astype("float").fillna(-1)
    p = panel["years_since_last"].astype("float").fillna(-1)
    return [len(freq), int(freq["visits"].sum()), float(f.sum()),
            len(panel), int(panel["visits"].sum()), float(p.sum()),
            int((panel["ccode1"] * panel["visits"]).sum()),
            int(freq["covered"].sum()), int(panel["covered"].sum()),
            _digest(freq, FREQ_COLUMNS), _digest(panel, PANEL_COLUMNS)]


T_START = time.perf_counter()


def child(kind: str, path: str) -> None:
    fn = {"summitry": task_summitry, "sql": task_sql, "spark": task_spark}[kind]
    out = fn(path)
    out["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(out))


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Unlike ru_maxrss, it starts afresh at exec,
    so a child does not inherit the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(kind: str, path: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent / "toolkit"), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(path)], env=env,
                          capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode or not lines:
        raise SystemExit(f"{kind} on {path} failed:\n{proc.stderr[-3000:]}")
    out = json.loads(lines[-1][7:])
    return out


def machine() -> str:
    import duckdb
    import ibis

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, Ibis {ibis.__version__}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=os.environ.get("SUMMITRY_BENCH_DIR", "/tmp/summitry-bench"))
    ap.add_argument("--sizes", default="10M,100M")
    ap.add_argument("--repeat", type=int, default=3, help="runs per task; the best is reported")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--no-import", action="store_true", help="skip benchmarks/scale_import.py")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    sys.path.insert(0, str(HERE.parent / "toolkit"))
    root = Path(args.dir)
    root.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    kinds = ["sql", "summitry"] + ([] if args.no_spark else ["spark"])
    for size in args.sizes.split(","):
        n = rows_of(size)
        t0 = time.perf_counter()
        path = generate(root, n)
        print(f"\n{size} events ({n:,} rows) in {path} (ready in {time.perf_counter() - t0:.0f} s)")
        # Interleaved (sql, summitry, sql, summitry, ...) so both meet the same load on a
        # shared machine; the best run of each is reported, and the median paired ratio.
        runs = {kind: [] for kind in kinds}
        for i in range(args.repeat):
            for kind in kinds:
                if kind == "spark" and i:
                    continue  # minutes per run: once is enough for a number without a target
                runs[kind].append(run_child(kind, path))
        results = {}
        for kind, rs in runs.items():
            results[kind] = dict(min(rs, key=lambda r: r["total_s"]))
            results[kind]["peak_rss_mb"] = max(r["peak_rss_mb"] for r in rs)
        paired = sorted(a["total_s"] / b["total_s"] for a, b in zip(runs["summitry"], runs["sql"], strict=False))
        same = results["summitry"]["checksum"] == results["sql"]["checksum"]
        ref = results["sql"]["total_s"]
        print(f"  {'task':<10} {'frequency':>10} {'dyad_years':>11} {'total':>8} {'vs SQL':>7} {'peak RSS':>9}")
        for kind, r in results.items():
            print(f"  {kind:<10} {r['frequency_s']:>9.2f}s {r['dyad_years_s']:>10.2f}s {r['total_s']:>7.2f}s "
                  f"{r['total_s'] / ref:>6.2f}x {r['peak_rss_mb']:>7.0f}MB")
        r = results["summitry"]
        print(f"  same tables as the SQL: {same}; {r['visits']:,} visits in {r['frequency_rows']:,} dyad-years "
              f"of counts; panel of {r['panel_rows']:,} dyad-years {START}-{END}")
        ratio = r["total_s"] / ref
        print(f"  paired runs, summitry / SQL: {', '.join(f'{x:.2f}' for x in paired)} "
              f"(median {paired[len(paired) // 2]:.2f}x)")
        print(f"  target <= 1.3x SQL: {'met' if ratio <= 1.3 else 'MISSED'} ({ratio:.2f}x, best against best); "
              f"target <= 2048 MB peak RSS: {'met' if r['peak_rss_mb'] <= 2048 else 'MISSED'} ({r['peak_rss_mb']:.0f} MB)")
        if "spark" in results:
            s = results["spark"]
            print(f"  spark local[2]: {s['total_s']:.1f}s for the analyses, {s['with_startup_s']:.1f}s with JVM start; "
                  f"JVM peak RSS {s['jvm_peak_rss_mb']:.0f} MB; same tables: {s['checksum'] == results['sql']['checksum']}")
    other = HERE / "scale_import.py"
    if other.exists() and not args.no_import:
        print(f"\n{other.name}:")
        subprocess.run([sys.executable, str(other)], check=False)


if __name__ == "__main__":
    main()
