"""Benchmark: summitry.import_events on GDELT 2.0-shaped files against raw parsers.

Generates GDELT 2.0 event files (the 61-column tab-separated layout, no header) of
1M and 10M rows, then times on the 10M-row file, in one run:

  summitry   summitry.import_events(file, out)  (parse, map to the events schema,
             normalise codes, write a zstd Parquet dataset partitioned by year)
  pyarrow    a raw pyarrow.csv streaming parse of the same file, every column as text
  gdelt      the `gdelt` PyPI package's own parser, if it can run offline on local files

and prints rows/s and ratios. Usage:

  python benchmarks/scale_import.py              # 1M and 10M rows
  python benchmarks/scale_import.py --rows 1000000

Other scripts can call :func:`write_gdelt2` (data) and :func:`run` (the comparison).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
sys.path.insert(0, str(HERE.parent / "toolkit"))

CHUNK = 500_000


def _chunk(rng, start: int, n: int) -> pa.Table:
    from summitry import schema
    from summitry.eventdata import gdelt

    info = schema.event_code_info()
    codes = np.array(sorted(c for c in info if len(c) >= 3))
    rows = {r["iso3c"]: r for r in schema.codelist("countries") if r["iso3c"] and r["fips"] and r["cameo"]}
    iso = np.array(sorted(rows))
    fips = np.array([rows[i]["fips"] for i in iso])
    cols = gdelt.columns("gdelt2")
    out = {c: pa.nulls(n, pa.string()) for c in cols}
    ci = rng.integers(0, len(codes), n)
    code = codes[ci]
    added = np.datetime64("2016-01-01") + rng.integers(0, 3000, n).astype("timedelta64[D]")
    date = added - rng.integers(0, 20, n).astype("timedelta64[D]")
    s1, s2, g = (rng.integers(0, len(iso), n) for _ in range(3))
    day = np.char.replace(date.astype(str), "-", "")
    text = lambda a: pa.array(a.astype(str), pa.string())  # noqa: E731
    out.update({
        "GLOBALEVENTID": text(np.arange(start, start + n) + 400_000_000),
        "SQLDATE": text(day), "MonthYear": text(day.astype("<U6")),
        "Year": text(day.astype("<U4")), "FractionDate": text(np.round(2016 + rng.random(n) * 8, 4)),
        "Actor1Code": text(np.char.add(iso[s1], "GOV")), "Actor1Name": text(iso[s1]),
        "Actor1CountryCode": text(iso[s1]), "Actor1Type1Code": pa.array(["GOV"] * n),
        "Actor2Code": text(np.char.add(iso[s2], "MIL")), "Actor2Name": text(iso[s2]),
        "Actor2CountryCode": text(iso[s2]), "Actor2Type1Code": pa.array(["MIL"] * n),
        "IsRootEvent": text(rng.integers(0, 2, n)), "EventCode": text(code),
        "EventBaseCode": text(np.array([info[c]["base_code"] for c in codes])[ci]),
        "EventRootCode": text(np.array([info[c]["root_code"] for c in codes])[ci]),
        "QuadClass": text(np.array([info[c]["quad_class"] for c in codes])[ci]),
        "GoldsteinScale": text(np.array([info[c]["goldstein"] for c in codes])[ci]),
        "NumMentions": text(rng.integers(1, 50, n)), "NumSources": text(rng.integers(1, 5, n)),
        "NumArticles": text(rng.integers(1, 50, n)), "AvgTone": text(np.round(rng.normal(0, 3, n), 6)),
        "ActionGeo_Type": text(rng.integers(1, 5, n)), "ActionGeo_FullName": text(np.char.add("Capital, ", iso[g])),
        "ActionGeo_CountryCode": text(fips[g]), "ActionGeo_ADM1Code": text(np.char.add(fips[g], "01")),
        "ActionGeo_Lat": text(np.round(rng.uniform(-60, 70, n), 4)),
        "ActionGeo_Long": text(np.round(rng.uniform(-170, 170, n), 4)),
        "ActionGeo_FeatureID": text(rng.integers(-3_000_000, 3_000_000, n)),
        "DATEADDED": text(np.char.add(np.char.replace(added.astype(str), "-", ""), "120000")),
        "SOURCEURL": text(np.char.add("https://news.example.org/story/", np.arange(start, start + n).astype(str))),
    })
    return pa.table([out[c] for c in cols], names=cols)


def write_gdelt2(path: Path, rows: int | None = None, target_bytes: int | None = None, seed: int = 7) -> int:
    """Write a GDELT 2.0-shaped events file of ``rows`` rows (or of at least ``target_bytes``)."""
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    written = 0
    opts = pcsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
    with pa.OSFile(str(tmp), "wb") as sink, pcsv.CSVWriter(sink, _chunk(rng, 0, 1).schema, write_options=opts) as w:
        pool: list[pa.Table] = []
        while (rows is not None and written < rows) or (target_bytes is not None and sink.tell() < target_bytes):
            n = CHUNK if rows is None else min(CHUNK, rows - written)
            if len(pool) < 8 or n != CHUNK:
                table = _chunk(rng, written, n)
                if n == CHUNK:
                    pool.append(table)
            else:  # past 4M rows, reuse generated rows under fresh ids: files of many GB in minutes
                table = pool[(written // CHUNK) % len(pool)]
                ids = pa.array((np.arange(written, written + n) + 400_000_000).astype(str), pa.string())
                table = table.set_column(0, "GLOBALEVENTID", ids)
            w.write_table(table)
            written += n
    os.replace(tmp, path)
    return written


def raw_pyarrow(path: Path) -> int:
    """The floor: stream the file with pyarrow.csv, every column as text, nothing else."""
    from summitry.eventdata import gdelt

    names = gdelt.columns("gdelt2")
    reader = pcsv.open_csv(path, read_options=pcsv.ReadOptions(column_names=names, block_size=16 << 20),
                           parse_options=pcsv.ParseOptions(delimiter="\t", quote_char=False),
                           convert_options=pcsv.ConvertOptions(column_types={c: pa.string() for c in names}))
    return sum(b.num_rows for b in reader)


def try_gdelt_package(path: Path) -> str:
    """Run the `gdelt` package's parser on a local file, offline; returns what happened."""
    code = ("import gdelt, inspect; g = gdelt.gdelt(version=2); "
            "print([n for n, _ in inspect.getmembers(g) if not n.startswith('_')])")
    env = {**os.environ, "no_proxy": "*", "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        return "did not finish in 120 s offline"
    if out.returncode:
        last = (out.stderr.strip().splitlines() or ["?"])[-1]
        if "No module named" in last:
            return "not installed (pip install gdelt)"
        return f"cannot run offline: `import gdelt` fails ({last[:160]})"
    return ("imports, but exposes no parser for local files (its Search() downloads from "
            f"data.gdeltproject.org): {out.stdout.strip()[:200]}")


def run(rows: int = 10_000_000, out_dir: Path | None = None) -> dict:
    """Time the import and the raw parse on a ``rows``-row GDELT 2.0 file; returns the numbers."""
    import summitry

    path = DATA / f"gdelt2-{rows}.export.CSV"
    if not path.exists():
        t = time.perf_counter()
        write_gdelt2(path, rows)
        print(f"generated {path.name} ({path.stat().st_size / 2**30:.2f} GiB) in {time.perf_counter() - t:.0f} s")
    size = path.stat().st_size
    raw_pyarrow(path)  # warm the page cache: both contenders then read from memory
    t = time.perf_counter()
    n_raw = raw_pyarrow(path)
    raw_s = time.perf_counter() - t
    out = out_dir or DATA / f"imported-{rows}"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    result = summitry.import_events([path], out, format="gdelt2")
    imp_s = time.perf_counter() - t
    assert n_raw == rows and result.rows_written == rows, (n_raw, result.rows_written)
    gd = try_gdelt_package(path)
    numbers = {"rows": rows, "bytes": size, "pyarrow_s": raw_s, "import_s": imp_s,
               "pyarrow_rows_s": rows / raw_s, "import_rows_s": rows / imp_s,
               "ratio": (rows / imp_s) / (rows / raw_s), "gdelt_package": gd}
    print(f"\n{rows:,} rows, {size / 2**30:.2f} GiB GDELT 2.0 text")
    print(f"  pyarrow.csv raw parse   {raw_s:7.2f} s  {rows / raw_s:12,.0f} rows/s")
    print(f"  summitry.import_events  {imp_s:7.2f} s  {rows / imp_s:12,.0f} rows/s  "
          f"= {numbers['ratio']:.2f}x the raw parse's throughput (target >= 0.8x)")
    print(f"  gdelt (PyPI)            {gd}")
    return numbers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, action="append")
    a = ap.parse_args()
    for n in a.rows or [1_000_000, 10_000_000]:
        run(n)


if __name__ == "__main__":
    main()
