"""The field reference of ``dataset/CODEBOOK.md``, generated from the schemas.

The codebook's coding rules are written by hand; its field reference is this module's
output, pasted between two marker lines. A test fails when the pasted text is stale, and
``update_codebook()`` rewrites it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import schema

BEGIN = "<!-- field reference: generated from schemas/ by summitry.codebook; do not edit by hand -->"
END = "<!-- end of field reference -->"


def _allowed(f: dict[str, Any]) -> str:
    c = f.get("constraints", {})
    parts = []
    if "enum" in c:
        parts.append(", ".join(f"`{v}`" for v in c["enum"]))
    if "codelist" in f:
        parts.append(f"code list `{f['codelist']}`")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c or "maximum" in c:
        parts.append(f"{c.get('minimum', '')} to {c.get('maximum', '')}")
    if "separator" in f:
        parts.append(f"list joined by `{f['separator'].strip() or f['separator']}`")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_field_reference() -> str:
    """Markdown tables, one per table, of every field with its type and rules.

    Returns
    -------
    str
        The field reference, ending in a newline.
    """
    out = []
    for table in schema.TABLES:
        ts = schema.table_schema(table)
        out.append(f"### {table}\n")
        out.append(f"{ts['description']}\n")
        keys = ", ".join(f"`{k}`" for k in schema.primary_key(table))
        fks = "; ".join(f"`{a}` → {t}.`{b}`" for a, t, b in schema.foreign_keys(table))
        out.append(f"Primary key: {keys}." + (f" Foreign keys: {fks}." if fks else "") + "\n")
        out.append("| field | type | required | allowed values | description |")
        out.append("|---|---|---|---|---|")
        for f in schema.fields(table):
            kind = f["type"] + (", categorical" if f.get("categorical") else "")
            required = "yes" if schema.is_required(f) else ""
            desc = f.get("description", "")
            if "derived" in f:
                desc += f" *Derived by the build: {f['derived']}.*"
            out.append(f"| `{f['name']}` | {kind} | {required} | {_cell(_allowed(f))} | {_cell(desc)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def codebook_path() -> Path:
    """Where ``dataset/CODEBOOK.md`` is in a checkout.

    Returns
    -------
    Path
        The codebook file (it exists only in a checkout, not in an installed package).
    """
    return schema.schemas_dir().resolve().parent / "dataset" / "CODEBOOK.md"


def _splice(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{render_field_reference()}\n{END}{tail}"


def is_current(path: Path | None = None) -> bool:
    """Whether the codebook's field reference is what :func:`render_field_reference` gives.

    Parameters
    ----------
    path : Path or None
        The codebook; :func:`codebook_path` if None.

    Returns
    -------
    bool
        True if both marker lines are there and the text between them is current.
    """
    text = (path or codebook_path()).read_text(encoding="utf-8")
    return BEGIN in text and END in text and _splice(text) == text


def update_codebook(path: Path | None = None) -> Path:
    """Rewrite the generated part of the codebook in a checkout.

    Parameters
    ----------
    path : Path or None
        The codebook; :func:`codebook_path` if None.

    Returns
    -------
    Path
        The codebook file rewritten.

    Raises
    ------
    ValueError
        If the file lacks either marker line.
    """
    path = path or codebook_path()
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise ValueError(f"{path} has no field-reference markers ({BEGIN!r} ... {END!r})")
    path.write_text(_splice(text), encoding="utf-8")
    return path
