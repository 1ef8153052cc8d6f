"""The package has no import cycle: every module import (top level, inside functions, under TYPE_CHECKING) is
an edge, and the graph of briefing_app's modules has no strongly connected component larger than one module."""

from __future__ import annotations

import pytest

grimp = pytest.importorskip("grimp")  # installed with import-linter (the test extra)

# Cycles being broken on another branch right now; each entry names the modules of one cycle. Remove an entry
# when its cycle is gone.
KNOWN_CYCLES: set[frozenset[str]] = set()


def import_cycles(graph) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.find_modules_directly_imported_by(target)))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(frozenset(component))
    return found


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return grimp.build_graph("briefing_app")


def test_finder_sees_a_cycle() -> None:
    # Given a graph where a imports b, b imports c and c imports a; d stands alone
    fake = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.d", "p.a")):
        fake.add_import(importer=importer, imported=imported)
    # Then the finder reports exactly the cycle
    assert import_cycles(fake) == [frozenset({"p.a", "p.b", "p.c"})]


def test_package_has_no_import_cycle(graph) -> None:  # type: ignore[no-untyped-def]
    cycles = [sorted(c) for c in import_cycles(graph) if c not in KNOWN_CYCLES]
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)

