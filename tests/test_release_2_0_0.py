"""Release 2.0.0: the Office of the Historian's collections, coverage and the curated corrections."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

import summitry
from summitry.dataset import countries
from summitry.dataset.collections import verify_upstream
from summitry.errors import RecordError

from .conftest import RECORDS, ROOT

UPSTREAM = ROOT / "dataset" / "upstream"
UPSTREAM_ROWS = {"ooh-president": 832, "ooh-secretary": 3439, "ooh-visits": 3264}


@pytest.fixture(scope="module")
def visits() -> pd.DataFrame:
    return summitry.load_visits("2.0.0")


def _visit(visits: pd.DataFrame, collection: str, upstream_id: str) -> pd.Series:
    rows = visits[(visits["collection"] == collection) & (visits["upstream_id"] == upstream_id)]
    assert len(rows) == 1, (collection, upstream_id)
    return rows.iloc[0]


def test_every_upstream_row_is_a_visit_or_is_left_out_with_a_reason(visits):
    coll = summitry.load_collections("2.0.0").set_index("collection_id")
    for collection, n in UPSTREAM_ROWS.items():
        kept = int((visits["collection"] == collection).sum())
        merged = visits["same_as"].dropna().str.count(f"{collection}:").sum()
        assert kept + merged + int(coll.loc[collection, "rows_left_out"]) == n, collection
        assert int(coll.loc[collection, "row_count"]) == kept
    changelog = (ROOT / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "`ooh-visits` 2138 (1874), 2140 (1881) and 2142 (1898)" in changelog


def test_upstream_ids_are_unique_within_each_collection(visits):
    upstream = visits[visits["collection"] != "curated"]
    assert not upstream.duplicated(["collection", "upstream_id"]).any()
    assert all(v.endswith(u) for v, u in zip(upstream["visit_id"], upstream["upstream_id"], strict=True))


@pytest.mark.parametrize(("collection", "upstream_id", "side", "iso3", "cow", "gw"), [
    ("ooh-visits", "752", "guest", "YEM", 678, 678),         # Yemen Arab Republic, January 1990
    ("ooh-president", "3814", "host", "SGP", 830, 830),      # Trump in Singapore, June 2018
])
def test_countries_are_coded_at_the_visits_date(visits, collection, upstream_id, side, iso3, cow, gw):
    v = _visit(visits, collection, upstream_id)
    assert (v[f"{side}_country"], v[f"{side}_ccode"], v[f"{side}_gwcode"]) == (iso3, cow, gw)


@pytest.mark.parametrize(("slug", "name", "day", "iso3", "cow", "gw"), [
    ("germany", "Germany, Federal Republic of", "1980-05-01", "DEU", 260, 260),
    ("germany", "Germany", "1995-05-01", "DEU", 255, 260),  # G&W keeps 260 for unified Germany
    ("russia", "U.S.S.R.", "1985-11-19", "SUN", 365, 365),
    ("russia", "Russia", "1995-05-09", "RUS", 365, 365),
    ("vietnam", "Vietnam, South", "1966-10-26", "VNM", 817, 817),
    ("palestinian-authority", "Palestinian Authority", "2008-01-10", "PSE", None, None),
])
def test_country_slugs_resolve_by_date(slug, name, day, iso3, cow, gw):
    try:
        got = countries.resolve_slug("ooh_country_slugs", slug, name, dt.date.fromisoformat(day))
    except ValueError:
        rows = countries.slug_table("ooh_country_slugs")
        pytest.fail(f"{slug} {name} {day}: the slug table has {[r.name for r in rows.get(slug, ())]}")
    assert (got.iso3, got.cowcode, got.gwcode) == (iso3, cow, gw)


def test_an_unknown_slug_names_itself():
    with pytest.raises(ValueError, match="atlantis"):
        countries.resolve_slug("ooh_country_slugs", "atlantis", "Atlantis", dt.date(2000, 1, 1))


def test_kinds_levels_and_formats_are_read_from_the_text(visits):
    assert _visit(visits, "ooh-visits", "3239")["visit_type"] == "official"           # "Offical Visit."
    quad = _visit(visits, "ooh-visits", "3034")                                        # "Working Visit; Quad ..."
    assert (quad["visit_type"], quad["format"], quad["multilateral_meeting"]) == (
        "working", "multilateral", "Quad Leaders' Summit")
    assert set(visits.loc[visits["collection"] == "ooh-secretary", "level"]) == {"foreign_minister"}
    two = _visit(visits, "ooh-visits", "855")                                          # Cossiga and Andreotti
    assert two["level"] == "head_of_state" and "Andreotti" in two["notes"]


def test_each_upstream_visit_has_its_event_and_source_sentence(visits):
    events = summitry.load_events("2.0.0")
    links = summitry.load_event_sources("2.0.0")
    v = _visit(visits, "ooh-president", "3814")
    e = events[events["visit_id"] == v["visit_id"]]
    assert list(e["event_code"]) == ["042"] and e.iloc[0]["place_name"] == "Singapore"
    quote = links.loc[links["event_id"] == e.iloc[0]["event_id"], "quote"].iloc[0]
    assert "summit with North Korean leader Kim Jong-un" in quote
    sources = summitry.load_sources("2.0.0").set_index("source_id")
    assert sources.loc[v["source_ids"], "url"].endswith("/travels/president/trump-donald-j")


def test_third_location_summits_and_the_visits_to_that_country_are_linked(visits):
    by_id = visits.set_index("visit_id")
    singapore = _visit(visits, "ooh-president", "3814")["visit_id"]
    assert singapore in by_id.loc["v-20180610-usa-prk", "related"].split("; ")
    assert by_id.loc[singapore, "related"] == "v-20180610-usa-prk"
    # the president and the Secretary on the same journey are two visits
    secretary = visits[(visits["collection"] == "ooh-secretary") & (visits["host_country"] == "SGP")
                       & (visits["start_date"] == pd.Timestamp("2018-06-10"))]
    assert len(secretary) == 1 and secretary.iloc[0]["visit_id"] != singapore


def test_leaders_are_linked_to_archigos_and_the_historian(visits):
    actors = summitry.load_actors("2.0.0").set_index("actor_id")
    assert actors.loc["a-obama-barack", "oh_id"] == "obama-barack"
    assert actors.loc["a-obama-barack", "archigos_obsid"] == "USA-2009"
    assert actors.loc["a-putin-vladimir", "wikidata_qid"] == "Q7747"
    assert actors.loc["a-trump-donald-j", "oh_id"] == "trump-donald-j"
    assert actors.index.is_unique
    assert actors.index.str.match(r"^a-[a-z0-9]+(-[a-z0-9]+)*$").all()


def test_coverage_is_declared_per_collection():
    cov = summitry.load_coverage("2.0.0")
    assert set(cov["collection"]) == {"curated", "ooh-president", "ooh-secretary", "ooh-visits"}
    president = cov[cov["collection"] == "ooh-president"].iloc[0]
    assert (president["guest_country"], president["host_country"]) == ("USA", "*")
    assert "26-27 December 2018" in president["note"]  # the known gap is said, not hidden
    curated = cov[cov["collection"] == "curated"]
    # the Soviet-era history is not declared complete
    assert curated["first_date"].min() >= pd.Timestamp("1992-01-01")


# --- the curated corrections, each a regression test ---------------------------------------

def test_duration_is_empty_for_visits_dated_to_a_month_or_year(visits):
    curated = visits[visits["collection"] == "curated"]
    coarse = curated[curated["date_precision"] != "day"]
    assert len(coarse) >= 7 and coarse["duration_days"].isna().all()
    assert curated.loc[curated["date_precision"] == "day", "duration_days"].notna().all()


def test_the_vietnam_stay_of_2019_is_one_visit(visits):
    v = visits.set_index("visit_id").loc["v-20190301-prk-vnm"]
    assert (v["start_date"], v["end_date"]) == (pd.Timestamp("2019-02-26"), pd.Timestamp("2019-03-02"))


def test_putins_2025_trip_to_china_has_one_name(visits):
    v = visits.set_index("visit_id").loc["v-20250831-rus-chn"]
    assert v["visit_type"] == "official"
    assert "four-day official visit" in visits.set_index("visit_id").loc["v-20250903-rus-prk", "notes"]


def test_leaders_without_a_confirmed_qid_have_an_actor_id(visits):
    actors = summitry.load_actors("2.0.0").set_index("actor_id")
    by_id = visits.set_index("visit_id")
    for visit, side, actor in [("v-19530910-prk-sun", "host", "a-malenkov-georgy"),
                               ("v-19610700-prk-sun", "host", "a-khrushchev-nikita"),
                               ("v-19840000-prk-sun", "host", "a-chernenko-konstantin"),
                               ("v-20180918-kor-prk", "guest", "a-moon-jae-in"),
                               ("v-20190301-prk-vnm", "host", "a-nguyen-phu-trong"),
                               ("v-20240620-rus-vnm", "host", "a-to-lam")]:
        assert by_id.loc[visit, f"{side}_leader_id"] == actor
        assert pd.isna(actors.loc[actor, "wikidata_qid"])  # no QID was confirmed from a source


def test_kim_jong_un_is_chairman_of_the_state_affairs_commission():
    kju = summitry.load_actors("2.0.0").set_index("actor_id").loc["a-kim-jong-un"]
    assert kju["office"].startswith("Chairman of the State Affairs Commission")
    assert kju["office_start"] == pd.Timestamp("2016-06-29")


def test_the_flagship_is_completed_and_its_article_attributed():
    chron = summitry.chronology("v-20240619-rus-prk", "2.0.0")
    assert len(chron) == 17 and {"017", "036", "060"} <= set(chron["event_code"].astype(str))
    src = summitry.load_sources("2.0.0").set_index("source_id").loc["s-unnamed-fr-20240619"]
    assert "Le Vif" in src["publisher"]


# --- bad upstream input: named, and nothing written -----------------------------------------

def test_a_changed_upstream_byte_is_named(tmp_path):
    up = tmp_path / "upstream"
    shutil.copytree(UPSTREAM, up)
    target = up / "historyatstate" / "visits" / "data" / "1990.xml"
    target.write_bytes(target.read_bytes().replace(b"Cavaco", b"Cavaca", 1))
    problems = verify_upstream(up)
    assert len(problems) == 1 and problems[0].file == str(target) and "differ" in problems[0].message
    with pytest.raises(RecordError, match="1990.xml"):
        summitry.build(RECORDS, "9.9.9", tmp_path / "out", upstream=up)
    assert not (tmp_path / "out" / "9.9.9").exists()


def test_two_collections_claiming_one_visit_id_are_refused(tmp_path, records_copy):
    clash = records_copy / "visits" / "v-20240619-rus-prk.yaml"
    text = clash.read_text(encoding="utf-8")
    # a curated record that takes the id of an upstream visit
    clash.write_text(text.replace("- visit_id: v-20240619-rus-prk\n", "- visit_id: v-20210609-usa-gbr-p4113\n", 1),
                     encoding="utf-8")
    with pytest.raises(RecordError, match="v-20210609-usa-gbr-p4113"):
        summitry.build(records_copy, "9.9.9", tmp_path / "out", upstream=UPSTREAM)
    assert not (tmp_path / "out" / "9.9.9").exists()
