"""Release 1.1.0 and later: the sourced history of USSR/Russia–North Korea leader visits,
North Korea's summits of 2018–2025 and the Russia–China comparison dyad."""

from __future__ import annotations

import pandas as pd
import pytest

import summitry
from summitry import schema

VERSIONS_WITH_HISTORY = [v for v in summitry.versions() if tuple(map(int, v.split("."))) >= (1, 1, 0)]

# The visits the release must hold (issue: full history), by stable id.
EXPECTED_VISITS = {
    "v-19490303-prk-sun": "Kim Il Sung's first visit to the USSR, March 1949",
    "v-19611017-prk-sun": "Kim Il Sung at the 22nd CPSU Congress",
    "v-20000719-rus-prk": "Putin in Pyongyang, July 2000",
    "v-20010726-prk-rus": "Kim Jong Il's train journey to Moscow, 2001",
    "v-20020820-prk-rus": "Kim Jong Il in the Russian Far East, 2002",
    "v-20110820-prk-rus": "Kim Jong Il meets Medvedev, 2011",
    "v-20190424-prk-rus": "Kim Jong Un in Vladivostok, April 2019",
    "v-20230912-prk-rus": "Kim Jong Un at Vostochny, September 2023",
    "v-20240619-rus-prk": "Putin in Pyongyang, June 2024",
    "v-20250903-rus-prk": "Putin and Kim Jong Un meet in Beijing, September 2025",
    "v-20180325-prk-chn": "Kim Jong Un to Beijing, March 2018",
    "v-20180507-prk-chn": "Kim Jong Un to Dalian, May 2018",
    "v-20180619-prk-chn": "Kim Jong Un to Beijing, June 2018",
    "v-20190107-prk-chn": "Kim Jong Un to Beijing, January 2019",
    "v-20190620-chn-prk": "Xi Jinping to Pyongyang, June 2019",
    "v-20250902-prk-chn": "Kim Jong Un at the Beijing parade, September 2025",
    "v-20180610-usa-prk": "Singapore summit",
    "v-20190226-usa-prk": "Hanoi summit",
    "v-20190630-usa-prk": "Panmunjom meeting",
    "v-20180427-prk-kor": "inter-Korean summit, 27 April 2018",
    "v-20180526-kor-prk": "inter-Korean summit, 26 May 2018",
    "v-20180918-kor-prk": "inter-Korean summit, Pyongyang, September 2018",
    "v-20190301-prk-vnm": "Kim Jong Un's official visit to Vietnam",
    "v-20240620-rus-vnm": "Putin's state visit to Vietnam",
    "v-20230320-chn-rus": "Xi Jinping to Moscow, March 2023",
    "v-20231017-rus-chn": "Putin at the Belt and Road Forum, October 2023",
    "v-20240516-rus-chn": "Putin's state visit to China, May 2024",
    "v-20241022-chn-rus": "Xi Jinping at the BRICS summit in Kazan",
    "v-20250507-chn-rus": "Xi Jinping at Victory Day in Moscow, May 2025",
    "v-20250831-rus-chn": "Putin at the SCO summit and the Beijing parade",
}

pytestmark = pytest.mark.skipif(not VERSIONS_WITH_HISTORY, reason="no release with the full history")


@pytest.fixture(params=VERSIONS_WITH_HISTORY)
def release(request):
    v = request.param
    return {t: summitry.load_table(t, v) for t in summitry.tables(v)}


def test_holds_every_visit_of_the_history(release):
    missing = set(EXPECTED_VISITS) - set(release["visits"]["visit_id"])
    assert not missing, [EXPECTED_VISITS[m] for m in sorted(missing)]


def test_every_visit_and_event_cites_a_source(release):
    visits, events, links, sources = release["visits"], release["events"], release["event_sources"], release["sources"]
    known = set(sources["source_id"])
    for ids in visits["source_ids"]:
        cited = [s for s in ids.split("; ") if s]
        assert cited and set(cited) <= known
    assert set(events["event_id"]) == set(links["event_id"])
    assert links["quote"].str.strip().str.len().gt(10).all()
    assert sources["url"].notna().sum() >= len(sources) - 2  # only the shipped article lacks an address


