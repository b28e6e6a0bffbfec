"""Evaluation: visit episodes from ICEWS October-December 2018 against release 2.0.0.

    python benchmarks/episodes.py [--dir ../shared/reference/icews-2018q4] [--tolerance 2]

Runs :func:`summitry.visit_episodes` on the 86 daily ICEWS files at leader and
foreign-minister level, and today's naive counting (one "visit" per guest, host and day
with a 042/043 row), and scores both against the ground truth of release 2.0.0 for the
dates the files cover (1 October to 31 December 2018):

- US-outbound: the Office of the Historian trips of the president (leader level) and of
  the Secretary of State (foreign-minister level); detections with guest USA;
- inbound: leader visits to the US (ooh-visits) and curated leader visits; detections
  with host USA (leader level).

An episode matches a truth visit with the same guest and host whose dates overlap the
episode's, each side widened by ``--tolerance`` days. Recall: truth visits matched by at
least one detection; precision: detections matching a truth visit. For the naive count
a detection is one guest-host-day. A detection in the window that matches a truth visit
just outside it (a trip starting on 1 January 2019, reported from 29 December) is right:
precision is scored against the truth of the window widened by a month, recall over the window's. ``KNOWN_MISSING`` lists real trips the upstream lists
omit, with a source; they are reported in a second set of columns, never tuned away.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pandas as pd

SIDES = ["guest_country", "host_country"]
WINDOW = (dt.date(2018, 10, 1), dt.date(2018, 12, 31))
HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE.parents[1] / "shared" / "reference" / "icews-2018q4"
# (scope, guest, host, start, end, source): real trips absent from the release's upstream lists.
KNOWN_MISSING = [
    ("us_outbound_leader", "USA", "IRQ", "2018-12-26", "2018-12-26",
     "Trump at Al Asad Air Base (landed 19:00, left 22:53 local; met no Iraqi official, phoned PM Abdul Mahdi): "
     "Military.com, 'Trump makes surprise visit to Iraq, his first to a combat zone', 26 Dec 2018, "
     "https://www.military.com/daily-news/2018/12/26/trump-makes-surprise-visit-iraq-his-first-combat-zone.html; "
     "Task & Purpose, https://taskandpurpose.com/news/trump-iraq-trip/"),
    ("us_outbound_leader", "USA", "DEU", "2018-12-27", "2018-12-27",
     "Trump at Ramstein Air Base on the way back, landing 01:35 on 27 December German time (26 December in "
     "Washington): Breaking News Saarland, https://breaking-news-saarland.de/us-praesident-donald-trump-fliegt-"
     "ueber-das-saarland; Volksstimme (dpa), 27 Dec 2018"),
    ("us_outbound_foreign_minister", "USA", "TUR", "2018-10-17", "2018-10-17",
     "Pompeo in Ankara, received by President Erdogan and FM Cavusoglu at Esenboga Airport: TRT World, 17 Oct "
     "2018; Sputnik Turkiye, https://anlatilaninotesi.com.tr/amp/20181017/erdogan-pompeo-gorusme-1035696559.html"),
]


def truth(scope: str, with_missing: bool, windowed: bool = True) -> pd.DataFrame:
    import summitry

    v = summitry.load_visits("2.0.0")
    v = v.assign(start_date=pd.to_datetime(v["start_date"]).dt.date, end_date=pd.to_datetime(v["end_date"]).dt.date)
    pad = dt.timedelta(days=0 if windowed else 31)  # unwindowed: a month either side (enough to match)
    v = v[(v.start_date >= WINDOW[0] - pad) & (v.start_date <= WINDOW[1] + pad)]
    if scope == "us_outbound_leader":
        t = v[(v.collection == "ooh-president") & (v.guest_country == "USA")]
    elif scope == "us_outbound_foreign_minister":
        t = v[(v.collection == "ooh-secretary") & (v.guest_country == "USA")]
    else:
        t = v[v.collection.isin(["ooh-visits", "curated"]) & (v.host_country == "USA")
              & v.level.isin(["head_of_state", "head_of_government"])]
    t = t[[*SIDES, "start_date", "end_date"]]
    if with_missing:
        extra = pd.DataFrame([dict(guest_country=g, host_country=h, start_date=dt.date.fromisoformat(s),
                                   end_date=dt.date.fromisoformat(e)) for sc, g, h, s, e, _ in KNOWN_MISSING
                              if sc == scope])
        t = pd.concat([t, extra], ignore_index=True)
    return t.reset_index(drop=True)


def score(det: pd.DataFrame, tru: pd.DataFrame, tol: int, every: pd.DataFrame | None = None,
          ) -> dict[str, float | int | str]:
    """Recall over ``tru``; precision against ``every`` truth visit (default ``tru``)."""
    pad = dt.timedelta(days=tol)
    every = tru if every is None else every

    def hit(d: pd.Series, t: pd.Series) -> bool:
        return bool(d.guest_country == t.guest_country and d.host_country == t.host_country
                    and d.start_date - pad <= t.end_date and t.start_date <= d.end_date + pad)

    found = sum(any(hit(d, t) for _, d in det.iterrows()) for _, t in tru.iterrows())
    right = sum(any(hit(d, t) for _, t in every.iterrows()) for _, d in det.iterrows())
    rec = found / len(tru) if len(tru) else float("nan")
    prec = right / len(det) if len(det) else float("nan")
    f1 = 2 * rec * prec / (rec + prec) if rec + prec > 0 else float("nan")
    return {"truth": len(tru), "detected": len(det), "recall": rec, "precision": prec, "f1": f1}


def naive(events: pd.DataFrame) -> pd.DataFrame:
    import ibis

    from summitry.analysis.frequency import _EVENT_COLUMNS, visit_days

    days = visit_days(ibis.memtable(events[list(_EVENT_COLUMNS)]))
    df = days.to_pandas().rename(columns={"guest": "guest_country", "host": "host_country"})
    df["start_date"] = df["end_date"] = pd.to_datetime(df["date"]).dt.date
    return df


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--tolerance", type=int, default=2)
    args = ap.parse_args()
    import summitry
    from summitry.analysis.episodes import _as_data

    events = _as_data(args.dir, "icews")  # read once, shared by every run
    assert isinstance(events, pd.DataFrame)
    def in_window(d: pd.DataFrame) -> pd.DataFrame:
        return d[(d.start_date >= WINDOW[0]) & (d.start_date <= WINDOW[1])]

    eps = {lv: in_window(summitry.visit_episodes(events, level=lv)) for lv in ("leader", "foreign_minister")}
    nv = in_window(naive(events))
    scopes = [("us_outbound_leader", eps["leader"], "guest_country"),
              ("us_outbound_foreign_minister", eps["foreign_minister"], "guest_country"),
              ("inbound_leader", eps["leader"], "host_country")]
    print("| scope | method | truth | detected | recall | precision | F1 | with known-missing: truth / recall / precision |")
    print("|---|---|---|---|---|---|---|---|")
    for scope, ep, side in scopes:
        for method, det in (("episodes", ep), ("naive visit-days", nv)):
            det = det[det[side] == "USA"]
            a, b = (score(det, truth(scope, m), args.tolerance, truth(scope, m, windowed=False)) for m in (False, True))
            print(f"| {scope} | {method} | {a['truth']} | {a['detected']} | {a['recall']:.2f} | {a['precision']:.2f} "
                  f"| {a['f1']:.2f} | {b['truth']} / {b['recall']:.2f} / {b['precision']:.2f} |")
    for lv, ep in eps.items():
        us = ep[(ep.guest_country == "USA") | (ep.host_country == "USA")]
        print(f"\n{lv} episodes involving the US:")
        print(us.drop(columns=["evidence", "rule"]).to_string(index=False))


if __name__ == "__main__":
    main()
