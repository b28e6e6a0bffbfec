"""Citations of one dataset release, from its ``datapackage.json``.

The version, date, title and licence come from the release manifest, so a paper that
cites ``cite(version="1.0.0")`` names exactly the bytes it used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from ..errors import check_choice
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


def _facts(version: str | None) -> _Facts:
    version = resolve_version(version)
    m = manifest(version)
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


def cite(version: str | None = None, format: str = "bibtex") -> str:
    """The citation of dataset release ``version`` (latest if None) as bibtex, apa, ris or cff.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.
    format : {"bibtex", "apa", "ris", "cff"}
        The citation format: a BibTeX ``@misc`` entry, an APA reference, an RIS record or
        a ``CITATION.cff`` file.

    Returns
    -------
    str
        The citation, ending in a newline.

    Raises
    ------
    ChoiceError
        If ``format`` or ``version`` is unknown.
    """
    check_choice("citation format", format, FORMATS)
    f = _facts(version)
    return _WRITERS[format](f)


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
