"""The layers of docs/ARCHITECTURE.md: the import-linter contracts are kept, no private name
(``_x``) is imported from a module of another package, nothing imports a page, and the project's
modules import each other without a cycle. Each checker is first shown a tiny hand-made project
it must refuse, so a checker that finds nothing cannot pass by accident."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "bench",
    "scripts",
    "pages",
    "ui",
    "reports",
    "figures",
    "metrics",
    "access",
    "data_loaders",
    "sample",
    "common",
)

# No cycle among the project's modules (issue 19 part 2 ended the three inside data_loaders by
# moving InputError, Dataset, Problem and ImportResult into modules without project imports).
KNOWN_CYCLES: set[frozenset[str]] = set()


def _project() -> dict[str, str]:
    """Every production module by dotted name (app.py and the packages; tests left out)."""
    files = [ROOT / "app.py", *(p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py")))]
    out = {}
    for path in files:
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path.read_text(encoding="utf-8")
    return out


def _package(module: str, packages: set[str]) -> str:
    """The package a module belongs to: itself for a package's ``__init__``, else its parent."""
    return module if module in packages else module.rpartition(".")[0]


def _imports(modules: dict[str, str], packages: set[str]):
    """(importer, imported module, names taken from it, line) for every import, wherever it is
    written (inside functions too); relative imports resolved."""
    for name, source in modules.items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield name, alias.name, [], node.lineno
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = _package(name, packages).split(".")
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, base] if base else here)
                yield name, base, [alias.name for alias in node.names], node.lineno


def private_crossings(modules: dict[str, str], packages: set[str]) -> list[str]:
    """``from other.module import _name`` where ``other.module`` is in another package."""
    found = []
    for importer, imported, names, line in _imports(modules, packages):
        if imported not in modules:
            continue  # the standard library or a third party
        for taken in names:
            private = taken.startswith("_") and not taken.startswith("__")
            if private and _package(imported, packages) != _package(importer, packages):
                found.append(f"{importer}:{line} takes {imported}.{taken}")
    return found


def cycles(modules: dict[str, str], packages: set[str]) -> set[frozenset[str]]:
    """The groups of modules that import each other round a loop (strongly connected
    components of two or more). ``from pkg import sub`` counts as importing the module
    ``pkg.sub`` when there is one, else ``pkg``."""
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for importer, imported, names, _ in _imports(modules, packages):
        subs = {f"{imported}.{n}" for n in names} & modules.keys()
        targets = subs or ({imported} & modules.keys())
        edges[importer] |= targets - {importer}
    # Tarjan's algorithm, written without recursion
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.add(frozenset(group))
    return found


# A tiny project to refuse: b.two takes a._x from another package (the one crossing); c.four
# takes _private from its own package c (allowed) and os._exit from outside the project (not
# checked). Imports: a -> b.two -> b.three -> a is a loop of three; b.three's relative import
# reaches b._helpers, which imports nothing, so it is outside the loop.
TINY = {
    "a": "from b.two import Thing\n",
    "b": "",
    "b.two": "from a import _x\nfrom b.three import go\n",
    "b.three": "from ._helpers import helper\nfrom a import y\n",
    "b._helpers": "",
    "c": "",
    "c.four": "from os import _exit\nfrom . import _private\n",
}
TINY_PACKAGES = {"a", "b", "c"}


def test_the_checkers_refuse_a_tiny_project_that_breaks_the_rules():
    assert private_crossings(TINY, TINY_PACKAGES) == ["b.two:1 takes a._x"]
    assert cycles(TINY, TINY_PACKAGES) == {frozenset({"a", "b.two", "b.three"})}


def _packages(modules: dict[str, str]) -> set[str]:
    return {name for name in modules if (ROOT / name.replace(".", "/") / "__init__.py").exists()}


def test_no_private_name_is_imported_from_another_package():
    modules = _project()
    packages = _packages(modules)
    assert private_crossings(modules, packages) == []


def test_nothing_imports_a_page():
    modules = _project()
    found = _imports(modules, _packages(modules))
    takers = [f"{who}:{line}" for who, what, _, line in found if what.split(".")[0] == "pages"]
    assert takers == []


def test_the_project_has_no_import_cycle_but_the_known_ones():
    modules = _project()
    assert cycles(modules, _packages(modules)) - KNOWN_CYCLES == set()


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--no-logo", "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # the layers, data_loaders' pipeline, no streamlit below ui, nothing imports a page, pages
    # apart: five contracts, none broken
    assert "5 kept, 0 broken" in done.stdout
