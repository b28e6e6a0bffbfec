"""Every bad input in the corpus is reported with exactly its codes and rows, by the
library and by the CLI (right exit code, no traceback)."""

from __future__ import annotations

import json
from collections import defaultdict

import pandas as pd
import pytest
from click.testing import CliRunner

from summitry.cli import main

from .badinputs import CORPUS
from .eventfiles import RELEASE


def _materialise(bad, folder):
    path = folder / bad.name
    bad.write(path)
    args = [str(RELEASE) if a == "RELEASE" else a for a in bad.args]
    kwargs = {k: (str(RELEASE) if v == "RELEASE" else v) for k, v in bad.kwargs.items()}
    return path, args, kwargs


def _found(errors) -> dict:
    out = defaultdict(list)
    for code, row in zip(errors["code"], errors["row"].astype(object), strict=False):
        out[code].append(None if pd.isna(row) else int(row))
    return {k: sorted(v, key=lambda r: -1 if r is None else r) for k, v in out.items()}


def test_corpus_is_large_and_named_after_what_breaks():
    assert len(CORPUS) >= 40
    assert len({b.name for b in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("dictionaries", [False, True], ids=["plain", "dictionary"])
@pytest.mark.parametrize("bad", CORPUS, ids=[b.name for b in CORPUS])
def test_library_reports_exactly_the_breakage(bad, tmp_path, dictionaries, monkeypatch):
    import summitry.validation.coerce

    # big batches check codes through dictionaries; force that path on small files too
    monkeypatch.setattr(summitry.validation.coerce, "DICTIONARY_MIN_ROWS", 0 if dictionaries else 10**9)
    path, _, kwargs = _materialise(bad, tmp_path)
    report = summitry.validate(path, bad.table, **kwargs)
    assert _found(report.errors) == bad.expect, report.summary()
    assert report.ok == (bad.exit_code == 0)


@pytest.mark.parametrize("bad", CORPUS, ids=[b.name for b in CORPUS])
def test_cli_exit_code_and_no_traceback(bad, tmp_path):
    path, args, _ = _materialise(bad, tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(path), "--table", bad.table, *args])
    assert result.exit_code == bad.exit_code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    as_json = runner.invoke(main, ["validate", str(path), "--table", bad.table, "--json", *args])
    data = json.loads(as_json.output)
    assert {c["code"] for c in data["counts"]} == set(bad.expect)
