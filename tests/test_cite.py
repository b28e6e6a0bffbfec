"""One version string per thing: CITATION.cff, cite(), package metadata and manifests agree."""

from __future__ import annotations

from importlib.metadata import version as dist_version

import pytest
import yaml

import summitry
from summitry.errors import ChoiceError

from .conftest import ROOT


@pytest.fixture
def citation_cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_software_version_agrees(citation_cff):
    assert citation_cff["version"] == summitry.__version__ == dist_version("summitry")


def test_preferred_citation_is_the_latest_release(citation_cff):
    latest = summitry.versions()[-1]
    m = summitry.manifest(latest)
    pref = citation_cff["preferred-citation"]
    assert pref["version"] == latest
    assert pref["title"] == m["title"]
    assert pref["date-released"] == m["created"][:10]
    assert pref["license"] == m["licenses"][0]["name"]
    assert yaml.safe_load(summitry.cite(format="cff"))["version"] == latest


@pytest.mark.parametrize("version", summitry.versions())
def test_cite_names_the_release(version):
    m = summitry.manifest(version)
    bib = summitry.cite(version=version, format="bibtex")
    assert bib.startswith("@misc{summitry_" + version.replace(".", "_") + ",")
    assert f"version = {{{version}}}" in bib and f"year = {{{m['created'][:4]}}}" in bib
    assert f"(Version {version})" in summitry.cite(version=version, format="apa")
    ris = summitry.cite(version=version, format="ris")
    assert ris.startswith("TY  - DATA") and f"ET  - {version}" in ris and ris.rstrip().endswith("ER  -")
    cff = yaml.safe_load(summitry.cite(version=version, format="cff"))
    assert cff["type"] == "dataset" and cff["version"] == version and cff["license"] == "CC-BY-4.0"


def test_unknown_format_lists_the_choices():
    with pytest.raises(ChoiceError, match="bibtex, apa, ris, cff"):
        summitry.cite(format="chicago")
