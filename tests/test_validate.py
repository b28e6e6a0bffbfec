"""validate(): reports, real files, shipped releases, exactness across batches, rule docs."""

from __future__ import annotations

import csv
import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import summitry
from summitry.eventdata.gdelt import GdeltReader
from summitry.validation import rules

from .badinputs import CORPUS
from .eventfiles import REAL, ROOT, release_frame, write_gdelt


@pytest.mark.parametrize("version", summitry.versions())
def test_every_shipped_release_validates_clean(version):
    folder = summitry.path("events", version).parent
    report = summitry.validate(folder)
    assert report.ok and report.n_warnings == 0, report.summary()
    assert report.rows_checked == sum(len(summitry.load_table(t, version)) for t in summitry.tables(version))
    if summitry.manifest(version)["summitry"]["schema_version"] != summitry.schema.dataset_descriptor()["schema_version"]:
        return  # a table in memory is checked against the current schema; older releases differ by design
    for table in summitry.tables(version):
        df = summitry.load_table(table, version)
        r = summitry.validate(df, table, references=folder)
        assert r.ok and r.n_warnings == 0, r.summary()


def _raw_gdelt_oracle(path):
    """Padded and malformed actor codes counted with nothing but the csv module."""
    padded = pattern = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            for i in (5, 15):
                v = row[i]
                if v != v.strip():
                    padded += 1
                elif v and v != "---" and not re.fullmatch(r"[A-Z]{3}([A-Z]{3})*", v):
                    pattern += 1
    return padded, pattern


@pytest.mark.parametrize("name", ["gdelt2/20160802000000.export.CSV", "gdelt1/spark-gdelt-events1.csv",
                                  "gdelt1/20151207.export.CSV.small", "gdelt2/spark-gdelt-eventsT.csv"])
def test_real_gdelt_files_report_what_an_independent_count_finds(name):
    report = summitry.validate(REAL / name)
    padded, pattern = _raw_gdelt_oracle(REAL / name)
    assert report.count("padded-code") == padded
    assert report.count("pattern") == pattern
    assert report.count("malformed-row") == 0 and not report.unreadable


def test_real_files_known_errata():
    r = summitry.validate(REAL / "gdelt1/spark-gdelt-events1.csv")
    assert r.count("padded-code") == 20  # the " UIS" rows of 2013-04-01
    assert r.count("date-far-from-added") == 50  # backfile events of 1979 and 2010 added in 2013
    r = summitry.validate(REAL / "icews/20181004-icews-events.tab")
    assert set(r.errors.loc[r.errors.code == "unknown-event-code", "value"]) == {"1213"}
    assert r.count("duplicate-key") == 0
    r = summitry.validate(REAL / "icews/events.2018.sample.tab")
    assert r.ok


def test_report_api(tmp_path):
    p = write_gdelt(tmp_path / "x.export.CSV", "gdelt2",
                    [{}, {"EventCode": "42"}, {"Actor1Code": " RUS"}, {"QuadClass": "3"}, {"GLOBALEVENTID": "1000001"}])
    r = summitry.validate(p)
    assert not r.ok and not r.unreadable
    assert list(r.errors.columns[:8]) == ["code", "severity", "table", "row", "id", "field", "value", "message"]
    by_code = dict(zip(r.counts.code, r.counts["count"], strict=False))
    assert by_code == {"lost-leading-zero": 1, "padded-code": 1, "quad-class-mismatch": 1, "duplicate-key": 1}
    dup = r.errors[r.errors.code == "duplicate-key"].iloc[0]
    assert (dup.row, dup.id) == (5, "1000001")
    data = json.loads(r.to_json())
    assert data["ok"] is False and data["n_errors"] == 4 and len(data["errors"]) == 4
    assert len(r.summary().splitlines()) < 25
    truncated = summitry.validate(p, max_errors=2)
    assert len(truncated.errors) == 2 and truncated.truncated and truncated.n_errors == 4


def test_codes_stored_as_numbers_in_a_dataframe():
    df = summitry.load_events()
    df["event_code"] = df["event_code"].astype(int)
    r = summitry.validate(df)
    assert r.count("type-error") == 1 and r.count("lost-leading-zero") == len(df)


