"""Scale benchmark: visit_episodes on 10M and 100M imported GDELT-shaped events, against DuckDB SQL.

    python benchmarks/episodes_scale.py [--dir DIR] [--sizes 10M,100M] [--repeat 2]

1. Generates Parquet datasets in the imported-events layout (hive ``year=YYYY/`` folders,
   2015-2024; reports bunch in 3-day clusters every 10 days, like trips) with DuckDB, once
   per size (kept in ``--dir`` and reused). Like GDELT: 4% of
   events are 042/043; actor names as GDELT writes them ("PRESIDENT", "PRIME MINISTER",
   "FOREIGN MINISTER", "VICE PRESIDENT", other); ``place_country`` is the host for 70% of
   rows, the guest for 20%, another state for 10%; 500 publishers; no ICEWS sectors (an
   imported dataset has none, so the level comes from the names).
2. Times, in one run and each in a fresh process (peak RSS is that task's own):
   - summitry: ``visit_episodes(path, level="leader")`` on DuckDB (lazy scan);
   - the peer: one hand-written DuckDB SQL of the same rules (1-6 of the codebook, leader
     level: orientation, level from the name words, located in host, gaps-and-islands
     merge, publishers + hosted score, echo window, the most reported actor names with ties
     to the first in order), evidence lists included;
   and checks both give the same episodes (count, reports, sources and scores summed; the
   episodes' keys, start dates and actors, one by one).

Targets: summitry at most 1.5x the SQL's time; peak RSS at most 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "toolkit"))
from scale import machine, peak_rss_mb, rows_of  # noqa: E402

START, END = 2015, 2024
NAMES = ["PRESIDENT", "PRIME MINISTER", "FOREIGN MINISTER", "VICE PRESIDENT", "GOVERNMENT", "POLICE", "CITIZEN"]


def generate(root: Path, n: int) -> Path:
    """``n`` GDELT-shaped events in the imported-events layout; returns the dataset folder."""
    import shutil

    import duckdb
    import pandas as pd

    from summitry import schema

    out = root / f"episode-events-v2-{n}"
    if (out / "_done").exists():
        return out
    isos = sorted(r["iso3c"] for r in schema.codelist("countries") if r["iso3c"] and r["cown"])
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    con.register("iso", pd.DataFrame({"i": range(len(isos)), "iso": isos}))
    con.register("nm", pd.DataFrame({"i": range(len(NAMES)), "nm": NAMES}))
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    niso, nn = len(isos), len(NAMES)
    con.execute(f"""
        COPY (
          WITH e AS (
            SELECT range AS k,
              -- reports bunch like trips: 3-day clusters every 10 days
              DATE '{START}-01-01' + CAST(10 * floor(random() * (DATE '{END}-12-31' - DATE '{START}-01-01') / 10)
                                          + floor(3 * random()) AS INTEGER) AS date,
              CAST(floor({niso} * pow(random(), 3)) AS INTEGER) AS si,
              CAST(floor({niso} * pow(random(), 3)) AS INTEGER) AS ti,
              CAST(floor({niso} * random()) AS INTEGER) AS oi,
              CAST(floor({nn} * pow(random(), 2)) AS INTEGER) AS ni,
              random() AS u4, random() AS u5, random() AS u6,
              CAST(floor(500 * pow(random(), 2)) AS INTEGER) AS pub
            FROM range({n})
          )
          SELECT 'g-' || CAST(k AS VARCHAR) AS event_id, e.date,
                 CASE WHEN e.u5 < 0.015 THEN NULL ELSE s.iso END AS source_country,
                 CASE WHEN e.u5 > 0.985 THEN NULL ELSE t.iso END AS target_country,
                 s.iso || ' ' || nm.nm AS source_name, t.iso || ' ' || 'GOVERNMENT' AS target_name,
                 CASE WHEN e.u4 < 0.02 THEN '042' WHEN e.u4 < 0.04 THEN '043'
                      ELSE lpad(CAST(CAST(floor(e.u4 * 200) AS INTEGER) AS VARCHAR), 3, '0') END AS event_code,
                 CASE WHEN e.u6 < 0.7 THEN (CASE WHEN e.u4 < 0.02 THEN t.iso ELSE s.iso END)
                      WHEN e.u6 < 0.9 THEN (CASE WHEN e.u4 < 0.02 THEN s.iso ELSE t.iso END)
                      ELSE o.iso END AS place_country,
                 'publisher' || CAST(e.pub AS VARCHAR) || '.example' AS publisher,
                 year(e.date) AS year
          FROM e JOIN iso s ON s.i = e.si JOIN iso t ON t.i = e.ti JOIN iso o ON o.i = e.oi
               JOIN nm ON nm.i = e.ni
        ) TO '{tmp}' (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd)
    """)
    tmp.rename(out)
    (out / "_done").write_text(str(n))
    return out


def _words(words: tuple[str, ...]) -> str:
    return " OR ".join(f"contains(upper(coalesce(gname, '')), '{w}')" for w in words)


def sql_of(path: str) -> str:
    """The hand-written SQL of the leader-level rules (thresholds from LEVEL_RULES)."""
    from summitry.analysis import episodes_input as ei
    from summitry.analysis.episodes import ECHO_RATIO, HOSTED_BONUS, LEVEL_RULES

    r = LEVEL_RULES["leader"]
    gap, min_score, echo = int(r["max_gap"]), int(r["min_score"]), int(r["echo_days"])
    return f"""
    WITH raw AS (
      SELECT * FROM read_parquet('{path}/**/*.parquet', hive_partitioning = true)
      WHERE event_code IN ('042', '043')
    ), rep AS (
      SELECT event_id, CAST(date AS DATE) AS date, event_code AS code, publisher AS source, place_country,
             CASE WHEN event_code = '042' THEN source_country ELSE target_country END AS guest_country,
             CASE WHEN event_code = '042' THEN target_country ELSE source_country END AS host_country,
             CASE WHEN event_code = '042' THEN source_name ELSE target_name END AS gname,
             CASE WHEN event_code = '042' THEN target_name ELSE source_name END AS hname
      FROM raw
    ), lev AS (
      SELECT *, CASE WHEN {_words(ei._NOT_LEADER_WORDS)} THEN 'other'
                     WHEN {_words(ei._FOREIGN_MINISTER_WORDS)} THEN 'foreign_minister'
                     WHEN {_words(ei._HEAD_OF_GOVERNMENT_WORDS)} THEN 'head_of_government'
                     WHEN {_words(ei._HEAD_OF_STATE_WORDS)} THEN 'head_of_state' ELSE 'other' END AS level
      FROM rep
    ), kept AS (
      SELECT * FROM lev
      WHERE guest_country IS NOT NULL AND host_country IS NOT NULL AND guest_country <> host_country
        AND level IN ('head_of_state', 'head_of_government') AND place_country = host_country
    ), days AS (
      SELECT guest_country, host_country, level, date,
             CASE WHEN coalesce(date - lag(date) OVER w, {gap + 1}) > {gap} THEN 1 ELSE 0 END AS new
      FROM (SELECT DISTINCT guest_country, host_country, level, date FROM kept)
      WINDOW w AS (PARTITION BY guest_country, host_country, level ORDER BY date)
    ), ep_days AS (
      SELECT *, sum(new) OVER (PARTITION BY guest_country, host_country, level ORDER BY date
                               ROWS UNBOUNDED PRECEDING) AS episode FROM days
    ), rep_ep AS (
      SELECT k.*, d.episode FROM kept k JOIN ep_days d USING (guest_country, host_country, level, date)
    ), ep AS (
      SELECT guest_country, host_country, level, episode, min(date) AS start_date, max(date) AS end_date,
             count(DISTINCT event_id) AS n_reports, count(DISTINCT source) AS n_sources,
             count(DISTINCT date) AS n_days, max(CASE WHEN code = '043' THEN 1 ELSE 0 END) AS hosted,
             list(event_id) AS evidence
      FROM rep_ep GROUP BY ALL
    ), guest_names AS (  -- the actors: the name most reported in the episode, ties to the first in order
      SELECT guest_country, host_country, level, episode, gname, count(*) AS n
      FROM rep_ep WHERE gname IS NOT NULL GROUP BY ALL
    ), host_names AS (
      SELECT guest_country, host_country, level, episode, hname, count(*) AS n
      FROM rep_ep WHERE hname IS NOT NULL GROUP BY ALL
    ), actors AS (
      SELECT g.guest_country, g.host_country, g.level, g.episode, g.guest_actor, h.host_actor
      FROM (SELECT guest_country, host_country, level, episode, first(gname ORDER BY n DESC, gname) AS guest_actor
            FROM guest_names GROUP BY ALL) g
      LEFT JOIN (SELECT guest_country, host_country, level, episode, first(hname ORDER BY n DESC, hname) AS host_actor
                 FROM host_names GROUP BY ALL) h USING (guest_country, host_country, level, episode)
    ), scored AS (
      SELECT ep.*, a.guest_actor, a.host_actor, n_sources + {HOSTED_BONUS} * hosted AS score
      FROM ep LEFT JOIN actors a USING (guest_country, host_country, level, episode)
    ), peaked AS (
      SELECT *, max(score) OVER (PARTITION BY guest_country, host_country, level ORDER BY start_date
                RANGE BETWEEN INTERVAL {echo} DAYS PRECEDING AND INTERVAL {echo} DAYS FOLLOWING) AS peak
      FROM scored
    )
    SELECT guest_country, host_country, start_date, end_date, guest_actor, host_actor, level, n_reports,
           n_sources, n_days, hosted = 1 AS hosted, evidence, score
    FROM peaked WHERE score >= {min_score} AND score * {ECHO_RATIO} >= peak
    ORDER BY start_date, guest_country, host_country, level
    """


def _summary(df) -> dict:  # type: ignore[no-untyped-def]
    import hashlib

    # The episodes one by one (both sort by start date and key), their actors included.
    rows = df[["guest_country", "host_country", "start_date", "guest_actor", "host_actor"]].astype(str)
    digest = hashlib.sha256("\n".join(rows.agg("|".join, axis=1)).encode()).hexdigest()[:16]
    return {"episodes": len(df), "reports": int(df["n_reports"].sum()), "sources": int(df["n_sources"].sum()),
            "score": int(df["score"].sum()), "digest": digest}


def task(kind: str, path: str) -> dict:
    import duckdb
    import ibis.backends.duckdb  # noqa: F401  (imports outside the timing, for both)

    import summitry

    t0 = time.perf_counter()
    if kind == "summitry":
        df = summitry.visit_episodes(path, level="leader")
    else:
        df = duckdb.connect().sql(sql_of(path)).df()
    out = {"total_s": time.perf_counter() - t0, **_summary(df)}
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def run_child(kind: str, path: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent / "toolkit"), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(path)], env=env,
                          capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode or not lines:
        raise SystemExit(f"{kind} on {path} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(lines[-1][7:]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=os.environ.get("SUMMITRY_BENCH_DIR", "/tmp/summitry-bench"))
    ap.add_argument("--sizes", default="10M,100M")
    ap.add_argument("--repeat", type=int, default=2, help="runs per task; the best is reported")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print("RESULT " + json.dumps(task(*args.child)))
        return
    root = Path(args.dir)
    root.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    for size in args.sizes.split(","):
        n = rows_of(size)
        t0 = time.perf_counter()
        path = generate(root, n)
        print(f"\n{size} events ({n:,} rows) in {path} (ready in {time.perf_counter() - t0:.0f} s)")
        runs: dict[str, list[dict]] = {"sql": [], "summitry": []}
        for _ in range(args.repeat):  # interleaved, so both meet the same load on a shared machine
            for kind in runs:
                runs[kind].append(run_child(kind, path))
        best = {k: min(rs, key=lambda r: r["total_s"]) for k, rs in runs.items()}
        peak = max(r["peak_rss_mb"] for r in runs["summitry"])
        ratio = best["summitry"]["total_s"] / best["sql"]["total_s"]
        same = all(best["summitry"][k] == best["sql"][k] for k in ("episodes", "reports", "sources", "score", "digest"))
        for kind, r in best.items():
            print(f"  {kind:<9} {r['total_s']:7.2f}s  {r['episodes']:>9,} episodes  "
                  f"peak RSS {max(x['peak_rss_mb'] for x in runs[kind]):6.0f} MB")
        print(f"  same episodes as the SQL: {same}")
        print(f"  target <= 1.5x SQL: {'met' if ratio <= 1.5 else 'MISSED'} ({ratio:.2f}x); "
              f"target <= 2048 MB: {'met' if peak <= 2048 else 'MISSED'} ({peak:.0f} MB)")


if __name__ == "__main__":
    main()
