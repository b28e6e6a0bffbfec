"""Benchmark: summitry.validation.validate against pandera and a hand-written DuckDB pass.

Generates a synthetic GDELT-like table (imported-events columns, 15 of them) with
violations injected at known rows, then in one run times, each in its own process:

  summitry  summitry.validate(path) on the Parquet file
  duckdb    one hand-written SQL pass counting the same rules (plus a GROUP BY for keys)
  pandera   the same rules as a pandera DataFrameSchema (pandas backend), lazy validation

and checks that each finds exactly the injected counts. Prints times, ratios and peak
RSS (each tool in a fresh process). Usage:

  python benchmarks/validate.py                 # 1M and 10M rows
  python benchmarks/validate.py --rows 1000000  # one size
  python benchmarks/validate.py --huge 24       # also a GDELT file of >= 24 GB (bigger than free RAM)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "toolkit"))

# per million rows, each in its own rows: (summitry rule code, count)
INJECT = {
    "lost-leading-zero": 700, "padded-code": 600, "null-code": 500, "unknown-event-code": 400,
    "root-code-mismatch": 300, "quad-class-mismatch": 800, "goldstein-mismatch": 900, "pattern": 650,
    "unknown-country": 550, "latitude-range": 120, "longitude-range": 130, "null-island": 1000,
    "date-in-future": 90, "date-before-1800": 80, "date-far-from-added": 1500, "duplicate-key": 250,
    "required": 60,
}
def expected_counts(n: int) -> dict[str, int]:
    return {k: v * n // 1_000_000 for k, v in INJECT.items()}


def generate(n: int, path: Path, seed: int = 1) -> dict[str, int]:
    """Write the synthetic table; returns the injected count per rule."""
    from summitry import schema
    from summitry.eventdata import imported

    rng = np.random.default_rng(seed)
    info = schema.event_code_info()
    codes = np.array(sorted(info))
    iso = np.array(sorted(r["iso3c"] for r in schema.codelist("countries") if r["status"] == "iso_current"))
    ci = rng.integers(0, len(codes), n)
    code = codes[ci]
    base = np.array([info[c]["base_code"] for c in codes])[ci]
    root = np.array([info[c]["root_code"] for c in codes])[ci]
    quad = np.array([int(info[c]["quad_class"]) for c in codes])[ci]
    gold = np.array([float(info[c]["goldstein"]) for c in codes])[ci]
    src_c = iso[rng.integers(0, len(iso), n)]
    tgt_c = iso[rng.integers(0, len(iso), n)]
    src_a = np.char.add(src_c, np.array(["GOV", "MIL", "BUS", ""])[rng.integers(0, 4, n)])
    tgt_a = np.char.add(tgt_c, np.array(["GOV", "MIL", "BUS", ""])[rng.integers(0, 4, n)])
    added = np.datetime64("2020-01-01") + rng.integers(0, 1500, n).astype("timedelta64[D]")
    date = added - rng.integers(0, 30, n).astype("timedelta64[D]")
    lat = rng.uniform(-60, 70, n).round(4)
    lon = rng.uniform(-170, 170, n).round(4)
    ids = np.arange(500_000_000, 500_000_000 + n).astype(str).astype(object)
    added = added.astype(object)
    date = date.astype(object)

    counts = expected_counts(n)
    rows = rng.permutation(n)[: sum(counts.values()) * 2]
    # duplicates copy the id of a row that is itself untouched, so keep a reserve of those
    pos = 0
    take = {}
    for k, c in counts.items():
        take[k] = rows[pos:pos + c]
        pos += c
    originals = rows[pos:pos + counts["duplicate-key"]]
    code, base, root, src_a, tgt_a = (x.astype(object) for x in (code, base, root, src_a, tgt_a))
    src_c = src_c.astype(object)
    t = take
    zero = np.array([c.startswith("0") and len(c) == 3 and c[1:] not in info for c in codes])[ci]
    lz = t["lost-leading-zero"]
    # pick rows whose code has a leading zero and whose unzeroed form is not a real code
    pick = np.flatnonzero(zero & np.isin(np.arange(n), rows, invert=True))[: len(lz)]
    t["lost-leading-zero"] = pick
    code[pick] = [c[1:] for c in code[pick]]
    src_a[t["padded-code"]] = [" " + a for a in src_a[t["padded-code"]]]
    code[t["null-code"]], base[t["null-code"]], root[t["null-code"]] = "---", None, None
    code[t["unknown-event-code"]], base[t["unknown-event-code"]], root[t["unknown-event-code"]] = "999", None, None
    rr = t["root-code-mismatch"]
    root[rr] = ["20" if r != "20" else "19" for r in root[rr]]
    qq = t["quad-class-mismatch"]
    quad[qq] = quad[qq] % 4 + 1
    gg = t["goldstein-mismatch"]
    gold[gg] = np.where(gold[gg] > 0, gold[gg] - 1.0, gold[gg] + 1.0)
    tgt_a[t["pattern"]] = [a.lower() for a in tgt_a[t["pattern"]]]
    src_c[t["unknown-country"]] = "ZZZ"
    lat[t["latitude-range"]] = 95.0
    lon[t["longitude-range"]] = 190.0
    lat[t["null-island"]], lon[t["null-island"]] = 0.0, 0.0
    import datetime as dt

    for i in t["date-in-future"]:
        date[i], added[i] = dt.date(2999, 1, 1), None
    for i in t["date-before-1800"]:
        date[i], added[i] = dt.date(1750, 1, 1), None
    for i in t["date-far-from-added"]:
        date[i] = date[i].replace(year=date[i].year - 100)  # the GDELT 1920-for-2020 erratum
    ids[t["duplicate-key"]] = ids[originals]
    ids[t["required"]] = None
    table = pa.table({
        "event_id": pa.array(ids, pa.string()), "date": pa.array(date, pa.date32()),
        "date_added": pa.array(added, pa.date32()), "source_actor_code": pa.array(src_a, pa.string()),
        "target_actor_code": pa.array(tgt_a, pa.string()), "source_country": pa.array(src_c, pa.string()),
        "target_country": pa.array(tgt_c, pa.string()), "event_code": pa.array(code, pa.string()),
        "base_code": pa.array(base, pa.string()), "root_code": pa.array(root, pa.string()),
        "quad_class": pa.array(quad, pa.int64()), "goldstein": pa.array(gold, pa.float64()),
        "latitude": pa.array(lat), "longitude": pa.array(lon), "origin": pa.array(["gdelt2"] * n, pa.string()),
    })
    assert set(table.column_names) <= set(imported.field_names())
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=1 << 20, compression="zstd")
    return counts


# --- the three tools, each run in a fresh process ---------------------------------------

def run_summitry(path: Path) -> dict[str, int]:
    import summitry

    report = summitry.validate(path, max_errors=1000)
    _ROWS.append(report.rows_checked)
    return {c: n for c, n in zip(report.counts.code, report.counts["count"], strict=False) if c != "missing-optional-column"}


def _codes_sql(con) -> None:
    from summitry import schema

    rows = [(r["code"], r["base_code"], r["root_code"], int(r["quad_class"]), float(r["goldstein"]))
            for r in schema.codelist("cameo_event_codes")]
    con.execute("CREATE TABLE codes(code VARCHAR, base VARCHAR, root VARCHAR, quad INT, gold DOUBLE)")
    con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?)", rows)
    con.execute("CREATE TABLE iso(c VARCHAR)")
    con.executemany("INSERT INTO iso VALUES (?)", [(r["iso3c"],) for r in schema.codelist("countries") if r["iso3c"]])


def run_duckdb(path: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect()
    _codes_sql(con)
    today = time.strftime("%Y-%m-%d")
    q = f"""
    WITH t AS (
      SELECT e.*, trim(event_code) AS code_t,
             CASE WHEN regexp_full_match(trim(event_code), '[0-9]{{1,3}}') AND ('0' || trim(event_code)) IN (SELECT code FROM codes)
                       AND trim(event_code) NOT IN (SELECT code FROM codes) THEN '0' || trim(event_code)
                  ELSE trim(event_code) END AS code_f
      FROM read_parquet('{path}') e),
    j AS (SELECT t.*, c.root AS x_root, c.quad AS x_quad, c.gold AS x_gold FROM t LEFT JOIN codes c ON c.code = t.code_f)
    SELECT
      count(*) FILTER (WHERE code_f <> code_t) AS lost,
      count(*) FILTER (WHERE source_actor_code <> trim(source_actor_code)) + count(*) FILTER (WHERE target_actor_code <> trim(target_actor_code))
        + count(*) FILTER (WHERE event_code <> trim(event_code)) AS padded,
      count(*) FILTER (WHERE code_t = '---') AS nullcode,
      count(*) FILTER (WHERE code_t <> '---' AND code_t <> '' AND code_f = code_t AND x_root IS NULL) AS unknown,
      count(*) FILTER (WHERE x_root IS NOT NULL AND root_code IS NOT NULL AND root_code <> x_root) AS rootmm,
      count(*) FILTER (WHERE quad_class BETWEEN 1 AND 4 AND x_quad IS NOT NULL AND quad_class <> x_quad) AS quadmm,
      count(*) FILTER (WHERE abs(goldstein - x_gold) > 0.05) AS goldmm,
      count(*) FILTER (WHERE source_actor_code = trim(source_actor_code) AND NOT regexp_full_match(source_actor_code, '[A-Z]{{3}}([A-Z]{{3}})*'))
        + count(*) FILTER (WHERE target_actor_code = trim(target_actor_code) AND NOT regexp_full_match(target_actor_code, '[A-Z]{{3}}([A-Z]{{3}})*')) AS pattern,
      count(*) FILTER (WHERE source_country NOT IN (SELECT c FROM iso)) + count(*) FILTER (WHERE target_country NOT IN (SELECT c FROM iso)) AS country,
      count(*) FILTER (WHERE latitude NOT BETWEEN -90 AND 90) AS lat,
      count(*) FILTER (WHERE longitude NOT BETWEEN -180 AND 180) AS lon,
      count(*) FILTER (WHERE latitude = 0 AND longitude = 0) AS island,
      count(*) FILTER (WHERE date > DATE '{today}') + count(*) FILTER (WHERE date_added > DATE '{today}') AS future,
      count(*) FILTER (WHERE date < DATE '1800-01-01') + count(*) FILTER (WHERE date_added < DATE '1800-01-01') AS early,
      count(*) FILTER (WHERE date_added - date > 366 OR date_added - date < -1) AS far,
      count(*) FILTER (WHERE event_id IS NULL OR trim(event_id) = '') AS required
    FROM j"""
    names = ["lost-leading-zero", "padded-code", "null-code", "unknown-event-code", "root-code-mismatch",
             "quad-class-mismatch", "goldstein-mismatch", "pattern", "unknown-country", "latitude-range",
             "longitude-range", "null-island", "date-in-future", "date-before-1800", "date-far-from-added",
             "required"]
    row = con.execute(q).fetchall()[0]
    out = dict(zip(names, row, strict=False))
    # count(DISTINCT) ignores nulls; the null ids are 'required', not duplicates
    out["duplicate-key"] = con.execute(
        f"SELECT count(*) - count(DISTINCT event_id) FROM read_parquet('{path}') WHERE event_id IS NOT NULL"
    ).fetchall()[0][0]
    return {k: int(v) for k, v in out.items() if v}


def run_pandera(path: Path) -> dict[str, int]:
    import datetime as dt

    import pandas as pd
    import pandera.pandas as pa_
    from pandera.errors import SchemaErrors

    from summitry import schema

    info = schema.event_code_info()
    codes = set(info)
    iso = {r["iso3c"] for r in schema.codelist("countries") if r["iso3c"]}
    df = pd.read_parquet(path)
    root_map = {k: v["root_code"] for k, v in info.items()}
    quad_map = {k: int(v["quad_class"]) for k, v in info.items()}
    gold_map = {k: float(v["goldstein"]) for k, v in info.items()}
    today = pd.Timestamp(dt.date.today())

    def fixed(code: pd.Series) -> pd.Series:
        t = code.str.strip()
        lost = t.str.fullmatch(r"[0-9]{1,3}").fillna(False) & ("0" + t).isin(codes) & ~t.isin(codes)
        return t.where(~lost, "0" + t), lost

    pattern = r"[A-Z]{3}([A-Z]{3})*"

    def actor_checks():
        return [pa_.Check(lambda s: s.isna() | (s == s.str.strip()), name="padded-code"),
                pa_.Check(lambda s: s.isna() | (s != s.str.strip()) | s.str.fullmatch(pattern).fillna(False),
                          name="pattern")]

    def date_checks():
        return [pa_.Check(lambda s: s.isna() | (pd.to_datetime(s) <= today), name="date-in-future"),
                pa_.Check(lambda s: s.isna() | (pd.to_datetime(s) >= pd.Timestamp("1800-01-01")), name="date-before-1800")]

    def frame_check(fn, name):
        return pa_.Check(fn, name=name)

    def root_ok(d):
        f, _ = fixed(d.event_code)
        x = f.map(root_map)
        return x.isna() | d.root_code.isna() | (d.root_code == x)

    def quad_ok(d):
        f, _ = fixed(d.event_code)
        x = f.map(quad_map)
        return x.isna() | ~d.quad_class.between(1, 4) | (d.quad_class == x)

    def gold_ok(d):
        f, _ = fixed(d.event_code)
        x = f.map(gold_map)
        return x.isna() | ((d.goldstein - x).abs() <= 0.05)

    def far_ok(d):
        gap = (pd.to_datetime(d.date_added) - pd.to_datetime(d.date)).dt.days
        return gap.isna() | ((gap <= 366) & (gap >= -1))

    def island_ok(d):
        return ~((d.latitude == 0) & (d.longitude == 0))

    def code_checks():
        return [
            pa_.Check(lambda s: ~fixed(s)[1], name="lost-leading-zero"),
            pa_.Check(lambda s: s.str.strip() != "---", name="null-code"),
            pa_.Check(lambda s: s.isna() | s.str.strip().isin(codes) | fixed(s)[1] | (s.str.strip() == "---"),
                      name="unknown-event-code"),
        ]

    sch = pa_.DataFrameSchema({
        "event_id": pa_.Column(str, nullable=False, unique=True, report_duplicates="exclude_first"),
        "date": pa_.Column(object, checks=date_checks(), nullable=True),
        "date_added": pa_.Column(object, checks=date_checks(), nullable=True),
        "source_actor_code": pa_.Column(str, checks=actor_checks(), nullable=True),
        "target_actor_code": pa_.Column(str, checks=actor_checks(), nullable=True),
        "source_country": pa_.Column(str, pa_.Check.isin(iso, name="unknown-country"), nullable=True),
        "target_country": pa_.Column(str, pa_.Check.isin(iso, name="unknown-country"), nullable=True),
        "event_code": pa_.Column(str, checks=code_checks(), nullable=False),
        "quad_class": pa_.Column(int),
        "goldstein": pa_.Column(float),
        "latitude": pa_.Column(float, pa_.Check(lambda s: s.between(-90, 90), name="latitude-range")),
        "longitude": pa_.Column(float, pa_.Check(lambda s: s.between(-180, 180), name="longitude-range")),
    }, checks=[frame_check(root_ok, "root-code-mismatch"), frame_check(quad_ok, "quad-class-mismatch"),
               frame_check(gold_ok, "goldstein-mismatch"), frame_check(far_ok, "date-far-from-added"),
               frame_check(island_ok, "null-island")], strict=False)
    try:
        sch.validate(df, lazy=True)
        return {}
    except SchemaErrors as exc:
        fc = exc.failure_cases
    out: dict[str, int] = {}
    for check, n in fc.groupby("check").size().items():
        name = str(check)
        if name == "field_uniqueness":
            name = "duplicate-key"
        elif name == "not_nullable":
            name = "required"
        elif name.startswith("isin") or "unknown-country" in name:
            name = "unknown-country"
        out[name] = out.get(name, 0) + int(n)
    # a row-wise frame check lists one failure case per column: count rows instead
    for name in ("root-code-mismatch", "quad-class-mismatch", "goldstein-mismatch", "date-far-from-added",
                 "null-island"):
        sub = fc[fc["check"] == name]
        if len(sub):
            out[name] = int(sub["index"].nunique())
    return out


_ROWS: list[int] = []
TOOLS = {"summitry": run_summitry, "duckdb": run_duckdb, "pandera": run_pandera}


def _peak_rss() -> int:
    """This process's own peak RSS (VmHWM starts afresh at exec, unlike ru_maxrss after a fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(tool: str, path: str) -> None:
    t = time.perf_counter()
    counts = TOOLS[tool](Path(path))
    seconds = time.perf_counter() - t
    peak = _peak_rss()
    print(json.dumps({"seconds": seconds, "peak_rss": peak, "counts": counts, "rows": sum(_ROWS) or None}))


