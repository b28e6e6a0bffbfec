"""Visit episodes from event data: the merge rules, the level, the CLI and visit_frequency(unit=)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import summitry
from summitry.cli import main
from summitry.errors import ChoiceError, SummitryError

DATA = Path(__file__).resolve().parent / "data" / "episodes"
TRUMP = DATA / "icews-trump-2018q4.tab"  # the Trump 042/043 rows with France, Iraq, Saudi Arabia, Georgia


def _report(eid: str, day: str, code: str, src: str, tgt: str, place: str, pub: str,
            name: str = "Leader", sectors: str = "Executive Office") -> dict[str, object]:
    guest_first = code == "042"
    return {"event_id": eid, "date": dt.date.fromisoformat(day), "event_code": code, "source_country": src,
            "target_country": tgt, "place_country": place, "publisher": pub,
            "source_name": name if guest_first else "Host", "target_name": "Host" if guest_first else name,
            "source_sectors": sectors if guest_first else "", "target_sectors": "" if guest_first else sectors}


def test_icews_sample_gives_the_france_and_iraq_trips_only() -> None:
    ep = summitry.visit_episodes(TRUMP)
    assert list(zip(ep.guest_country, ep.host_country, ep.start_date, ep.end_date, strict=True)) == [
        ("USA", "FRA", dt.date(2018, 11, 7), dt.date(2018, 11, 14)),
        ("USA", "IRQ", dt.date(2018, 12, 26), dt.date(2018, 12, 28))]
    assert list(ep.n_sources) == [18, 14] and list(ep.n_reports) == [86, 86]
    assert set(ep.guest_actor) == {"Donald Trump"} and set(ep.level) == {"head_of_state"}
    assert ep.evidence[1][0] == "33889835" and len(ep.evidence[1]) == 86
    # Without the evidence threshold the planned trips and echoes come back: Saudi Arabia, Georgia, France.
    assert len(summitry.visit_episodes(TRUMP, min_score=0)) == 6


def test_042_and_043_merge_and_consecutive_days_merge() -> None:
    rows = [_report("1", "2020-01-01", "042", "AAA", "BBB", "BBB", "p1"),
            _report("2", "2020-01-01", "043", "BBB", "AAA", "BBB", "p2"),
            _report("3", "2020-01-02", "042", "AAA", "BBB", "BBB", "p3"),
            _report("4", "2020-01-03", "042", "AAA", "BBB", "BBB", "p4"),
            # four days later: a new episode, with one publisher only, so dropped
            _report("5", "2020-01-07", "042", "AAA", "BBB", "BBB", "p1")]
    ep = summitry.visit_episodes(pd.DataFrame(rows))
    assert len(ep) == 1
    row = ep.iloc[0]
    assert (row.start_date, row.end_date, row.n_reports, row.n_sources, row.n_days) == (
        dt.date(2020, 1, 1), dt.date(2020, 1, 3), 4, 4, 3)
    assert row.evidence == ["1", "2", "3", "4"] and row.hosted and row.score == 5
    # Even with no threshold the lone report of 7 January is an echo (rule 6): score 1 against 5.
    assert list(summitry.visit_episodes(pd.DataFrame(rows), min_score=0).n_reports) == [4]
    assert list(summitry.visit_episodes(pd.DataFrame(rows[4:]), min_score=0).n_reports) == [1]


def test_tour_third_location_domestic_igo_and_level() -> None:
    pubs = ["p1", "p2", "p3", "p4", "p5"]  # five publishers: score 5
    rows = [_report(f"c{i}", "2020-02-01", "042", "AAA", "CCC", "CCC", p) for i, p in enumerate(pubs)]
    rows += [_report(f"d{i}", "2020-02-02", "042", "AAA", "DDD", "DDD", p) for i, p in enumerate(pubs)]
    rows += [_report(f"t{i}", "2020-03-01", "042", "AAA", "EEE", "FFF", p) for i, p in enumerate(pubs)]  # third place
    rows += [_report(f"h{i}", "2020-03-01", "042", "AAA", "AAA", "AAA", p) for i, p in enumerate(pubs)]  # domestic
    rows += [_report(f"i{i}", "2020-03-01", "042", "AAA", None, "BEL", p) for i, p in enumerate(pubs)]   # IGO
    rows += [_report(f"f{i}", "2020-04-01", "042", "AAA", "GGG", "GGG", p, "Foreign Minister", "Foreign Ministry")
             for i, p in enumerate(pubs)]
    df = pd.DataFrame(rows)
    leader = summitry.visit_episodes(df)
    assert list(leader.host_country) == ["CCC", "DDD"]
    fm = summitry.visit_episodes(df, level="foreign_minister")
    assert list(fm.host_country) == ["GGG"] and list(fm.level) == ["foreign_minister"]
    assert len(summitry.visit_episodes(df, level="any")) == 3


def test_echo_reports_after_a_big_visit_are_dropped() -> None:
    pubs = [f"p{i}" for i in range(12)]
    rows = [_report(f"v{i}", "2020-05-10", "042", "AAA", "BBB", "BBB", p) for i, p in enumerate(pubs)]
    rows += [_report(f"e{i}", "2020-05-20", "042", "AAA", "BBB", "BBB", p) for i, p in enumerate(pubs[:5])]
    ep = summitry.visit_episodes(pd.DataFrame(rows))
    assert list(ep.start_date) == [dt.date(2020, 5, 10)]


def test_errors_name_the_problem() -> None:
    with pytest.raises(ChoiceError):
        summitry.visit_episodes(TRUMP, level="mayor")
    with pytest.raises(SummitryError, match="place_country"):
        summitry.visit_episodes(pd.DataFrame({"event_id": ["1"], "date": [dt.date(2020, 1, 1)],
                                              "event_code": ["042"], "source_country": ["AAA"],
                                              "target_country": ["BBB"]}))
    with pytest.raises(SummitryError, match="no such file"):
        summitry.visit_episodes(DATA / "missing.tab")


def test_cli_prints_and_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["episodes", str(DATA), "--format", "icews"])
    assert res.exit_code == 0, res.output
    assert "FRA" in res.output and "IRQ" in res.output and "SAU" not in res.output
    out = tmp_path / "ep.csv"
    res = runner.invoke(main, ["episodes", str(TRUMP), "--out", str(out)])
    assert res.exit_code == 0 and "2 leader episodes" in res.output
    back = pd.read_csv(out)
    assert len(back) == 2 and back.evidence[0].count(";") == 85
    bad = runner.invoke(main, ["episodes", str(TRUMP), "--format", "gdelt"])
    assert bad.exit_code == 1 and "not gdelt" in bad.output and "Traceback" not in bad.output


def test_visit_frequency_counts_episodes_by_default_on_event_data() -> None:
    from summitry.analysis.episodes_input import read_event_files

    events = read_event_files([TRUMP])
    # event data declares no coverage: the user vouches for it with coverage="all"
    ep = summitry.visit_frequency(events, period="month", dyads="USA-FRA", coverage="all")
    assert list(ep["visits"]) == [1]
    days = summitry.visit_frequency(events, period="month", dyads="USA-FRA", unit="day", coverage="all")
    assert int(days["visits"].sum()) > 10
    with pytest.raises(ChoiceError):
        summitry.visit_frequency(events, unit="week")


def test_foreign_minister_meetings_abroad_corroborate_a_visit_report() -> None:
    fm = {"name": "Minister", "sectors": "Foreign Ministry"}
    rows = [_report("v1", "2020-06-01", "042", "AAA", "BBB", "BBB", "p1", **fm),
            _report("v2", "2020-06-01", "043", "BBB", "AAA", "BBB", "p1", **fm)]
    # The host consults (040) and negotiates with (046) the minister, located in the host, 1-3 days later.
    rows += [_report(f"m{i}", f"2020-06-0{i + 2}", code, "BBB", "AAA", "BBB", f"p{i + 2}", **fm)
             for i, code in enumerate(["040", "046", "040"])]
    ep = summitry.visit_episodes(pd.DataFrame(rows), level="foreign_minister")
    row = ep.iloc[0]
    assert len(ep) == 1 and (row.start_date, row.end_date, row.n_sources, row.score) == (
        dt.date(2020, 6, 1), dt.date(2020, 6, 4), 4, 5)
    assert row.rule == "located-in-host+meetings+gap<=3d+publishers+hosted>=4"
    assert ep.attrs["min_score"] == 4 and ep.attrs["presence"] is True
    # Meetings alone (no 042/043 report of the visit) never make an episode.
    assert summitry.visit_episodes(pd.DataFrame(rows[2:]), level="foreign_minister", min_score=0).empty
    # Leader rules do not read meetings: the lone report scores 2, below 5.
    leader = [{**r, "source_sectors": "Executive Office" if r["source_sectors"] else ""} for r in rows]
    assert summitry.visit_episodes(pd.DataFrame(leader)).empty


def _tied_names() -> pd.DataFrame:
    """One episode whose guest is named twice "Beta", twice "Alpha", once "Gamma" and once not at all."""
    names = ["Beta", "Alpha", "Beta", "Alpha", "Gamma", None]
    sides = [("043", "BBB", "AAA"), *[("042", "AAA", "BBB")] * 5]  # the host reports hosting once
    return pd.DataFrame([_report(f"n{i}", "2020-07-01", code, src, tgt, "BBB", f"p{i}",
                                 name=None if nm is None else f"President {nm}")
                         for i, (nm, (code, src, tgt)) in enumerate(zip(names, sides, strict=True))])


def test_the_actor_is_the_most_reported_name_and_ties_go_to_the_first() -> None:
    ep = summitry.visit_episodes(_tied_names())
    assert list(ep.guest_actor) == ["President Alpha"] and list(ep.host_actor) == ["Host"]
    assert list(ep.n_reports) == [6]


def test_level_filter_is_the_level_compared() -> None:
    import ibis

    from summitry.analysis.episodes_input import LEVEL_CHOICES, actor_level, actor_level_in

    names = ["President X", "Vice President X", "Former Prime Minister", "Prime Minister", "Foreign Minister",
             "KING of Y", "Head of Government (Japan)", "Citizen", None, "Deputy Prime Minister", "emir"]
    sectors = ["", "Executive Office", "Foreign Ministry", None]
    df = pd.DataFrame([(n, s) for n in names for s in sectors], columns=["name", "sectors"])
    t = ibis.memtable(df)
    for secs in (t.sectors, None):
        for levels in [*LEVEL_CHOICES.values(), ("other",), ("head_of_government", "other")]:
            got = t.select(a=actor_level(t.name, secs, None).isin(levels), b=actor_level_in(t.name, secs, levels))
            out = got.to_pandas()
            assert list(out.a) == list(out.b), (levels, secs is None)


@pytest.mark.spark
def test_episodes_on_spark_match_duckdb() -> None:
    from summitry.analysis.episodes_input import read_event_files

    from .test_engines import _spark_or_skip

    spark = _spark_or_skip()
    events = read_event_files([TRUMP]).drop(columns=["date_added"], errors="ignore")
    for data, level in ((events, "leader"), (events, "foreign_minister"), (_tied_names(), "leader")):
        duck = summitry.visit_episodes(data, level=level)
        got = summitry.visit_episodes(data, level=level, engine=spark)
        pd.testing.assert_frame_equal(got.drop(columns="evidence"), duck.drop(columns="evidence"), check_dtype=False)
        assert list(got.evidence) == list(duck.evidence)
