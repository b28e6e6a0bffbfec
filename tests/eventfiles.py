"""Writers of small event files in the exact published layouts, for the tests.

The GDELT column lists below are typed from the codebooks (GDELT 1.0 Event Codebook;
GDELT Event Codebook V2.0), independently of summitry.eventdata.gdelt, so that a test can catch
a reader that drifts from the published layout.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
RELEASE = ROOT / "dataset" / "releases" / "1.0.0"
REAL = ROOT / "tests" / "data" / "eventdata"

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]
_GEO2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
_HEAD = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
_ACTORS = [f"Actor{i}{p}" for i in (1, 2) for p in _ACTOR]

GDELT1_57 = _HEAD + _ACTORS + _EVENT + [f"{g}_{p}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
                                        for p in _GEO1] + ["DATEADDED"]
GDELT1_58 = GDELT1_57 + ["SOURCEURL"]
GDELT2_61 = _HEAD + _ACTORS + _EVENT + [f"{g}_{p}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
                                        for p in _GEO2] + ["DATEADDED", "SOURCEURL"]
assert (len(GDELT1_57), len(GDELT1_58), len(GDELT2_61)) == (57, 58, 61)

ICEWS_20 = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
            "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
            "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]


def gdelt_values(layout: str, event_id: int, **over) -> dict:
    """A valid GDELT row (Putin in Pyongyang, coded 042) as a dict, with overrides."""
    v2 = layout == "gdelt2"
    v = dict(GLOBALEVENTID=str(event_id), SQLDATE="20240619", MonthYear="202406", Year="2024",
             FractionDate="2024.4630", Actor1Code="RUSGOV", Actor1Name="RUSSIA", Actor1CountryCode="RUS",
             Actor1Type1Code="GOV", Actor2Code="PRKGOV", Actor2Name="NORTH KOREA", Actor2CountryCode="PRK",
             Actor2Type1Code="GOV", IsRootEvent="1", EventCode="042", EventBaseCode="042",
             EventRootCode="04", QuadClass="1", GoldsteinScale="1.9", NumMentions="10", NumSources="2",
             NumArticles="10", AvgTone="1.53", ActionGeo_Type="4",
             ActionGeo_FullName="Pyongyang, P'yongyang-si, North Korea", ActionGeo_CountryCode="KN",
             ActionGeo_ADM1Code="KN12", ActionGeo_Lat="39.0194", ActionGeo_Long="125.755",
             ActionGeo_FeatureID="-2193223", DATEADDED="20240619120000" if v2 else "20240619",
             SOURCEURL="https://www.example.org/putin-pyongyang")
    if v2:
        v["ActionGeo_ADM2Code"] = ""
    v.update(over)
    return v


def gdelt_line(layout: str, event_id: int, **over) -> str:
    cols = {"gdelt2": GDELT2_61, "gdelt1-58": GDELT1_58, "gdelt1-57": GDELT1_57}[layout]
    v = gdelt_values("gdelt2" if layout == "gdelt2" else "gdelt1", event_id, **over)
    if layout == "gdelt1-57":
        v.pop("SOURCEURL")
        v["DATEADDED"] = v["DATEADDED"][:8]
    return "\t".join(v.get(c, "") for c in cols)


def write_gdelt(path: Path, layout: str, rows: list[dict]) -> Path:
    """``rows``: overrides per row (``_layout`` to write one row in another layout)."""
    lines = []
    for i, over in enumerate(rows):
        over = dict(over)
        lay = over.pop("_layout", layout)
        lines.append(gdelt_line(lay, 1_000_001 + i, **over))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def icews_values(event_id: int, **over) -> dict:
    v = {"Event ID": str(event_id), "Event Date": "2018-06-01", "Source Name": "Russia",
         "Source Sectors": "", "Source Country": "Russian Federation", "Event Text": "Make a visit",
         "CAMEO Code": "042", "Intensity": "1.9", "Target Name": "North Korea", "Target Sectors": "",
         "Target Country": "North Korea", "Story ID": "47400351", "Sentence Number": "2",
         "Publisher": "Xinhua", "City": "Pyongyang", "District": "", "Province": "P'yongyang-si",
         "Country": "North Korea", "Latitude": "39.0339", "Longitude": "125.7543"}
    v.update(over)
    return v


def write_icews(path: Path, rows: list[dict], na: str = "") -> Path:
    lines = ["\t".join(ICEWS_20)]
    for i, over in enumerate(rows):
        v = icews_values(33_000_001 + i, **over)
        lines.append("\t".join(v[c] if v[c] != "" else na for c in ICEWS_20))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def release_frame(table: str):
    """A release table as a DataFrame of text and numbers, dates as dates (for CSV fixtures)."""
    t = pq.read_table(RELEASE / f"{table}.parquet")
    if "geometry" in t.column_names:
        t = t.drop(["geometry"])
    return t.to_pandas(date_as_object=True)
