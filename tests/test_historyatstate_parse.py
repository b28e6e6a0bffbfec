"""The Office of the Historian readers, on the real upstream files in dataset/upstream/historyatstate.

Every known answer below names its upstream row by (collection, id) so a failure points at the XML.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from summitry.dataset import historyatstate as h
from summitry.dataset.historyatstate import titles

UPSTREAM = Path(__file__).resolve().parents[1] / "dataset" / "upstream" / "historyatstate"


@pytest.fixture(scope="module")
def rows() -> list[h.Row]:
    return h.read_all(UPSTREAM)


@pytest.fixture(scope="module")
def by_id(rows: list[h.Row]) -> dict[tuple[str, str | None], h.Row]:
    return {(r.collection, r.upstream_id): r for r in rows}


def test_row_counts(rows):
    assert Counter(r.collection for r in rows) == {"ooh-president": 832, "ooh-secretary": 3439, "ooh-visits": 3264}
    # read_all keeps the collections in a fixed order: presidents, Secretaries, visits
    assert [r.collection for r in rows[:1] + rows[832:833] + rows[4271:4272]] == list(h.COLLECTIONS)
    assert rows[831].collection == "ooh-president" and rows[4270].collection == "ooh-secretary"


def test_single_readers_match_read_all(rows):
    president = h.read_president_trips(UPSTREAM / "travels" / "president-travels")
    secretary = h.read_secretary_trips(UPSTREAM / "travels" / "secretary-travels")
    visits = h.read_visits(UPSTREAM / "visits" / "data")
    assert president + secretary + visits == rows


def test_ids_unique_within_collection(rows):
    keys = [(r.collection, r.upstream_id) for r in rows]
    assert len(set(keys)) == len(keys)
    assert all(r.upstream_id for r in rows)


def test_typo_offical_visit_is_official(by_id):
    r = by_id[("ooh-visits", "3239")]
    assert r.description == "Offical Visit."
    assert r.traveller == "President Sheikh Mohamed bin Zayed Al Nahyan"
    assert r.start_date == date(2024, 9, 23)
    assert (r.visit_type, r.visit_type_as_called) == ("official", "Offical Visit")
    assert (r.level, r.visitor_title, r.visitor_name) == ("head_of_state", "President", "Sheikh Mohamed bin Zayed Al Nahyan")
    assert r.format == "bilateral"


def test_official_working_visit(by_id):
    r = by_id[("ooh-visits", "582")]
    assert r.traveller == "Prime Minister Yasuhiro Nakasone"
    assert r.description == "Official Working Visit in Los Angeles."
    assert (r.visit_type, r.visit_type_as_called) == ("official_working", "Official Working Visit")
    assert r.level == "head_of_government"
    # the first kind phrase decides; the later private side trip does not
    r = by_id[("ooh-visits", "580")]
    assert r.description == "Official Working Visit. Private visit afterwards to Columbus (Miss.)."
    assert r.visit_type == "official_working"


def test_working_visit_with_quad_summit(by_id):
    r = by_id[("ooh-visits", "3034")]
    assert r.description == "Working Visit; Quad Leaders' Summit."
    assert r.traveller == "Prime Minister Narendra Modi" and r.country_slug == "india"
    assert (r.visit_type, r.visit_type_as_called) == ("working", "Working Visit")
    assert (r.format, r.multilateral_meeting) == ("multilateral", "Quad Leaders' Summit")
    assert r.format_reason == "attended: Quad Leaders' Summit"


def test_trump_singapore_2018(by_id):
    r = by_id[("ooh-president", "3814")]
    assert r.source_file == "president-travels/trump-donald-j.xml"
    assert (r.traveller, r.person_slug, r.role) == ("Donald J. Trump", "trump-donald-j", "president")
    assert (r.start_date, r.end_date) == (date(2018, 6, 10), date(2018, 6, 13))
    assert (r.country_slug, r.country_name, r.locale) == ("singapore", "Singapore", "Singapore")
    assert r.remarks == (
        "Participated in the summit with North Korean leader Kim Jong-un and bilateral events with "
        "Singaporean Prime Minister Lee Hsien Loong."
    )
    assert r.description is None
    assert (r.level, r.level_basis) == ("head_of_state", "collection: President of the United States")
    # a host counterpart (Singaporean PM) is named, so not a third location; one foreign leader is not multilateral
    assert (r.visit_type, r.format, r.multilateral_meeting) == ("unknown", "bilateral", None)


def test_two_visitors_take_the_higher_level(by_id):
    r = by_id[("ooh-visits", "855")]
    assert r.traveller == "President Francesco Cossiga and Prime Minister Giulio Andreotti"
    assert (r.level, r.visitor_title, r.visitor_name) == ("head_of_state", "President", "Francesco Cossiga")
    assert r.co_visitors == ("Prime Minister Giulio Andreotti",)
    assert r.level_basis == "highest of 2 visitors; title: President"


def test_one_person_with_two_titles_is_not_split():
    assert titles.split_visitors("Premier & Prince Sihanouk") == ["Premier & Prince Sihanouk"]
    assert titles.split_visitors("King Abdullah and Crown Prince Hussein") == ["King Abdullah", "Crown Prince Hussein"]


def test_secretary_is_foreign_minister(by_id):
    r = by_id[("ooh-secretary", "977")]
    assert r.traveller == "Henry A. (Heinz Alfred) Kissinger"
    assert (r.country_slug, r.country_name, r.locale) == ("russia", "U.S.S.R.", "Moscow")
    assert (r.level, r.level_basis) == ("foreign_minister", "collection: Secretary of State")
    assert (r.visitor_title, r.visitor_name, r.co_visitors) == (None, None, ())


def test_president_elect_is_other(by_id, rows):
    r = by_id[("ooh-president", "2911")]
    assert r.traveller == "Ronald Reagan" and r.start_date == date(1981, 1, 5)
    assert r.remarks == "Met with President Lopez Portillo. [Visit made as President-elect.]"
    assert (r.level, r.level_basis) == ("other", "remarks: visit made as President-elect")
    assert sum(r.collection == "ooh-president" and r.level == "other" for r in rows) == 17


def test_un_general_assembly_attendance(by_id):
    r = by_id[("ooh-visits", "2402")]
    assert r.traveller == "President Nkrumah"
    assert r.description == "Met with President Eisenhower in New York City while attending UN General Assembly session."
    assert (r.format, r.multilateral_meeting) == ("multilateral", "UN General Assembly")
    r = by_id[("ooh-secretary", "492")]
    assert r.remarks == "Attended first session of the UN General Assembly."
    assert (r.format, r.multilateral_meeting) == ("multilateral", "UN General Assembly")
    # inbound exception: on the way to the UN is still in the US
    r = by_id[("ooh-visits", "391")]
    assert r.description == "Private visit to Washington en route to U.N. General Assembly session."
    assert (r.visit_type, r.format, r.multilateral_meeting) == ("private", "multilateral", "UN General Assembly")
    assert r.level == "other"  # "Junta Member" Daniel Ortega held no state office


def test_third_location(by_id):
    r = by_id[("ooh-president", "2712")]
    assert r.remarks == "Casablanca Conference with British Prime Minister Churchill."
    assert r.format == "third_location"
    assert r.format_reason == "counterpart(s) only from other states: British"


def test_level_override(by_id):
    r = by_id[("ooh-visits", "1862")]
    assert r.traveller == "Sheikh Haya Rashed al-Khalifa"
    assert r.level == "igo_leader" and r.level_basis.startswith("override: ")


def test_vocabularies(rows):
    assert {r.visit_type for r in rows} <= set(h.VISIT_TYPES)
    assert {r.level for r in rows} <= set(h.LEVEL_ORDER)
    assert {r.format for r in rows} == {"bilateral", "multilateral", "third_location"}
    assert all(r.start_date and r.end_date and r.start_date <= r.end_date for r in rows)
    assert all(r.start_text == r.start_date.isoformat() for r in rows if r.start_date)


def test_problems(rows):
    found = h.problems(rows)
    assert len(found) == 78
    assert {p.severity for p in found} == {"warning"}
    assert h.Problem(
        "ooh-secretary", "1206", "secretary-travels/lansing-robert.xml", "warning",
        "long stay: 213 days (1918-12-14 to 1919-07-14)",
    ) in found
    assert h.Problem(
        "ooh-president", "4119", "president-travels/biden-joseph-r.xml", "warning",
        "same traveller, country and start date as upstream id 4118",
    ) in found


def test_deterministic(rows):
    again = h.read_all(UPSTREAM)
    assert again == rows
    assert [dataclasses.asdict(r) for r in again] == [dataclasses.asdict(r) for r in rows]
    assert h.problems(again) == h.problems(rows)


def test_read_presidents_keeps_both_terms():
    terms = h.read_presidents(UPSTREAM / "travels" / "presidents" / "presidents.xml")
    assert terms["trump-donald-j"] == [("2017-01-20", "2021-01-20"), ("2025-01-20", None)]
    assert terms["cleveland-grover"] == [("1885-03-04", "1889-03-04"), ("1893-03-04", "1897-03-04")]
