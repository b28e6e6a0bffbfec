"""The GDELT and ICEWS readers: published layouts, real files, errata kept, streaming."""

from __future__ import annotations

import datetime as dt
import zipfile

import pandas as pd
import pyarrow as pa
import pytest

import summitry
from summitry.eventdata import gdelt, imported
from summitry.eventdata.gdelt import GdeltReader

from .eventfiles import GDELT1_57, GDELT1_58, GDELT2_61, REAL, write_gdelt, write_icews

REAL_FILES = {
    "gdelt2/20160802000000.export.CSV": 4686,
    "gdelt2/spark-gdelt-events.csv": 100,
    "gdelt2/spark-gdelt-eventsT.csv": 100,
    "gdelt1/20151207.export.CSV.small": 5000,
    "gdelt1/spark-gdelt-events1.csv": 100,
    "icews/20181004-icews-events.tab": 2338,
    "icews/events.2018.sample.tab": 3705,
}


def _read(path):
    return (summitry.read_icews if "icews" in str(path) else summitry.read_gdelt)(path)


def test_layouts_follow_the_codebooks():
    assert gdelt.columns("gdelt1-57") == GDELT1_57
    assert gdelt.columns("gdelt1-58") == GDELT1_58
    assert gdelt.columns("gdelt2") == GDELT2_61


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_files_read_completely_and_aligned(name):
    reader = _read(REAL / name)
    table = reader.read_all()
    assert table.num_rows == REAL_FILES[name]
    assert reader.problems == []
    assert table.schema == imported.arrow_schema()
    codes = set(table.column("event_code").to_pylist())
    known = set(summitry.schema.event_code_info())
    # a column shifted by one would put names or numbers here: every code is CAMEO's
    assert codes - known <= {"1213"}  # ICEWS's own sub-code of 121, reported by the validator
    lat = [v for v in table.column("latitude").to_pylist() if v is not None]
    assert lat and all(-90 <= v <= 90 for v in lat)
    assert all(d is None or d.year >= 1979 for d in table.column("date").to_pylist())


def test_gdelt1_mixed_57_and_58_columns_keep_line_numbers():
    chunks = list(summitry.read_gdelt(REAL / "gdelt1/spark-gdelt-events1.csv").chunks())
    rows = sorted(r for c in chunks for r in c.rows.tolist())
    assert rows == list(range(1, 101))
    table = pa.Table.from_batches([c.batch for c in chunks])
    urls = table.column("source_url").to_pylist()
    assert sum(u is None for u in urls) == 40  # the 57-column backfile rows have no SOURCEURL
    assert urls.count("BBC Monitoring") == 5
    padded = [c for c in table.column("target_actor_code").to_pylist() if c and c != c.strip()]
    assert len(padded) == 20 and " UIS" in padded  # kept as written, for the validator to report


def test_normalize_strips_and_upper_cases_codes():
    table = summitry.read_gdelt(REAL / "gdelt1/spark-gdelt-events1.csv", normalize=True).read_all()
    codes = [c for c in table.column("target_actor_code").to_pylist() if c]
    assert "UIS" in codes and all(c == c.strip().upper() for c in codes)


def test_icews_na_and_empty_are_missing():
    for name in ("icews/events.2018.sample.tab", "icews/20181004-icews-events.tab"):
        df = summitry.read_icews(REAL / name).to_pandas()
        for col in ("source_name", "origin_source_country", "place_name", "publisher"):
            assert not df[col].isin(["NA", ""]).any()
    df = summitry.read_icews(REAL / "icews/events.2018.sample.tab").to_pandas()
    visits = df[(df.event_code.isin(["042", "043"])) & df.origin_source_country.isin(["North Korea", "Russian Federation"])
                & df.origin_target_country.isin(["North Korea", "Russian Federation"])]
    assert len(visits) == 22
    assert set(visits.source_country) == {"PRK", "RUS"}