def test_uniqueness_is_exact_across_batches(tmp_path, monkeypatch):
    import summitry.validation.parts as v

    df = release_frame("events")
    df.loc[11, "event_id"] = df.loc[0, "event_id"]
    path = tmp_path / "events.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path, row_group_size=3)
    monkeypatch.setattr(v, "BATCH_ROWS", 3)
    r = summitry.validate(path)
    assert r.errors[r.errors.code == "duplicate-key"].row.tolist() == [11]

    lines = [{"GLOBALEVENTID": str(i)} for i in range(3000)] + [{"GLOBALEVENTID": "5"}]
    g = write_gdelt(tmp_path / "big.export.CSV", "gdelt2", lines)
    reader = GdeltReader([g], block_size=32 << 10)
    r = summitry.validate(reader)
    assert r.errors[r.errors.code == "duplicate-key"].row.tolist() == [3001]


@pytest.mark.parametrize("budget", [10**9, 5])
def test_keys_spilled_to_disk_give_the_same_answer(tmp_path, monkeypatch, budget):
    import summitry.validation.keys

    monkeypatch.setattr(summitry.validation.keys, "IN_MEMORY_KEYS", budget)
    g = write_gdelt(tmp_path / "d.export.CSV", "gdelt2",
                    [{"GLOBALEVENTID": str(i % 7)} for i in range(20)] + [{"GLOBALEVENTID": "007"}])
    r = summitry.validate(g)
    assert r.errors[r.errors.code == "duplicate-key"].row.tolist() == list(range(8, 21))
    short = summitry.validate(g, max_errors=3)
    assert short.count("duplicate-key") == 13 and len(short.errors) == 3
    ints = write_gdelt(tmp_path / "i.export.CSV", "gdelt2", [{"GLOBALEVENTID": str(i % 7)} for i in range(20)])
    r = summitry.validate(ints)  # plain integer ids, kept (and spilled) as int64
    assert r.errors[r.errors.code == "duplicate-key"].row.tolist() == list(range(8, 21))
    mixed = GdeltReader([ints, g], block_size=1 << 10)  # integer ids first, then a '007'
    r = summitry.validate(mixed)
    assert r.count("duplicate-key") == 13 + 21 - 1
    p = write_icews_dups(tmp_path)
    r = summitry.validate(p)
    assert r.errors[r.errors.code == "duplicate-key"][["row", "value"]].values.tolist() == [[3, "33000001, 2018-06-01"]]


def write_icews_dups(tmp_path):
    from .eventfiles import write_icews

    return write_icews(tmp_path / "i.tab", [{}, {"Event ID": "33000001"}, {"Event ID": "33000001", "Event Date": "2018-06-02"}])


def test_unreadable_input_is_reported_not_raised(tmp_path):
    r = summitry.validate(tmp_path / "missing.export.CSV")
    assert r.unreadable and "no such file" in r.errors.message[0]
    r = summitry.validate([REAL / "icews/events.2018.sample.tab", tmp_path / "missing.csv"])
    assert r.unreadable and r.rows_checked == 3705


def test_rules_doc_is_generated_from_the_registry():
    doc = ROOT / "docs" / "validation-rules.md"
    assert doc.read_text(encoding="utf-8") == rules.rules_markdown(), \
        "regenerate: python -c 'from summitry.validation.rules import rules_markdown as m; open(\"docs/validation-rules.md\",\"w\").write(m())'"


def test_every_rule_is_exercised_by_the_corpus():
    used = {code for bad in CORPUS for code in bad.expect}
    assert used == set(rules.RULES), set(rules.RULES) - used
    assert all(r.severity in (rules.ERROR, rules.WARNING) for r in rules.RULES.values())


def test_cli_usage_errors_exit_2_without_traceback(tmp_path):
    from click.testing import CliRunner

    from summitry.cli import main

    runner = CliRunner()
    for args in (["validate", str(REAL / "icews/events.2018.sample.tab"), "--table", "event"],
                 ["validate", str(REAL / "icews/events.2018.sample.tab"), "--format", "gdelt3"],
                 ["validate"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    result = runner.invoke(main, ["validate", str(REAL / "icews/events.2018.sample.tab"), "--format", "gdelt2"])
    # an ICEWS file forced through the GDELT 2.0 layout: every row has the wrong width
    assert result.exit_code == 1 and "malformed-row" in result.output and "Traceback" not in result.output
