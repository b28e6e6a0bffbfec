"""Release build and load at full size: `summitry build` of every collection, and load_visits().

Builds the records and the upstream collections into a temporary folder three times, checks
that the builds are byte-identical, and times load_visits() of the latest release against a
plain pyarrow read of the same file (the floor any loader sits on). Prints the times and the
ratio; the numbers go into benchmarks/README.md.

    python benchmarks/build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import pyarrow.parquet as pq

    import summitry

    builds, digests = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            t = time.perf_counter()
            out = summitry.build(ROOT / "dataset" / "records", "9.9.9", Path(tmp) / str(i))
            builds.append(time.perf_counter() - t)
            digests.add(digest(out))
        rows = pq.read_metadata(out / "visits.parquet").num_rows
    path = summitry.path("visits")
    loads, raws = [], []
    for _ in range(max(5, args.runs)):
        t = time.perf_counter()
        summitry.load_visits()
        loads.append(time.perf_counter() - t)
        t = time.perf_counter()
        pq.read_table(path).to_pandas()
        raws.append(time.perf_counter() - t)
    print(f"build: {rows:,} visits, median {statistics.median(builds):.2f} s over {args.runs} runs "
          f"(min {min(builds):.2f} s); byte-identical: {len(digests) == 1}")
    load, raw = statistics.median(loads), statistics.median(raws)
    print(f"load_visits(): median {load * 1000:.0f} ms; pyarrow read_table().to_pandas(): {raw * 1000:.0f} ms; "
          f"ratio {load / raw:.2f}x")


if __name__ == "__main__":
    main()
