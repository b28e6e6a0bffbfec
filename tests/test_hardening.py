"""Issue 9: what the bad-input corpus cannot express. Unwritable and special destinations,
full disks, Parquet sources an engine cannot read, missing references, versions that would
build bad paths, failed imports leaving nothing behind, and a process that exits after an error."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import summitry
from summitry import importer
from summitry.cli import main
from summitry.errors import SummitryError
from summitry.eventdata.gdelt import GdeltReader
from summitry.eventdata.inputs import InputError

from .eventfiles import RELEASE, release_frame, write_gdelt

UNWRITABLE = "/proc/version/x"  # under a regular file: refused even to root, which CI runs as


def _cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def gdelt(tmp_path):
    return write_gdelt(tmp_path / "in.export.CSV", "gdelt2", [{}, {}, {}])


def test_import_into_unwritable_folder_names_it_and_exits_2(gdelt):
    result = _cli("import", "gdelt", str(gdelt), "--out", UNWRITABLE)
    assert result.exit_code == 2 and UNWRITABLE in result.output and "not a folder" in result.output


def test_import_permission_denied_is_a_message(gdelt, tmp_path, monkeypatch):
    def refuse(self, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = _cli("import", "gdelt", str(gdelt), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "permission denied" in result.output and str(tmp_path / "out") in result.output


def test_build_into_unwritable_folder_exits_2():
    result = _cli("build", "dataset/records", "--version", "9.9.9", "--out", UNWRITABLE)
    assert result.exit_code == 2 and UNWRITABLE in result.output


@pytest.mark.parametrize("version", ["1.2.3\n", "1.2.3 ", "../1.2.3", "01.2.3"])
def test_build_refuses_a_version_that_is_not_strict_semver(version, tmp_path):
    result = _cli("build", "dataset/records", "--version", version, "--out", str(tmp_path))
    assert result.exit_code == 1 and "not a semantic version" in result.output
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_a_device_as_out_and_leaves_it_a_device(gdelt):
    result = _cli("import", "gdelt", str(gdelt), "--out", "/dev/null")
    assert result.exit_code == 2 and "character device" in result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_full_disk_fails_with_exit_2_and_leaves_no_folder(gdelt, tmp_path, monkeypatch):
    def full(self, batch):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importer._YearWriters, "add", full)
    out = tmp_path / "new" / "events"
    result = _cli("import", "gdelt", str(gdelt), "--out", str(out))
    assert result.exit_code == 2 and "no space left" in result.output
    assert not (tmp_path / "new").exists()  # made for nothing: removed whole


def test_failed_first_file_leaves_an_existing_folder_as_it_was(gdelt, tmp_path, monkeypatch):
    out = tmp_path / "events"
    out.mkdir()
    (out / "notes.txt").write_text("mine")

    def boom(self, batch):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(importer._YearWriters, "add", boom)
    with pytest.raises(SummitryError):
        summitry.import_events([gdelt], out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]  # no _schema.json, no .tmp-*


def test_files_being_written_match_no_reader_glob(gdelt, tmp_path, monkeypatch):
    seen = {}
    real_close = importer._YearWriters.close

    def close(self):
        years = real_close(self)
        seen["files"] = sorted(p.name for p in (tmp_path / "events").rglob("*.parquet"))
        seen["partial"] = sorted(p.name for p in (tmp_path / "events").rglob("*.partial"))
        return years

    monkeypatch.setattr(importer._YearWriters, "close", close)
    summitry.import_events([gdelt], tmp_path / "events")
    assert seen["files"] == [] and len(seen["partial"]) == 1


def test_skipped_gdelt1_lines_are_said_on_the_terminal(tmp_path):
    path = write_gdelt(tmp_path / "g.csv", "gdelt1-58", [{}, {}, {}])
    lines = path.read_text().split("\n")
    lines[1] = "\t".join(lines[1].split("\t")[:40])
    path.write_text("\n".join(lines))
    out = tmp_path / "events"
    result = _cli("import", "gdelt1", str(path), "--out", str(out))
    assert result.exit_code == 0
    assert "1 line(s) of" in result.output and "_imported.json" in result.output
    entry = next(iter(json.loads((out / "_imported.json").read_text())["files"].values()))
    assert entry["unreadable_rows"] == 1 and "40 fields" in entry["skipped"][0]["reason"]


def _parquet(path, table):
    pq.write_table(table, path)
    return path


def test_sources_an_engine_cannot_read_are_named(tmp_path):
    text = tmp_path / "text.parquet"
    text.write_text("event_id,date\n")
    zero = tmp_path / "zero.parquet"
    zero.write_bytes(b"")
    whole = _parquet(tmp_path / "whole.parquet", pa.table({"event_id": ["a"], "event_code": ["042"]}))
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[:-20])
    typed = _parquet(tmp_path / "typed.parquet", pa.table({"event_id": ["a"], "event_code": [42]}))
    for path, words in [(text, "not a Parquet file"), (zero, "empty"), (cut, "truncated"),
                        (typed, "event_code is int64 where the schema has text")]:
        with pytest.raises(InputError, match=words) as info:
            summitry.scan(path)
        assert str(path) in str(info.value)
    result = _cli("frequency", "--source", str(typed))
    assert result.exit_code == 2 and "event_code" in result.output


def test_symlink_loop_is_reported_as_one(tmp_path):
    loop = tmp_path / "loop.export.CSV"
    os.symlink(loop.name, loop)
    result = _cli("import", "gdelt", str(loop), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "symlink loop" in result.output
    assert "symlink loop" in summitry.validate(loop).summary()


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "f.export.CSV"
    os.mkfifo(fifo)
    for args in (["validate", str(fifo)], ["import", "gdelt", str(fifo), "--out", str(tmp_path / "o")]):
        done = subprocess.run([sys.executable, "-c", "from summitry.cli import main; main()", *args],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and "FIFO" in done.stdout + done.stderr


@pytest.mark.parametrize("what", ["missing", "empty"])
def test_references_folder_missing_or_without_tables_is_an_error(what, tmp_path):
    folder = tmp_path / "refs"
    if what == "empty":
        folder.mkdir()
    events = tmp_path / "events.csv"
    release_frame("events").to_csv(events, index=False)
    with pytest.raises(InputError, match="references folder"):
        summitry.validate(events, references=folder)
    result = _cli("validate", str(events), "--references", str(folder))
    assert result.exit_code == 2 and str(folder) in result.output


def test_line_longer_than_the_block_says_which_line(tmp_path):
    path = write_gdelt(tmp_path / "long.export.CSV", "gdelt2", [{}] * 5)
    lines = path.read_text().split("\n")
    fields = lines[3].split("\t")
    fields[6] = "x" * 5000
    lines[3] = "\t".join(fields)
    path.write_text("\n".join(lines))
    with pytest.raises(InputError, match=r"line 4 .*longer than the reader's block"):
        list(GdeltReader([path], block_size=1000))


def test_truncated_release_table_names_its_file(tmp_path):
    import shutil

    shutil.copytree(RELEASE, tmp_path / "r")
    visits = tmp_path / "r" / "visits.parquet"
    visits.write_bytes(visits.read_bytes()[:100])
    summary = summitry.validate(tmp_path / "r").summary()
    assert "nan:" not in summary and "visits.parquet" in summary


def _run_cli(args, **kw):
    return subprocess.Popen([sys.executable, "-c", "from summitry.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_import_exits_promptly_after_an_error_mid_file(tmp_path):
    # rows, then a line far longer than two 16 MiB blocks: the error comes mid-file, with threads running
    path = write_gdelt(tmp_path / "big.export.CSV", "gdelt2", [{}] * 2000)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("1\t" + "x" * (40 << 20) + "\n")
    t0 = time.monotonic()
    proc = _run_cli(["import", "gdelt", str(path), "--out", str(tmp_path / "out")])
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 2, err
    assert "line 2,001" in err and time.monotonic() - t0 < 60
    assert not (tmp_path / "out").exists()


def test_sigint_during_import_exits_130_and_keeps_only_committed_files(tmp_path):
    files = [write_gdelt(tmp_path / f"{i}.export.CSV", "gdelt2", [{}] * 20000) for i in range(6)]
    out = tmp_path / "out"
    proc = _run_cli(["import", "gdelt", *map(str, files), "--out", str(out)])
    deadline = time.monotonic() + 60
    while not (out / "_imported.json").exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(2)
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    if proc.returncode == 0:
        pytest.skip("the import finished before the signal arrived")
    assert proc.returncode == 130 and "Traceback" not in err
    listed = {f"part-{k[:16]}.parquet" for k in json.loads((out / "_imported.json").read_text())["files"]}
    assert {p.name for p in out.rglob("*.parquet")} <= listed
    assert not list(out.glob(".tmp-*"))
