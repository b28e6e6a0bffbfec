"""Shipped releases: unchanged to the byte, valid Frictionless packages, loadable as typed frames."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from frictionless import Package

import summitry
from summitry import schema
from summitry.dataset.build import sha256
from summitry.dataset.parquet import read_metadata
from summitry.errors import ChoiceError, SummitryError

from .conftest import RELEASES

VERSIONS = summitry.versions()


def _checksums():
    with open(RELEASES / "checksums.tsv", encoding="utf-8") as fh:
        return [tuple(row) for row in csv.reader(fh, delimiter="\t")]


def test_every_release_is_listed_in_checksums():
    listed = {v for v, _, _ in _checksums()}
    assert listed == set(VERSIONS)
    for version in VERSIONS:
        files = {p.name for p in (RELEASES / version).iterdir()}
        assert files == {name for v, name, _ in _checksums() if v == version}


@pytest.mark.parametrize("version,name,digest", _checksums())
def test_released_file_is_unchanged(version, name, digest):
    """A changed byte in a released file or manifest fails here: releases are immutable."""
    assert sha256(RELEASES / version / name) == digest


@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_checksums_match_the_files(version):
    m = summitry.manifest(version)
    for resource in m["resources"]:
        path = RELEASES / version / resource["path"]
        assert sha256(path) == resource["sha256"]
        assert path.stat().st_size == resource["size_bytes"]
        assert pq.read_metadata(path).num_rows == resource["rows"]


@pytest.fixture
def frictionless_reads_pandas_na(monkeypatch):
    """frictionless 5 reads Parquet through pandas and treats only ``np.nan`` as missing;
    pandas 3 hands it ``pd.NA`` for a missing value in a nullable column. Give it None."""
    import fastparquet
    import pandas as pd

    groups = fastparquet.ParquetFile.iter_row_groups

    def with_none(self, *args, **kwargs):
        for df in groups(self, *args, **kwargs):
            yield df.astype(object).where(df.notna(), None) if pd.__version__ >= "3" else df

    monkeypatch.setattr(fastparquet.ParquetFile, "iter_row_groups", with_none)


@pytest.mark.parametrize("version", VERSIONS)
def test_frictionless_validates_the_release(version, frictionless_reads_pandas_na):
    package = Package(str(RELEASES / version / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


@pytest.mark.parametrize("version", VERSIONS)
def test_each_file_carries_its_version_and_table(version):
    for table in summitry.tables(version):
        meta = read_metadata(summitry.path(table, version))
        assert meta == {"dataset_version": version, "table": table,
                        "schema_version": summitry.manifest(version)["summitry"]["schema_version"]}


@pytest.mark.parametrize("table", schema.geo_tables())
def test_geo_tables_are_geoparquet_1_1(table):
    kv = pq.read_schema(summitry.path(table)).metadata
    geo = json.loads(kv[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    col = geo["columns"]["geometry"]
    assert col["encoding"] == "WKB" and col["geometry_types"] == ["Point"]
    assert col["crs"]["id"] == {"authority": "EPSG", "code": 4326}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("table", schema.TABLES)
def test_loaders_follow_the_schema_types(version, table):
    if table not in summitry.tables(version):
        with pytest.raises(ChoiceError, match="valid choices"):
            summitry.load_table(table, version)
        return
    df = summitry.load_table(table, version)
    # each release is read by the schema in its own manifest
    own = next(r["schema"]["fields"] for r in summitry.manifest(version)["resources"] if r["name"] == table)
    expected = {k: v for k, v in schema.pandas_dtypes(table, own).items() if k != "geometry"}
    assert {c: str(t) for c, t in df.dtypes.items()} == expected


def test_codes_keep_leading_zeros_and_dates_are_datetimes():
    events = summitry.load_events("1.0.0")
    assert isinstance(events["event_code"].dtype, pd.CategoricalDtype)
    assert "042" in set(events["event_code"]) and "42" not in set(events["event_code"])
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert events["root_code"].astype(str).str.len().eq(2).all()


def test_geo_loaders_give_geodataframes_in_epsg_4326():
    import geopandas as gpd

    for load in (summitry.load_events, summitry.load_places):
        gdf = load(geo=True)
        assert isinstance(gdf, gpd.GeoDataFrame)
        assert gdf.crs.to_epsg() == 4326
        located = gdf[gdf.geometry.notna()]
        assert (located.geometry.x.round(6) == located["longitude"].round(6)).all()
        assert (located.geometry.y.round(6) == located["latitude"].round(6)).all()


def test_geo_on_a_plain_table_lists_the_geo_tables():
    with pytest.raises(SummitryError, match="events, places"):
        summitry.load_visits(geo=True)


def test_latest_is_the_default():
    assert summitry.versions()[0] == "1.0.0"
    assert summitry.path("events") == summitry.path("events", summitry.versions()[-1])


def test_unknown_version_and_table_list_the_choices():
    with pytest.raises(ChoiceError, match="valid choices: 1.0.0"):
        summitry.load_events(version="0.9.0")
    with pytest.raises(ChoiceError, match="valid choices: visits, events"):
        summitry.path("event")


# Regression tests for data bugs found while coding the flagship record.

def test_flagship_arrival_is_dated_in_pyongyang_time():
    """Moscow-dated reports put the arrival on 18 June; Pyongyang time is 19 June, 02:22."""
    e = summitry.load_events("1.0.0").set_index("event_id")
    arrival = e.loc["e-20240619-rus-prk-01"]
    assert (arrival["date"], arrival["local_time"], arrival["time_zone"]) == (
        pd.Timestamp("2024-06-19"), "02:22", "Asia/Pyongyang")


def test_flagship_munitions_claim_is_an_allegation_of_military_aid():
    """First coded 074 (military protection); the allegation is of military aid, 072."""
    e = summitry.load_events("1.0.0")
    alleged = e[e["attribution"] == "alleged"]
    assert len(alleged) == 1
    row = alleged.iloc[0]
    assert (row["event_code"], row["attributed_to"], row["source_country"]) == ("072", "Western governments", "PRK")


def test_flagship_treaty_is_signed_by_each_side():
    e = summitry.load_events("1.0.0")
    signing = e[e["event_code"] == "057"]
    assert sorted(signing["source_actor_id"]) == ["Q56226", "Q7747"]
    assert set(signing["goldstein"]) == {8.0} and set(signing["quad_class"]) == {1}