def _curated(visits: pd.DataFrame) -> pd.DataFrame:
    # The coding rules tested here are the curated records'; upstream rows follow their own.
    return visits[visits["collection"] == "curated"] if "collection" in visits else visits


def test_every_visit_has_its_arrival_events(release):
    events = release["events"]
    for v in _curated(release["visits"]).itertuples():
        codes = set(events.loc[events["visit_id"] == v.visit_id, "event_code"].astype(str))
        wanted = {"044"} if v.format == "third_location" else {"042", "043"}
        assert wanted <= codes, v.visit_id


def test_each_agreement_has_a_signing_event_per_side(release):
    events = release["events"]
    for v in release["visits"].itertuples():
        if isinstance(v.agreements, str) and v.agreements:
            signing = events[(events["visit_id"] == v.visit_id) & (events["event_code"] == "057")]
            n = len(v.agreements.split("; "))
            assert len(signing) == 2 * n, v.visit_id
            assert set(signing["source_country"].astype(str)) == {v.guest_country, v.host_country}


def test_events_fall_inside_their_visits(release):
    ev = release["events"].merge(release["visits"][["visit_id", "start_date", "end_date"]], on="visit_id")
    assert ((ev["date"] >= ev["start_date"]) & (ev["date"] <= ev["end_date"])).all()


def test_precision_never_invents_a_day(release):
    v = release["visits"]
    month = v[v["date_precision"] == "month"]
    assert (month["start_date"].dt.day == 1).all() and month["visit_id"].str[8:10].eq("00").all()
    year = v[v["date_precision"] == "year"]
    assert (year["start_date"].dt.strftime("%m-%d") == "01-01").all() and year["visit_id"].str[6:10].eq("0000").all()


def test_enums_come_from_the_schema(release):
    for column in ("visit_type", "format", "level", "date_precision"):
        allowed = set(schema.field("visits", column)["constraints"]["enum"])
        assert set(release["visits"][column].astype(str)) <= allowed


def test_third_location_meetings_name_the_place(release):
    v = _curated(release["visits"])
    third = v[v["format"] == "third_location"]
    assert (third["location_country"].astype(str) != third["host_country"].astype(str)).all()
    assert set(third.set_index("visit_id").loc[["v-20180610-usa-prk", "v-20190226-usa-prk"], "location_country"]) == {"SGP", "VNM"}


def test_ids_of_earlier_releases_keep_their_meaning():
    """No record of an earlier release is retracted or changed by a later one without the changelog saying so."""
    versions = summitry.versions()
    for old, new in zip(versions, versions[1:], strict=False):
        d = summitry.diff(old, new)
        given = summitry.manifest(new)["summitry"].get("corrections", [])
        for table, td in d.tables.items():
            explained = {i for c in given if c["table"] == table for i in c["ids"]}
            unexplained = [i for i in td.retracted if i not in explained]
            assert not unexplained, (old, new, table, unexplained[:5])
            assert td.changed.empty or td.changed["reason"].notna().all(), (
                old, new, table, td.changed[td.changed["reason"].isna()].head().to_dict("records"))


def test_diff_1_0_0_to_1_1_0_lists_exactly_the_added_records():
    d = summitry.diff("1.0.0", "1.1.0")
    for table in summitry.tables("1.1.0"):
        old = summitry.load_table(table, "1.0.0")
        new = summitry.load_table(table, "1.1.0")
        assert len(d.tables[table].added) == len(new) - len(old), table
    assert set(EXPECTED_VISITS) - {"v-20240619-rus-prk"} <= set(d.tables["visits"].added)


def test_the_2024_visit_is_the_first_to_pyongyang_since_july_2000(release):
    v = release["visits"]
    putin_to_prk = v[(v["guest_country"] == "RUS") & (v["host_country"] == "PRK") & (v["format"] == "bilateral")]
    starts = sorted(putin_to_prk["start_date"])
    assert starts[-2:] == [pd.Timestamp("2000-07-19"), pd.Timestamp("2024-06-19")]