def test_gdelt_rows_map_to_the_events_schema(tmp_path):
    p = write_gdelt(tmp_path / "x.export.CSV", "gdelt2", [{"Actor1Name": 'THE "NEW" GOVERNMENT'}])
    row = summitry.read_gdelt(p).to_pandas().iloc[0]
    assert row.event_id == "1000001" and row.date == dt.date(2024, 6, 19)
    assert (row.source_actor_code, row.source_country, row.target_country) == ("RUSGOV", "RUS", "PRK")
    assert (row.event_code, row.base_code, row.root_code, row.quad_class, row.goldstein) == ("042", "042", "04", 1, 1.9)
    assert (row.place_country, row.origin_place_country, row.geo_precision) == ("PRK", "KN", "city")
    assert row.date_added == dt.date(2024, 6, 19) and row.source_url.startswith("https://")
    assert row.source_name == 'THE "NEW" GOVERNMENT'  # a quote is a literal character
    assert row.origin == "gdelt2"


@pytest.mark.parametrize("layout", ["gdelt1-57", "gdelt1-58"])
def test_gdelt1_layouts(tmp_path, layout):
    p = write_gdelt(tmp_path / "20240619.export.CSV", layout, [{}, {"EventCode": "043", "EventBaseCode": "043",
                                                                      "GoldsteinScale": "2.8"}])
    df = summitry.read_gdelt(p).to_pandas()
    assert list(df.event_code) == ["042", "043"] and set(df.origin) == {"gdelt1"}
    assert df.source_url.isna().all() == (layout == "gdelt1-57")
    assert summitry.validate(p).ok


def test_icews_rows_map_to_the_events_schema(tmp_path):
    p = write_icews(tmp_path / "events.tab", [{}], na="NA")
    row = summitry.read_icews(p).to_pandas().iloc[0]
    assert (row.event_id, row.event_code, row.base_code, row.root_code, row.quad_class) == ("33000001", "042", "042", "04", 1)
    assert (row.source_country, row.target_country, row.place_country) == ("RUS", "PRK", "PRK")
    assert row.place_name == "Pyongyang, P'yongyang-si, North Korea" and row.geo_precision == "city"
    assert pd.isna(row.source_actor_code) and row.origin == "icews"


def test_zipped_files_read_like_plain_ones(tmp_path):
    src = REAL / "icews/20181004-icews-events.tab"
    z = tmp_path / "icews.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(src, "20181004-icews-events.tab")
    assert summitry.read_icews(z).read_all().equals(summitry.read_icews(src).read_all())


def test_streams_in_small_blocks_with_exact_line_numbers():
    path = REAL / "gdelt2/20160802000000.export.CSV"
    chunks = list(GdeltReader([path], block_size=64 << 10).chunks())
    assert len(chunks) > 10
    rows = [r for c in chunks for r in c.rows.tolist()]
    assert rows == list(range(1, 4687))
    whole = summitry.read_gdelt(path).read_all()
    assert pa.Table.from_batches([c.batch for c in chunks]).equals(whole)


def test_wrong_format_is_refused_naming_the_file():
    with pytest.raises(summitry.SummitryError, match="20181004-icews-events.tab.*not a gdelt1 or gdelt2"):
        summitry.read_gdelt(REAL / "icews/20181004-icews-events.tab").read_all()


def test_imported_schema_file_is_generated_from_the_events_schema(repo_root=None):
    path = summitry.schema.schemas_dir() / "imported_events.schema.json"
    assert path.read_text(encoding="utf-8") == imported.schema_text(), \
        "regenerate with: python -c 'from summitry import imported; imported.write_schema_file()'"
    events = {f["name"]: f for f in summitry.schema.fields("events")}
    for f in imported.fields():
        if f["name"] in events:
            assert f["type"] == events[f["name"]]["type"]
    assert set(events) - set(imported.field_names()) == set(imported.NOT_IMPORTED)


def test_imported_events_doc_is_generated():
    from .eventfiles import ROOT

    doc = ROOT / "docs" / "imported-events.md"
    assert doc.read_text(encoding="utf-8") == imported.schema_markdown(), \
        "regenerate: python -c 'from summitry import imported as i; open(\"docs/imported-events.md\",\"w\").write(i.schema_markdown())'"
