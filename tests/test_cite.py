"""One version string per thing: CITATION.cff, cite(), package metadata and manifests agree."""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import version as dist_version

import pytest
import yaml
from cffconvert.cli.cli import cli as cffconvert
from click.testing import CliRunner

import summitry
from summitry.errors import ChoiceError

from .conftest import ROOT


@pytest.fixture
def citation_cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


@pytest.fixture
def codemeta():
    return json.loads((ROOT / "codemeta.json").read_text(encoding="utf-8"))


def test_software_version_agrees(citation_cff, codemeta):
    assert citation_cff["version"] == codemeta["version"] == summitry.__version__ == dist_version("summitry")


def _cffconvert_validate(path):
    """Run ``cffconvert --validate -i path``; its exit code and what it printed."""
    result = CliRunner().invoke(cffconvert, ["--validate", "-i", str(path)])
    return result.exit_code, result.output + (repr(result.exception) if result.exception else "")


def test_citation_cff_validates():
    code, output = _cffconvert_validate(ROOT / "CITATION.cff")
    assert code == 0 and "valid according to schema version 1.2.0" in output, output


@pytest.mark.parametrize("covariates", [[], ["--covariates"]], ids=["release", "with-covariates"])
@pytest.mark.parametrize("version", summitry.versions())
def test_cite_cff_validates(version, covariates, tmp_path):
    """What ``summitry cite --version X --format cff`` prints is a valid CITATION.cff."""
    from summitry.cli import main

    printed = CliRunner().invoke(main, ["cite", "--version", version, "--format", "cff", *covariates])
    assert printed.exit_code == 0, printed.output
    path = tmp_path / "CITATION.cff"
    path.write_text(printed.output, encoding="utf-8")
    assert yaml.safe_load(printed.output)["version"] == version
    code, output = _cffconvert_validate(path)
    assert code == 0 and "valid according to schema version 1.2.0" in output, output


def test_cffconvert_rejects_a_citation_without_authors(tmp_path):
    """The validation above is a real check: a cff with no authors fails it."""
    doc = yaml.safe_load(summitry.cite(format="cff"))
    del doc["authors"]
    path = tmp_path / "CITATION.cff"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    code, _ = _cffconvert_validate(path)
    assert code != 0


def test_codemeta_follows_pyproject(codemeta):
    """codemeta.json says what pyproject.toml says; edit both together."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert codemeta["@context"] == "https://w3id.org/codemeta/3.0"
    assert codemeta["@type"] == "SoftwareSourceCode"
    assert codemeta["name"] == project["name"] == "summitry"
    assert codemeta["description"] == project["description"]
    assert codemeta["license"] == "https://spdx.org/licenses/" + project["license"] == "https://spdx.org/licenses/BSD-3-Clause"
    assert codemeta["keywords"] == project["keywords"]
    assert [a["name"] for a in codemeta["author"]] == [a["name"] for a in project["authors"]]
    assert codemeta["programmingLanguage"]["name"] == "Python"
    assert codemeta["runtimePlatform"] == "Python " + project["requires-python"]
    missing = sorted(set(project["dependencies"]) - set(codemeta["softwareRequirements"]))
    extra = sorted(set(codemeta["softwareRequirements"]) - set(project["dependencies"]))
    assert not missing and not extra, (
        f"codemeta.json softwareRequirements: add {missing}, remove {extra} (from pyproject.toml dependencies)")


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
