"""The package's layers: a module imports only from its own stage or the stages below it.

The imports are read from the source with ``ast`` (every ``import`` and ``from ... import``,
at module level or inside a function), so a lazy import cannot slip past.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit" / "summitry"

# The ground floor imports nothing of summitry; `_version` is a constant anyone may read.
GROUND = {"schema", "errors", "_version"}
# Stage -> the stages it may import, besides its own and the ground floor.
ALLOWED: dict[str, set[str]] = {
    "ground": set(),
    "dataset": set(),
    "eventdata": set(),
    "validation": {"eventdata"},
    "analysis": {"dataset", "eventdata"},
    "plots": {"analysis", "dataset"},
    # the importer joins the readers and the validator
    "importer": {"eventdata", "validation"},
    # the package's public names re-export every stage, but not the command line
    "top": {"dataset", "eventdata", "validation", "analysis", "plots", "importer"},
    "cli": {"dataset", "eventdata", "validation", "analysis", "plots", "importer", "top"},
    "__main__": {"cli"},
}


def stage_of(module: str) -> str:
    """The stage of a dotted module name inside summitry (``summitry.dataset.load`` -> dataset)."""
    parts = module.split(".")
    if parts == ["summitry"]:
        return "top"
    first = parts[1]
    return "ground" if first in GROUND else first


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every summitry module that ``path`` imports."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "summitry"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "summitry":
                continue
            for alias in node.names:
                # `from summitry.dataset import load` imports the module load, judged as such
                sub = root.parent / Path(*target.split("."), alias.name)
                is_module = sub.with_suffix(".py").exists() or (sub / "__init__.py").exists()
                out.append((node.lineno, f"{target}.{alias.name}" if is_module else target))
    return out


def layer_violations(root: Path = PACKAGE) -> list[str]:
    """Every import that breaks the layer order, as 'file:line: a imports b (stage x may use ...)'."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        me = module_name(path, root)
        mine = stage_of(me)
        for line, target in imported_modules(path, root):
            theirs = stage_of(target)
            if theirs == mine and mine != "ground":
                continue
            # the schema package's own modules import one another
            if mine == "ground" and target.split(".")[:2] == me.split(".")[:2]:
                continue
            if mine == "ground":
                problems.append(f"{path.relative_to(root.parent)}:{line}: {me} imports {target}; "
                                f"schema, errors and _version import no other summitry module")
            elif theirs != "ground" and theirs not in ALLOWED[mine]:
                allowed = ", ".join(sorted(ALLOWED[mine] | {mine, "schema", "errors"}))
                problems.append(f"{path.relative_to(root.parent)}:{line}: {me} imports {target} "
                                f"(stage {theirs}); {mine} may import only: {allowed}")
    return problems


def test_every_module_respects_the_layers():
    problems = layer_violations()
    assert not problems, "imports that break the layer order:\n" + "\n".join(problems)


def test_the_layer_check_names_the_offending_import(tmp_path):
    root = tmp_path / "summitry"
    for pkg in ("dataset", "analysis", "cli"):
        (root / pkg).mkdir(parents=True)
        (root / pkg / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "schema.py").write_text("from .errors import check_choice\n")
    (root / "errors.py").write_text("")
    (root / "dataset" / "load.py").write_text("import json\n\n\ndef f():\n    from ..analysis.frequency import x\n")
    (root / "analysis" / "frequency.py").write_text("from ..dataset import load\nfrom .. import schema\n")
    (root / "analysis" / "bad.py").write_text("from ..cli import main\nimport summitry.cli.data\n")
    problems = layer_violations(root)
    assert any("dataset/load.py:5: summitry.dataset.load imports summitry.analysis.frequency" in p for p in problems)
    assert any("schema.py:1: summitry.schema imports summitry.errors" in p for p in problems)
    assert any("analysis/bad.py:1:" in p and "summitry.cli" in p for p in problems)
    assert any("analysis/bad.py:2:" in p and "summitry.cli.data" in p for p in problems)
    # allowed: analysis on dataset and on the ground floor
    assert not any("analysis/frequency.py" in p for p in problems)
    assert len(problems) == 4, problems