def measure(tool: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", tool, str(path)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "toolkit")})
    if out.returncode:
        raise SystemExit(f"{tool} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(n: int, tools=("summitry", "duckdb", "pandera")) -> dict:
    path = DATA / f"validate-{n}.parquet"
    expected = expected_counts(n)
    if not path.exists():
        generate(n, path)
    results = {}
    for tool in tools:
        r = measure(tool, path)
        r["exact"] = r["counts"] == expected
        results[tool] = r
    print(f"\n{n:,} rows, {path.stat().st_size / 1e6:,.0f} MB Parquet, {sum(expected.values()):,} injected violations")
    for tool, r in results.items():
        diff = {k: (r['counts'].get(k), v) for k, v in expected.items() if r["counts"].get(k) != v}
        extra = {k: v for k, v in r["counts"].items() if k not in expected}
        print(f"  {tool:<9} {r['seconds']:8.2f} s  peak RSS {r['peak_rss'] / 2**20:7,.0f} MB  "
              f"exact counts: {'yes' if r['exact'] else 'NO ' + str(diff) + str(extra)}")
    if "summitry" not in results:
        return results
    s = results["summitry"]["seconds"]
    if "duckdb" in results:
        print(f"  summitry / duckdb  time ratio: {s / results['duckdb']['seconds']:.2f}x")
    if "pandera" in results:
        print(f"  pandera / summitry time ratio: {results['pandera']['seconds'] / s:.1f}x faster")
    return results


def huge(gigabytes: float) -> None:
    """Validate a GDELT 2.0 text file larger than the memory that is free."""
    import psutil

    sys.path.insert(0, str(HERE))
    from scale_import import write_gdelt2

    free = psutil.virtual_memory().available
    path = DATA / "huge.export.CSV"
    target = max(int(gigabytes * 2**30), free + (1 << 30))
    if not path.exists() or path.stat().st_size < max(int(gigabytes * 2**30), free):
        write_gdelt2(path, target_bytes=target)
    print(f"\nhuge: {path.stat().st_size / 2**30:.1f} GiB GDELT 2.0 file; available memory "
          f"{free / 2**30:.1f} GiB of {psutil.virtual_memory().total / 2**30:.1f} GiB")
    r = measure("summitry", path)
    print(f"  summitry {r['seconds']:8.1f} s  {r['rows']:,} rows ({r['rows'] / r['seconds']:,.0f} rows/s)  "
          f"peak RSS {r['peak_rss'] / 2**20:,.0f} MB  failures {r['counts'] or 'none'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, action="append")
    ap.add_argument("--tools", default="summitry,duckdb,pandera")
    ap.add_argument("--huge", type=float, default=None, help="also validate a GDELT file of at least this many GB")
    ap.add_argument("--child", nargs=2, metavar=("TOOL", "PATH"))
    a = ap.parse_args()
    if a.child:
        _child(*a.child)
        return
    for n in a.rows or [1_000_000, 10_000_000]:
        bench(n, a.tools.split(","))
    if a.huge:
        huge(a.huge)


if __name__ == "__main__":
    main()
