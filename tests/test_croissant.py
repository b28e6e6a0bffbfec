"""croissant.json: MLCommons Croissant 1.1 that mlcroissant reads; datapackage.json stays Frictionless v1."""

from __future__ import annotations

import json
import shutil

import mlcroissant as mlc
import pytest
from frictionless import Package

import summitry
from summitry import schema
from summitry.dataset.build import sha256
from summitry.dataset.croissant import CONFORMS_TO, FILENAME, croissant, dumps, write_croissant
from summitry.errors import ReleaseExistsError, SummitryError

from .conftest import RELEASES

# The first release built with croissant.json; the older ones are immutable without it.
FIRST = "2.0.0"
SHIPPING = [v for v in summitry.versions() if tuple(map(int, v.split("."))) >= (2, 0, 0)]


@pytest.fixture(scope="module")
def dataset():
    """The shipped 2.0.0 croissant.json, as mlcroissant reads it (raises on any validation error)."""
    return mlc.Dataset(jsonld=str(RELEASES / FIRST / FILENAME))


def test_only_releases_from_2_0_0_ship_it():
    assert FIRST in SHIPPING
    for version in summitry.versions():
        assert (RELEASES / version / FILENAME).is_file() == (version in SHIPPING), version


@pytest.mark.parametrize("version", SHIPPING)
def test_shipped_file_is_what_the_generator_writes(version):
    assert (RELEASES / version / FILENAME).read_text(encoding="utf-8") == dumps(croissant(version))


def test_mlcroissant_reports_no_problems(dataset):
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, issues.report()
    meta = dataset.metadata.to_json()
    assert meta["conformsTo"] == CONFORMS_TO
    assert meta["version"] == FIRST and str(meta["datePublished"])[:10] == "2026-12-01"
    assert meta["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_one_file_object_per_parquet_file_with_its_sha256():
    doc = croissant(FIRST)
    files = {d["contentUrl"]: d for d in doc["distribution"]}
    assert sorted(files) == sorted(f"{t}.parquet" for t in summitry.tables(FIRST))
    for name, d in files.items():
        assert d["@type"] == "cr:FileObject" and d["encodingFormat"] == "application/x-parquet"
        assert d["sha256"] == sha256(RELEASES / FIRST / name), name
        assert d["contentSize"] == f"{(RELEASES / FIRST / name).stat().st_size} B"


def test_one_record_set_per_table_with_the_schema_fields():
    sets = {r["@id"]: r for r in croissant(FIRST)["recordSet"]}
    assert list(sets) == summitry.tables(FIRST) == list(schema.TABLES)
    for table, rs in sets.items():
        assert [f["name"] for f in rs["field"]] == schema.field_names(table), table
        assert rs["key"] == [{"@id": f"{table}/{k}"} for k in schema.primary_key(table)]
        for f in rs["field"]:
            assert f["description"].startswith(schema.field(table, f["name"]).get("description", "")), f["@id"]
            assert f["source"] == {"fileObject": {"@id": f"{table}.parquet"}, "extract": {"column": f["name"]}}
    events = {f["name"]: f for f in sets["events"]["field"]}
    assert events["date"]["dataType"] == "sc:Date"
    assert events["goldstein"]["dataType"] == "sc:Float"
    assert events["quad_class"]["dataType"] == "sc:Integer"
    assert events["event_code"]["dataType"] == "sc:Text"
    assert events["geometry"]["dataType"] == ["sc:Text", "sc:GeoCoordinates"]
    assert events["place_id"]["description"].endswith("References places.place_id.")
    sources = {f["name"]: f for f in sets["sources"]["field"]}
    assert sources["url"]["dataType"] == "sc:URL"


def test_it_cites_the_release():
    assert croissant(FIRST)["citeAs"] == summitry.cite(version=FIRST, format="bibtex")


@pytest.mark.parametrize("table", ["visits", "coverage"])
def test_mlcroissant_reads_the_records(dataset, table):
    rows = list(dataset.records(record_set=table))
    assert len(rows) == next(r["rows"] for r in summitry.manifest(FIRST)["resources"] if r["name"] == table)
    if table == "visits":
        flagship = [r for r in rows if r["visits/visit_id"] == b"v-20240619-rus-prk"]
        assert len(flagship) == 1 and flagship[0]["visits/host_country"] == b"PRK"


def test_an_older_release_gets_one_generated_that_mlcroissant_reads(tmp_path):
    shutil.copytree(RELEASES / "1.0.0", tmp_path / "1.0.0")
    path = write_croissant(tmp_path / "1.0.0")
    ds = mlc.Dataset(jsonld=str(path))
    assert [r["@id"] for r in json.loads(path.read_text(encoding="utf-8"))["recordSet"]] == summitry.tables("1.0.0")
    assert len(list(ds.records(record_set="visits"))) == summitry.manifest("1.0.0")["resources"][0]["rows"]
    assert not (RELEASES / "1.0.0" / FILENAME).exists()


def test_writing_again_is_a_no_op_and_a_different_file_is_refused(tmp_path):
    folder = tmp_path / FIRST
    shutil.copytree(RELEASES / FIRST, folder)
    before = (folder / FILENAME).read_bytes()
    assert write_croissant(folder).read_bytes() == before
    (folder / FILENAME).write_text("{}\n", encoding="utf-8")
    with pytest.raises(ReleaseExistsError, match="immutable"):
        write_croissant(folder)
    assert (folder / FILENAME).read_text(encoding="utf-8") == "{}\n"


def test_a_changed_parquet_file_is_named_and_nothing_is_written(tmp_path):
    folder = tmp_path / "1.1.0"
    shutil.copytree(RELEASES / "1.1.0", folder)
    with open(folder / "places.parquet", "ab") as fh:
        fh.write(b"x")
    with pytest.raises(SummitryError, match=r"places\.parquet: its SHA-256 is not the 4\w+ that .*datapackage\.json gives"):
        write_croissant(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (RELEASES / "1.1.0").iterdir())


def test_a_folder_without_a_manifest_is_named(tmp_path):
    with pytest.raises(SummitryError, match=r"datapackage\.json: missing"):
        write_croissant(tmp_path)


# --- datapackage.json stays readable by Frictionless v1 readers (R's frictionless) ------

# Properties that the Data Package v2 standard adds; a v1 reader does not know them.
V2_ONLY = {"$schema", "roles", "categories", "categoriesOrdered", "fieldsMatch", "uniqueKeys", "givenName",
           "familyName"}


def _keys(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from _keys(v)


@pytest.mark.parametrize("version", summitry.versions())
def test_datapackage_is_frictionless_v1(version):
    m = summitry.manifest(version)
    assert not list(Package.metadata_validate(m))
    Package(m)  # loads as a package
    assert m["profile"] == "tabular-data-package"
    assert not V2_ONLY & set(_keys(m))
    assert all(isinstance(c["role"], str) for c in m["contributors"])
    for r in m["resources"]:
        assert r["profile"] == "tabular-data-resource" and "type" not in r, r["name"]
        assert isinstance(r["schema"]["primaryKey"], list)
        for fk in r["schema"].get("foreignKeys", []):
            assert set(fk["reference"]) == {"resource", "fields"}
