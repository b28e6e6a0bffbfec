"""A release's ``croissant.json``: its MLCommons Croissant 1.1 description, from its manifest.

Croissant is the JSON-LD that dataset search engines and machine-learning loaders
(``mlcroissant``, TensorFlow Datasets, Hugging Face) read. Like the codebook, it is
generated, never written by hand: the dataset facts, the Parquet files (with their
SHA-256) and the fields of each table (with their types and descriptions) all come from
the release's ``datapackage.json``, whose table schemas are the schemas the release was
built with. The output holds no timestamp but the release's own ``created`` date, so the
same release always gives the same bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, cast

from .. import schema
from ..errors import ReleaseExistsError, SummitryError
from .atomic import atomic_file
from .cite import cite_manifest
from .releases import MANIFEST, release_path

FILENAME = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
# mlcroissant reads a Parquet file only under this media type (not application/vnd.apache.parquet).
PARQUET = "application/x-parquet"

# The standard Croissant 1.1 @context, as the MLCommons example datasets give it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataBiases": "cr:dataBiases",
    "dataCollection": "cr:dataCollection",
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "personalSensitiveInformation": "cr:personalSensitiveInformation",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

# Frictionless field type -> Croissant dataType. The WKB point geometry ("any" in the
# schemas) has no Croissant type of its own: mlcroissant reads sc:Text as bytes, and
# sc:GeoCoordinates says what the bytes are.
_DATA_TYPES: dict[str, str | list[str]] = {
    "string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean",
    "date": "sc:Date", "datetime": "sc:DateTime", "time": "sc:Time", "year": "sc:Integer",
    "any": ["sc:Text", "sc:GeoCoordinates"]}


def croissant(version: str | None = None) -> dict[str, Any]:
    """The Croissant 1.1 JSON-LD of a shipped release, as a dict.

    Releases from 2.0.0 on ship it as ``croissant.json``; for older ones (which are
    immutable) it is generated here from their manifests alone.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    dict
        The JSON-LD document: the dataset, one ``cr:FileObject`` per Parquet file and one
        ``cr:RecordSet`` per table.

    Raises
    ------
    ChoiceError
        If ``version`` is not a shipped release.
    """
    return _document(_read_manifest(release_path(version)))


def write_croissant(release_folder: str | os.PathLike[str]) -> Path:
    """Write ``croissant.json`` into a release folder, from its ``datapackage.json``.

    The Parquet files are hashed first, and the file is written whole (to a temporary
    name, then renamed), so a wrong file leaves nothing behind.

    Parameters
    ----------
    release_folder : str or path-like
        A folder holding a release's ``datapackage.json`` and its Parquet files.

    Returns
    -------
    Path
        The ``croissant.json`` written (or found there already, with the same bytes).

    Raises
    ------
    SummitryError
        If the manifest is missing or unreadable, or a Parquet file is missing or does not
        have the SHA-256 its manifest gives.
    ReleaseExistsError
        If the folder already holds a different ``croissant.json``: releases are immutable.
    """
    from .build import sha256  # the build imports this module; a top-level import would be circular

    folder = Path(release_folder)
    m = _read_manifest(folder)
    for resource in m["resources"]:
        path = folder / resource["path"]
        if not path.is_file():
            raise SummitryError(f"{path}: missing; {folder / MANIFEST} lists it as resource {resource['name']!r}")
        if sha256(path) != resource["sha256"]:
            raise SummitryError(f"{path}: its SHA-256 is not the {resource['sha256']} that {folder / MANIFEST} "
                                "gives; the release's files have changed since it was built")
    text = dumps(_document(m))
    target = folder / FILENAME
    if target.exists():
        if target.read_text(encoding="utf-8") == text:
            return target
        raise ReleaseExistsError(f"{target} already exists with other contents; releases are immutable")
    with atomic_file(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return target


def dumps(doc: dict[str, Any]) -> str:
    """The bytes ``croissant.json`` holds for ``doc``: indented, UTF-8, ending in a newline.

    Parameters
    ----------
    doc : dict
        A document from :func:`croissant`.

    Returns
    -------
    str
        The JSON text.
    """
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise SummitryError(f"{path}: missing; a release folder holds its datapackage.json") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SummitryError(f"{path}: not valid JSON ({exc})") from None


def _document(m: dict[str, Any]) -> dict[str, Any]:
    licence = m["licenses"][0]
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": m["name"],
        "description": m["description"],
        "version": m["version"],
        "datePublished": m["created"][:10],
        "license": licence.get("path") or licence["name"],
        "creator": [{"@type": "sc:Organization", "name": c["title"]} for c in m["contributors"]
                    if c.get("role", "author") == "author"],
        "publisher": {"@type": "sc:Organization", "name": m["publisher"]},
        "keywords": m["keywords"],
        "citeAs": cite_manifest(m, "bibtex"),
        "isBasedOn": [{"@type": "sc:CreativeWork", "name": s["title"], "url": s["path"]}
                      for s in m.get("sources", [])],
        "distribution": [_file_object(r) for r in m["resources"]],
        "recordSet": [_record_set(r) for r in m["resources"]],
    }
    if m.get("homepage"):
        doc["url"] = m["homepage"]
    return doc


def _file_object(resource: dict[str, Any]) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": resource["path"],
        "name": resource["path"],
        "description": f"{resource['title']}: the {resource['name']} table, {resource['rows']} rows.",
        "contentUrl": resource["path"],  # relative to croissant.json, which sits beside the files
        "contentSize": f"{resource['size_bytes']} B",
        "encodingFormat": PARQUET,
        "sha256": resource["sha256"],
    }


def _record_set(resource: dict[str, Any]) -> dict[str, Any]:
    table, ts = resource["name"], resource["schema"]
    pk = ts.get("primaryKey", [])
    # Foreign keys go into the descriptions, not into cr:references: mlcroissant 1.1 turns a
    # reference into a join it cannot run, and the records of the table would not load.
    refs = {f: f"{t}.{rf}" for f, t, rf in schema.foreign_keys_of(ts)}
    fields = [{
        "@type": "cr:Field",
        "@id": f"{table}/{f['name']}",
        "name": f["name"],
        "description": _describe(f, refs.get(f["name"])),
        "dataType": "sc:URL" if f.get("format") == "uri" else _data_type(table, f),
        "source": {"fileObject": {"@id": resource["path"]}, "extract": {"column": f["name"]}},
    } for f in ts["fields"]]
    return {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "description": ts.get("description", resource["title"]),
        "key": [{"@id": f"{table}/{k}"} for k in ([pk] if isinstance(pk, str) else pk)],
        "field": fields,
    }


def _data_type(table: str, f: dict[str, Any]) -> str | list[str]:
    try:
        return _DATA_TYPES[f["type"]]
    except KeyError:
        raise SummitryError(f"{table}.{f['name']}: field type {f['type']!r} has no Croissant dataType; "
                            f"known types: {', '.join(_DATA_TYPES)}") from None


def _describe(f: dict[str, Any], reference: str | None) -> str:
    # What a Croissant reader cannot see in the Parquet types: list fields are joined strings.
    desc = str(f.get("description", ""))
    if "separator" in f:
        desc += f" A list, joined by {f['separator']!r}."
    if reference:
        desc += f" References {reference}."
    return desc
