"""The code's shape, kept by tests: ruff and mypy clean, the import boundaries between the parts, and no
import cycle among modules (module-level imports; imports inside functions are deliberate and lazy)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PARTS = ("cli", "client", "common", "deploy", "server", "simulations")
# part → parts it must never import (anywhere, lazily included)
FORBIDDEN = {
    "common": {"cli", "client", "deploy", "server", "simulations"},
    "server": {"cli", "client", "deploy", "simulations"},
    "client": {"cli", "server", "deploy", "simulations"},
}


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed in this environment: run `make setup` (it installs .[test])")
    return found


def _modules() -> dict[str, Path]:
    out = {}
    for part in PARTS:
        for path in (REPO / part).rglob("*.py"):
            if "results" in path.relative_to(REPO).parts:
                continue
            dotted = ".".join(path.relative_to(REPO).with_suffix("").parts)
            out[dotted.removesuffix(".__init__")] = path
    return out


def _imports(path: Path, module: str, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
                names.add(f"{prefix}.{node.module}" if node.module else prefix)
                names.update(f"{prefix}.{node.module + '.' if node.module else ''}{a.name}" for a in node.names)
            elif node.module:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_ruff_is_clean():
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_is_clean():
    result = subprocess.run([_tool("mypy")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_parts_import_only_what_the_layout_allows():
    offences = []
    for module, path in _modules().items():
        part = module.split(".")[0]
        for name in _imports(path, module, top_level_only=False):
            if name.split(".")[0] in FORBIDDEN.get(part, ()):
                offences.append(f"{path.relative_to(REPO)} imports {name}")
    assert not offences, "\n".join(sorted(set(offences)))


def test_no_import_cycle_at_module_level():
    modules = _modules()
    graph = {m: {n for n in _imports(p, m, top_level_only=True) if n in modules and n != m}
             for m, p in modules.items()}
    # a package's __init__ re-exporting its own submodules is not a cycle through them
    graph = {m: {n for n in deps if not (n.startswith(m + ".") and modules[m].name == "__init__.py")}
             for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)
