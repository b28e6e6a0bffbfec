"""The build: checks every record, writes deterministically and atomically, or not at all."""

from __future__ import annotations

import subprocess
import sys

import pyarrow.parquet as pq
import pytest

import summitry
from summitry.dataset.releases import latest_version, release_path
from summitry.errors import RecordError, ReleaseExistsError, SummitryError

from .conftest import RECORDS


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_records_give_byte_identical_releases(tmp_path):
    a = summitry.build(RECORDS, "9.9.9", tmp_path / "a")
    b = summitry.build(RECORDS, "9.9.9", tmp_path / "b")
    assert _files(a) == _files(b)


def test_rebuilding_the_records_reproduces_the_latest_release(tmp_path):
    """The committed release is what the committed records build to (same rows, same metadata)."""
    version = latest_version()
    rebuilt = summitry.build(RECORDS, version, tmp_path)
    for table in summitry.schema.TABLES:
        shipped = pq.read_table(release_path(version) / f"{table}.parquet")
        fresh = pq.read_table(rebuilt / f"{table}.parquet")
        assert fresh.equals(shipped, check_metadata=True), table
    # croissant.json holds no build time, so the rebuild writes the same bytes.
    assert (rebuilt / "croissant.json").read_bytes() == (release_path(version) / "croissant.json").read_bytes()


def test_release_layout(tmp_path):
    out = summitry.build(RECORDS, "2.0.0", tmp_path)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in summitry.schema.TABLES] + ["datapackage.json", "croissant.json"])
    assert (tmp_path / "checksums.tsv").read_text().count("2.0.0\t") == len(summitry.schema.TABLES) + 2
    assert oct(out.stat().st_mode & 0o777) == "0o755"


def test_refuses_to_overwrite_a_release(tmp_path):
    summitry.build(RECORDS, "1.2.3", tmp_path)
    before = _files(tmp_path / "1.2.3")
    with pytest.raises(ReleaseExistsError, match="immutable"):
        summitry.build(RECORDS, "1.2.3", tmp_path)
    assert _files(tmp_path / "1.2.3") == before


def test_rejects_a_version_that_is_not_semver(tmp_path):
    with pytest.raises(SummitryError, match="semantic version"):
        summitry.build(RECORDS, "1.0", tmp_path)


def _break(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


BAD_RECORDS = {
    # name: (old text, new text, field named in the error, words in the error)
    "unknown_cameo_code": ('event_code: "046"', 'event_code: "999"', "event_code", "not in the code list cameo_event_codes"),
    "lost_leading_zero": ('event_code: "042"', "event_code: 42", "event_code", "did you mean '042'"),
    "impossible_date": ("start_date: 2024-06-19", "start_date: 2024-02-30", "start_date", "not a date that exists"),
    "unknown_actor": ("guest_leader_id: a-putin-vladimir", "guest_leader_id: a-nobody-known", "guest_leader_id", "not defined in actors"),
    "unknown_place": ("place_id: sp:kim-il-sung-square", "place_id: sp:red-square", "place_id", "not defined in places"),
    "duplicate_id": ("event_id: e-20240619-rus-prk-02", "event_id: e-20240619-rus-prk-01", "event_id", "duplicate id"),
    "bad_enum": ("visit_type: state", "visit_type: stately", "visit_type", "not one of"),
    "event_outside_visit": ("    date: 2024-06-19\n    date_precision: day\n    local_time: \"12:00\"",
                            "    date: 2024-06-21\n    date_precision: day\n    local_time: \"12:00\"", "date", "outside its visit"),
    "end_before_start": ("end_date: 2024-06-19", "end_date: 2024-06-18", "end_date", "before start_date"),
    "derived_field_given": ("    event_code: \"057\"", "    event_code: \"057\"\n    goldstein: 8.0", "goldstein", "derived by the build"),
    "unknown_field": ("    level: head_of_state", "    level: head_of_state\n    colour: red", "colour", "unknown field"),
    "alleged_without_party": ("    attributed_to: Western governments\n", "", "attributed_to", "required when attribution is alleged"),
    "event_without_source": ("""    coded_on: 2026-11-28
    sources:
      - source_id: s-kbs-es-20240620""", """    coded_on: 2026-11-28
    sourcez:
      - source_id: s-kbs-es-20240620""", "sourcez", "unknown field"),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_bad_record_is_named_and_nothing_is_written(case, flagship_file, tmp_path):
    old, new, fieldname, words = BAD_RECORDS[case]
    _break(flagship_file, old, new)
    out = tmp_path / "releases"
    with pytest.raises(RecordError) as info:
        summitry.build(flagship_file.parents[1], "1.0.0", out)
    problems = [p for p in info.value.problems if p.field == fieldname and words in p.message]
    assert problems, str(info.value)
    assert problems[0].file.endswith("v-20240619-rus-prk.yaml")
    assert problems[0].record  # names the record
    assert not out.exists() or not any(out.iterdir())


def test_malformed_yaml(flagship_file, tmp_path):
    flagship_file.write_text("visits:\n  - visit_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"v-20240619-rus-prk.yaml: not valid record YAML"):
        summitry.build(flagship_file.parents[1], "1.0.0", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_yaml_tag_that_would_construct_an_object_is_refused(flagship_file, tmp_path):
    flagship_file.write_text("visits:\n  - !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(RecordError, match="not valid record YAML"):
        summitry.build(flagship_file.parents[1], "1.0.0", tmp_path / "out")


def test_duplicate_key_in_a_mapping_is_refused(flagship_file, tmp_path):
    _break(flagship_file, "    visit_type: state\n", "    visit_type: state\n    visit_type: official\n")
    with pytest.raises(RecordError, match="duplicate key 'visit_type'"):
        summitry.build(flagship_file.parents[1], "1.0.0", tmp_path / "out")


def test_all_problems_are_reported_not_only_the_first(flagship_file, tmp_path):
    _break(flagship_file, 'event_code: "046"', 'event_code: "999"', count=2)
    _break(flagship_file, "visit_type: state", "visit_type: stately")
    with pytest.raises(RecordError) as info:
        summitry.build(flagship_file.parents[1], "1.0.0", tmp_path / "out")
    assert len(info.value.problems) >= 3


def test_cli_build_error_exits_nonzero_without_traceback(flagship_file, tmp_path):
    _break(flagship_file, 'event_code: "042"', "event_code: 42")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "summitry", "build", str(flagship_file.parents[1]),
                          "--version", "1.0.0", "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "v-20240619-rus-prk.yaml" in run.stderr and "event_code" in run.stderr and "'042'" in run.stderr
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_writes_a_release(tmp_path):
    run = subprocess.run([sys.executable, "-m", "summitry", "build", str(RECORDS), "--version", "3.0.0",
                          "--out", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "3.0.0" / "events.parquet").is_file()
