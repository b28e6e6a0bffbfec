"""diff(): records added, retracted and changed between releases, by stable id."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import summitry
from summitry.cli import main
from summitry.dataset import releases
from summitry.errors import ChoiceError

from .conftest import RECORDS, ROOT


def test_a_release_against_itself_has_no_changes():
    d = summitry.diff("1.0.0", "1.0.0")
    assert d.counts().to_numpy().sum() == 0


@pytest.fixture
def two_releases(tmp_path, monkeypatch, records_copy):
    """Release 1.0.0 as built from the records, and a 1.0.1 with one change of each kind."""
    summitry.build(RECORDS, "1.0.0", tmp_path)
    flagship = records_copy / "visits" / "v-20240619-rus-prk.yaml"
    text = flagship.read_text(encoding="utf-8")
    text = text.replace("Kim gives Putin artworks depicting him, including busts.",
                        "Kim gives Putin artworks depicting him, and busts.")
    # retract event 12: drop its block (up to the sources section)
    start = text.index("  - event_id: e-20240619-rus-prk-12")
    text = text[:start] + text[text.index("  - event_id: e-20240619-rus-prk-13"):]
    text = text.replace("    agreements:\n", "    agreements:\n      - Agreement on cooperation in healthcare\n")
    flagship.write_text(text, encoding="utf-8")
    summitry.build(records_copy, "1.0.1", tmp_path, upstream=RECORDS.parent / "upstream")
    monkeypatch.setattr(releases, "releases_dir", lambda: tmp_path)
    return tmp_path


def test_diff_finds_each_kind_of_change(two_releases):
    d = summitry.diff("1.0.0", "1.0.1")
    events = d.tables["events"]
    assert events.retracted == ["e-20240619-rus-prk-12"] and events.added == []
    changed = events.changed.set_index("field")
    assert changed.loc["summary", "id"] == "e-20240619-rus-prk-09"
    assert changed.loc["summary", "new"] == "Kim gives Putin artworks depicting him, and busts."
    visit = d.tables["visits"].changed
    assert list(visit["field"]) == ["agreements"] and visit["new"].iloc[0].startswith("Agreement on cooperation")
    assert d.tables["event_sources"].retracted == ["e-20240619-rus-prk-12/s-kbs-es-20240620",
                                                   "e-20240619-rus-prk-12/s-views-20240620"]
    assert d.counts().loc["events"].tolist() == [0, 1, 1]


def test_diff_cli_table_and_json(two_releases):
    r = CliRunner().invoke(main, ["diff", "1.0.0", "1.0.1", "--table", "events", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["tables"]["events"]["retracted"] == ["e-20240619-rus-prk-12"]
    assert set(doc["tables"]) == {"events"}
    r = CliRunner().invoke(main, ["diff", "1.0.0", "1.0.1"])
    assert r.exit_code == 0 and "events retracted: e-20240619-rus-prk-12" in r.output


def test_diff_unknown_version_lists_the_choices():
    with pytest.raises(ChoiceError, match="valid choices"):
        summitry.diff("1.0.0", "0.0.1")
    r = CliRunner().invoke(main, ["diff", "1.0.0", "0.0.1"])
    assert r.exit_code == 2 and "Traceback" not in r.output


def _changelog_counts():
    """{version: {table: (added, corrected, retracted)}} from dataset/CHANGELOG.md."""
    text = (ROOT / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    out = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        version = block.split()[0]
        rows = re.findall(r"^\| (\w+) \| (\d+) \| (\d+) \| (\d+) \|$", block, flags=re.M)
        out[version] = {t: tuple(map(int, n)) for t, *n in rows}
    return out


def test_changelog_counts_match_the_releases():
    counts = _changelog_counts()
    versions = summitry.versions()
    assert set(counts) == set(versions)
    first = versions[0]
    assert counts[first] == {r["name"]: (r["rows"], 0, 0) for r in summitry.manifest(first)["resources"]}
    for old, new in zip(versions, versions[1:], strict=False):
        d = summitry.diff(old, new).counts()
        assert counts[new] == {t: (int(d.loc[t, "added"]), int(d.loc[t, "changed"]), int(d.loc[t, "retracted"]))
                               for t in summitry.tables(new)}, new
