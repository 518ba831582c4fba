"""The direction of imports between the package's layers, as the README's architecture section
describes it: a module imports only from layers below its own. Read from the source with ast, so
a lazy import inside a function counts too."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "drafting"

# Lower number, lower layer. Every top-level module or package of drafting/ is listed: a new one
# must be placed here (and in the README) before it can be imported.
LAYERS = {
    # typed errors with codes, below everything that raises them; the bounds on input as data;
    # numbers read within those bounds (cells, stated figures)
    "errors": -3, "limits": -2, "values": -1,
    # regular-expression scanning that jumps to where a match can start (knows nothing else)
    "scan": -4,
    # the national template as data, and text-level helpers that know no report
    "formats": 0, "claims": 0, "secrets": 0, "injection": 0, "agencies": 0, "resources": 0,
    # the aspects of the year's facts and the facts' shapes, which the report model holds
    "facts": 0,
    # the report model
    "model": 1, "numbers": 1, "files": 1,
    # what is derived from a report: the form's relations, files, names, facts
    "relations": 2, "io": 2, "identity": 2, "readings": 2,
    "metrics": 3,
    # reading and checking
    "validator": 4, "ingest": 4,
    # drafting, export, persistence
    "engine": 5, "export": 5, "store": 5,
    # the workflows the app and the CLI share
    "workflow": 6, "spreadsheet": 6,
    "review": 7, "rollup": 7, "rollup_demo": 8,
    # front ends
    "cli": 9, "commands": 9, "__main__": 9, "readme": 9, "migrations": 9, "webui": 9,
}


# The CLI's command modules register on the CLI's app: one front-end layer.
ALIAS = {"commands": "cli", "__main__": "cli", "spreadsheet": "workflow"}   # python -m drafting runs the CLI   # the Excel import is part of the shared workflows
# Imports against the layering that are wanted, each with its reason.
ALLOWED = {
    # the fixture runner also runs the drafting checks' fixtures; only the tests call it
    ("drafting/validator/fixture.py", "engine"),
}


def _module(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _targets(path: Path) -> set[str]:
    mod = _module(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target + "." + a.name for a in node.names] if node.module is None else [target]
            out.update(n for n in names if n.startswith("drafting"))
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("drafting"))
    return out


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    return ALIAS.get(parts[1], parts[1]) if len(parts) > 1 else None


def test_every_module_has_a_layer():
    tops = {p.stem if p.is_file() else p.name for p in PKG.iterdir()
            if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert tops - set(LAYERS) == set(), "place new modules in LAYERS and in the README's architecture section"


def test_imports_point_down():
    wrong = []
    for path in PKG.rglob("*.py"):
        src = _layer_of(_module(path))
        if src is None:
            continue
        for target in _targets(path):
            dst = _layer_of(target)
            if dst is None or dst == src or dst not in LAYERS:
                continue
            if LAYERS[dst] >= LAYERS[src] and (str(path.relative_to(PKG.parent)), dst) not in ALLOWED:
                wrong.append(f"{path.relative_to(PKG.parent)} imports {target} ({src} → {dst})")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))
