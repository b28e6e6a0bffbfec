"""Shared fixtures. Tests make or ship the small files they need; nothing uses the network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "dataset" / "records"
RELEASES = ROOT / "dataset" / "releases"


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def records_copy(tmp_path) -> Path:
    """A writable copy of the repository's records, to break one way per test."""
    dest = tmp_path / "records"
    shutil.copytree(RECORDS, dest)
    return dest


@pytest.fixture
def flagship_file(records_copy) -> Path:
    return records_copy / "visits" / "v-20240619-rus-prk.yaml"
