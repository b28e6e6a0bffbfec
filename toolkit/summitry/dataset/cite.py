"""Citations of one dataset release, from its ``datapackage.json``.

The version, date, title and licence come from the release manifest, so a paper that
cites ``cite(version="1.0.0")`` names exactly the bytes it used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict

from ..errors import SummitryError, check_choice
from .releases import manifest, resolve_version

FORMATS = ("bibtex", "apa", "ris", "cff")


class _Facts(TypedDict):
    """What every citation format is written from."""

    version: str
    title: str
    authors: list[str]
    date: str  # YYYY-MM-DD
    year: str
    url: str | None
    license: str
    publisher: str


def _facts(m: dict[str, Any]) -> _Facts:
    version = str(m["version"])
    authors = [c["title"] for c in m["contributors"] if c.get("role", "author") == "author"]
    return {
        "version": version,
        "title": m["title"],
        "authors": authors,
        "date": m["created"][:10],
        "year": m["created"][:4],
        "url": m.get("homepage"),
        "license": m["licenses"][0]["name"],
        "publisher": m["publisher"],
    }


def cite(version: str | None = None, format: str = "bibtex", *, covariates: object = False) -> str:
    """The citation of dataset release ``version`` (latest if None) as bibtex, apa, ris or cff.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    format : {"bibtex", "apa", "ris", "cff"}
        The citation format: a BibTeX ``@misc`` entry, an APA reference, an RIS record or
        a ``CITATION.cff`` file.
    covariates : bool, pandas.DataFrame or list of str
        Also cite the covariate data sets (``schemas/covariates.json``): True for all of
        them, a panel for those its ``add_*`` calls used (its ``attrs["covariates"]``), or
        their keys; in ``cff`` as ``references``.

    Returns
    -------
    str
        The citation, ending in a newline.

    Raises
    ------
    ChoiceError
        If ``format`` or ``version`` is unknown.
    """
    check_choice("citation format", format, FORMATS)  # report a wrong format before reading any manifest
    return cite_manifest(manifest(resolve_version(version)), format) + _covariate_citations(covariates, format)


def cite_manifest(m: dict[str, Any], format: str = "bibtex") -> str:
    """The citation of the release that the manifest ``m`` describes, shipped or not.

    The build uses it to write a release's citation into its ``croissant.json`` before
    the release is in place.

    Parameters
    ----------
    m : dict
        A release's ``datapackage.json``, parsed.
    format : {"bibtex", "apa", "ris", "cff"}
        The citation format.

    Returns
    -------
    str
        The citation, ending in a newline.

    Raises
    ------
    ChoiceError
        If ``format`` is unknown.
    """
    check_choice("citation format", format, FORMATS)
    return _WRITERS[format](_facts(m))


def _bibtex(f: _Facts) -> str:
    key = "summitry_" + f["version"].replace(".", "_")
    entries = [("author", " and ".join("{" + a + "}" for a in f["authors"])), ("title", f["title"]),
               ("year", f["year"]), ("version", f["version"]), ("publisher", f["publisher"]),
               ("url", f["url"]),
               ("note", f"Dataset release {f['version']}, {f['date']}. Licence {f['license']}")]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in entries if v)
    return f"@misc{{{key},\n{body}\n}}\n"


def _apa(f: _Facts) -> str:
    url = f" {f['url']}" if f["url"] else ""
    return (f"{', '.join(f['authors'])}. ({f['year']}). {f['title']} (Version {f['version']}) "
            f"[Data set]. {f['publisher']}.{url}\n")


def _ris(f: _Facts) -> str:
    tags = [("TY", "DATA")] + [("AU", a) for a in f["authors"]] + [
        ("TI", f["title"]), ("PY", f["year"]), ("DA", f["date"].replace("-", "/")),
        ("ET", f["version"]), ("PB", f["publisher"]), ("UR", f["url"]), ("ER", "")]
    return "\n".join(f"{t}  - {v}" for t, v in tags if v is not None) + "\n"


def _cff(f: _Facts) -> str:
    import yaml

    doc = {"cff-version": "1.2.0", "message": "If you use this dataset, please cite it as below.",
           "type": "dataset", "title": f["title"], "version": f["version"],
           "date-released": f["date"], "license": f["license"],
           "authors": [{"name": a} for a in f["authors"]]}
    if f["url"]:
        doc["url"] = f["url"]
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


_WRITERS: dict[str, Callable[[_Facts], str]] = {"bibtex": _bibtex, "apa": _apa, "ris": _ris, "cff": _cff}


def _covariate_citations(covariates: object, format: str) -> str:
    """The references of the covariate data sets ``covariates`` names, in ``format``."""
    import json

    from ..schema import schemas_dir

    if covariates is False or covariates is None:
        return ""
    known: dict[str, dict[str, Any]] = json.loads((schemas_dir() / "covariates.json").read_text("utf-8"))["datasets"]
    attrs = getattr(covariates, "attrs", None)
    names = list(known) if covariates is True else list(attrs.get("covariates", [])) if isinstance(
        attrs, dict) else [str(n) for n in covariates] if isinstance(covariates, (list, tuple)) else None
    if names is None:
        raise SummitryError(f"covariates= takes True, a panel or a list of keys, not {type(covariates).__name__}")
    for n in names:
        check_choice("covariate data set", n, tuple(known))
    refs = [known[n] for n in dict.fromkeys(names)]
    if format == "cff":
        import yaml

        return yaml.safe_dump({"references": [_cff_ref(r) for r in refs]}, sort_keys=False, allow_unicode=True)
    return "".join(("\n" if format != "ris" else "") + _REF_WRITERS[format](r) for r in refs)


def _ref_bibtex(r: dict[str, Any]) -> str:
    fields = [("author", " and ".join(r["authors"]))] + [
        (k, r[k]) for k in ("title", "journal", "year", "volume", "number", "pages", "doi", "url") if r.get(k)]
    fields.append(("note", f"{r['data']} version {r['version']}, via peacesciencer"))
    return f"@{r['type']}{{{r['bibtexkey']},\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}\n"


def _ref_apa(r: dict[str, Any]) -> str:
    # the bibliography gives some articles no volume, issue or pages: write what it gives
    issue = f"({r['number']})" if r.get("number") else ""
    pages = (r.get("pages") or "").replace("--", "-")
    parts = [r.get("journal"), f"{r.get('volume') or ''}{issue}" or None, pages or None]
    where = f" {', '.join(p for p in parts if p)}." if r.get("journal") else ""
    link = f" https://doi.org/{r['doi']}" if r.get("doi") else f" {r['url']}" if r.get("url") else ""
    names = [a.strip("{}") for a in r["authors"]]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    return f"{who} ({r['year']}). {r['title'].replace('{', '').replace('}', '')}.{where}{link}\n"


def _ref_ris(r: dict[str, Any]) -> str:
    tags = [("TY", "JOUR" if r["type"] == "article" else "DATA")] + [("AU", a.strip("{}")) for a in r["authors"]] + [
        ("TI", r["title"].replace("{", "").replace("}", "")), ("PY", r["year"]), ("JO", r.get("journal")),
        ("VL", r.get("volume")), ("IS", r.get("number")), ("DO", r.get("doi")), ("UR", r.get("url")), ("ER", "")]
    return "\n".join(f"{t}  - {v}" for t, v in tags if v is not None) + "\n"


def _cff_ref(r: dict[str, Any]) -> dict[str, Any]:
    authors = [{"family-names": a.split(", ")[0], "given-names": a.split(", ")[1]} if ", " in a
               else {"name": a.strip("{}")} for a in r["authors"]]
    # CFF's reference types call a data set "data" ("dataset" is a root type only).
    ref: dict[str, Any] = {"type": r["type"] if r["type"] == "article" else "data",
                           "title": r["title"].replace("{", "").replace("}", ""), "authors": authors,
                           "year": int(r["year"])}
    for key, cff in (("journal", "journal"), ("volume", "volume"), ("number", "issue"), ("doi", "doi"), ("url", "url")):
        if r.get(key):
            ref[cff] = int(r[key]) if cff == "volume" else r[key]  # CFF types volume as an integer
    return ref


_REF_WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {"bibtex": _ref_bibtex, "apa": _ref_apa, "ris": _ref_ris}
