"""Archigos matching and the actors of the Office of the Historian collections."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from summitry.dataset import archigos, countries
from summitry.dataset.historyatstate import leaders, read_all

UPSTREAM = Path(__file__).resolve().parents[1] / "dataset" / "upstream" / "historyatstate"
ID_PATTERN = re.compile(r"^a-[a-z0-9]+(-[a-z0-9]+)*$")
OBAMA_LEADID = "824fc72f-1e42-11e4-b4cd-db5882bf8def"
THATCHER_LEADID = "8207aca6-1e42-11e4-b4cd-db5882bf8def"


@pytest.fixture(scope="module")
def parsed() -> tuple[list[Any], dict[tuple[str, str], countries.Resolved]]:
    rows = read_all(UPSTREAM)
    resolved = {
        (r.collection, r.upstream_id): countries.resolve_slug("ooh_country_slugs", r.country_slug, r.country_name,
                                                              r.start_date)
        for r in rows if r.start_date is not None
    }
    return rows, resolved


@pytest.fixture(scope="module")
def built(parsed: tuple[list[Any], dict[tuple[str, str], countries.Resolved]]
          ) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]:
    actors, guests = leaders.upstream_actors(*parsed)
    return {a["actor_id"]: a for a in actors}, guests, actors


# --------------------------------------------------------------------------- archigos


def test_spells_read_from_peacesciencer_copy() -> None:
    assert archigos.archigos_path().name == "archigos.tsv"
    spells = archigos.spells()
    assert len(spells) == 3409
    obama = next(s for s in spells if s.obsid == "USA-2009")
    assert obama == archigos.Spell("USA-2009", OBAMA_LEADID, "Obama", 2, dt.date(2009, 1, 20), dt.date(2015, 12, 31))


def test_obama_matched_in_2010_and_nothing_after_2015() -> None:
    hit = archigos.match(2, dt.date(2010, 11, 6), "Barack Obama")
    assert hit is not None and hit.obsid == "USA-2009" and hit.leadid == OBAMA_LEADID
    assert archigos.match(2, dt.date(2016, 3, 20), "Barack Obama") is None
    assert archigos.in_office(2, dt.date(2016, 1, 1)) == []
    assert archigos.match(None, dt.date(2010, 11, 6), "Barack Obama") is None


def test_handover_day_lists_both_and_name_decides() -> None:
    day = dt.date(2009, 1, 20)
    assert [s.obsid for s in archigos.in_office(2, day)] == ["USA-2001", "USA-2009"]
    bush = archigos.match(2, day, "George W. Bush")
    assert bush is not None and bush.obsid == "USA-2001"


@pytest.mark.parametrize(("gwcode", "day", "name", "obsid"), [
    (200, dt.date(1985, 2, 19), "Margaret Thatcher", "UKG-1979"),  # OOH visit 587
    (220, dt.date(1960, 4, 22), "de Gaulle", "FRN-1958-2"),  # "De Gaulle" in Archigos
    (652, dt.date(2005, 1, 1), "Bashar al-Asad", "SYR-2000"),  # "Bashar al-Assad"
    (616, dt.date(1989, 11, 14), "Zine El Abidine Ben Ali", "TUN-1987"),  # "Zine Al-Abidine Ben Ali"
    (260, dt.date(1999, 2, 11), "Gerhard Schroeder", "GFR-1998"),  # "Schroder"
    (630, dt.date(1951, 10, 23), "Mossadeq", "IRN-1951"),  # "Mohammad Mossadeg"
    (560, dt.date(1990, 9, 23), "Frederik Willem de Klerk", "SAF-1989-3"),  # "deKlerk"
    (20, dt.date(1940, 4, 23), "Mackenzie King", "CAN-1935"),  # a family name that is also a title word
    (2, dt.date(1990, 1, 1), "George Bush", "USA-1989"),  # "G.H.W. Bush"
    (690, dt.date(2006, 9, 4), "Sheikh Sabah al-Ahmed al-Jaber al-Sabah", "KUW-2006-2"),
])
def test_known_matches(gwcode: int, day: dt.date, name: str, obsid: str) -> None:
    hit = archigos.match(gwcode, day, name)
    assert hit is not None and hit.obsid == obsid


@pytest.mark.parametrize(("gwcode", "day", "name"), [
    (200, dt.date(1983, 2, 26), "Elizabeth II"),  # the Queen; Archigos has the Prime Minister
    (690, dt.date(2003, 9, 9), "Sabah al-Sabah"),  # the Prime Minister shares the Emir's dynasty name only
    (816, dt.date(2011, 11, 10), "Truong Tan Sang"),  # not Nguyen Phu Trong
    (700, dt.date(1963, 9, 5), "Mohammed Zaher"),  # the King, not Prime Minister Mohammad Yusuf
])
def test_known_non_matches(gwcode: int, day: dt.date, name: str) -> None:
    assert archigos.match(gwcode, day, name) is None


def test_significant_tokens() -> None:
    assert archigos.significant("Abdullah Ibn Hussein El-Hashimi") == ["abdullah", "hussein", "hashimi"]
    assert archigos.significant("G.W. Bush") == ["bush"]
    assert archigos.significant("King") == ["king"]
    assert archigos.significant("Military Junta") == []


# --------------------------------------------------------------------------- actors


def test_actor_id() -> None:
    assert leaders.actor_id("George Papandreou", "GRC") == "a-george-papandreou-grc"
    assert leaders.actor_id("Sauli Niinistö", "FIN") == "a-sauli-niinisto-fin"
    assert leaders.actor_id("Peter Paire O’Neill", "PNG") == "a-peter-paire-oneill-png"
    with pytest.raises(ValueError):
        leaders.actor_id("", "GRC")


def test_presidents(built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    by_id, guests, _ = built
    obama = by_id["a-obama-barack"]
    assert obama == {
        "actor_id": "a-obama-barack", "name_en": "Barack Obama", "country": "USA", "cameo_code": "USAGOV",
        "role_code": "GOV", "office": "President of the United States", "office_start": "2009-01-20",
        "office_end": "2017-01-20", "wikidata_qid": "", "archigos_obsid": "USA-2009", "archigos_leadid": OBAMA_LEADID,
        "oh_id": "obama-barack", "source_ids": "",
    }
    assert guests[("ooh-president", "2960")] == "a-obama-barack"  # Canada, 2009-02-19
    trump = by_id["a-trump-donald-j"]
    assert (trump["office_start"], trump["office_end"], trump["archigos_obsid"]) == ("2017-01-20", "", "")
    # Hoover travelled only as President-elect: matched on his first day in office.
    assert by_id["a-hoover-herbert-c"]["archigos_obsid"] == "USA-1929"
    assert by_id["a-bush-george-w"]["archigos_obsid"] == "USA-2001"


def test_secretaries(built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    by_id, _, actors = built
    kerry = by_id["a-kerry-john-forbes"]
    assert kerry["office"] == "Secretary of State of the United States"
    assert (kerry["office_start"], kerry["office_end"], kerry["archigos_obsid"], kerry["oh_id"]) == (
        "", "", "", "kerry-john-forbes")
    assert sum(a["office"] == "Secretary of State of the United States" for a in actors) == 34
    assert sum(a["office"] == "President of the United States" for a in actors) == 21


def test_thatcher(built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    by_id, guests, _ = built
    thatcher = by_id["a-margaret-thatcher-gbr"]
    assert (thatcher["archigos_obsid"], thatcher["archigos_leadid"]) == ("UKG-1979", THATCHER_LEADID)
    assert (thatcher["country"], thatcher["cameo_code"], thatcher["office"]) == ("GBR", "GBRGOV", "Prime Minister")
    assert guests[("ooh-visits", "587")] == "a-margaret-thatcher-gbr"


def test_papandreous_are_three_people(
        built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    by_id, guests, _ = built
    assert guests[("ooh-visits", "2526")] == "a-papandreou-grc"  # Georgios, 1964
    assert guests[("ooh-visits", "1052")] == "a-andreas-papandreou-grc"  # 1994
    assert guests[("ooh-visits", "2078")] == "a-george-papandreou-grc"  # the younger George, 2010
    obsids = [by_id[a]["archigos_obsid"] for a in ("a-papandreou-grc", "a-andreas-papandreou-grc",
                                                   "a-george-papandreou-grc")]
    assert obsids == ["GRC-1964", "GRC-1993", "GRC-2009"]
    assert len({by_id[a]["archigos_leadid"] for a in ("a-papandreou-grc", "a-george-papandreou-grc")}) == 2


def test_same_name_two_leaders_gets_start_year(
        built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    # OOH writes "Jose Figueres Ferrer" for 1970 (Figueres Ferrer) and 1994 (his son, Figueres Olsen).
    by_id, guests, _ = built
    assert by_id["a-jose-figueres-ferrer-cri"]["archigos_obsid"] == "COS-1970"
    assert by_id["a-jose-figueres-ferrer-cri-1994"]["archigos_obsid"] == "COS-1994"
    assert guests[("ooh-visits", "1093")] == "a-jose-figueres-ferrer-cri-1994"


def test_spellings_of_one_leader_are_one_actor(
        built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    by_id, guests, actors = built
    # Binyamin (1996), Benyamin (1998), Benjamin (2009-) Netanyahu; 2017 and 2023 visits too.
    for upstream_id in ("1205", "1293", "2025", "2883", "3225"):
        assert guests[("ooh-visits", upstream_id)] == "a-benjamin-netanyahu-isr"
    assert by_id["a-benjamin-netanyahu-isr"]["archigos_obsid"] == "ISR-1996"
    assert not any("binyamin" in a["actor_id"] or "benyamin" in a["actor_id"] for a in actors)
    leads = [a["archigos_leadid"] for a in actors if a["archigos_leadid"]]
    assert len(leads) == len(set(leads))


def test_ids_valid_unique_and_deterministic(
        parsed: tuple[list[Any], dict[tuple[str, str], countries.Resolved]],
        built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    by_id, guests, actors = built
    ids = [a["actor_id"] for a in actors]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert all(ID_PATTERN.match(i) for i in ids)
    assert set(guests.values()) == set(ids)
    assert all(tuple(a) == leaders.FIELDS for a in actors)
    rows, resolved = parsed
    again = leaders.upstream_actors(list(reversed(rows)), resolved)
    assert again == (actors, guests)


def test_rows_without_name_or_state_get_no_actor(
        parsed: tuple[list[Any], dict[tuple[str, str], countries.Resolved]],
        built: tuple[dict[str, dict[str, str]], dict[tuple[str, str], str], list[dict[str, str]]]) -> None:
    rows, resolved = parsed
    _, guests, _ = built
    left = [(r.collection, r.upstream_id) for r in rows if (r.collection, r.upstream_id) not in guests]
    assert left and all(not resolved[k].iso3 for k in left)
    assert len(guests) == len(rows) - len(left)


def test_match_rate_heads_before_2016(parsed: tuple[list[Any], dict[tuple[str, str], countries.Resolved]]) -> None:
    rows, resolved = parsed
    heads = [r for r in rows if r.collection == "ooh-visits" and r.start_date is not None
             and r.start_date.year < 2016 and r.level in ("head_of_state", "head_of_government")]
    linked = [r for r in heads
              if archigos.match(resolved[(r.collection, r.upstream_id)].gwcode, r.start_date, r.visitor_name or "")]
    assert len(heads) == 2758
    assert len(linked) / len(heads) > 0.8  # 2,278 when written
