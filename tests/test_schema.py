"""The schemas are the single source of truth: valid, complete, and not copied by hand."""

from __future__ import annotations

import ast
import json

import pytest
from frictionless import Schema

from summitry import schema
from summitry.dataset import codebook

from .conftest import ROOT


@pytest.mark.parametrize("table", schema.TABLES)
def test_table_schema_is_valid_frictionless(table):
    descriptor = schema.table_schema(table)
    report = Schema.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("table", schema.TABLES)
def test_keys_name_existing_fields(table):
    names = set(schema.field_names(table))
    assert set(schema.primary_key(table)) <= names
    for fieldname, ref_table, ref_field in schema.foreign_keys(table):
        assert fieldname in names
        assert ref_field in schema.field_names(ref_table)


def test_every_codelist_reference_exists():
    for table in schema.TABLES:
        for f in schema.fields(table):
            if "codelist" in f:
                assert schema.codelist_keys(f["codelist"]), f"{table}.{f['name']}"


def test_event_codes_keep_leading_zeros_and_are_consistent():
    info = schema.event_code_info()
    assert {"042", "043", "046", "057", "0211"} <= set(info)
    for code, row in info.items():
        assert code.startswith(row["root_code"])
        assert row["base_code"] == (code[:3] if len(code) == 4 else code)
        assert -10 <= float(row["goldstein"]) <= 10


def test_quad_classes_follow_the_gdelt_split():
    # Roots 01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal conflict, 15-20 material conflict.
    expected = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4 for r in range(1, 21)}
    got = {row["root_code"]: int(row["quad_class"]) for row in schema.event_code_info().values()}
    assert got == expected
    assert "06-09" in schema.field("events", "quad_class")["description"]


def test_crosswalk_maps_the_flagship_states():
    c = schema.country_info()
    assert (c["RUS"]["cown"], c["PRK"]["cown"], c["SUN"]["cown"]) == ("365", "731", "365")


def test_codebook_field_reference_is_current():
    assert codebook.is_current(), "dataset/CODEBOOK.md is stale: run summitry.dataset.codebook.update_codebook()"


def test_stale_codebook_is_detected(tmp_path):
    text = codebook.codebook_path().read_text(encoding="utf-8")
    stale = tmp_path / "CODEBOOK.md"
    stale.write_text(text.replace("| `event_code` |", "| `event_kode` |"), encoding="utf-8")
    assert not codebook.is_current(stale)
    codebook.update_codebook(stale)
    assert codebook.is_current(stale)


def _string_literal_lists(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if items:
                yield node.lineno, items


def test_no_field_list_is_written_by_hand_outside_schemas():
    """A literal list naming four or more fields of one table is a second copy of the schema."""
    tables = {t: set(schema.field_names(t)) for t in schema.TABLES}
    offenders = []
    for folder in ("toolkit", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for lineno, items in _string_literal_lists(tree):
                for table, names in tables.items():
                    hits = [i for i in items if i in names]
                    if len(set(hits)) >= 4:
                        offenders.append(f"{path.relative_to(ROOT)}:{lineno} lists {table} fields {hits}")
    assert not offenders, "\n".join(offenders)


def test_field_list_detector_catches_a_copy(tmp_path):
    tree = ast.parse("COLUMNS = ['event_id', 'date', 'event_code', 'goldstein']")
    names = set(schema.field_names("events"))
    found = [items for _, items in _string_literal_lists(tree) if len(set(items) & names) >= 4]
    assert found


def test_release_manifests_carry_the_schemas_unchanged():
    for manifest in (ROOT / "dataset" / "releases").glob("*/datapackage.json"):
        m = json.loads(manifest.read_text(encoding="utf-8"))
        if m["summitry"]["schema_version"] != schema.dataset_descriptor()["schema_version"]:
            continue  # an older schema version is frozen in its own release
        for resource in m["resources"]:
            shipped = {k: v for k, v in resource["schema"].items() if k != "missingValues"}
            current = {k: v for k, v in schema.table_schema(resource["name"]).items() if k not in ("name", "title")}
            assert shipped == current, f"{manifest.parent.name}/{resource['name']}"
