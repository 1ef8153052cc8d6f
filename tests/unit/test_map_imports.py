"""The corridors map needs neither pyqtgraph nor numpy (about 290 ms to import): opening the Corridors tab at once
must not pay for them. Read from the source (no imports, no process): every module the map's modules import,
at the top or inside functions, followed through briefing_app, except under ``if TYPE_CHECKING``."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing_app

PACKAGE = Path(briefing_app.__file__).resolve().parent
HEAVY = {"pyqtgraph", "numpy"}


def module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    path = PACKAGE.joinpath(*parts)
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


def imports_of(name: str) -> set[str]:
    """Modules imported by ``name`` (absolute names; ``from a import b`` counts a.b when it is a module)."""
    file = module_file(name)
    assert file is not None, name
    tree = ast.parse(file.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if node.module.startswith("briefing_app") and module_file(f"{node.module}.{alias.name}"))
    return found


def closure(start: str) -> dict[str, str]:
    """Every module reachable from ``start``, each with the module that first imports it."""
    seen = {start: ""}
    todo = [start]
    while todo:
        name = todo.pop()
        for imported in imports_of(name):
            top = imported.split(".")[0]
            if imported not in seen:
                seen[imported] = name
                if top == "briefing_app":
                    todo.append(imported)
    return seen


def test_the_corridors_map_imports_neither_pyqtgraph_nor_numpy() -> None:
    for start in ("briefing_app.ui.map.view", "briefing_app.ui.map.viewbox", "briefing_app.ui.map.render"):
        reached = closure(start)
        heavy = {name: by for name, by in reached.items() if name.split(".")[0] in HEAVY}
        assert not heavy, f"{start} reaches {heavy}"
        assert "briefing_app.ui.map.viewbox" in reached  # the walk follows the map's own modules


def test_the_walk_sees_imports_inside_functions() -> None:
    # A lazy import inside a method counts as much as one at the top (view.py had "import pyqtgraph as pg")
    tree = imports_of("briefing_app.ui.map.view")
    assert "briefing_app.ui.map.viewbox" in tree
    assert "briefing_app.reports.formatting" in tree  # imported inside tooltip_at
